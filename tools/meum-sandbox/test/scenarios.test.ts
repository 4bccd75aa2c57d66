import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	API_KEY_RE,
	INSTALLATION_RE,
	INT_PUBLIC_RE,
	SECRET_RE,
	UUID_RE,
	connect,
	integrations,
	obj,
	validBody,
	type Reply,
	sandboxForSuite,
	NO_PAYOUT_WARNING,
} from './helpers';

const sb = sandboxForSuite();

function assertSuccessShape(
	reply: Reply,
	site: string
): Record< string, unknown > {
	assert.equal( reply.status, 200 );
	assert.match( reply.contentType, /^application\/json/ );
	const b = obj( reply.json );
	assert.match( String( b.store_id ), UUID_RE );
	assert.match( String( b.integration_id ), UUID_RE );
	assert.match( String( b.webhook_id ), UUID_RE );
	assert.match( String( b.integration_public_id ), INT_PUBLIC_RE );
	assert.match( String( b.installation_id ), INSTALLATION_RE );
	assert.match( String( b.api_key ), API_KEY_RE );
	assert.match( String( b.webhook_secret ), SECRET_RE );
	assert.equal( b.site_url, site );
	assert.equal( b.webhook_url, `${ site }/wp-json/meum/v1/webhook` );
	assert.equal( b.status, 'ACTIVE' );
	assert.equal(
		b.checkout_base_url,
		sb.checkoutUrl,
		'the hosted checkout origin of this sandbox'
	);
	assert.match(
		String( b.checkout_base_url ),
		/^http:\/\/127\.0\.0\.1:\d+$/
	);
	assert.notEqual( b.checkout_base_url, sb.url, 'its own origin' );
	assert.equal( typeof b.credentials_rotated, 'boolean' );
	assert.equal( typeof b.payout_configured, 'boolean' );
	return b;
}

