import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	integrations,
	obj,
	request,
	sandboxForSuite,
	type Reply,
} from './helpers';
import {
	connectedKey,
	control,
	createInvoice,
	invoiceBody,
	newInvoice,
	readInvoice,
} from './invoice-helpers';

const sb = sandboxForSuite();
const INVOICE_ID_RE = /^inv_[0-9a-f]{32}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * Asserts a flat error body.
 * @param r      the reply
 * @param status expected HTTP status
 * @param code   expected `code`
 * @return the body
 */
function assertFlat(
	r: Reply,
	status: number,
	code: string
): Record< string, unknown > {
	assert.equal( r.status, status, r.text );
	const b = obj( r.json );
	assert.equal( b.code, code, r.text );
	assert.equal( typeof b.error, 'string' );
	return b;
}

describe( 'POST /v1/invoices', () => {
	it( 'creates an invoice: 201 with every §A5 answer field', async () => {
		const key = await connectedKey( sb.url );
		const before = Date.now();
		const r = await createInvoice( sb.url, key );
		assert.equal( r.status, 201, r.text );
		assert.match( r.contentType, /^application\/json/ );
		const b = obj( r.json );
		assert.deepEqual( Object.keys( b ).sort(), [
			'amount',
			'checkout_url',
			'currency',
			'expires_at',
			'external_order_id',
			'id',
			'invoiceId',
			'status',
		] );
		assert.match( String( b.id ), INVOICE_ID_RE );
		assert.equal( b.invoiceId, b.id );
		assert.equal( b.status, 'pending' );
		assert.equal( b.checkout_url, `${ sb.checkoutUrl }/pay/${ b.id }` );
		assert.equal( b.amount, '19.99' );
		assert.equal( b.currency, 'USD' );
		assert.equal( b.external_order_id, '1234' );
		assert.match( String( b.expires_at ), ISO_RE );
		const lifetime = Date.parse( String( b.expires_at ) ) - before;
		assert.ok(
			lifetime > 29 * 60_000 && lifetime <= 30 * 60_000 + 1000,
			`default lifetime 30 min, got ${ lifetime } ms`
		);
	} );

	it( 'dedupes on store + external_order_id: 200 with the existing invoice whatever amount was sent', async () => {
		const key = await connectedKey( sb.url );
		const first = await newInvoice( sb.url, key );
		const again = await createInvoice(
			sb.url,
			key,
			invoiceBody( { amount: '25.00', currency: 'EUR' } )
		);
		assert.equal( again.status, 200 );
		assert.deepEqual( again.json, first );
		const other = await newInvoice( sb.url, key, {
			external_order_id: '1234-2',
		} );
		assert.notEqual( other.id, first.id );
		assert.equal( other.external_order_id, '1234-2' );
	} );

	it( 'a rotating reconnect keeps the integration: same invoice, not a conflict', async () => {
		const key = await connectedKey( sb.url );
		const first = await newInvoice( sb.url, key );
		const rotated = await connectedKey( sb.url );
		assert.notEqual( rotated, key );
		const again = await createInvoice( sb.url, rotated );
		assert.equal( again.status, 200 );
		assert.equal( obj( again.json ).id, first.id );
	} );

	it( '409 EXTERNAL_ORDER_INTEGRATION_CONFLICT when another integration of the store created that id', async () => {
		const live = await connectedKey( sb.url, 'https://shop.example.com' );
		const staging = await connectedKey(
			sb.url,
			'https://staging.shop.example.com'
		);
		await newInvoice( sb.url, live );
		assertFlat(
			await createInvoice( sb.url, staging ),
			409,
			'EXTERNAL_ORDER_INTEGRATION_CONFLICT'
		);
		const next = await createInvoice(
			sb.url,
			staging,
			invoiceBody( { external_order_id: '1234-2' } )
		);
		assert.equal( next.status, 201, 'the next suffix is free' );
	} );

	it( 'another store may use the same external_order_id', async () => {
		const northwind = await connectedKey( sb.url );
		const fresh = await connectedKey(
			sb.url,
			'https://other.example.com',
			'sk_live_sandbox_nopayout'
		);
		await request( sb.url, '/__sandbox/store', {
			method: 'POST',
			body: JSON.stringify( {
				site_url: 'https://other.example.com',
				payout_configured: true,
			} ),
		} );
		const a = await newInvoice( sb.url, northwind );
		const b = await newInvoice( sb.url, fresh );
		assert.notEqual( a.id, b.id );
	} );

	it( '400 payout_wallet_not_configured for a store without a payout wallet; nothing created', async () => {
		const key = await connectedKey(
			sb.url,
			'https://shop.example.com',
			'sk_live_sandbox_nopayout'
		);
		assertFlat(
			await createInvoice( sb.url, key ),
			400,
			'payout_wallet_not_configured'
		);
		const listed = obj(
			( await request( sb.url, '/__sandbox/invoices' ) ).json
		);
		assert.deepEqual( listed.invoices, [] );
		await control( sb.url, 'store', {
			site_url: 'https://shop.example.com',
			payout_configured: true,
		} );
		assert.equal( ( await createInvoice( sb.url, key ) ).status, 201 );
	} );

	it( 'keys: missing 401 UNAUTHORIZED, connection key 403 BOOTSTRAP_KEY_INVOICE_FORBIDDEN, unknown/revoked/rotated 401, disconnected 404', async () => {
		assertFlat( await createInvoice( sb.url, null ), 401, 'UNAUTHORIZED' );
		for ( const bootstrap of [
			'sk_live_sandbox_ready',
			'sk_live_sandbox_nopayout',
			'sk_live_sandbox_error500',
		] ) {
			assertFlat(
				await createInvoice( sb.url, bootstrap ),
				403,
				'BOOTSTRAP_KEY_INVOICE_FORBIDDEN'
			);
		}
		assertFlat(
			await createInvoice( sb.url, 'sk_live_unknown' ),
			401,
			'INVALID_API_KEY'
		);
		const old = await connectedKey( sb.url );
		const current = await connectedKey( sb.url );
		assertFlat(
			await createInvoice( sb.url, old ),
			401,
			'INVALID_API_KEY'
		);
		await control( sb.url, 'revoke', {
			site_url: 'https://shop.example.com',
		} );
		assertFlat(
			await createInvoice( sb.url, current ),
			401,
			'INVALID_API_KEY'
		);
		const other = await connectedKey( sb.url, 'https://b.example.com' );
		await request( sb.url, '/v1/integration/woocommerce/disconnect', {
			method: 'POST',
			headers: { authorization: `Bearer ${ other }` },
		} );
		assertFlat(
			await createInvoice( sb.url, other ),
			404,
			'INTEGRATION_NOT_FOUND'
		);
		assert.deepEqual(
			obj( ( await request( sb.url, '/__sandbox/invoices' ) ).json )
				.invoices,
			[]
		);
	} );

	it( 'the key is checked before the body', async () => {
		assertFlat(
			await createInvoice( sb.url, 'sk_live_sandbox_ready', 'not json' ),
			403,
			'BOOTSTRAP_KEY_INVOICE_FORBIDDEN'
		);
	} );

	it( '400 INVALID_JSON for a body that is not JSON or not sent as JSON', async () => {
		const key = await connectedKey( sb.url );
		assertFlat(
			await createInvoice( sb.url, key, '{"amount":' ),
			400,
			'INVALID_JSON'
		);
		const r = await request( sb.url, '/v1/invoices', {
			method: 'POST',
			headers: {
				authorization: `Bearer ${ key }`,
				'content-type': 'text/plain',
			},
			body: JSON.stringify( invoiceBody() ),
		} );
		assertFlat( r, 400, 'INVALID_JSON' );
	} );

	it( '422 VALIDATION_ERROR with details for every schema rule', async () => {
		const key = await connectedKey( sb.url );
		const cases: [ Record< string, unknown >, string ][] = [
			[ { amount: '19.9' }, 'amount' ],
			[ { amount: '19.999' }, 'amount' ],
			[ { amount: '1.999e1' }, 'amount' ],
			[ { amount: '1,99' }, 'amount' ],
			[ { amount: 19.99 }, 'amount' ],
			[ { amount: '-5.00' }, 'amount' ],
			[ { amount: '0.99' }, 'amount' ],
			[ { amount: '10000.01' }, 'amount' ],
			[ { currency: 'usd' }, 'currency' ],
			[ { currency: 'JPY' }, 'currency' ],
			[ { return_url: '/checkout/order-received/1' }, 'return_url' ],
			[ { return_url: 'ftp://shop.example.com/' }, 'return_url' ],
			[ { external_order_id: 'order_1048' }, 'external_order_id' ],
			[ { external_order_id: '1234-' }, 'external_order_id' ],
			[ { external_order_id: 1234 }, 'external_order_id' ],
			[ { metadata: { order_key: 'wc_order_x' } }, 'metadata.order_key' ],
			[ { metadata: { order_number: 12 } }, 'metadata.order_number' ],
			[ { metadata: 'x' }, 'metadata' ],
			[ { store_id: 'x' }, 'store_id' ],
		];
		for ( const [ overrides, field ] of cases ) {
			const r = await createInvoice(
				sb.url,
				key,
				invoiceBody( overrides )
			);
			const b = assertFlat( r, 422, 'VALIDATION_ERROR' );
			assert.equal( b.error, 'Validation failed' );
			const details = obj( b.details );
			assert.deepEqual(
				Object.keys( details ),
				[ field ],
				JSON.stringify( overrides )
			);
			assert.equal( typeof details[ field ], 'string' );
		}
		const missing = await createInvoice( sb.url, key, {} );
		assert.deepEqual(
			Object.keys(
				obj( assertFlat( missing, 422, 'VALIDATION_ERROR' ).details )
			).sort(),
			[ 'amount', 'currency', 'external_order_id', 'return_url' ]
		);
		const limits = obj(
			assertFlat(
				await createInvoice(
					sb.url,
					key,
					invoiceBody( { amount: '0.50' } )
				),
				422,
				'VALIDATION_ERROR'
			).details
		);
		assert.match( String( limits.amount ), /platform limits/ );
		for ( const amount of [ '1.00', '10000.00' ] ) {
			const ok = await createInvoice(
				sb.url,
				key,
				invoiceBody( {
					amount,
					external_order_id: amount.replace( '.', '' ),
				} )
			);
			assert.equal( ok.status, 201, amount );
		}
		for ( const [ suffix, currency ] of [ 'EUR', 'GBP' ].entries() ) {
			const ok = await newInvoice( sb.url, key, {
				currency,
				external_order_id: `77-${ suffix + 1 }`,
			} );
			assert.equal( ok.currency, currency );
		}
		const bare = await createInvoice(
			sb.url,
			key,
			invoiceBody( { metadata: undefined, external_order_id: '9' } )
		);
		assert.equal( bare.status, 201, 'metadata is optional' );
	} );

	it( 'validation comes before the payout check', async () => {
		const key = await connectedKey(
			sb.url,
			'https://shop.example.com',
			'sk_live_sandbox_nopayout'
		);
		assertFlat(
			await createInvoice(
				sb.url,
				key,
				invoiceBody( { currency: 'JPY' } )
			),
			422,
			'VALIDATION_ERROR'
		);
	} );

	it( 'GET /v1/invoices (list) is not offered: 405 with Allow: POST', async () => {
		const r = await fetch( `${ sb.url }/v1/invoices` );
		assert.equal( r.status, 405 );
		assert.equal( r.headers.get( 'allow' ), 'POST' );
	} );
} );

