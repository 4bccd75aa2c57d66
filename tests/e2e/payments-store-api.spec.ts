/**
 * The Store API requests a buyer's checkout page keeps sending after an order was placed with Meum,
 * over plain HTTP with one `Cart-Token` (no browser, so the order of requests is exact).
 *
 * WooCommerce treats a pending order with an unchanged cart as the checkout's draft: a cart
 * update, a `PUT /checkout` and a `GET /checkout` sync it with the cart and set the store's
 * default payment method on it. On a placed Meum order that would turn Meum's later webhooks into
 * "paid another way" (§A5 b) and leave an expired order pending. Placing the order again with
 * another method still changes it, as WooCommerce intends.
 */
/**
 * External dependencies
 */
import { test, expect } from '@playwright/test';

/**
 * Internal dependencies
 */
import { sandboxUrl, siteUrl, wpEval } from './support';
import { expectOrderStatus, prepareStore } from './payments-support';

const storeApi = `${ siteUrl }/wp-json/wc/store/v1`;

const address = {
	first_name: 'Store',
	last_name: 'Buyer',
	address_1: '1 Test Street',
	city: 'Testville',
	postcode: '10001',
	country: 'US',
	state: 'NY',
	email: 'store-api-buyer@example.com',
};

/** A guest's Store API session: its cart token and the requests it sends. */
class Shopper {
	private constructor( private readonly token: string ) {}

	/**
	 * Starts a guest session with the sample product in its cart.
	 *
	 * @return The session.
	 */
	static async withSampleProduct(): Promise< Shopper > {
		const cart = await fetch( `${ storeApi }/cart` );
		await cart.text();
		const shopper = new Shopper( cart.headers.get( 'Cart-Token' ) ?? '' );
		const product = Number(
			wpEval(
				`echo get_page_by_path( 'meum-sample-product', OBJECT, 'product' )->ID;`
			)
		);
		await shopper.send( 'POST', '/cart/add-item', {
			id: product,
			quantity: 1,
		} );
		return shopper;
	}

	/**
	 * Sends one Store API request with the session's cart token.
	 *
	 * @param method HTTP method.
	 * @param route  Route below /wc/store/v1.
	 * @param body   JSON body, if any.
	 * @return The decoded answer (asserted 2xx).
	 */
	async send(
		method: string,
		route: string,
		body?: Record< string, unknown >
	): Promise< Record< string, any > > {
		const response = await fetch( `${ storeApi }${ route }`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				'Cart-Token': this.token,
			},
			body: body ? JSON.stringify( body ) : undefined,
		} );
		const answer = await response.json();
		expect(
			response.status,
			`${ method } ${ route }: ${ JSON.stringify( answer ) }`
		).toBeLessThan( 300 );
		return answer;
	}

	/**
	 * Places the order (what the checkout's place-order button sends).
	 *
	 * @param paymentMethod Payment method id.
	 * @return The order id and the payment result.
	 */
	async placeOrder(
		paymentMethod: string
	): Promise< { orderId: number; redirect: string; status: string } > {
		const answer = await this.send( 'POST', '/checkout', {
			billing_address: address,
			shipping_address: address,
			payment_method: paymentMethod,
		} );
		expect( answer.payment_result.payment_status ).toBe( 'success' );
		return {
			orderId: answer.order_id,
			redirect: answer.payment_result.redirect_url,
			status: answer.status,
		};
	}

	/**
	 * The customer's address, in a batch as the Checkout block sends it.
	 *
	 * @param city The billing city.
	 * @return Resolves when answered.
	 */
	async updateAddress( city: string ): Promise< void > {
		await this.send( 'POST', '/batch', {
			requests: [
				{
					method: 'POST',
					path: '/wc/store/v1/cart/update-customer',
					body: { billing_address: { ...address, city } },
				},
			],
		} );
	}

	/**
	 * What the Checkout block sends while the buyer is on the checkout page again: the customer's
	 * address, a method selection (another one) and a read of the checkout.
	 *
	 * @return Resolves when all were answered.
	 */
	async browseCheckoutAgain(): Promise< void > {
		await this.updateAddress( 'Othertown' );
		await this.send( 'POST', '/cart/update-customer', {
			billing_address: { ...address, city: 'Thirdtown' },
		} );
		await this.send( 'PUT', '/checkout', { payment_method: 'cheque' } );
		await this.send( 'GET', '/checkout' );
	}
}

/**
 * The order's payment method and title as stored.
 *
 * @param orderId The order id.
 * @return `method|title`.
 */
function paymentMethodOf( orderId: number ): string {
	return wpEval(
		`$o = wc_get_order( ${ orderId } ); echo $o->get_payment_method() . '|' . $o->get_payment_method_title();`
	).trim();
}

test.beforeAll( async ( { browser } ) => {
	await prepareStore( browser );
} );

test( 'a placed Meum order keeps Meum through later cart and checkout updates, and is cancelled when its invoice expires', async () => {
	const shopper = await Shopper.withSampleProduct();
	const { orderId, redirect, status } = await shopper.placeOrder( 'meum' );
	expect( status ).toBe( 'pending' );
	const invoiceId = decodeURIComponent(
		new URL( redirect ).pathname.replace( /^\/pay\//, '' )
	);

	await shopper.browseCheckoutAgain();
	expect( paymentMethodOf( orderId ) ).toBe( 'meum|Pay with crypto (Meum)' );

	const expire = await fetch(
		`${ sandboxUrl }/__sandbox/invoices/${ encodeURIComponent( invoiceId ) }/expire`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		}
	);
	expect( expire.ok ).toBe( true );
	await expectOrderStatus( orderId, 'cancelled' );
} );

test( 'placing the order again with another method changes it', async () => {
	const shopper = await Shopper.withSampleProduct();
	const first = await shopper.placeOrder( 'meum' );
	await shopper.browseCheckoutAgain();
	// On MySQL/MariaDB WooCommerce's stock reservation refuses an order placed again within the
	// same second ("Not enough units": its INSERT … ON DUPLICATE KEY UPDATE changes no row, as
	// `expires` is the same); a buyer back from Meum takes longer than that.
	await new Promise( ( resolve ) => setTimeout( resolve, 1100 ) );
	const again = await shopper.placeOrder( 'cheque' );
	expect( again.orderId ).toBe( first.orderId );
	expect( paymentMethodOf( first.orderId ) ).toBe( 'cheque|Check payments' );
	expect( again.status ).toBe( 'on-hold' );
} );

test( 'an address update sent while the order is being placed leaves it with Meum', async () => {
	for ( let attempt = 0; attempt < 4; attempt++ ) {
		const shopper = await Shopper.withSampleProduct();
		const [ placed ] = await Promise.all( [
			shopper.placeOrder( 'meum' ),
			shopper.updateAddress( `Racetown ${ attempt }` ),
		] );
		expect( paymentMethodOf( placed.orderId ) ).toBe(
			'meum|Pay with crypto (Meum)'
		);
	}
} );