describe( 'scenario keys', () => {
	it( 'ready: 200, Northwind, payout configured, no warning', async () => {
		const b = assertSuccessShape(
			await connect( sb.url, 'sk_live_sandbox_ready', validBody() ),
			'https://shop.example.com'
		);
		assert.equal( b.store_name, 'Northwind Sandbox Store' );
		assert.equal( b.payout_configured, true );
		assert.equal( b.credentials_rotated, false );
		assert.equal( 'warning' in b, false );
	} );

	it( 'nopayout: 200, Fresh store, payout_configured false, warning', async () => {
		const b = assertSuccessShape(
			await connect( sb.url, 'sk_live_sandbox_nopayout', validBody() ),
			'https://shop.example.com'
		);
		assert.equal( b.store_name, 'Fresh Sandbox Store' );
		assert.equal( b.payout_configured, false );
		assert.equal( b.warning, NO_PAYOUT_WARNING );
	} );

	it( 'store_id is stable per store; api_key and secret differ per handshake', async () => {
		const a = obj(
			(
				await connect(
					sb.url,
					'sk_live_sandbox_ready',
					validBody( 'https://a.example' )
				)
			).json
		);
		const b = obj(
			(
				await connect(
					sb.url,
					'sk_live_sandbox_ready',
					validBody( 'https://b.example' )
				)
			).json
		);
		const c = obj(
			(
				await connect(
					sb.url,
					'sk_live_sandbox_nopayout',
					validBody( 'https://c.example' )
				)
			).json
		);
		assert.equal( a.store_id, b.store_id );
		assert.notEqual( a.store_id, c.store_id );
		assert.notEqual( a.integration_id, b.integration_id );
		assert.notEqual( a.api_key, b.api_key );
		assert.notEqual( a.webhook_secret, b.webhook_secret );
	} );

	it( 'invalid: 401 flat INVALID_API_KEY', async () => {
		const r = await connect(
			sb.url,
			'sk_live_sandbox_invalid',
			validBody()
		);
		assert.equal( r.status, 401 );
		assert.deepEqual( r.json, {
			error: 'Invalid API key',
			code: 'INVALID_API_KEY',
		} );
	} );

	it( 'taken: 409 flat SITE_ALREADY_CONNECTED', async () => {
		const r = await connect( sb.url, 'sk_live_sandbox_taken', validBody() );
		assert.equal( r.status, 409 );
		assert.deepEqual( r.json, {
			error: 'This WooCommerce site is already connected to another Meum store.',
			code: 'SITE_ALREADY_CONNECTED',
		} );
	} );

	it( 'unprocessable: 422 flat VALIDATION_ERROR with details', async () => {
		const r = await connect(
			sb.url,
			'sk_live_sandbox_unprocessable',
			validBody()
		);
		assert.equal( r.status, 422 );
		assert.deepEqual( r.json, {
			error: 'Validation failed',
			code: 'VALIDATION_ERROR',
			details: {
				connection_key:
					'This connection key has expired. Create a new one in Meum.',
				site_url: 'The site URL must be reachable from the internet.',
			},
		} );
	} );

	it( 'scope: 403 nested INSUFFICIENT_SCOPE', async () => {
		const r = await connect( sb.url, 'sk_live_sandbox_scope', validBody() );
		assert.equal( r.status, 403 );
		assert.deepEqual( r.json, {
			error: {
				type: 'permission_error',
				code: 'INSUFFICIENT_SCOPE',
				message: 'Missing woocommerce:connect scope',
			},
		} );
	} );

	it( 'ratelimited: 429 flat RATE_LIMITED', async () => {
		const r = await connect(
			sb.url,
			'sk_live_sandbox_ratelimited',
			validBody()
		);
		assert.equal( r.status, 429 );
		assert.deepEqual( r.json, {
			error: 'Too many requests',
			code: 'RATE_LIMITED',
		} );
	} );

	it( 'error500: 500 with an HTML body', async () => {
		const r = await connect(
			sb.url,
			'sk_live_sandbox_error500',
			validBody()
		);
		assert.equal( r.status, 500 );
		assert.match( r.contentType, /^text\/html/ );
		assert.match( r.text, /<html/i );
		assert.equal( r.json, undefined );
	} );

	it( 'proxy: 200 with an HTML page (not JSON)', async () => {
		const r = await connect( sb.url, 'sk_live_sandbox_proxy', validBody() );
		assert.equal( r.status, 200 );
		assert.match( r.contentType, /^text\/html/ );
		assert.match( r.text, /<html/i );
		assert.equal( r.json, undefined );
	} );

	it( 'malformed: 200 JSON object without api_key, and no state change', async () => {
		const r = await connect(
			sb.url,
			'sk_live_sandbox_malformed',
			validBody()
		);
		assert.equal( r.status, 200 );
		assert.match( r.contentType, /^application\/json/ );
		const b = obj( r.json );
		assert.equal( 'api_key' in b, false );
		assert.equal( typeof b.webhook_secret, 'string' );
		assert.deepEqual( await integrations( sb.url ), [] );
	} );

	it( 'error scenarios leave no integration behind', async () => {
		for ( const key of [
			'invalid',
			'taken',
			'unprocessable',
			'scope',
			'ratelimited',
			'error500',
			'proxy',
		] ) {
			await connect( sb.url, `sk_live_sandbox_${ key }`, validBody() );
		}
		assert.deepEqual( await integrations( sb.url ), [] );
	} );
} );

