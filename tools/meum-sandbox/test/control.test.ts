import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect as netConnect } from 'node:net';
import { describe, it } from 'node:test';
import {
	CONNECT_PATH,
	connect,
	integrations,
	obj,
	request,
	validBody,
	sandboxForSuite,
} from './helpers';

const sb = sandboxForSuite();

interface LoggedRequest {
	method: string;
	path: string;
	query: Record< string, unknown >;
	headers: Record< string, unknown >;
	body: string;
	json: unknown;
	status: number | null;
	received_at: string;
}

async function logged(): Promise< LoggedRequest[] > {
	const r = await request( sb.url, '/__sandbox/requests' );
	assert.equal( r.status, 200 );
	return ( r.json as { requests: LoggedRequest[] } ).requests;
}

describe( 'control routes', () => {
	it( 'GET /__sandbox/health', async () => {
		const r = await request( sb.url, '/__sandbox/health' );
		assert.equal( r.status, 200 );
		assert.deepEqual( r.json, { ok: true } );
	} );

	it( 'request log records non-control requests, oldest first, with the answered status', async () => {
		await request( sb.url, '/__sandbox/health' );
		await connect( sb.url, 'sk_live_sandbox_ready', validBody() );
		await connect( sb.url, 'sk_live_sandbox_scope', null, {
			raw: 'not json',
		} );
		await request( sb.url, '/v1/nothing?x=1&y=2&y=3', {
			headers: { 'X-Test-Header': 'yes' },
		} );

		const log = await logged();
		assert.equal( log.length, 3 );
		const [ first, second, third ] = log as [
			LoggedRequest,
			LoggedRequest,
			LoggedRequest,
		];

		assert.equal( first.method, 'POST' );
		assert.equal( first.path, CONNECT_PATH );
		assert.deepEqual( first.query, {} );
		assert.equal(
			first.headers.authorization,
			'Bearer sk_live_sandbox_ready'
		);
		assert.equal( first.headers[ 'content-type' ], 'application/json' );
		assert.equal( first.body, JSON.stringify( validBody() ) );
		assert.deepEqual( first.json, validBody() );
		assert.equal( first.status, 200 );
		assert.ok( ! Number.isNaN( Date.parse( first.received_at ) ) );
		assert.equal(
			new Date( first.received_at ).toISOString(),
			first.received_at
		);

		assert.equal( second.body, 'not json' );
		assert.equal( second.json, null );
		assert.equal( second.status, 400 );

		assert.equal( third.method, 'GET' );
		assert.equal( third.path, '/v1/nothing' );
		assert.deepEqual( third.query, { x: '1', y: [ '2', '3' ] } );
		assert.equal( third.headers[ 'x-test-header' ], 'yes' );
		assert.equal( third.status, 404 );
		for ( const name of Object.keys( third.headers ) ) {
			assert.equal( name, name.toLowerCase() );
		}
		assert.ok(
			Date.parse( first.received_at ) <= Date.parse( third.received_at )
		);
	} );

	it( 'DELETE /__sandbox/requests clears the log only', async () => {
		await connect( sb.url, 'sk_live_sandbox_ready', validBody() );
		const r = await request( sb.url, '/__sandbox/requests', {
			method: 'DELETE',
		} );
		assert.deepEqual( r.json, { cleared: true } );
		assert.deepEqual( await logged(), [] );
		assert.equal( ( await integrations( sb.url ) ).length, 1 );
	} );

	it( 'POST /__sandbox/reset clears log and integration state', async () => {
		const first = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		const r = await request( sb.url, '/__sandbox/reset', {
			method: 'POST',
		} );
		assert.equal( r.status, 200 );
		assert.deepEqual( await logged(), [] );
		assert.deepEqual( await integrations( sb.url ), [] );
		const again = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		assert.equal( again.credentials_rotated, false );
		assert.notEqual( again.integration_id, first.integration_id );
	} );

	it( 'GET /__sandbox/integrations lists what the plugin must store', async () => {
		const b = obj(
			( await connect( sb.url, 'sk_live_sandbox_nopayout', validBody() ) )
				.json
		);
		const [ i ] = await integrations( sb.url );
		assert.ok( i );
		assert.equal( i.site_url, b.site_url );
		assert.equal( i.store_id, b.store_id );
		assert.equal( i.integration_id, b.integration_id );
		assert.equal( i.api_key, b.api_key );
		assert.equal( i.webhook_secret, b.webhook_secret );
		assert.deepEqual( i.valid_api_keys, [ b.api_key ] );
	} );

	it( 'wrong method on a control route → 405; unknown control route → 404', async () => {
		const r = await request( sb.url, '/__sandbox/health', {
			method: 'POST',
		} );
		assert.equal( r.status, 405 );
		assert.equal( obj( r.json ).code, 'METHOD_NOT_ALLOWED' );
		const n = await request( sb.url, '/__sandbox/nope' );
		assert.equal( n.status, 404 );
		assert.deepEqual( await logged(), [] );
	} );
} );