describe( 'GET /v1/invoices/{id}', () => {
	it( 'answers every §A5 read field for an open invoice', async () => {
		const key = await connectedKey( sb.url );
		const created = await newInvoice( sb.url, key );
		const r = await readInvoice( sb.url, key, String( created.id ) );
		assert.equal( r.status, 200, r.text );
		const b = obj( r.json );
		for ( const [ name, value ] of Object.entries( created ) ) {
			assert.deepEqual( b[ name ], value, name );
		}
		assert.equal( b.expected_amount, '19.99' );
		assert.equal( b.received_amount, '0.00' );
		assert.equal( b.paid_amount, '0.00' );
		assert.equal( b.difference_amount, '19.99' );
		assert.equal( b.transaction_hash, null );
		assert.equal( b.paid_at, null );
		assert.equal( b.settlement_asset, 'USDC' );
		assert.match( String( b.created_at ), ISO_RE );
		assert.equal( b.updated_at, b.created_at );
		assert.equal( b.return_url, invoiceBody().return_url );
		assert.deepEqual( b.metadata, invoiceBody().metadata );
	} );

	it( 'after a payment: received, paid, difference, transaction hash, paid_at', async () => {
		const key = await connectedKey( sb.url );
		const created = await newInvoice( sb.url, key );
		const id = String( created.id );
		const moved = await control( sb.url, `invoices/${ id }/underpay`, {
			amount: '12.00',
			wait: false,
		} );
		assert.equal( moved.status, 200, moved.text );
		const b = obj( ( await readInvoice( sb.url, key, id ) ).json );
		assert.equal( b.status, 'underpaid' );
		assert.equal( b.received_amount, '12.00' );
		assert.equal( b.paid_amount, '12.00' );
		assert.equal( b.difference_amount, '7.99' );
		assert.match( String( b.transaction_hash ), /^0x[0-9a-f]{64}$/ );
		assert.match( String( b.paid_at ), ISO_RE );
	} );

	it( "404 INVOICE_NOT_FOUND for an unknown id or another store's invoice", async () => {
		const key = await connectedKey( sb.url );
		const created = await newInvoice( sb.url, key );
		assertFlat(
			await readInvoice( sb.url, key, 'inv_0000' ),
			404,
			'INVOICE_NOT_FOUND'
		);
		assertFlat(
			await readInvoice( sb.url, key, '%E0%A4%A' ),
			404,
			'INVOICE_NOT_FOUND'
		);
		const other = await connectedKey(
			sb.url,
			'https://other.example.com',
			'sk_live_sandbox_nopayout'
		);
		assertFlat(
			await readInvoice( sb.url, other, String( created.id ) ),
			404,
			'INVOICE_NOT_FOUND'
		);
		const sameStore = await connectedKey(
			sb.url,
			'https://staging.shop.example.com'
		);
		assert.equal(
			( await readInvoice( sb.url, sameStore, String( created.id ) ) )
				.status,
			200,
			'the same store reads it through any of its integrations'
		);
	} );

	it( 'keys are checked as on create', async () => {
		const key = await connectedKey( sb.url );
		const id = String( ( await newInvoice( sb.url, key ) ).id );
		assertFlat(
			await readInvoice( sb.url, 'sk_live_sandbox_ready', id ),
			403,
			'BOOTSTRAP_KEY_INVOICE_FORBIDDEN'
		);
		assertFlat(
			await readInvoice( sb.url, 'nope', id ),
			401,
			'INVALID_API_KEY'
		);
	} );
} );