describe( 'Authorization', () => {
	const cases: Array< [ string, string | null ] > = [
		[ 'missing header', null ],
		[ 'empty header', '' ],
		[ 'no scheme', 'sk_live_sandbox_ready' ],
		[ 'wrong scheme', 'Basic c2s6' ],
		[ 'Bearer without token', 'Bearer' ],
		[ 'Bearer with blank token', 'Bearer    ' ],
		[ 'token with inner space', 'Bearer sk_live_sandbox_ready extra' ],
	];
	for ( const [ name, header ] of cases ) {
		it( `${ name } → 401 UNAUTHORIZED`, async () => {
			const r = await connect( sb.url, 'unused', validBody(), {
				authorization: header,
			} );
			assert.equal( r.status, 401 );
			assert.deepEqual( r.json, {
				error: 'Missing or malformed Authorization header',
				code: 'UNAUTHORIZED',
			} );
		} );
	}

	it( 'scheme is case-insensitive', async () => {
		const r = await connect( sb.url, 'unused', validBody(), {
			authorization: 'bearer sk_live_sandbox_ready',
		} );
		assert.equal( r.status, 200 );
	} );

	for ( const key of [
		'sk_live_unknown',
		'sk_live_sandbox_READY',
		'__proto__',
		'constructor',
	] ) {
		it( `unknown key ${ key } → 401 INVALID_API_KEY`, async () => {
			const r = await connect( sb.url, key, validBody() );
			assert.equal( r.status, 401 );
			assert.deepEqual( r.json, {
				error: 'Invalid API key',
				code: 'INVALID_API_KEY',
			} );
		} );
	}

	it( 'a dedicated key issued by a handshake is not a connection key', async () => {
		const first = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		const r = await connect( sb.url, String( first.api_key ), validBody() );
		assert.equal( r.status, 401 );
		assert.equal( obj( r.json ).code, 'INVALID_API_KEY' );
	} );
} );

describe( 'body must be JSON', () => {
	const notJson = ( r: Reply ): void => {
		assert.equal( r.status, 400 );
		const b = obj( r.json );
		assert.equal( b.code, 'INVALID_JSON' );
		assert.equal( typeof b.error, 'string' );
	};
	it( 'no Content-Type → 400 INVALID_JSON', async () => {
		notJson(
			await connect( sb.url, 'sk_live_sandbox_ready', validBody(), {
				contentType: null,
			} )
		);
	} );
	it( 'form Content-Type → 400 INVALID_JSON', async () => {
		notJson(
			await connect( sb.url, 'sk_live_sandbox_ready', null, {
				contentType: 'application/x-www-form-urlencoded',
				raw: 'site_url=https%3A%2F%2Fa.example',
			} )
		);
	} );
	it( 'invalid JSON text → 400 INVALID_JSON', async () => {
		notJson(
			await connect( sb.url, 'sk_live_sandbox_ready', null, {
				raw: '{"site_url": ',
			} )
		);
	} );
	it( 'empty body → 400 INVALID_JSON', async () => {
		notJson(
			await connect( sb.url, 'sk_live_sandbox_ready', null, { raw: '' } )
		);
	} );
	it( 'charset parameter is accepted', async () => {
		const r = await connect( sb.url, 'sk_live_sandbox_ready', validBody(), {
			contentType: 'Application/JSON; charset=UTF-8',
		} );
		assert.equal( r.status, 200 );
	} );
} );

describe( 'order of checks', () => {
	it( 'Authorization before key, JSON and schema', async () => {
		const r = await connect( sb.url, 'x', null, {
			authorization: null,
			contentType: 'text/plain',
			raw: 'nope',
		} );
		assert.equal( obj( r.json ).code, 'UNAUTHORIZED' );
	} );
	it( 'unknown key before JSON and schema', async () => {
		const r = await connect( sb.url, 'sk_live_nope', null, {
			contentType: 'text/plain',
			raw: 'nope',
		} );
		assert.equal( obj( r.json ).code, 'INVALID_API_KEY' );
	} );
	it( 'JSON before schema', async () => {
		const r = await connect( sb.url, 'sk_live_sandbox_ready', null, {
			raw: '[',
		} );
		assert.equal( obj( r.json ).code, 'INVALID_JSON' );
	} );
	it( 'schema before the scenario (even for error scenario keys)', async () => {
		for ( const key of [
			'invalid',
			'taken',
			'scope',
			'ratelimited',
			'error500',
			'proxy',
			'malformed',
			'slow',
		] ) {
			const r = await connect( sb.url, `sk_live_sandbox_${ key }`, {
				site_url: 'https://a.example',
			} );
			assert.equal( r.status, 422, key );
			assert.deepEqual(
				obj( r.json ).details,
				{ webhook_url: 'This field is required.' },
				key
			);
		}
	} );
} );
