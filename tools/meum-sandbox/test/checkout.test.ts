import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { startSandbox } from '../src/core/server';
import {
	integrations,
	obj,
	request,
	sandboxForSuite,
	startTestSandbox,
} from './helpers';
import {
	connectedKey,
	control,
	invoiceFor,
	newInvoice,
	readInvoice,
} from './invoice-helpers';
import { receiverForSuite, type Received } from './receiver';

const SITE = 'https://shop.example.com';
const RETURN_URL = `${ SITE }/checkout/order-received/1234/?key=wc_order_x`;
const sb = sandboxForSuite();
const rx = receiverForSuite();

/**
 * Connects the site (webhooks to the test receiver) and creates an invoice.
 * @param body overrides of the invoice body
 * @return the dedicated key and the created invoice
 */
function setUp(
	body: Record< string, unknown > = {}
): Promise< { key: string; invoice: Record< string, unknown > } > {
	return invoiceFor( sb.url, rx.url(), body );
}

/**
 * Submits one choice of the hosted page as a browser would (no redirect followed).
 * @param id     the invoice id
 * @param action the choice
 * @return the raw response
 */
function choose( id: string, action: string ): Promise< Response > {
	return fetch( `${ sb.checkoutUrl }/pay/${ id }/${ action }`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: '',
		redirect: 'manual',
	} );
}

/**
 * Asserts that a delivery is a correctly signed Meum webhook and returns its payload.
 * @param got  the request the receiver saw
 * @param type the expected event type
 * @return the parsed payload
 */
async function signedEvent(
	got: Received,
	type: string
): Promise< Record< string, unknown > > {
	const [ integration ] = await integrations( sb.url );
	assert.ok( integration );
	const timestamp = String( got.headers[ 'x-meum-timestamp' ] );
	const expected =
		'v1=' +
		createHmac( 'sha256', integration.webhook_secret )
			.update( `${ timestamp }.` )
			.update( got.body )
			.digest( 'hex' );
	assert.equal( got.headers[ 'x-meum-signature' ], expected );
	assert.equal( got.headers[ 'x-meum-event' ], type );
	assert.equal(
		got.headers[ 'x-meum-integration-id' ],
		integration.integration_public_id
	);
	const payload = obj( JSON.parse( got.body.toString( 'utf8' ) ) );
	assert.equal( payload.type, type );
	assert.equal( got.headers[ 'x-meum-event-id' ], payload.id );
	return payload;
}

