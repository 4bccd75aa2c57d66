import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DISCONNECT_PATH, STATUS_PATH } from '../src/core/server';
import {
	API_KEY_RE,
	INT_PUBLIC_RE,
	UUID_RE,
	connect,
	integrations,
	obj,
	request,
	validBody,
	type Reply,
	sandboxForSuite,
	NO_PAYOUT_WARNING,
} from './helpers';

const sb = sandboxForSuite();

const SITE = 'https://shop.example.com';
const NOT_FOUND_BODY = {
	error: 'No WooCommerce integration found for this key',
	code: 'INTEGRATION_NOT_FOUND',
};
const INVALID_KEY_BODY = { error: 'Invalid API key', code: 'INVALID_API_KEY' };
const UNAUTHORIZED_BODY = {
	error: 'Missing or malformed Authorization header',
	code: 'UNAUTHORIZED',
};
const STATUS_FIELDS = [
	'status',
	'connection_status',
	'health_status',
	'issues',
	'integration_id',
	'integration_public_id',
	'site_url',
	'plugin_version',
	'wordpress_version',
	'woocommerce_version',
	'credential_status',
	'credential_prefix',
	'webhook_health',
	'webhook_url',
	'last_seen_at',
	'pending_connection_key',
	'connected',
	'payout_configured',
].sort();

/**
 * `Authorization` header value for a key; null sends none.
 * @param auth The header value, or null to send none.
 */
function authHeaders( auth: string | null ): Record< string, string > {
	return auth === null ? {} : { authorization: auth };
}

function status(
	key: string | null,
	auth: string | null = key === null ? null : `Bearer ${ key }`
): Promise< Reply > {
	return request( sb.url, STATUS_PATH, { headers: authHeaders( auth ) } );
}

function disconnect( key: string | null, body?: string ): Promise< Reply > {
	const init: RequestInit = {
		method: 'POST',
		headers: authHeaders( key === null ? null : `Bearer ${ key }` ),
	};
	if ( body !== undefined ) {
		init.body = body;
	}
	return request( sb.url, DISCONNECT_PATH, init );
}

function control( path: string, body: unknown ): Promise< Reply > {
	return request( sb.url, `/__sandbox/${ path }`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify( body ),
	} );
}

async function connected(
	key = 'sk_live_sandbox_ready',
	body: unknown = validBody()
): Promise< Record< string, unknown > > {
	const r = await connect( sb.url, key, body );
	assert.equal( r.status, 200 );
	return obj( r.json );
}

function assertFlat( r: Reply, code: number, body: unknown ): void {
	assert.equal( r.status, code );
	assert.match( r.contentType, /^application\/json/ );
	assert.deepEqual( r.json, body );
}

