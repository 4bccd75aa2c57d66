import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { obj, request, sandboxForSuite } from './helpers';
import {
	control,
	createInvoice,
	invoiceBody,
	invoiceFor,
	readInvoice,
} from './invoice-helpers';
import { receiverForSuite } from './receiver';

/** 60 s × 0.001 = 60 ms before the second attempt. */
const SCALE = 0.001;
const sb = sandboxForSuite( { timeScale: SCALE } );
const rx = receiverForSuite();

/**
 * The sandbox's invoices.
 * @return `GET /__sandbox/invoices`
 */
async function listed(): Promise< Record< string, unknown >[] > {
	return obj( ( await request( sb.url, '/__sandbox/invoices' ) ).json )
		.invoices as Record< string, unknown >[];
}

/**
 * The delivery counts.
 * @return `GET /__sandbox/delivery-counts`
 */
async function counts(): Promise< Record< string, unknown > > {
	return obj(
		obj( ( await request( sb.url, '/__sandbox/delivery-counts' ) ).json )
			.counts
	);
}

/**
 * Calls `/__sandbox/down`.
 * @param method GET, POST or DELETE
 * @param body   the body, if any
 * @return the decoded reply
 */
function down( method: string, body?: unknown ) {
	return request( sb.url, '/__sandbox/down', {
		method,
		...( body === undefined ? {} : { body: JSON.stringify( body ) } ),
	} );
}

