import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, it } from 'node:test';
import { NORTHWIND_STORE } from '../src/core/scenarios';
import {
	connect,
	integrations,
	obj,
	request,
	startTestSandbox,
	UUID_RE,
	type ListedIntegration,
	sandboxForSuite,
	resetSandbox,
} from './helpers';
import {
	createServer,
	type IncomingHttpHeaders,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiverForSuite, type Received } from './receiver';

const SITE = 'https://shop.example.com';
const sb = sandboxForSuite();
const rx = receiverForSuite();

/**
 * Connects the test site with the receiver as its webhook URL.
 * @param key The connection key.
 */
async function connectSite(
	key = 'sk_live_sandbox_ready'
): Promise< Record< string, unknown > > {
	const r = await connect( sb.url, key, {
		site_url: SITE,
		webhook_url: rx.url(),
	} );
	assert.equal( r.status, 200 );
	return obj( r.json );
}

async function listed(): Promise< ListedIntegration > {
	const [ i ] = await integrations( sb.url );
	assert.ok( i );
	return i;
}

interface DeliveryReport {
	status: number | null;
	body: string;
	headers: Record< string, unknown >;
	error: string | null;
	ms: number;
}

interface DeliverAnswer {
	deliveries: DeliveryReport[];
	event_id: string;
	url: string;
	body: string;
	headers: Record< string, string >;
}

async function deliverRaw(
	body: unknown
): Promise< { status: number; json: unknown } > {
	const r = await request( sb.url, '/__sandbox/deliver', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify( body ),
	} );
	return { status: r.status, json: r.json };
}

async function deliver(
	body: Record< string, unknown > = {}
): Promise< DeliverAnswer > {
	const r = await deliverRaw( { site_url: SITE, ...body } );
	assert.equal( r.status, 200, JSON.stringify( r.json ) );
	return r.json as DeliverAnswer;
}

function hmacHex( secret: string, data: Buffer ): string {
	return createHmac( 'sha256', secret ).update( data ).digest( 'hex' );
}

/**
 * Verifies a received delivery the way the plugin does (Part A §A4); returns false on any mismatch.
 * @param got    The received request.
 * @param secret The webhook secret.
 * @param prefix The header prefix.
 */
function verifies(
	got: Received,
	secret: string,
	prefix = 'x-meum-'
): boolean {
	const signature = String( got.headers[ `${ prefix }signature` ] ?? '' );
	const timestamp = String( got.headers[ `${ prefix }timestamp` ] ?? '' );
	let expected: string;
	if ( signature.startsWith( 'v1=' ) ) {
		expected = `v1=${ hmacHex( secret, Buffer.concat( [ Buffer.from( `${ timestamp }.` ), got.body ] ) ) }`;
	} else if ( signature.startsWith( 'sha256=' ) ) {
		expected = `sha256=${ hmacHex( secret, got.body ) }`;
	} else {
		return false;
	}
	return (
		expected.length === signature.length &&
		timingSafeEqual( Buffer.from( expected ), Buffer.from( signature ) )
	);
}

function only(): Received {
	assert.equal( rx.received.length, 1 );
	return rx.received[ 0 ]!;
}

const DECIMAL_RE = /^\d+\.\d{2}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EXPECTED_STATUS: Record< string, string > = {
	'invoice.created': 'awaiting_payment',
	'invoice.paid': 'paid',
	'invoice.underpaid': 'underpaid',
	'invoice.failed': 'failed',
	'invoice.expired': 'expired',
	'invoice.cancelled': 'cancelled',
	'invoice.refunded': 'refunded',
};