describe( 'hosted checkout page', () => {
	it( 'lives on its own origin: the connect answer names it, the API origin does not serve it', async () => {
		const { invoice } = await setUp();
		assert.notEqual( sb.checkoutUrl, sb.url );
		assert.ok(
			String( invoice.checkout_url ).startsWith(
				`${ sb.checkoutUrl }/pay/`
			)
		);
		const onApi = await fetch( `${ sb.url }/pay/${ invoice.id }` );
		assert.equal( onApi.status, 404 );
		const page = await fetch( String( invoice.checkout_url ) );
		assert.equal( page.status, 200 );
		assert.match( page.headers.get( 'content-type' ) ?? '', /^text\/html/ );
	} );

	it( 'shows amount, currency, order reference and the six choices as labelled forms', async () => {
		const { invoice } = await setUp( {
			metadata: { order_number: 'WC-1234' },
		} );
		const html = await (
			await fetch( String( invoice.checkout_url ) )
		).text();
		assert.match( html, /<html lang="en">/ );
		assert.match(
			html,
			/<title>Pay 19\.99 USD · Meum sandbox checkout<\/title>/
		);
		assert.match( html, /<h1>Pay 19\.99 USD<\/h1>/ );
		assert.match( html, /<main>/ );
		assert.match( html, /<dt>Amount<\/dt><dd>19\.99 USD<\/dd>/ );
		assert.match( html, /<dt>Currency<\/dt><dd>USD<\/dd>/ );
		assert.match( html, /<dt>Order<\/dt><dd>WC-1234<\/dd>/ );
		assert.match( html, /<nav aria-label="Payment choices">/ );
		const forms = [
			...html.matchAll(
				/<form method="post" action="\/pay\/([^/"]+)\/([a-z]+)"><button type="submit"[^>]*>([^<]+)<\/button><\/form>/g
			),
		].map( ( m ) => [ m[ 1 ], m[ 2 ], m[ 3 ] ] );
		assert.deepEqual( forms, [
			[ invoice.id, 'pay', 'Pay' ],
			[ invoice.id, 'underpay', 'Pay too little' ],
			[ invoice.id, 'overpay', 'Pay too much' ],
			[ invoice.id, 'fail', 'Fail the payment' ],
			[ invoice.id, 'expire', 'Let it expire' ],
			[ invoice.id, 'back', 'Back to the store' ],
		] );
	} );

	it( 'escapes what it shows', async () => {
		const { invoice } = await setUp( {
			metadata: { order_number: '<script>alert(1)</script>' },
		} );
		const html = await (
			await fetch( String( invoice.checkout_url ) )
		).text();
		assert.ok( ! html.includes( '<script>' ) );
		assert.match( html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/ );
	} );

	it( 'Pay: paid with received = amount, signed invoice.paid to the store, 303 to return_url', async () => {
		const { key, invoice } = await setUp();
		const id = String( invoice.id );
		const res = await choose( id, 'pay' );
		assert.equal( res.status, 303 );
		assert.equal( res.headers.get( 'location' ), RETURN_URL );
		assert.equal( rx.received.length, 1, 'sent before the redirect' );
		const payload = await signedEvent(
			rx.received[ 0 ] as Received,
			'invoice.paid'
		);
		const data = obj( payload.data );
		assert.equal( data.invoice_id, id );
		assert.equal( data.external_order_id, '1234' );
		assert.equal( data.status, 'paid' );
		assert.equal( data.amount, '19.99' );
		assert.equal( data.currency, 'USD' );
		assert.equal( data.received_amount, '19.99' );
		assert.equal( data.paid_amount, '19.99' );
		assert.equal( data.difference_amount, '0.00' );
		assert.match( String( data.transaction_hash ), /^0x[0-9a-f]{64}$/ );
		assert.equal( data.tx_hash, data.transaction_hash );
		assert.equal( typeof data.paid_at, 'string' );
		const read = obj( ( await readInvoice( sb.url, key, id ) ).json );
		assert.equal( read.status, 'paid' );
		assert.equal( read.transaction_hash, data.transaction_hash );
		assert.equal( read.paid_at, data.paid_at );
	} );

	it( 'Pay too little: underpaid with 0 < received < amount, invoice.underpaid', async () => {
		const { key, invoice } = await setUp();
		const id = String( invoice.id );
		assert.equal( ( await choose( id, 'underpay' ) ).status, 303 );
		const data = obj(
			(
				await signedEvent(
					rx.received[ 0 ] as Received,
					'invoice.underpaid'
				)
			).data
		);
		assert.equal( data.status, 'underpaid' );
		assert.equal( data.received_amount, '9.99' );
		assert.equal( data.difference_amount, '10.00' );
		assert.equal(
			obj( ( await readInvoice( sb.url, key, id ) ).json ).status,
			'underpaid'
		);
	} );

	it( 'Pay too much: paid with received > amount, invoice.paid', async () => {
		const { invoice } = await setUp();
		assert.equal(
			( await choose( String( invoice.id ), 'overpay' ) ).status,
			303
		);
		const data = obj(
			(
				await signedEvent(
					rx.received[ 0 ] as Received,
					'invoice.paid'
				)
			).data
		);
		assert.equal( data.status, 'paid' );
		assert.equal( data.received_amount, '21.99', '110 % by default' );
		assert.equal( data.difference_amount, '-2.00' );
	} );

	it( 'Fail the payment and Let it expire: failed / expired with their webhook', async () => {
		for ( const [ action, status, type ] of [
			[ 'fail', 'failed', 'invoice.failed' ],
			[ 'expire', 'expired', 'invoice.expired' ],
		] as const ) {
			rx.reset();
			await control( sb.url, 'reset' );
			const { key, invoice } = await setUp();
			const id = String( invoice.id );
			const res = await choose( id, action );
			assert.equal( res.status, 303 );
			assert.equal( res.headers.get( 'location' ), RETURN_URL );
			const data = obj(
				( await signedEvent( rx.received[ 0 ] as Received, type ) ).data
			);
			assert.equal( data.status, status );
			assert.equal( data.received_amount, '0.00' );
			assert.equal( data.transaction_hash, null );
			const read = obj( ( await readInvoice( sb.url, key, id ) ).json );
			assert.equal( read.status, status );
			await new Promise( ( r ) => setTimeout( r, 50 ) );
			assert.equal( rx.received.length, 1, 'one webhook, none on read' );
		}
	} );

	it( 'Back to the store: nothing changes, no webhook, 303 to return_url', async () => {
		const { key, invoice } = await setUp();
		const id = String( invoice.id );
		const res = await choose( id, 'back' );
		assert.equal( res.status, 303 );
		assert.equal( res.headers.get( 'location' ), RETURN_URL );
		assert.equal(
			obj( ( await readInvoice( sb.url, key, id ) ).json ).status,
			'pending'
		);
		await new Promise( ( r ) => setTimeout( r, 50 ) );
		assert.equal( rx.received.length, 0 );
	} );

	it( 'a final invoice says so and offers only Back; its choices change nothing (409)', async () => {
		const { invoice } = await setUp();
		const id = String( invoice.id );
		await choose( id, 'pay' );
		const html = await (
			await fetch( String( invoice.checkout_url ) )
		).text();
		assert.match( html, /<h1>Invoice closed<\/h1>/ );
		assert.match( html, /This invoice is final \(paid\)/ );
		const buttons = [ ...html.matchAll( /<button[^>]*>([^<]+)</g ) ].map(
			( m ) => m[ 1 ]
		);
		assert.deepEqual( buttons, [ 'Back to the store' ] );
		const again = await choose( id, 'fail' );
		assert.equal( again.status, 409 );
		assert.equal( rx.received.length, 1 );
		assert.equal( ( await choose( id, 'back' ) ).status, 303 );
	} );

	it( 'an invoice past expires_at shows as expired and sends invoice.expired once', async () => {
		const key = await connectedKey(
			sb.url,
			SITE,
			'sk_live_sandbox_ready',
			rx.url()
		);
		await control( sb.url, 'store', {
			site_url: SITE,
			invoice_lifetime: 1,
		} );
		const invoice = await newInvoice( sb.url, key );
		await new Promise( ( r ) => setTimeout( r, 1100 ) );
		const html = await (
			await fetch( String( invoice.checkout_url ) )
		).text();
		assert.match( html, /This invoice is final \(expired\)/ );
		await readInvoice( sb.url, key, String( invoice.id ) );
		const [ got ] = await rx.waitFor( 1 );
		await signedEvent( got as Received, 'invoice.expired' );
		await new Promise( ( r ) => setTimeout( r, 100 ) );
		assert.equal( rx.received.length, 1, 'sent once' );
	} );

	it( 'unknown invoices, unknown choices and wrong methods', async () => {
		const { invoice } = await setUp();
		const id = String( invoice.id );
		assert.equal(
			( await fetch( `${ sb.checkoutUrl }/pay/inv_nope` ) ).status,
			404
		);
		assert.equal( ( await fetch( `${ sb.checkoutUrl }/` ) ).status, 404 );
		assert.equal(
			( await fetch( `${ sb.checkoutUrl }/pay/%E0%A4%A` ) ).status,
			404
		);
		assert.equal( ( await choose( id, 'steal' ) ).status, 404 );
		const get = await fetch( `${ sb.checkoutUrl }/pay/${ id }/pay` );
		assert.equal( get.status, 405 );
		assert.equal( get.headers.get( 'allow' ), 'POST' );
		const post = await fetch( `${ sb.checkoutUrl }/pay/${ id }`, {
			method: 'POST',
		} );
		assert.equal( post.status, 405 );
		assert.equal( rx.received.length, 0 );
		const listed = obj(
			( await request( sb.url, `/__sandbox/invoices/${ id }` ) ).json
		);
		assert.equal( obj( listed.invoice ).status, 'pending' );
	} );
} );