describe( 'fail-next after_processing: Meum did it, the client never heard', () => {
	it( 'close: the invoice is created and stored, the connection closes without an answer; the same external_order_id again returns it', async () => {
		const { key, invoice } = await invoiceFor( sb.url, rx.url(), {
			external_order_id: '1',
		} );
		const armed = await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			after_processing: 'close',
		} );
		assert.equal( armed.status, 200, armed.text );
		assert.equal( obj( armed.json ).after_processing, 'close' );
		await assert.rejects(
			createInvoice(
				sb.url,
				key,
				invoiceBody( { external_order_id: '77' } )
			)
		);
		const stored = ( await listed() ).filter(
			( i ) => i.external_order_id === '77'
		);
		assert.equal( stored.length, 1, 'created before the close' );
		const again = await createInvoice(
			sb.url,
			key,
			invoiceBody( { external_order_id: '77' } )
		);
		assert.ok( again.status < 300, again.text );
		assert.equal( obj( again.json ).id, stored[ 0 ]?.id );
		assert.equal(
			( await listed() ).length,
			2,
			`only ${ String( invoice.id ) } and the one made before the close`
		);
	} );

	it( 'late: stored at once, answered delay_ms later (a client with a shorter timeout gives up)', async () => {
		const { key } = await invoiceFor( sb.url, rx.url(), {
			external_order_id: '1',
		} );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices',
			after_processing: 'late',
			delay_ms: 400,
		} );
		const started = performance.now();
		await assert.rejects(
			fetch( `${ sb.url }/v1/invoices`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${ key }`,
					'content-type': 'application/json',
				},
				body: JSON.stringify(
					invoiceBody( { external_order_id: '78' } )
				),
				signal: AbortSignal.timeout( 100 ),
			} )
		);
		const stored = ( await listed() ).find(
			( i ) => i.external_order_id === '78'
		);
		assert.ok( stored, 'stored before the client gave up' );
		await control( sb.url, 'fail-next', {
			path: '/v1/invoices/{id}',
			after_processing: 'late',
			delay_ms: 300,
		} );
		const read = await readInvoice( sb.url, key, String( stored.id ) );
		assert.equal( read.status, 200 );
		assert.ok( performance.now() - started >= 290 );
	} );

	it( 'bad bodies: unknown mode, late without delay, mixed with a status → 400', async () => {
		for ( const body of [
			{ path: '/v1/invoices', after_processing: 'later' },
			{ path: '/v1/invoices', after_processing: 'late' },
			{ path: '/v1/invoices', after_processing: 'close', status: 503 },
			{
				path: '/v1/invoices',
				after_processing: 'close',
				code: 'INTERNAL_ERROR',
			},
		] ) {
			const r = await control( sb.url, 'fail-next', body );
			assert.equal( r.status, 400, JSON.stringify( body ) );
			assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		}
	} );
} );

describe( '/__sandbox/down: a path answers 503 for a while', () => {
	it( 'every read answers the outage page until cleared; writes and other paths are up', async () => {
		const { key, invoice } = await invoiceFor( sb.url, rx.url() );
		const id = String( invoice.id );
		const set = await down( 'POST', { path: '/v1/invoices/{id}' } );
		assert.equal( set.status, 200, set.text );
		assert.deepEqual( obj( set.json ).down, [
			{
				path: '/v1/invoices/{id}',
				status: 503,
				until: null,
				answered: 0,
			},
		] );
		for ( let i = 0; i < 3; i++ ) {
			const r = await readInvoice( sb.url, key, id );
			assert.equal( r.status, 503 );
			assert.match( r.text, /503 Service Temporarily Unavailable/ );
		}
		assert.equal(
			( await createInvoice( sb.url, key, invoiceBody() ) ).status < 300,
			true
		);
		const listedDown = obj( ( await down( 'GET' ) ).json ).down as Record<
			string,
			unknown
		>[];
		assert.equal( listedDown[ 0 ]?.answered, 3 );
		const log = obj(
			( await request( sb.url, '/__sandbox/requests' ) ).json
		).requests as Record< string, unknown >[];
		assert.equal(
			log.filter( ( r ) => r.method === 'GET' && r.status === 503 )
				.length,
			3,
			'the refused reads are in the request log'
		);
		const up = await down( 'DELETE', { path: '/v1/invoices/{id}' } );
		assert.deepEqual( obj( up.json ).down, [] );
		assert.equal( ( await readInvoice( sb.url, key, id ) ).status, 200 );
	} );

	it( 'seconds: up again by itself; status 502; DELETE without a body clears every path; reset clears it', async () => {
		const { key, invoice } = await invoiceFor( sb.url, rx.url() );
		const id = String( invoice.id );
		await down( 'POST', {
			path: '/v1/invoices/{id}',
			status: 502,
			seconds: 0.3,
		} );
		assert.equal( ( await readInvoice( sb.url, key, id ) ).status, 502 );
		await new Promise( ( r ) => setTimeout( r, 350 ) );
		assert.equal( ( await readInvoice( sb.url, key, id ) ).status, 200 );
		await down( 'POST', { path: '/v1/invoices/{id}' } );
		await down( 'POST', { path: '/v1/invoices' } );
		assert.equal(
			( obj( ( await down( 'GET' ) ).json ).down as unknown[] ).length,
			2
		);
		await down( 'DELETE' );
		assert.deepEqual( obj( ( await down( 'GET' ) ).json ).down, [] );
		await down( 'POST', { path: '/v1/invoices/{id}' } );
		await control( sb.url, 'reset' );
		assert.deepEqual( obj( ( await down( 'GET' ) ).json ).down, [] );
	} );

	it( 'bad bodies → 400', async () => {
		for ( const body of [
			{},
			{ path: '/v2/nothing' },
			{ path: '/v1/invoices', status: 404 },
			{ path: '/v1/invoices', seconds: 0 },
			{ path: '/v1/invoices', seconds: 'long' },
			{ path: '/v1/invoices', forever: true },
		] ) {
			const r = await down( 'POST', body );
			assert.equal( r.status, 400, JSON.stringify( body ) );
			assert.equal( obj( r.json ).code, 'VALIDATION_ERROR' );
		}
		assert.equal( ( await down( 'DELETE', { path: '/v9' } ) ).status, 400 );
	} );
} );

describe( 'GET /__sandbox/delivery-counts', () => {
	it( 'counts events, attempts, retries, acknowledgements, and what the policy dropped, duplicated, delayed and reordered', async () => {
		rx.responder = ( _req, res ) => {
			res.writeHead( 200, { 'Content-Type': 'application/json' } );
			res.end( '{"received":true}' );
		};
		const ids: string[] = [];
		for ( const external of [ '1', '2', '3', '4', '5', '6' ] ) {
			const { invoice } = await invoiceFor( sb.url, rx.url(), {
				external_order_id: external,
			} );
			ids.push( String( invoice.id ) );
		}
		const zero = await request( sb.url, '/__sandbox/delivery-counts', {
			method: 'DELETE',
		} );
		assert.equal( obj( obj( zero.json ).counts ).events, 0 );
		const pay = ( i: number ) =>
			control( sb.url, `invoices/${ ids[ i ] ?? '' }/pay` );
		await control( sb.url, 'delivery-policy', { drop: true } );
		await pay( 0 );
		await control( sb.url, 'delivery-policy', { duplicate: true } );
		await pay( 1 );
		await control( sb.url, 'delivery-policy', { delay_ms: 50 } );
		await pay( 2 );
		await control( sb.url, 'delivery-policy', {
			reorder: true,
			count: 2,
		} );
		await pay( 3 );
		await pay( 4 );
		await rx.waitFor( 5 );
		assert.deepEqual( await counts(), {
			events: 5,
			sent: 5,
			acknowledged: 5,
			retried: 0,
			dropped: 1,
			duplicated: 1,
			delayed: 1,
			reordered: 2,
		} );
		rx.responder = ( _req, res ) => {
			res.writeHead( 503, { 'Content-Type': 'application/json' } );
			res.end( '{"received":false}' );
		};
		await pay( 5 );
		await rx.waitFor( 7 );
		await new Promise( ( r ) => setTimeout( r, 20 ) );
		const after = await counts();
		assert.equal( after.events, 6 );
		assert.ok( Number( after.retried ) >= 1 );
		assert.equal( after.acknowledged, 5 );
		await control( sb.url, 'reset' );
		assert.equal( ( await counts() ).events, 0 );
	} );
} );