describe( 'invoice lifetime and lazy expiry', () => {
	it( 'a store lifetime applies to new invoices; "never" gives 2099-12-31T23:59:59Z; "default" restores 30 min', async () => {
		const key = await connectedKey( sb.url );
		const site = 'https://shop.example.com';
		assert.equal(
			(
				await control( sb.url, 'store', {
					site_url: site,
					invoice_lifetime: 'never',
				} )
			).status,
			200
		);
		const never = await newInvoice( sb.url, key, {
			external_order_id: '1',
		} );
		assert.equal( never.expires_at, '2099-12-31T23:59:59Z' );
		await control( sb.url, 'store', {
			site_url: site,
			invoice_lifetime: 120,
		} );
		const before = Date.now();
		const short = await newInvoice( sb.url, key, {
			external_order_id: '2',
		} );
		const ms = Date.parse( String( short.expires_at ) ) - before;
		assert.ok( ms > 118_000 && ms <= 121_000, String( ms ) );
		await control( sb.url, 'store', {
			site_url: site,
			invoice_lifetime: 'default',
		} );
		const normal = await newInvoice( sb.url, key, {
			external_order_id: '3',
		} );
		assert.ok(
			Date.parse( String( normal.expires_at ) ) - Date.now() > 29 * 60_000
		);
		const other = await connectedKey(
			sb.url,
			'https://staging.shop.example.com'
		);
		await control( sb.url, 'store', {
			site_url: site,
			invoice_lifetime: 'never',
		} );
		const sameStore = await newInvoice( sb.url, other, {
			external_order_id: '4',
		} );
		assert.equal(
			sameStore.expires_at,
			'2099-12-31T23:59:59Z',
			'per store, not per site'
		);
		for ( const bad of [ 0, -1, 1.5, 'soon', null ] ) {
			const r = await control( sb.url, 'store', {
				site_url: site,
				invoice_lifetime: bad,
			} );
			assert.equal( r.status, 400, JSON.stringify( bad ) );
			assert.ok( obj( obj( r.json ).details ).invoice_lifetime );
		}
	} );

	it( 'an open invoice read after expires_at is expired, in read and in the create dedupe', async () => {
		const key = await connectedKey( sb.url );
		await control( sb.url, 'store', {
			site_url: 'https://shop.example.com',
			invoice_lifetime: 1,
		} );
		const created = await newInvoice( sb.url, key );
		assert.equal( created.status, 'pending' );
		await new Promise( ( r ) => setTimeout( r, 1100 ) );
		const read = obj(
			( await readInvoice( sb.url, key, String( created.id ) ) ).json
		);
		assert.equal( read.status, 'expired' );
		const again = await createInvoice( sb.url, key );
		assert.equal( again.status, 200 );
		assert.equal( obj( again.json ).status, 'expired' );
	} );

	it( 'reset forgets invoices and lifetimes', async () => {
		const key = await connectedKey( sb.url );
		await control( sb.url, 'store', {
			site_url: 'https://shop.example.com',
			invoice_lifetime: 'never',
		} );
		await newInvoice( sb.url, key );
		await control( sb.url, 'reset' );
		assert.deepEqual(
			obj( ( await request( sb.url, '/__sandbox/invoices' ) ).json )
				.invoices,
			[]
		);
		const fresh = await newInvoice( sb.url, await connectedKey( sb.url ) );
		assert.notEqual( fresh.expires_at, '2099-12-31T23:59:59Z' );
	} );
} );

