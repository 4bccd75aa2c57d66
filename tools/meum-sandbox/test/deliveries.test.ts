import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { integrations, obj, request, sandboxForSuite } from './helpers';
import {
	connectedKey,
	control,
	invoiceFor,
	newInvoice,
	readInvoice,
} from './invoice-helpers';
import { receiverForSuite, type Received } from './receiver';

const SITE = 'https://shop.example.com';
/** 60 s × 0.001 = 60 ms before the second attempt, then 120, 240, 480, 960 ms. */
const SCALE = 0.001;
const sb = sandboxForSuite( { timeScale: SCALE } );
const rx = receiverForSuite();

/**
 * Connects the site (webhooks to the receiver) and creates an invoice.
 * @param externalOrderId the order id of the invoice
 * @return the dedicated key and the invoice id
 */
async function setUp(
	externalOrderId = '1234'
): Promise< { key: string; id: string } > {
	const { key, invoice } = await invoiceFor( sb.url, rx.url(), {
		external_order_id: externalOrderId,
	} );
	return { key, id: String( invoice.id ) };
}

/**
 * Makes the receiver answer every request with a status and body.
 * @param status the HTTP status
 * @param body   the body text
 */
function answer( status: number, body: string ): void {
	rx.responder = ( _req, res ) => {
		res.writeHead( status, { 'Content-Type': 'application/json' } );
		res.end( body );
	};
}

/**
 * Reads the delivery log of invoice webhooks.
 * @return the entries with an `invoice_id`
 */
async function invoiceDeliveries(): Promise< Record< string, unknown >[] > {
	const log = obj( ( await request( sb.url, '/__sandbox/deliveries' ) ).json )
		.deliveries as Record< string, unknown >[];
	return log.filter( ( e ) => e.invoice_id !== undefined );
}

/**
 * The event id of a delivery.
 * @param got the request the receiver saw
 * @return the payload id
 */
function eventIdOf( got: Received | undefined ): unknown {
	assert.ok( got );
	return obj( JSON.parse( got.body.toString( 'utf8' ) ) ).id;
}

describe( 'invoice webhook retries (Part B §5.9)', () => {
	it( 'an unacknowledged event is tried 6 times, waits doubling from 60 s × scale, same body, fresh signature', async () => {
		answer( 503, '{"received":false,"error":"retry_later"}' );
		const { id } = await setUp();
		const moved = await control( sb.url, `invoices/${ id }/pay` );
		assert.equal( moved.status, 200, moved.text );
		const webhook = obj( obj( moved.json ).webhook );
		assert.equal( obj( webhook.first_attempt ).status, 503 );
		const got = await rx.waitFor( 6, 5000 );
		await new Promise( ( r ) => setTimeout( r, 1100 ) );
		assert.equal( rx.received.length, 6, 'no seventh attempt' );
		const bodies = new Set( got.map( ( g ) => g.body.toString( 'utf8' ) ) );
		assert.equal( bodies.size, 1, 'the same bytes every time' );
		assert.ok( got.every( ( g ) => eventIdOf( g ) === webhook.event_id ) );
		const [ integration ] = await integrations( sb.url );
		for ( const g of got ) {
			const ts = String( g.headers[ 'x-meum-timestamp' ] );
			const sig =
				'v1=' +
				createHmac( 'sha256', String( integration?.webhook_secret ) )
					.update( `${ ts }.` )
					.update( g.body )
					.digest( 'hex' );
			assert.equal( g.headers[ 'x-meum-signature' ], sig );
		}
		const gaps = got
			.slice( 1 )
			.map( ( g, i ) => g.at - ( got[ i ] as Received ).at );
		gaps.forEach( ( gap, i ) => {
			const expected = 60_000 * SCALE * 2 ** i;
			assert.ok(
				gap >= expected - 5,
				`gap ${ i + 1 }: ${ gap } ms >= ${ expected }`
			);
			assert.ok( gap < expected + 1000, `gap ${ i + 1 }: ${ gap } ms` );
		} );
		const log = await invoiceDeliveries();
		assert.deepEqual(
			log.map( ( e ) => [ e.attempt, e.status, e.acknowledged ] ),
			[ 1, 2, 3, 4, 5, 6 ].map( ( n ) => [ n, 503, false ] )
		);
		assert.ok(
			log.every(
				( e ) => e.invoice_id === id && e.type === 'invoice.paid'
			)
		);
	} );

	it( 'a 2xx without { received: true } is not an acknowledgement; { received: true } stops the retries', async () => {
		let calls = 0;
		rx.responder = ( _req, res ) => {
			calls++;
			res.writeHead( 200, { 'Content-Type': 'application/json' } );
			res.end(
				calls === 1
					? '{"ok":true}'
					: '{"received":true,"duplicate":true}'
			);
		};
		const { id } = await setUp();
		await control( sb.url, `invoices/${ id }/fail` );
		await rx.waitFor( 2 );
		await new Promise( ( r ) => setTimeout( r, 400 ) );
		assert.equal( rx.received.length, 2 );
		assert.deepEqual(
			( await invoiceDeliveries() ).map( ( e ) => e.acknowledged ),
			[ false, true ]
		);
	} );

	it( 'an unreachable store is retried too', async () => {
		const key = await connectedKey(
			sb.url,
			SITE,
			'sk_live_sandbox_ready',
			'http://127.0.0.1:1/wp-json/meum/v1/webhook'
		);
		const invoice = await newInvoice( sb.url, key );
		const moved = obj(
			(
				await control(
					sb.url,
					`invoices/${ String( invoice.id ) }/pay`
				)
			).json
		);
		assert.equal( obj( obj( moved.webhook ).first_attempt ).status, null );
		await new Promise( ( r ) => setTimeout( r, 250 ) );
		// Only finished attempts: under load the latest one may still be in flight.
		const done = ( await invoiceDeliveries() ).filter(
			( e ) => e.ms !== null
		);
		assert.ok( done.length >= 2, `retried: ${ done.length }` );
		assert.ok(
			done.every(
				( e ) => e.status === null && typeof e.error === 'string'
			)
		);
	} );

	it( 'reset stops pending retries; a disconnected integration gets nothing', async () => {
		answer( 500, '' );
		const { id } = await setUp();
		await control( sb.url, `invoices/${ id }/pay` );
		await control( sb.url, 'reset' );
		await new Promise( ( r ) => setTimeout( r, 300 ) );
		assert.equal( rx.received.length, 1 );

		rx.reset();
		const again = await setUp();
		await request( sb.url, '/v1/integration/woocommerce/disconnect', {
			method: 'POST',
			headers: { authorization: `Bearer ${ again.key }` },
		} );
		const moved = obj(
			( await control( sb.url, `invoices/${ again.id }/pay` ) ).json
		);
		assert.equal( obj( moved.webhook ).deferred, 'no_integration' );
		assert.equal( rx.received.length, 0 );
	} );
} );