describe( 'GET /v1/integration/woocommerce/status', () => {
	it( 'fresh key: every WooStatusResponse field with the right type and value', async () => {
		const c = await connected();
		const startedAt = Date.now();
		const r = await status( String( c.api_key ) );
		assert.equal( r.status, 200 );
		assert.match( r.contentType, /^application\/json/ );
		const s = obj( r.json );
		assert.deepEqual( Object.keys( s ).sort(), STATUS_FIELDS ); // ready store: no warning
		assert.equal( s.status, 'CONNECTED' );
		assert.equal( s.connection_status, 'CONNECTED' );
		assert.equal( s.health_status, 'HEALTHY' );
		assert.deepEqual( s.issues, [] );
		assert.equal( s.integration_id, c.integration_id );
		assert.match( String( s.integration_id ), UUID_RE );
		assert.equal( s.integration_public_id, c.integration_public_id );
		assert.match( String( s.integration_public_id ), INT_PUBLIC_RE );
		assert.equal( s.site_url, SITE );
		assert.equal( s.plugin_version, '0.1.0' );
		assert.equal( s.wordpress_version, '6.5' );
		assert.equal( s.woocommerce_version, '8.9' );
		assert.equal( s.credential_status, 'ACTIVE' );
		assert.equal( s.credential_prefix, String( c.api_key ).slice( 0, 12 ) );
		assert.equal( String( s.credential_prefix ).length, 12 );
		assert.ok( String( s.credential_prefix ).startsWith( 'sk_live_' ) );
		assert.equal( s.webhook_health, 'HEALTHY' );
		assert.equal( s.webhook_url, `${ SITE }/wp-json/meum/v1/webhook` );
		assert.equal( typeof s.last_seen_at, 'string' );
		assert.equal(
			new Date( String( s.last_seen_at ) ).toISOString(),
			s.last_seen_at
		);
		assert.ok(
			Date.parse( String( s.last_seen_at ) ) >= startedAt - 1000 &&
				Date.parse( String( s.last_seen_at ) ) <= Date.now() + 1000
		);
		assert.equal( s.pending_connection_key, null );
		assert.equal( s.connected, true );
		assert.equal( s.payout_configured, true );
		assert.equal( 'warning' in s, false );
		assert.equal(
			r.text.includes( String( c.api_key ) ),
			false,
			'the full key is never echoed'
		);
	} );

	it( 'no payout wallet: payout_configured false, an issue and the warning; versions null when not sent', async () => {
		const c = await connected( 'sk_live_sandbox_nopayout', {
			site_url: SITE,
			webhook_url: `${ SITE }/?rest_route=/meum/v1/webhook`,
		} );
		const s = obj( ( await status( String( c.api_key ) ) ).json );
		assert.deepEqual(
			Object.keys( s ).sort(),
			[ ...STATUS_FIELDS, 'warning' ].sort()
		);
		assert.equal( s.payout_configured, false );
		assert.deepEqual( s.issues, [ 'Payout wallet not configured' ] );
		assert.equal( s.warning, NO_PAYOUT_WARNING );
		assert.equal( s.health_status, 'HEALTHY' );
		assert.equal( s.plugin_version, null );
		assert.equal( s.wordpress_version, null );
		assert.equal( s.woocommerce_version, null );
		assert.equal( s.webhook_url, `${ SITE }/?rest_route=/meum/v1/webhook` );

		// a reconnect stores the versions of the last request
		const again = await connected( 'sk_live_sandbox_nopayout', {
			...validBody(),
			woocommerce_version: undefined,
		} );
		const t = obj( ( await status( String( again.api_key ) ) ).json );
		assert.equal( t.plugin_version, '0.1.0' );
		assert.equal( t.wordpress_version, '6.5' );
		assert.equal( t.woocommerce_version, null );
		assert.equal(
			t.credential_prefix,
			String( again.api_key ).slice( 0, 12 )
		);
	} );

	it( 'reflects POST /__sandbox/store changes, including payout readiness', async () => {
		const c = await connected( 'sk_live_sandbox_nopayout' );
		const key = String( c.api_key );

		const r = await control( 'store', {
			site_url: 'https://SHOP.example.com/',
			payout_configured: true,
		} );
		assert.deepEqual( r.json, { updated: true } );
		let s = obj( ( await status( key ) ).json );
		assert.equal( s.payout_configured, true );
		assert.deepEqual( s.issues, [] );
		assert.equal( 'warning' in s, false );

		await control( 'store', {
			site_url: SITE,
			health_status: 'DEGRADED',
			webhook_health: 'FAILING',
			issues: [ 'Webhook deliveries failing' ],
		} );
		s = obj( ( await status( key ) ).json );
		assert.equal( s.health_status, 'DEGRADED' );
		assert.equal( s.webhook_health, 'FAILING' );
		assert.deepEqual( s.issues, [ 'Webhook deliveries failing' ] );
		assert.equal( s.payout_configured, true );

		await control( 'store', {
			site_url: SITE,
			payout_configured: false,
			issues: [],
		} );
		s = obj( ( await status( key ) ).json );
		assert.equal( s.payout_configured, false );
		assert.equal( s.warning, NO_PAYOUT_WARNING );
		assert.deepEqual(
			s.issues,
			[],
			'an explicit issues list wins over the derived one'
		);

		const [ listed ] = await integrations( sb.url );
		assert.equal( listed?.health_status, 'DEGRADED' );
		assert.equal( listed?.webhook_health, 'FAILING' );
		assert.deepEqual( listed?.issues, [] );
		assert.equal( listed?.payout_configured, false );
	} );

	it( 'POST /__sandbox/store: 404 for an unknown site, 400 for bad input', async () => {
		await connected();
		assertFlat(
			await control( 'store', {
				site_url: 'https://other.example.com',
				payout_configured: true,
			} ),
			404,
			{
				error: 'No integration for this site_url',
				code: 'NOT_FOUND',
			}
		);
		assert.equal( ( await control( 'store', 'nope' ) ).status, 400 );
		assert.equal(
			obj( ( await control( 'store', 'nope' ) ).json ).code,
			'INVALID_JSON'
		);
		const bad = await control( 'store', {
			payout_configured: 'yes',
			issues: [ 1 ],
			health_status: '',
			extra: 1,
		} );
		assert.equal( bad.status, 400 );
		assert.equal( obj( bad.json ).code, 'VALIDATION_ERROR' );
		assert.deepEqual(
			Object.keys( obj( obj( bad.json ).details ) ).sort(),
			[
				'extra',
				'health_status',
				'issues',
				'payout_configured',
				'site_url',
			]
		);
		assert.equal( ( await control( 'store', [ SITE ] ) ).status, 400 );
	} );
} );