describe( 'fail-next on the invoice endpoints (every error kind, all three shapes)', () => {
	it( 'a known code gets its status and shape; nothing is created', async () => {
		const key = await connectedKey( sb.url );
		const expectations: [ string, number, 'flat' | 'nested' ][] = [
			[ 'store_mismatch', 403, 'flat' ],
			[ 'INSUFFICIENT_SCOPE', 403, 'nested' ],
			[ 'BOOTSTRAP_KEY_INVOICE_FORBIDDEN', 403, 'flat' ],
			[ 'payout_wallet_not_configured', 400, 'flat' ],
			[ 'EXTERNAL_ORDER_INTEGRATION_CONFLICT', 409, 'flat' ],
			[ 'VALIDATION_ERROR', 422, 'flat' ],
			[ 'RATE_LIMITED', 429, 'flat' ],
		];
		for ( const [ code, status, shape ] of expectations ) {
			const armed = await control( sb.url, 'fail-next', {
				path: '/v1/invoices',
				code,
			} );
			assert.deepEqual( armed.json, {
				armed: true,
				path: '/v1/invoices',
				status,
				times: 1,
				shape,
				code,
			} );
			const r = await createInvoice( sb.url, key );
			assert.equal( r.status, status, code );
			const b = obj( r.json );
			if ( shape === 'nested' ) {
				assert.deepEqual( b, {
					error: {
						type: 'permission_error',
						code,
						message: 'Missing invoices:create scope',
					},
				} );
			} else {
				assert.equal( b.code, code );
				assert.equal( typeof b.error, 'string' );
			}
		}
		assert.deepEqual(
			obj( ( await request( sb.url, '/__sandbox/invoices' ) ).json )
				.invoices,
			[]
		);
		assert.equal( ( await createInvoice( sb.url, key ) ).status, 201 );
	} );

	it( 'explicit status, shape, message and details; HTML, empty and text bodies; 5xx outage pages', async () => {
		const key = await connectedKey( sb.url );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			status: 422,
			code: 'VALIDATION_ERROR',
			details: { amount: 'Amount above the store limit.' },
		} );
		const v = await createInvoice( sb.url, key );
		assert.equal( v.status, 422 );
		assert.deepEqual( v.json, {
			error: 'Validation failed',
			code: 'VALIDATION_ERROR',
			details: { amount: 'Amount above the store limit.' },
		} );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			status: 418,
			shape: 'nested',
			type: 'api_error',
			code: 'TEAPOT',
			message: 'No coffee',
		} );
		assert.deepEqual( ( await createInvoice( sb.url, key ) ).json, {
			error: { type: 'api_error', code: 'TEAPOT', message: 'No coffee' },
		} );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			status: 502,
			shape: 'html',
		} );
		const html = await createInvoice( sb.url, key );
		assert.equal( html.status, 502 );
		assert.match( html.contentType, /^text\/html/ );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			status: 503,
		} );
		const outage = await createInvoice( sb.url, key );
		assert.match( outage.text, /503 Service Temporarily Unavailable/ );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			status: 500,
			shape: 'empty',
		} );
		const empty = await createInvoice( sb.url, key );
		assert.equal( empty.status, 500 );
		assert.equal( empty.text, '' );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			status: 429,
			shape: 'text',
		} );
		const text = await createInvoice( sb.url, key );
		assert.equal( text.status, 429 );
		assert.equal( text.json, undefined );
	} );

	it( 'reads: /v1/invoices/{id} fails any invoice read; the exact path too', async () => {
		const key = await connectedKey( sb.url );
		const id = String( ( await newInvoice( sb.url, key ) ).id );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices/{id}',
			code: 'RATE_LIMITED',
			times: 2,
		} );
		assert.equal( ( await readInvoice( sb.url, key, id ) ).status, 429 );
		assert.equal(
			( await readInvoice( sb.url, key, 'inv_x' ) ).status,
			429
		);
		assert.equal( ( await readInvoice( sb.url, key, id ) ).status, 200 );
		assert.equal(
			( await createInvoice( sb.url, key ) ).status,
			200,
			'create is another path'
		);
	} );

	it( 'delay_ms without a status: a slow but normal answer (the invoice is created even if the client gave up)', async () => {
		const key = await connectedKey( sb.url );
		const armed = await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			delay_ms: 300,
		} );
		assert.deepEqual( armed.json, {
			armed: true,
			path: '/v1/invoices',
			status: null,
			times: 1,
			delay_ms: 300,
		} );
		const started = performance.now();
		const controller = new AbortController();
		setTimeout( () => controller.abort(), 50 );
		await request( sb.url, '/v1/invoices', {
			method: 'POST',
			headers: {
				authorization: `Bearer ${ key }`,
				'content-type': 'application/json',
			},
			body: JSON.stringify( invoiceBody( { external_order_id: '555' } ) ),
			signal: controller.signal,
		} ).catch( () => undefined );
		assert.ok( performance.now() - started < 300, 'the client gave up' );
		await new Promise( ( r ) => setTimeout( r, 400 ) );
		const listed = obj(
			( await request( sb.url, '/__sandbox/invoices' ) ).json
		).invoices as Record< string, unknown >[];
		assert.ok( listed.some( ( i ) => i.external_order_id === '555' ) );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			delay_ms: 100,
			status: 504,
			shape: 'html',
		} );
		const slowFail = await createInvoice( sb.url, key );
		assert.equal( slowFail.status, 504 );
	} );

	it( 'rejects bad bodies with 400 VALIDATION_ERROR', async () => {
		for ( const body of [
			{ path: '/v1/invoices', status: 404 },
			{ path: '/v1/invoices', code: 'X', status: 200 },
			{ path: '/v1/invoices', code: 'X' },
			{ path: '/v1/invoices', shape: 'xml', status: 500 },
			{ path: '/v1/invoices', details: { a: 1 }, status: 422 },
			{ path: '/v1/invoices', delay_ms: -1 },
			{ path: '/v1/invoices', status: 500, bogus: true },
			{ path: '/v1/invoices/inv_1', status: 500 },
		] ) {
			const r = await control( sb.url, 'fail-next', body );
			assert.equal( r.status, 400, JSON.stringify( body ) );
			assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		}
	} );
} );