describe( 'POST /__sandbox/invoices/{id}/{action}', () => {
	it( 'moves the invoice without a browser and reports the first attempt', async () => {
		const { key, id } = await setUp();
		const r = await control( sb.url, `invoices/${ id }/overpay`, {
			amount: '30.00',
		} );
		assert.equal( r.status, 200 );
		const b = obj( r.json );
		const invoice = obj( b.invoice );
		assert.equal( invoice.status, 'paid' );
		assert.equal( invoice.received_amount, '30.00' );
		assert.equal( invoice.id, id );
		assert.equal( typeof invoice.store_id, 'string' );
		const webhook = obj( b.webhook );
		assert.equal( webhook.type, 'invoice.paid' );
		assert.match( String( webhook.event_id ), /^evt_[0-9a-f]{24}$/ );
		assert.deepEqual( obj( webhook.first_attempt ).status, 200 );
		assert.equal( webhook.deferred, null );
		assert.equal( rx.received.length, 1 );
		assert.equal(
			obj( ( await readInvoice( sb.url, key, id ) ).json )
				.received_amount,
			'30.00'
		);
	} );

	it( 'underpay with an amount; wait: false answers before the delivery', async () => {
		const { id } = await setUp();
		const r = await control( sb.url, `invoices/${ id }/underpay`, {
			amount: '5.00',
			wait: false,
		} );
		const b = obj( r.json );
		assert.equal( obj( b.invoice ).status, 'underpaid' );
		assert.equal( obj( b.invoice ).received_amount, '5.00' );
		assert.equal( b.webhook, null );
		await rx.waitFor( 1 );
	} );

	it( 'a final invoice: 409 INVOICE_FINAL, unless force (a late or second payment)', async () => {
		const { id } = await setUp();
		await control( sb.url, `invoices/${ id }/expire` );
		const refused = await control( sb.url, `invoices/${ id }/pay` );
		assert.equal( refused.status, 409 );
		assert.equal( obj( refused.json ).code, 'INVOICE_FINAL' );
		const forced = await control( sb.url, `invoices/${ id }/pay`, {
			force: true,
		} );
		assert.equal( forced.status, 200 );
		assert.equal( obj( obj( forced.json ).invoice ).status, 'paid' );
		assert.deepEqual(
			rx.received.map( ( g ) => g.headers[ 'x-meum-event' ] ),
			[ 'invoice.expired', 'invoice.paid' ]
		);
	} );

	it( 'bad requests: unknown invoice 404, unknown action 404, bad amounts and fields 400', async () => {
		const { id } = await setUp();
		assert.equal(
			( await control( sb.url, 'invoices/inv_nope/pay' ) ).status,
			404
		);
		assert.equal(
			obj( ( await control( sb.url, 'invoices/inv_nope/pay' ) ).json )
				.code,
			'INVOICE_NOT_FOUND'
		);
		assert.equal(
			( await control( sb.url, `invoices/${ id }/refund` ) ).status,
			404
		);
		for ( const [ action, body ] of [
			[ 'underpay', { amount: '19.99' } ],
			[ 'underpay', { amount: '0.00' } ],
			[ 'overpay', { amount: '19.99' } ],
			[ 'pay', { amount: 5 } ],
			[ 'pay', { amount: '5' } ],
			[ 'pay', { force: 'yes' } ],
			[ 'pay', { bogus: 1 } ],
		] as const ) {
			const r = await control(
				sb.url,
				`invoices/${ id }/${ action }`,
				body
			);
			assert.equal( r.status, 400, JSON.stringify( body ) );
			assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		}
		const invalid = await request(
			sb.url,
			`/__sandbox/invoices/${ id }/pay`,
			{
				method: 'POST',
				body: '{',
			}
		);
		assert.equal( obj( invalid.json ).code, 'INVALID_JSON' );
		assert.equal(
			obj(
				obj(
					( await request( sb.url, `/__sandbox/invoices/${ id }` ) )
						.json
				).invoice
			).status,
			'pending'
		);
		assert.equal( rx.received.length, 0 );
	} );

	it( 'GET /__sandbox/invoices lists every invoice, oldest first', async () => {
		const { id } = await setUp( '1' );
		const key = await connectedKey(
			sb.url,
			SITE,
			'sk_live_sandbox_ready',
			rx.url()
		);
		const second = await newInvoice( sb.url, key, {
			external_order_id: '2',
		} );
		const listed = obj(
			( await request( sb.url, '/__sandbox/invoices' ) ).json
		).invoices as Record< string, unknown >[];
		assert.deepEqual(
			listed.map( ( i ) => i.id ),
			[ id, second.id ]
		);
	} );
} );