describe( 'routing and robustness', () => {
	it( 'unknown route → 404 flat NOT_FOUND', async () => {
		for ( const path of [
			'/',
			'/v1/invoices/inv_0123/cancel',
			'/v1/integration/woocommerce/connect/',
			'/V1/INTEGRATION/WOOCOMMERCE/CONNECT',
		] ) {
			const r = await request( sb.url, path );
			assert.equal( r.status, 404, path );
			assert.deepEqual( r.json, {
				error: 'Not found',
				code: 'NOT_FOUND',
			} );
		}
	} );

	it( 'wrong method on connect → 405 flat with Allow', async () => {
		for ( const method of [ 'GET', 'PUT', 'DELETE', 'PATCH' ] ) {
			const res = await fetch( sb.url + CONNECT_PATH, { method } );
			assert.equal( res.status, 405, method );
			assert.equal( res.headers.get( 'allow' ), 'POST' );
			const b = ( await res.json() ) as Record< string, unknown >;
			assert.equal( b.code, 'METHOD_NOT_ALLOWED' );
			assert.equal( typeof b.error, 'string' );
		}
	} );

	it( 'bodies over 1 MiB → 413; exactly 1 MiB is read', async () => {
		const big = 'x'.repeat( 1024 * 1024 + 1 );
		const r = await connect( sb.url, 'sk_live_sandbox_ready', null, {
			raw: big,
		} );
		assert.equal( r.status, 413 );
		assert.equal( obj( r.json ).code, 'PAYLOAD_TOO_LARGE' );
		const limit = 'x'.repeat( 1024 * 1024 );
		const ok = await connect( sb.url, 'sk_live_sandbox_ready', null, {
			raw: limit,
		} );
		assert.equal( ok.status, 400 ); // read in full, then rejected as invalid JSON
		const health = await request( sb.url, '/__sandbox/health' );
		assert.deepEqual( health.json, { ok: true } );
	} );

	it( 'garbage inputs never crash the server', async () => {
		const raws = [
			'\u0000\u0001\u0002',
			'\uFEFF{"site_url":"https://a.example"}',
			'{"a":'.repeat( 10_000 ),
			'['.repeat( 200_000 ) + ']'.repeat( 200_000 ),
			`{"site_url":"https://a.example","webhook_url":"https://a.example/w","deep":${ '['.repeat( 200_000 ) }${ ']'.repeat( 200_000 ) }}`,
			'"\\ud800"',
			'1e999999',
		];
		for ( const raw of raws ) {
			const r = await connect( sb.url, 'sk_live_sandbox_ready', null, {
				raw,
			} );
			assert.ok(
				[ 400, 422 ].includes( r.status ),
				`${ r.status } for ${ raw.slice( 0, 20 ) }`
			);
		}
		const log = await request( sb.url, '/__sandbox/requests' );
		assert.equal( log.status, 200 );
		assert.deepEqual(
			( await request( sb.url, '/__sandbox/health' ) ).json,
			{ ok: true }
		);
	} );

	it( 'raw malformed HTTP and odd targets do not crash the server', async () => {
		const raw = ( payload: string ): Promise< string > =>
			new Promise( ( resolve ) => {
				const socket = netConnect( sb.port, '127.0.0.1', () =>
					socket.end( payload )
				);
				let data = '';
				socket.on( 'data', ( d ) => ( data += d.toString() ) );
				socket.on( 'close', () => resolve( data ) );
				socket.on( 'error', () => resolve( data ) );
			} );
		assert.match( await raw( 'GARBAGE\r\n\r\n' ), /^HTTP\/1\.1 400/ );
		assert.match(
			await raw(
				'GET //// HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
			),
			/^HTTP\/1\.1 (400|404)/
		);
		assert.match(
			await raw(
				'GET http://evil.example/__sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
			),
			/^HTTP\/1\.1 200/
		);
		// client disconnecting mid-body
		await new Promise< void >( ( resolve ) => {
			const req = httpRequest( {
				host: '127.0.0.1',
				port: sb.port,
				method: 'POST',
				path: CONNECT_PATH,
				headers: { 'content-length': '1000' },
			} );
			req.on( 'error', () => resolve() );
			req.write( '{"site_url":' );
			setTimeout( () => {
				req.destroy();
				resolve();
			}, 50 );
		} );
		assert.deepEqual(
			( await request( sb.url, '/__sandbox/health' ) ).json,
			{ ok: true }
		);
	} );
} );