describe( 'request log', () => {
	it( 'records every create and read with method, path, status and the sent body', async () => {
		const key = await connectedKey( sb.url );
		await request( sb.url, '/__sandbox/requests', { method: 'DELETE' } );
		const id = String( ( await newInvoice( sb.url, key ) ).id );
		await createInvoice( sb.url, key );
		await readInvoice( sb.url, key, id );
		await createInvoice( sb.url, key, invoiceBody( { amount: 'x' } ) );
		const log = obj(
			( await request( sb.url, '/__sandbox/requests' ) ).json
		).requests as Record< string, unknown >[];
		assert.deepEqual(
			log.map( ( e ) => [ e.method, e.path, e.status ] ),
			[
				[ 'POST', '/v1/invoices', 201 ],
				[ 'POST', '/v1/invoices', 200 ],
				[ 'GET', `/v1/invoices/${ id }`, 200 ],
				[ 'POST', '/v1/invoices', 422 ],
			]
		);
		assert.equal( log[ 0 ]?.body, JSON.stringify( invoiceBody() ) );
		assert.deepEqual( log[ 0 ]?.json, invoiceBody() );
		assert.equal(
			obj( log[ 0 ]?.headers ).authorization,
			`Bearer ${ key }`,
			'logged as the other routes log it'
		);
		const listed = await integrations( sb.url );
		assert.equal( listed.length, 1 );
	} );
} );