describe( 'POST /__sandbox/delivery-policy', () => {
	it( 'drop: the next N events are never sent (logged as dropped), then normal again', async () => {
		const { id } = await setUp( '1' );
		const second = await setUp( '2' );
		const third = await setUp( '3' );
		const armed = await control( sb.url, 'delivery-policy', {
			drop: true,
			count: 2,
		} );
		assert.deepEqual( armed.json, {
			time_scale: SCALE,
			policy: {
				count: 2,
				delay_ms: 0,
				drop: true,
				duplicate: false,
				reorder: false,
			},
		} );
		const moved = obj(
			( await control( sb.url, `invoices/${ id }/pay` ) ).json
		);
		assert.equal( obj( moved.webhook ).deferred, 'dropped' );
		await control( sb.url, `invoices/${ second.id }/pay` );
		await control( sb.url, `invoices/${ third.id }/pay` );
		await new Promise( ( r ) => setTimeout( r, 200 ) );
		assert.equal( rx.received.length, 1 );
		const sent = obj(
			JSON.parse( String( rx.received[ 0 ]?.body.toString( 'utf8' ) ) )
		);
		assert.equal( obj( sent.data ).invoice_id, third.id );
		const log = await invoiceDeliveries();
		assert.deepEqual(
			log.map( ( e ) => [ e.invoice_id, e.dropped === true ] ),
			[
				[ id, true ],
				[ second.id, true ],
				[ third.id, false ],
			]
		);
		assert.deepEqual(
			obj(
				( await request( sb.url, '/__sandbox/delivery-policy' ) ).json
			).policy,
			null
		);
	} );

	it( 'delay_ms: sent later; the control route answers at once', async () => {
		const { id } = await setUp();
		await control( sb.url, 'delivery-policy', { delay_ms: 300 } );
		const started = performance.now();
		const moved = obj(
			( await control( sb.url, `invoices/${ id }/pay` ) ).json
		);
		assert.equal( obj( moved.webhook ).deferred, 'delayed' );
		assert.equal( rx.received.length, 0 );
		const [ got ] = await rx.waitFor( 1 );
		assert.ok( ( got as Received ).at - started >= 290 );
	} );

	it( 'duplicate: the same event twice, concurrently', async () => {
		const { id } = await setUp();
		await control( sb.url, 'delivery-policy', { duplicate: true } );
		await control( sb.url, `invoices/${ id }/pay` );
		const got = await rx.waitFor( 2 );
		assert.equal( got[ 0 ]?.body.toString(), got[ 1 ]?.body.toString() );
		assert.equal( eventIdOf( got[ 0 ] ), eventIdOf( got[ 1 ] ) );
	} );

	it( 'reorder: the next N are held and sent newest first', async () => {
		const a = await setUp( '1' );
		const b = await setUp( '2' );
		const c = await setUp( '3' );
		await control( sb.url, 'delivery-policy', { reorder: true, count: 3 } );
		const held = obj(
			( await control( sb.url, `invoices/${ a.id }/pay` ) ).json
		);
		assert.equal( obj( held.webhook ).deferred, 'held' );
		await control( sb.url, `invoices/${ b.id }/fail` );
		assert.equal( rx.received.length, 0 );
		await control( sb.url, `invoices/${ c.id }/underpay` );
		const got = await rx.waitFor( 3 );
		await new Promise( ( r ) => setTimeout( r, 50 ) );
		assert.deepEqual(
			got.map( ( g ) => g.headers[ 'x-meum-event' ] ),
			[ 'invoice.underpaid', 'invoice.failed', 'invoice.paid' ]
		);
	} );

	it( 'a new policy releases the held events; clear removes the armed policy', async () => {
		const a = await setUp( '1' );
		await control( sb.url, 'delivery-policy', { reorder: true, count: 5 } );
		await control( sb.url, `invoices/${ a.id }/pay` );
		assert.equal( rx.received.length, 0 );
		const cleared = await control( sb.url, 'delivery-policy', {
			clear: true,
		} );
		assert.equal( obj( cleared.json ).policy, null );
		await rx.waitFor( 1 );
	} );

	it( 'time_scale is settable and reset restores the started one; bad bodies get 400', async () => {
		const set = await control( sb.url, 'delivery-policy', {
			time_scale: 0.5,
		} );
		assert.equal( obj( set.json ).time_scale, 0.5 );
		await control( sb.url, 'reset' );
		assert.equal(
			obj(
				( await request( sb.url, '/__sandbox/delivery-policy' ) ).json
			).time_scale,
			SCALE
		);
		for ( const body of [
			{ time_scale: 0 },
			{ time_scale: 'fast' },
			{ count: 0, drop: true },
			{ delay_ms: -5 },
			{ drop: 'yes' },
			{ shuffle: true },
		] ) {
			const r = await control( sb.url, 'delivery-policy', body );
			assert.equal( r.status, 400, JSON.stringify( body ) );
			assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		}
	} );
} );