describe( 'POST /v1/integration/woocommerce/disconnect', () => {
	it( '200 { disconnected: true }, then status and disconnect → 404 INTEGRATION_NOT_FOUND', async () => {
		const c = await connected();
		const key = String( c.api_key );
		const r = await disconnect(
			key,
			JSON.stringify( { reason: 'ignored' } )
		);
		assertFlat( r, 200, { disconnected: true } );
		assert.deepEqual( await integrations( sb.url ), [] );
		assertFlat( await status( key ), 404, NOT_FOUND_BODY );
		assertFlat( await disconnect( key ), 404, NOT_FOUND_BODY );
		assertFlat(
			await disconnect( key, 'not json at all' ),
			404,
			NOT_FOUND_BODY
		);
	} );

	it( 'ignores any body, JSON or not', async () => {
		const c = await connected();
		assertFlat(
			await disconnect( String( c.api_key ), '{"broken":' ),
			200,
			{ disconnected: true }
		);
	} );

	it( 'reconnect after disconnect: a new integration, credentials_rotated false, old key still 404', async () => {
		const first = await connected();
		await disconnect( String( first.api_key ) );
		const second = await connected();
		assert.equal( second.credentials_rotated, false );
		assert.match( String( second.api_key ), API_KEY_RE );
		assert.notEqual( second.api_key, first.api_key );
		assert.notEqual( second.integration_id, first.integration_id );
		assert.equal(
			obj( ( await status( String( second.api_key ) ) ).json )
				.integration_id,
			second.integration_id
		);
		assertFlat(
			await status( String( first.api_key ) ),
			404,
			NOT_FOUND_BODY
		);
		assert.equal( ( await integrations( sb.url ) ).length, 1 );
	} );

	it( 'frees the site_url: another store can connect it afterwards', async () => {
		const first = await connected();
		assert.equal(
			( await connect( sb.url, 'sk_live_sandbox_nopayout', validBody() ) )
				.status,
			409
		);
		await disconnect( String( first.api_key ) );
		const other = await connected( 'sk_live_sandbox_nopayout' );
		assert.equal( other.credentials_rotated, false );
		assert.notEqual( other.store_id, first.store_id );
	} );

	it( 'only disconnects the key’s own integration', async () => {
		const a = await connected(
			'sk_live_sandbox_ready',
			validBody( 'https://a.example.com' )
		);
		const b = await connected(
			'sk_live_sandbox_ready',
			validBody( 'https://b.example.com' )
		);
		await disconnect( String( a.api_key ) );
		const listed = await integrations( sb.url );
		assert.deepEqual(
			listed.map( ( i ) => i.site_url ),
			[ 'https://b.example.com' ]
		);
		assert.equal( ( await status( String( b.api_key ) ) ).status, 200 );
	} );
} );

describe( 'dedicated key checks (status and disconnect)', () => {
	it( 'a rotated-away key → 401 INVALID_API_KEY (also after the integration is disconnected)', async () => {
		const first = await connected();
		const second = await connected();
		assert.equal( second.credentials_rotated, true );
		const old = String( first.api_key );
		assertFlat( await status( old ), 401, INVALID_KEY_BODY );
		assertFlat( await disconnect( old ), 401, INVALID_KEY_BODY );
		assert.equal(
			( await status( String( second.api_key ) ) ).status,
			200
		);
		await disconnect( String( second.api_key ) );
		assertFlat( await status( old ), 401, INVALID_KEY_BODY );
		assertFlat(
			await status( String( second.api_key ) ),
			404,
			NOT_FOUND_BODY
		);
	} );

	it( 'a revoked key → 401; the integration stays until reconnect', async () => {
		const c = await connected();
		const key = String( c.api_key );
		assert.deepEqual(
			( await control( 'revoke', { site_url: `${ SITE }/` } ) ).json,
			{ revoked: true }
		);
		assertFlat( await status( key ), 401, INVALID_KEY_BODY );
		assertFlat( await disconnect( key ), 401, INVALID_KEY_BODY );
		let [ listed ] = await integrations( sb.url );
		assert.equal( listed?.api_key, key );
		assert.deepEqual( listed?.valid_api_keys, [] );
		assert.equal( listed?.api_key_revoked, true );

		const again = await connected();
		assert.equal( again.credentials_rotated, true );
		assert.equal( again.integration_id, c.integration_id );
		assert.equal( ( await status( String( again.api_key ) ) ).status, 200 );
		assertFlat( await status( key ), 401, INVALID_KEY_BODY );
		[ listed ] = await integrations( sb.url );
		assert.equal( listed?.api_key_revoked, false );
		assert.deepEqual( listed?.valid_api_keys, [ again.api_key ] );
	} );

	it( 'POST /__sandbox/revoke: 404 for an unknown site, 400 without site_url', async () => {
		assertFlat( await control( 'revoke', { site_url: SITE } ), 404, {
			error: 'No integration for this site_url',
			code: 'NOT_FOUND',
		} );
		assert.equal( ( await control( 'revoke', {} ) ).status, 400 );
		assert.equal( ( await control( 'revoke', '{' ) ).status, 400 );
	} );

	it( 'an unknown key, or a connection (scenario) key → 401 INVALID_API_KEY', async () => {
		await connected();
		for ( const key of [
			'sk_live_unknownunknownunknownunknown',
			'sk_live_sandbox_ready',
			'__proto__',
		] ) {
			assertFlat( await status( key ), 401, INVALID_KEY_BODY );
			assertFlat( await disconnect( key ), 401, INVALID_KEY_BODY );
		}
		assert.equal( ( await integrations( sb.url ) ).length, 1 );
	} );

	it( 'a missing or malformed Authorization header → 401 UNAUTHORIZED', async () => {
		const c = await connected();
		assertFlat( await status( null ), 401, UNAUTHORIZED_BODY );
		assertFlat( await disconnect( null ), 401, UNAUTHORIZED_BODY );
		for ( const auth of [
			`Basic ${ String( c.api_key ) }`,
			'Bearer',
			`Bearer a b`,
			String( c.api_key ),
		] ) {
			assertFlat( await status( null, auth ), 401, UNAUTHORIZED_BODY );
		}
		assert.equal(
			( await status( null, `bearer ${ String( c.api_key ) }` ) ).status,
			200,
			'scheme is case-insensitive'
		);
	} );

	it( 'wrong method → 405 with Allow', async () => {
		const s = await fetch( sb.url + STATUS_PATH, { method: 'POST' } );
		assert.equal( s.status, 405 );
		assert.equal( s.headers.get( 'allow' ), 'GET' );
		const d = await fetch( sb.url + DISCONNECT_PATH );
		assert.equal( d.status, 405 );
		assert.equal( d.headers.get( 'allow' ), 'POST' );
	} );
} );