describe( 'POST /__sandbox/deliver: payloads', () => {
	it( 'every invoice event type gets the §5.7 envelope with snake_case data matching the type', async () => {
		const c = await connectSite();
		for ( const [ type, status ] of Object.entries( EXPECTED_STATUS ) ) {
			rx.reset();
			const a = await deliver( { type } );
			const got = only();
			assert.equal( got.method, 'POST' );
			assert.equal( got.path, '/wp-json/meum/v1/webhook' );
			assert.equal( got.body.toString( 'utf8' ), a.body );
			const p = obj( JSON.parse( a.body ) );
			assert.deepEqual( Object.keys( p ), [
				'id',
				'type',
				'createdAt',
				'organizationId',
				'storeId',
				'storePublicId',
				'data',
				'_platform',
			] );
			assert.match( String( p.id ), /^evt_[0-9a-f]{24}$/ );
			assert.equal( p.id, a.event_id );
			assert.equal( p.type, type );
			assert.match( String( p.createdAt ), ISO_RE );
			assert.ok(
				Math.abs( Date.parse( String( p.createdAt ) ) - Date.now() ) <
					10_000
			);
			assert.equal( p.organizationId, NORTHWIND_STORE.organizationId );
			assert.match( String( p.organizationId ), UUID_RE );
			assert.equal( p.storeId, c.store_id );
			assert.equal( p.storePublicId, 'northwind-sandbox' );
			assert.deepEqual( p._platform, {
				webhookEndpointId: c.webhook_id,
			} );
			const d = obj( p.data );
			assert.match( String( d.invoice_id ), /^inv_[0-9a-f]{32}$/ );
			assert.equal( d.integration_id, c.integration_public_id );
			assert.equal( typeof d.external_order_id, 'string' );
			for ( const field of [
				'amount',
				'expected_amount',
				'received_amount',
				'difference_amount',
				'paid_amount',
			] ) {
				assert.match(
					String( d[ field ] ),
					DECIMAL_RE,
					`${ type } ${ field }`
				);
			}
			assert.equal( d.currency, 'USD' );
			assert.equal( d.output_asset, 'usdc' );
			assert.equal(
				d.payment_url,
				`https://pay.meum.io/${ String( d.invoice_id ) }`
			);
			assert.equal( d.status, status, type );
			if ( type === 'invoice.paid' ) {
				assert.equal( d.received_amount, d.amount );
				assert.equal( d.difference_amount, '0.00' );
				assert.match( String( d.tx_hash ), /^0x[0-9a-f]{64}$/ );
				assert.match( String( d.paid_at ), ISO_RE );
			}
			if ( type === 'invoice.underpaid' ) {
				assert.ok( Number( d.received_amount ) < Number( d.amount ) );
				assert.ok( Number( d.difference_amount ) > 0 );
			}
			if (
				type === 'invoice.failed' ||
				type === 'invoice.expired' ||
				type === 'invoice.cancelled'
			) {
				assert.equal( d.received_amount, '0.00' );
				assert.equal( d.tx_hash, undefined );
			}
			for ( const key of Object.keys( d ) ) {
				assert.match(
					key,
					/^[a-z]+(_[a-z]+)*$/,
					`data key ${ key } is snake_case`
				);
			}
			assert.equal( got.headers[ 'x-meum-event' ], type );
			assert.equal( got.headers[ 'x-meum-event-id' ], p.id );
		}
	} );

	it( 'webhook.test is { id, type, data: { message } } as documented', async () => {
		await connectSite();
		const a = await deliver( {
			type: 'webhook.test',
			event_id: 'evt_demo_test',
		} );
		const p = JSON.parse( only().body.toString( 'utf8' ) ) as unknown;
		assert.deepEqual( p, {
			id: 'evt_demo_test',
			type: 'webhook.test',
			data: { message: 'Test webhook from Stablecoin Checkout' },
		} );
		assert.equal( a.event_id, 'evt_demo_test' );
		assert.equal( only().headers[ 'x-meum-event' ], 'webhook.test' );
		assert.equal( only().headers[ 'x-meum-event-id' ], 'evt_demo_test' );
	} );

	it( 'data is merged over the defaults; event_id is used as payload id and Event-Id', async () => {
		await connectSite();
		const a = await deliver( {
			event_id: 'evt_0123456789abcdef01234567',
			data: {
				external_order_id: '4242',
				invoice_id: 'inv_fixed',
				amount: '12.50',
				extra: { nested: true },
			},
		} );
		const p = obj( JSON.parse( a.body ) );
		const d = obj( p.data );
		assert.equal( p.id, 'evt_0123456789abcdef01234567' );
		assert.equal( d.external_order_id, '4242' );
		assert.equal( d.invoice_id, 'inv_fixed' );
		assert.equal( d.amount, '12.50' );
		assert.deepEqual( d.extra, { nested: true } );
		assert.equal( d.status, 'paid' );
		assert.equal( d.currency, 'USD' );
		assert.equal(
			only().headers[ 'x-meum-event-id' ],
			'evt_0123456789abcdef01234567'
		);
	} );
} );

