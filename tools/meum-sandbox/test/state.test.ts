import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src/core/server';
import {
	API_KEY_RE,
	SECRET_RE,
	connect,
	integrations,
	obj,
	request,
	startTestSandbox,
	validBody,
	sandboxForSuite,
} from './helpers';

const sb = sandboxForSuite();

const KEPT = [
	'store_id',
	'integration_id',
	'integration_public_id',
	'installation_id',
	'webhook_id',
] as const;

describe( 'reconnect rotates credentials', () => {
	it( 'same site + same store: same ids, new api_key/secret, credentials_rotated true, old key invalid', async () => {
		const first = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		assert.equal( first.credentials_rotated, false );
		let listed = await integrations( sb.url );
		assert.equal( listed.length, 1 );
		assert.deepEqual( listed[ 0 ]?.valid_api_keys, [ first.api_key ] );

		const second = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		assert.equal( second.credentials_rotated, true );
		for ( const field of KEPT ) {
			assert.equal( second[ field ], first[ field ], field );
		}
		assert.match( String( second.api_key ), API_KEY_RE );
		assert.match( String( second.webhook_secret ), SECRET_RE );
		assert.notEqual( second.api_key, first.api_key );
		assert.notEqual( second.webhook_secret, first.webhook_secret );

		listed = await integrations( sb.url );
		assert.equal( listed.length, 1 );
		const i = listed[ 0 ]!;
		assert.equal( i.api_key, second.api_key );
		assert.equal( i.webhook_secret, second.webhook_secret );
		assert.equal( i.integration_id, first.integration_id );
		assert.equal( i.store_id, first.store_id );
		assert.equal( i.site_url, 'https://shop.example.com' );
		assert.deepEqual( i.valid_api_keys, [ second.api_key ] );
		assert.equal(
			i.valid_api_keys.includes( String( first.api_key ) ),
			false
		);
	} );

	it( 'the slow key shares the ready store, so it rotates too', async () => {
		const first = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		const second = obj(
			( await connect( sb.url, 'sk_live_sandbox_slow', validBody() ) )
				.json
		);
		assert.equal( second.credentials_rotated, true );
		assert.equal( second.integration_id, first.integration_id );
	} );

	it( 'site_url matching ignores a trailing slash and host case', async () => {
		const first = obj(
			(
				await connect(
					sb.url,
					'sk_live_sandbox_ready',
					validBody( 'https://Shop.Example.com' )
				)
			).json
		);
		const second = obj(
			(
				await connect( sb.url, 'sk_live_sandbox_ready', {
					site_url: 'https://shop.example.com/',
					webhook_url:
						'https://shop.example.com/?rest_route=/meum/v1/webhook',
				} )
			).json
		);
		assert.equal( second.credentials_rotated, true );
		assert.equal( second.integration_id, first.integration_id );
		assert.equal( second.site_url, 'https://shop.example.com/' );
		assert.equal(
			second.webhook_url,
			'https://shop.example.com/?rest_route=/meum/v1/webhook'
		);
		assert.equal(
			( await integrations( sb.url ) )[ 0 ]?.webhook_url,
			'https://shop.example.com/?rest_route=/meum/v1/webhook'
		);
	} );

	it( 'different sites get different integrations', async () => {
		await connect(
			sb.url,
			'sk_live_sandbox_ready',
			validBody( 'https://a.example' )
		);
		await connect(
			sb.url,
			'sk_live_sandbox_ready',
			validBody( 'https://b.example' )
		);
		const listed = await integrations( sb.url );
		assert.deepEqual(
			listed.map( ( i ) => i.site_url ),
			[ 'https://a.example', 'https://b.example' ]
		);
		assert.notEqual(
			listed[ 0 ]?.integration_id,
			listed[ 1 ]?.integration_id
		);
	} );
} );

describe( 'site bound to another store', () => {
	it( '409 SITE_ALREADY_CONNECTED and the binding is unchanged', async () => {
		const first = obj(
			( await connect( sb.url, 'sk_live_sandbox_ready', validBody() ) )
				.json
		);
		const r = await connect(
			sb.url,
			'sk_live_sandbox_nopayout',
			validBody()
		);
		assert.equal( r.status, 409 );
		assert.deepEqual( r.json, {
			error: 'This WooCommerce site is already connected to another Meum store.',
			code: 'SITE_ALREADY_CONNECTED',
		} );
		const listed = await integrations( sb.url );
		assert.equal( listed.length, 1 );
		assert.equal( listed[ 0 ]?.api_key, first.api_key );
		assert.equal( listed[ 0 ]?.store_id, first.store_id );
	} );

	it( 'after reset the site can connect to the other store', async () => {
		await connect( sb.url, 'sk_live_sandbox_ready', validBody() );
		await request( sb.url, '/__sandbox/reset', { method: 'POST' } );
		const r = await connect(
			sb.url,
			'sk_live_sandbox_nopayout',
			validBody()
		);
		assert.equal( r.status, 200 );
		assert.equal( obj( r.json ).credentials_rotated, false );
	} );
} );

describe( 'slow scenario', () => {
	let slow: RunningSandbox;
	before( async () => {
		slow = await startTestSandbox( { slowMs: 300 } );
	} );
	after( () => slow.close() );

	it( 'answers like ready, after slowMs', async () => {
		const started = performance.now();
		const r = await connect(
			slow.url,
			'sk_live_sandbox_slow',
			validBody()
		);
		const elapsed = performance.now() - started;
		assert.ok( elapsed >= 300, `elapsed ${ elapsed } ms` );
		assert.equal( r.status, 200 );
		const b = obj( r.json );
		assert.equal( b.store_name, 'Northwind Sandbox Store' );
		assert.equal( b.payout_configured, true );
		assert.equal( 'warning' in b, false );
	} );

	it( 'other keys are not delayed', async () => {
		const started = performance.now();
		await connect(
			slow.url,
			'sk_live_sandbox_ready',
			validBody( 'https://fast.example' )
		);
		assert.ok( performance.now() - started < 300 );
	} );

	it( 'close() does not wait for a pending slow reply', async () => {
		const other = await startTestSandbox( { slowMs: 60_000 } );
		const pending = connect(
			other.url,
			'sk_live_sandbox_slow',
			validBody()
		).then(
			() => 'answered',
			() => 'dropped'
		);
		await new Promise( ( r ) => setTimeout( r, 100 ) );
		const started = performance.now();
		await other.close();
		assert.ok( performance.now() - started < 2000 );
		assert.equal( await pending, 'dropped' );
	} );

	it( 'a client that gives up does not crash the sandbox', async () => {
		await assert.rejects(
			connect(
				slow.url,
				'sk_live_sandbox_slow',
				validBody( 'https://gaveup.example' ),
				{ signal: AbortSignal.timeout( 50 ) }
			)
		);
		await new Promise( ( r ) => setTimeout( r, 400 ) );
		const health = await request( slow.url, '/__sandbox/health' );
		assert.deepEqual( health.json, { ok: true } );
	} );
} );