describe( 'POST /__sandbox/fail-next', () => {
	it( 'the next call answers the status with an HTML body, then normal again', async () => {
		const c = await connected();
		const key = String( c.api_key );
		const armed = await control( 'fail-next', {
			path: STATUS_PATH,
			status: 503,
		} );
		assert.deepEqual( armed.json, {
			armed: true,
			path: STATUS_PATH,
			status: 503,
			times: 1,
		} );

		const failed = await status( key );
		assert.equal( failed.status, 503 );
		assert.match( failed.contentType, /^text\/html/ );
		assert.equal( failed.json, undefined );
		assert.match( failed.text, /503 Service Temporarily Unavailable/ );
		assert.equal( ( await status( key ) ).status, 200 );
		assert.equal(
			( await disconnect( key ) ).status,
			200,
			'other paths are not affected'
		);
	} );

	it( 'times: N fails N calls; a failed disconnect changes nothing; logged with its status', async () => {
		const c = await connected();
		const key = String( c.api_key );
		await control( 'fail-next', {
			path: DISCONNECT_PATH,
			status: 502,
			times: 2,
		} );
		for ( const expected of [ 502, 502 ] ) {
			const r = await disconnect( key );
			assert.equal( r.status, expected );
			assert.match( r.text, /502 Bad Gateway/ );
		}
		assert.equal( ( await integrations( sb.url ) ).length, 1 );
		assertFlat( await disconnect( key ), 200, { disconnected: true } );
		const log = obj(
			( await request( sb.url, '/__sandbox/requests' ) ).json
		).requests as { path: string; status: number }[];
		assert.deepEqual(
			log
				.filter( ( e ) => e.path === DISCONNECT_PATH )
				.map( ( e ) => e.status ),
			[ 502, 502, 200 ]
		);
	} );

	it( 'answers before the key check (Meum is down) and is cleared by reset', async () => {
		await control( 'fail-next', { path: STATUS_PATH, status: 500 } );
		const r = await status( null );
		assert.equal( r.status, 500 );
		assert.match( r.contentType, /^text\/html/ );
		await control( 'fail-next', {
			path: STATUS_PATH,
			status: 500,
			times: 3,
		} );
		await request( sb.url, '/__sandbox/reset', { method: 'POST' } );
		assertFlat( await status( null ), 401, UNAUTHORIZED_BODY );
	} );

	it( 'rejects unknown paths, statuses and counts with 400', async () => {
		for ( const body of [
			{ path: '/v1/integration/woocommerce/connect', status: 500 },
			{ path: STATUS_PATH, status: 404 },
			{ path: STATUS_PATH, status: '500' },
			{ path: STATUS_PATH, status: 500, times: 0 },
			{ path: STATUS_PATH, status: 500, times: 1.5 },
			{ status: 500 },
		] ) {
			const r = await control( 'fail-next', body );
			assert.equal( r.status, 400, JSON.stringify( body ) );
			assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		}
		const c = await connected();
		assert.equal( ( await status( String( c.api_key ) ) ).status, 200 );
	} );
} );
