/**
 * External dependencies
 */
import {
	afterEach,
	beforeEach,
	describe,
	expect,
	it,
	jest,
} from '@jest/globals';

/**
 * Internal dependencies
 */
import {
	POLL_DURATION,
	POLL_INTERVAL,
	startPolling,
} from '../../../src/return-page/poll';

const MESSAGES = {
	waiting: 'We are waiting for your payment to be confirmed.',
	paid: 'Your payment with Meum has been received. Thank you!',
	'partly-paid': 'Meum received part of the payment.',
	'not-paid': 'Your payment with Meum was not completed.',
};

/**
 * The section as Return_Page prints it for a waiting order.
 *
 * @return The section element.
 */
function section(): HTMLElement {
	document.body.innerHTML = `<section class="meum-wc-order-status meum-wc-order-status--waiting" data-meum-state-url="https://shop.example/wp-json/meum/v1/orders/7/payment-state?key=k&amp;token=t" data-meum-messages='${ JSON.stringify(
		MESSAGES
	) }'><h2>Payment with Meum</h2><p class="meum-wc-order-status__message" role="status" aria-live="polite">${
		MESSAGES.waiting
	}</p><p class="meum-wc-order-status__pay">Not paid yet? <a href="#">Pay now</a></p></section>`;
	return document.querySelector( 'section' ) as HTMLElement;
}

/**
 * A fetch that answers each state in turn (then the last one again).
 *
 * @param answers Status and state of each answer.
 * @return The mock.
 */
function answering( ...answers: Array< [ number, string | null ] > ) {
	let call = 0;
	return jest.fn( async () => {
		const [ status, state ] =
			answers[ Math.min( call++, answers.length - 1 ) ];
		return {
			status,
			ok: status === 200,
			json: async () => ( { state } ),
		} as Response;
	} );
}

/**
 * Lets the timers and the answers' promises run for a while.
 *
 * @param ms Milliseconds.
 */
async function wait( ms: number ): Promise< void > {
	await jest.advanceTimersByTimeAsync( ms );
}

describe( 'the live order-received page', () => {
	beforeEach( () => {
		jest.useFakeTimers();
	} );
	afterEach( () => {
		jest.useRealTimers();
	} );

	it( 'asks every 5 s and shows "paid" without a reload, then stops', async () => {
		const element = section();
		const ask = answering(
			[ 200, 'waiting' ],
			[ 200, 'waiting' ],
			[ 200, 'paid' ]
		);
		startPolling( element, ask as unknown as typeof fetch );

		await wait( POLL_INTERVAL - 1 );
		expect( ask ).toHaveBeenCalledTimes( 0 );
		await wait( 1 );
		expect( ask ).toHaveBeenCalledTimes( 1 );
		expect( ask.mock.calls[ 0 ] ).toEqual( [
			'https://shop.example/wp-json/meum/v1/orders/7/payment-state?key=k&token=t',
			expect.objectContaining( { cache: 'no-store' } ),
		] );
		await wait( 2 * POLL_INTERVAL );
		expect( ask ).toHaveBeenCalledTimes( 3 );

		const status = element.querySelector( '[role="status"]' );
		expect( status?.textContent ).toBe( MESSAGES.paid );
		expect( status?.getAttribute( 'aria-live' ) ).toBe( 'polite' );
		expect( element.className ).toBe(
			'meum-wc-order-status meum-wc-order-status--paid'
		);
		expect(
			element.querySelector( '.meum-wc-order-status__pay' )
		).toBeNull();
		await wait( 10 * POLL_INTERVAL );
		expect( ask ).toHaveBeenCalledTimes( 3 );
	} );

	it( 'keeps "Pay now" when the payment was not completed', async () => {
		const element = section();
		startPolling(
			element,
			answering( [ 200, 'not-paid' ] ) as unknown as typeof fetch
		);
		await wait( POLL_INTERVAL );
		expect( element.querySelector( '[role="status"]' )?.textContent ).toBe(
			MESSAGES[ 'not-paid' ]
		);
		expect(
			element.querySelector( '.meum-wc-order-status__pay' )
		).not.toBeNull();
	} );

	it( 'stops after 10 minutes of waiting', async () => {
		const ask = answering( [ 200, 'waiting' ] );
		startPolling( section(), ask as unknown as typeof fetch );
		await wait( POLL_DURATION + 10 * POLL_INTERVAL );
		expect( ask ).toHaveBeenCalledTimes( POLL_DURATION / POLL_INTERVAL );
	} );

	it( 'stops on a refusal (an expired token) and keeps asking after a failure', async () => {
		const refused = answering( [ 401, null ] );
		startPolling( section(), refused as unknown as typeof fetch );
		await wait( 5 * POLL_INTERVAL );
		expect( refused ).toHaveBeenCalledTimes( 1 );

		const element = section();
		const flaky = answering( [ 503, null ], [ 200, 'paid' ] );
		startPolling( element, flaky as unknown as typeof fetch );
		await wait( 2 * POLL_INTERVAL );
		expect( flaky ).toHaveBeenCalledTimes( 2 );
		expect( element.querySelector( '[role="status"]' )?.textContent ).toBe(
			MESSAGES.paid
		);
	} );
} );