describe( 'hosted checkout port', () => {
	/**
	 * Finds a port whose successor is free too.
	 * @return the port
	 */
	async function freePair(): Promise< number > {
		const grab = (): Promise< number > =>
			new Promise( ( resolve ) => {
				const s = createServer().listen( 0, '127.0.0.1', () => {
					const { port } = s.address() as AddressInfo;
					s.close( () => resolve( port ) );
				} );
			} );
		for ( let i = 0; i < 20; i++ ) {
			const port = await grab();
			if ( port < 65535 ) {
				return port;
			}
		}
		throw new Error( 'no free port' );
	}

	it( 'defaults to the API port + 1', async () => {
		for ( let tries = 0; ; tries++ ) {
			const port = await freePair();
			try {
				const s = await startSandbox( { port, slowMs: 0 } );
				assert.equal( s.checkoutPort, port + 1 );
				assert.equal( s.checkoutUrl, `http://127.0.0.1:${ port + 1 }` );
				await s.close();
				return;
			} catch ( err ) {
				if (
					tries > 5 ||
					( err as NodeJS.ErrnoException ).code !== 'EADDRINUSE'
				) {
					throw err;
				}
			}
		}
	} );

	it( 'port 0 gives any free port for both; checkoutPort sets it', async () => {
		const a = await startTestSandbox();
		assert.notEqual( a.checkoutPort, 0 );
		assert.notEqual( a.checkoutPort, a.port );
		const b = await startTestSandbox( {
			checkoutPort: a.checkoutPort + 0,
		} ).catch( ( err: NodeJS.ErrnoException ) => err.code );
		assert.equal(
			b,
			'EADDRINUSE',
			'a taken checkout port fails the start'
		);
		await a.close();
		const c = await startTestSandbox( { checkoutPort: a.checkoutPort } );
		assert.equal( c.checkoutPort, a.checkoutPort );
		await c.close();
	} );

	it( 'a connect answer after close and restart names the new origin', async () => {
		const s = await startTestSandbox();
		const r = await request( s.url, '/v1/integration/woocommerce/connect', {
			method: 'POST',
			headers: {
				authorization: 'Bearer sk_live_sandbox_ready',
				'content-type': 'application/json',
			},
			body: JSON.stringify( { site_url: SITE, webhook_url: rx.url() } ),
		} );
		assert.equal( obj( r.json ).checkout_base_url, s.checkoutUrl );
		await s.close();
	} );
} );