describe( 'POST /__sandbox/deliver: signatures and headers', () => {
	it( 'v1 and sha256 signatures verify with the current secret; headers per §A4', async () => {
		const c = await connectSite();
		const startedAt = Math.floor( Date.now() / 1000 );
		const a = await deliver();
		let got = only();
		assert.equal( got.headers[ 'content-type' ], 'application/json' );
		assert.equal(
			got.headers[ 'content-length' ],
			String( got.body.length )
		);
		assert.match(
			String( got.headers[ 'x-meum-signature' ] ),
			/^v1=[0-9a-f]{64}$/
		);
		assert.match( String( got.headers[ 'x-meum-timestamp' ] ), /^\d+$/ );
		const ts = Number( got.headers[ 'x-meum-timestamp' ] );
		assert.ok( ts >= startedAt && ts <= Math.floor( Date.now() / 1000 ) );
		assert.equal(
			got.headers[ 'x-meum-integration-id' ],
			c.integration_public_id
		);
		assert.ok( verifies( got, String( c.webhook_secret ) ) );
		assert.equal(
			a.headers[ 'X-Meum-Signature' ],
			got.headers[ 'x-meum-signature' ]
		);
		assert.deepEqual(
			a.deliveries.map( ( d ) => [ d.status, d.body, d.error ] ),
			[ [ 200, '{"received":true}', null ] ]
		);
		assert.equal(
			a.deliveries[ 0 ]?.headers[ 'content-type' ],
			'application/json'
		);
		assert.equal( typeof a.deliveries[ 0 ]?.ms, 'number' );

		rx.reset();
		await deliver( { scheme: 'sha256' } );
		got = only();
		assert.match(
			String( got.headers[ 'x-meum-signature' ] ),
			/^sha256=[0-9a-f]{64}$/
		);
		assert.equal(
			got.headers[ 'x-meum-signature' ],
			`sha256=${ hmacHex( String( c.webhook_secret ), got.body ) }`
		);
		assert.ok( verifies( got, String( c.webhook_secret ) ) );
	} );

	it( 'a rotating reconnect keeps the previous secret; sign_with previous/current/wrong', async () => {
		const first = await connectSite();
		assert.equal( ( await listed() ).previous_webhook_secret, null );
		const noPrevious = await deliverRaw( {
			site_url: SITE,
			sign_with: 'previous',
		} );
		assert.equal( noPrevious.status, 400 );
		assert.equal( obj( noPrevious.json ).code, 'VALIDATION_ERROR' );
		assert.ok( obj( obj( noPrevious.json ).details ).sign_with );
		assert.equal( rx.received.length, 0 );

		const second = await connectSite();
		assert.equal( second.credentials_rotated, true );
		const i = await listed();
		assert.equal( i.previous_webhook_secret, first.webhook_secret );
		assert.equal( i.webhook_secret, second.webhook_secret );
		const oldSecret = String( first.webhook_secret );
		const newSecret = String( second.webhook_secret );

		for ( const scheme of [ 'v1', 'sha256' ] ) {
			rx.reset();
			await deliver( { sign_with: 'previous', scheme } );
			assert.ok( verifies( only(), oldSecret ), `previous ${ scheme }` );
			assert.ok( ! verifies( only(), newSecret ) );

			rx.reset();
			await deliver( { sign_with: 'current', scheme } );
			assert.ok( verifies( only(), newSecret ), `current ${ scheme }` );
			assert.ok( ! verifies( only(), oldSecret ) );

			rx.reset();
			await deliver( { sign_with: 'wrong', scheme } );
			assert.ok( ! verifies( only(), newSecret ), `wrong ${ scheme }` );
			assert.ok( ! verifies( only(), oldSecret ) );
		}

		// a second rotation moves the previous secret on; disconnect + connect starts over
		const third = await connectSite();
		assert.equal( ( await listed() ).previous_webhook_secret, newSecret );
		const dis = await request(
			sb.url,
			'/v1/integration/woocommerce/disconnect',
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${ String( third.api_key ) }`,
				},
			}
		);
		assert.equal( dis.status, 200 );
		await connectSite();
		assert.equal( ( await listed() ).previous_webhook_secret, null );
	} );

	it( 'timestamp_skew shifts the timestamp, and the signature covers the shifted value', async () => {
		const c = await connectSite();
		for ( const skew of [ -600, 400 ] ) {
			rx.reset();
			const now = Math.floor( Date.now() / 1000 );
			const a = await deliver( { timestamp_skew: skew } );
			const got = only();
			const ts = Number( got.headers[ 'x-meum-timestamp' ] );
			assert.ok(
				Math.abs( ts - ( now + skew ) ) <= 2,
				`${ ts } vs ${ now + skew }`
			);
			assert.equal( a.headers[ 'X-Meum-Timestamp' ], String( ts ) );
			assert.ok( verifies( got, String( c.webhook_secret ) ) );
		}
	} );

	it( 'prefix X-Stablecoin- replaces X-Meum- (names spelled as documented)', async () => {
		const c = await connectSite();
		await deliver( { prefix: 'X-Stablecoin-' } );
		const got = only();
		for ( const name of [
			'Event',
			'Event-Id',
			'Timestamp',
			'Signature',
			'Integration-Id',
		] ) {
			assert.ok(
				got.rawHeaderNames.includes( `X-Stablecoin-${ name }` ),
				name
			);
		}
		assert.equal(
			Object.keys( got.headers ).filter( ( h ) =>
				h.startsWith( 'x-meum-' )
			).length,
			0
		);
		assert.ok(
			verifies( got, String( c.webhook_secret ), 'x-stablecoin-' )
		);

		rx.reset();
		await deliver();
		for ( const name of [
			'Event',
			'Event-Id',
			'Timestamp',
			'Signature',
			'Integration-Id',
		] ) {
			assert.ok(
				only().rawHeaderNames.includes( `X-Meum-${ name }` ),
				name
			);
		}
		assert.equal(
			Object.keys( only().headers ).filter( ( h ) =>
				h.startsWith( 'x-stablecoin-' )
			).length,
			0
		);
	} );

	it( 'integration_id_header chooses the Integration-Id value', async () => {
		const c = await connectSite();
		const cases: [ string, ( v: unknown ) => void ][] = [
			[
				'integration_public_id',
				( v ) => assert.equal( v, c.integration_public_id ),
			],
			[ 'integration_id', ( v ) => assert.equal( v, c.integration_id ) ],
			[
				'wrong',
				( v ) => {
					assert.match( String( v ), /^int_[0-9a-f]{32}$/ );
					assert.notEqual( v, c.integration_public_id );
				},
			],
			[ 'none', ( v ) => assert.equal( v, undefined ) ],
		];
		for ( const [ option, check ] of cases ) {
			rx.reset();
			await deliver( { integration_id_header: option } );
			check( only().headers[ 'x-meum-integration-id' ] );
			assert.ok( verifies( only(), String( c.webhook_secret ) ), option );
		}
	} );

	it( 'omit_headers leaves the named headers out (case-insensitive names)', async () => {
		await connectSite();
		const a = await deliver( {
			omit_headers: [ 'Timestamp', 'signature' ],
		} );
		const got = only();
		assert.equal( got.headers[ 'x-meum-timestamp' ], undefined );
		assert.equal( got.headers[ 'x-meum-signature' ], undefined );
		assert.ok( got.headers[ 'x-meum-event' ] );
		assert.ok( got.headers[ 'x-meum-event-id' ] );
		assert.ok( got.headers[ 'x-meum-integration-id' ] );
		assert.equal( a.headers[ 'X-Meum-Timestamp' ], undefined );

		rx.reset();
		await deliver( {
			omit_headers: [ 'Event-Id', 'Content-Type' ],
			prefix: 'X-Stablecoin-',
		} );
		assert.equal( only().headers[ 'x-stablecoin-event-id' ], undefined );
		assert.equal( only().headers[ 'content-type' ], undefined );
		assert.ok( only().headers[ 'x-stablecoin-signature' ] );
	} );

	it( 'raw_body is sent byte-exact and signed as instructed', async () => {
		const c = await connectSite();
		const raw =
			' {"id":"evt_raw","type" : "invoice.paid",\n"ü":"€ \\u00e9 😀"}\r\n\t';
		const a = await deliver( { raw_body: raw, event_id: 'evt_raw' } );
		const got = only();
		assert.deepEqual( got.body, Buffer.from( raw, 'utf8' ) );
		assert.equal( a.body, raw );
		assert.equal(
			got.headers[ 'content-length' ],
			String( Buffer.byteLength( raw ) )
		);
		assert.equal( got.headers[ 'x-meum-event-id' ], 'evt_raw' );
		assert.ok( verifies( got, String( c.webhook_secret ) ) );

		for ( const body of [ '', 'not json at all', '[1,2,3]' ] ) {
			rx.reset();
			await deliver( { raw_body: body, scheme: 'sha256' } );
			assert.deepEqual( only().body, Buffer.from( body ) );
			assert.ok( verifies( only(), String( c.webhook_secret ) ) );
		}
	} );
} );

describe( 'POST /__sandbox/deliver: transport', () => {
	it( 'count N sends N concurrent requests with identical bytes and headers', async () => {
		await connectSite();
		const n = 25;
		const held: ServerResponse[] = [];
		// Answer nobody until all N requests are in: only concurrent sending can complete.
		rx.responder = ( _req, res ) => {
			held.push( res );
			if ( held.length === n ) {
				for ( const r of held ) {
					r.writeHead( 200, { 'Content-Type': 'application/json' } );
					r.end( '{"received":true}' );
				}
			}
		};
		const a = await deliver( { count: n, timeout_ms: 5000 } );
		assert.equal( a.deliveries.length, n );
		assert.ok(
			a.deliveries.every( ( d ) => d.status === 200 && d.error === null ),
			JSON.stringify( a.deliveries[ 0 ] )
		);
		assert.equal( rx.received.length, n );
		const [ first ] = rx.received;
		const meum = ( h: IncomingHttpHeaders ): Record< string, unknown > =>
			Object.fromEntries(
				Object.entries( h ).filter(
					( [ k ] ) =>
						k.startsWith( 'x-meum-' ) ||
						k === 'content-type' ||
						k === 'content-length'
				)
			);
		for ( const got of rx.received ) {
			assert.deepEqual( got.body, first!.body );
			assert.deepEqual( meum( got.headers ), meum( first!.headers ) );
		}
		assert.equal( first!.body.toString( 'utf8' ), a.body );
	} );

	it( 'count outside 1..200 and other bad fields → 400 VALIDATION_ERROR with details', async () => {
		await connectSite();
		const r = await deliverRaw( {
			site_url: SITE,
			count: 201,
			type: 'invoice.bogus',
			sign_with: 'other',
			scheme: 'v2',
			prefix: 'X-Other-',
			integration_id_header: 'uuid',
			omit_headers: [ 'Nope' ],
			timestamp_skew: 1.5,
			url: 'ftp://example.com/',
			data: [ 1 ],
			raw_body: 5,
			event_id: 'bad\nid',
			timeout_ms: 0,
			extra: true,
		} );
		assert.equal( r.status, 400 );
		assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		assert.deepEqual( Object.keys( obj( obj( r.json ).details ) ).sort(), [
			'count',
			'data',
			'event_id',
			'extra',
			'integration_id_header',
			'omit_headers',
			'prefix',
			'raw_body',
			'scheme',
			'sign_with',
			'timeout_ms',
			'timestamp_skew',
			'type',
			'url',
		] );
		const missing = await deliverRaw( {} );
		assert.equal( missing.status, 400 );
		assert.ok( obj( obj( missing.json ).details ).site_url );
		const badJson = await request( sb.url, '/__sandbox/deliver', {
			method: 'POST',
			body: '{',
		} );
		assert.equal( badJson.status, 400 );
		assert.equal( obj( badJson.json ).code, 'INVALID_JSON' );
		assert.equal( rx.received.length, 0 );
	} );

	it( 'redirects are not followed: a 302 is reported as 302', async () => {
		await connectSite();
		rx.responder = ( req, res ) => {
			if ( req.url === '/wp-json/meum/v1/webhook' ) {
				res.writeHead( 302, { Location: rx.url( '/elsewhere' ) } );
				res.end();
			} else {
				res.writeHead( 200 );
				res.end( 'followed' );
			}
		};
		const a = await deliver();
		assert.equal( a.deliveries[ 0 ]?.status, 302 );
		assert.equal(
			a.deliveries[ 0 ]?.headers.location,
			rx.url( '/elsewhere' )
		);
		assert.equal( a.deliveries[ 0 ]?.error, null );
		assert.equal( only().path, '/wp-json/meum/v1/webhook' );
	} );

	it( 'an explicit url overrides the webhook_url; long answers are truncated to 2000 characters', async () => {
		await connectSite();
		rx.responder = ( _req, res ) => {
			res.writeHead( 500, { 'Content-Type': 'text/html' } );
			res.end( 'x'.repeat( 5000 ) );
		};
		const a = await deliver( {
			url: rx.url( '/?rest_route=/meum/v1/webhook' ),
		} );
		assert.equal( only().path, '/?rest_route=/meum/v1/webhook' );
		assert.equal( a.url, rx.url( '/?rest_route=/meum/v1/webhook' ) );
		assert.equal( a.deliveries[ 0 ]?.status, 500 );
		assert.equal( a.deliveries[ 0 ]?.body, 'x'.repeat( 2000 ) );
	} );

	it( 'an unreachable url is reported as an error with a null status', async () => {
		await connectSite();
		const closed = createServer();
		await new Promise< void >( ( resolve ) =>
			closed.listen( 0, '127.0.0.1', resolve )
		);
		const port = ( closed.address() as AddressInfo ).port;
		await new Promise< void >( ( resolve ) =>
			closed.close( () => resolve() )
		);
		const a = await deliver( {
			url: `http://127.0.0.1:${ port }/wp-json/meum/v1/webhook`,
			count: 2,
		} );
		assert.equal( a.deliveries.length, 2 );
		for ( const d of a.deliveries ) {
			assert.equal( d.status, null );
			assert.match( String( d.error ), /ECONNREFUSED/ );
			assert.equal( d.body, '' );
		}
	} );

	it( 'a receiver that never answers times out after timeout_ms', async () => {
		await connectSite();
		rx.responder = () => undefined; // hold the request forever (closed with the receiver)
		const a = await deliver( { timeout_ms: 200 } );
		assert.equal( a.deliveries[ 0 ]?.status, null );
		assert.match(
			String( a.deliveries[ 0 ]?.error ),
			/Timed out after 200 ms/
		);
		assert.ok( ( a.deliveries[ 0 ]?.ms ?? 0 ) >= 190 );
	} );

	it( 'closing the sandbox aborts deliveries in flight', async () => {
		const own = await startTestSandbox();
		const r = await connect( own.url, 'sk_live_sandbox_ready', {
			site_url: SITE,
			webhook_url: rx.url(),
		} );
		assert.equal( r.status, 200 );
		let clientGone!: () => void;
		const gone = new Promise< void >(
			( resolve ) => ( clientGone = resolve )
		);
		rx.responder = ( req ) => req.socket.on( 'close', () => clientGone() );
		const pending = fetch( `${ own.url }/__sandbox/deliver`, {
			method: 'POST',
			body: JSON.stringify( { site_url: SITE, timeout_ms: 60_000 } ),
		} ).catch( () => null );
		while ( rx.received.length === 0 ) {
			await new Promise( ( resolve ) => setTimeout( resolve, 10 ) );
		}
		const started = Date.now();
		await own.close();
		await gone;
		assert.ok( Date.now() - started < 5000 );
		await pending;
	} );

	it( 'unknown site_url → 404 NOT_FOUND, nothing sent', async () => {
		await connectSite();
		const r = await deliverRaw( {
			site_url: 'https://other.example.com',
			url: rx.url(),
		} );
		assert.equal( r.status, 404 );
		assert.equal( obj( r.json ).code, 'NOT_FOUND' );
		assert.equal( rx.received.length, 0 );
		// site_url matches like connect does
		await deliver( { site_url: 'https://SHOP.example.com/' } );
		assert.equal( rx.received.length, 1 );
	} );

	it( 'GET /__sandbox/deliveries logs every delivery; reset clears it', async () => {
		await connectSite();
		const a = await deliver( { count: 2, type: 'invoice.expired' } );
		rx.responder = ( _req, res ) => {
			res.writeHead( 401 );
			res.end( '{"received":false,"error":"invalid_signature"}' );
		};
		await deliver( { sign_with: 'wrong' } );
		const log = obj(
			( await request( sb.url, '/__sandbox/deliveries' ) ).json
		).deliveries as Record< string, unknown >[];
		assert.equal( log.length, 3 );
		assert.deepEqual(
			log.map( ( e ) => [ e.target, e.status, e.error, e.site_url ] ),
			[
				[ rx.url(), 200, null, SITE ],
				[ rx.url(), 200, null, SITE ],
				[ rx.url(), 401, null, SITE ],
			]
		);
		assert.equal( log[ 0 ]?.event_id, a.event_id );
		assert.equal( log[ 0 ]?.type, 'invoice.expired' );
		assert.equal( typeof log[ 0 ]?.ms, 'number' );
		assert.ok(
			! Number.isNaN( Date.parse( String( log[ 0 ]?.sent_at ) ) )
		);
		// control requests are not in the request log
		const requests = obj(
			( await request( sb.url, '/__sandbox/requests' ) ).json
		).requests as unknown[];
		assert.equal( requests.length, 1 ); // the connect
		const cleared = await request( sb.url, '/__sandbox/deliveries', {
			method: 'DELETE',
		} );
		assert.deepEqual( cleared.json, { cleared: true } );
		assert.deepEqual(
			obj( ( await request( sb.url, '/__sandbox/deliveries' ) ).json )
				.deliveries,
			[]
		);
		assert.equal( ( await integrations( sb.url ) ).length, 1 );
		await deliver();
		assert.equal(
			(
				obj( ( await request( sb.url, '/__sandbox/deliveries' ) ).json )
					.deliveries as unknown[]
			 ).length,
			1
		);
		await request( sb.url, '/__sandbox/reset', { method: 'POST' } );
		assert.deepEqual(
			obj( ( await request( sb.url, '/__sandbox/deliveries' ) ).json )
				.deliveries,
			[]
		);
	} );
} );

describe( 'GET /__sandbox/secrets', () => {
	it( 'keeps every credential issued or received and every body sent, across reset', async () => {
		const first = await connectSite();
		const rotated = await connectSite();
		const sent = await deliver( { type: 'webhook.test' } );
		await resetSandbox( sb.url );
		const r = await request( sb.url, '/__sandbox/secrets' );
		assert.equal( r.status, 200 );
		const ledger = r.json as {
			secrets: string[];
			webhook_bodies: string[];
		};
		for ( const secret of [
			'sk_live_sandbox_ready',
			first.api_key,
			first.webhook_secret,
			rotated.api_key,
			rotated.webhook_secret,
		] ) {
			assert.ok(
				ledger.secrets.includes( String( secret ) ),
				`ledger holds ${ String( secret ).slice( 0, 12 ) }…`
			);
		}
		assert.ok( ledger.webhook_bodies.includes( sent.body ) );
	} );
} );