describe( 'POST /__sandbox/store { deliver_during_create }', () => {
	it( 'delivers invoice.created before the create call answers, for new invoices only', async () => {
		const key = await connectedKey(
			sb.url,
			SITE,
			'sk_live_sandbox_ready',
			rx.url()
		);
		assert.equal(
			(
				await control( sb.url, 'store', {
					site_url: SITE,
					deliver_during_create: true,
				} )
			).status,
			200
		);
		const invoice = await newInvoice( sb.url, key, {
			external_order_id: '77',
		} );
		const answered = performance.now();
		assert.equal( rx.received.length, 1, 'delivered while creating' );
		assert.ok( rx.received[ 0 ].at < answered );
		const event = obj( JSON.parse( rx.received[ 0 ].body.toString() ) );
		assert.equal( event.type, 'invoice.created' );
		assert.equal( obj( event.data ).invoice_id, invoice.id );

		await newInvoice( sb.url, key, { external_order_id: '78' } );
		assert.equal( rx.received.length, 2 );
		await control( sb.url, 'store', {
			site_url: SITE,
			deliver_during_create: false,
		} );
		await newInvoice( sb.url, key, { external_order_id: '79' } );
		await new Promise( ( r ) => setTimeout( r, 100 ) );
		assert.equal( rx.received.length, 2, 'off again' );
	} );

	it( 'refuses a value that is not a boolean', async () => {
		await connectedKey( sb.url, SITE, 'sk_live_sandbox_ready', rx.url() );
		const refused = await control( sb.url, 'store', {
			site_url: SITE,
			deliver_during_create: 'yes',
		} );
		assert.equal( refused.status, 400, refused.text );
	} );
} );
