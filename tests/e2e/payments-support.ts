/**
 * Helpers of the payment specs: a store connected to the sandbox's store with a payout wallet and
 * the Meum method enabled, a buyer in their own browser context, the three ways to pay (block
 * checkout, classic checkout, pay-for-order), the sandbox's hosted checkout page, and the orders.
 */
/**
 * External dependencies
 */
import {
	expect,
	type Browser,
	type BrowserContext,
	type Page,
} from '@playwright/test';

/**
 * Internal dependencies
 */
import {
	connect,
	forgetConnection,
	resetSandbox,
	sandboxRequests,
	sandboxUrl,
	siteUrl,
	wpEval,
} from './support';

/** The sample product of the test site (bin/wp-local/woocommerce.php): 19.99 USD, virtual. */
export const PRODUCT_PATH = '/product/meum-sample-product/';

/** The method's title at checkout (the gateway's default). */
export const METHOD_TITLE = 'Pay with crypto (Meum)';

/** The place-order label with Meum selected. */
export const PLACE_ORDER = 'Continue to Meum';

/** The registered customer of the pay-for-order flow. */
export const CUSTOMER = { login: 'meum-buyer', password: 'buyer-password' };

/** The sandbox's hosted checkout origin (its API port + 1, the connect answer's checkout_base_url). */
export const checkoutOrigin = ( () => {
	const url = new URL( sandboxUrl );
	url.port = String( Number( url.port ) + 1 );
	return url.origin;
} )();

/** What the hosted checkout page offers (tools/meum-sandbox/src/invoices/checkout-page.ts). */
export type MeumChoice =
	| 'Pay'
	| 'Pay too little'
	| 'Pay too much'
	| 'Fail the payment'
	| 'Let it expire'
	| 'Back to the store';

/**
 * Makes the store ready to take payments: a fresh sandbox, connected with the key whose store has
 * a payout wallet, the Meum method enabled, Check payments enabled (the axe baseline), and the
 * registered customer created.
 *
 * @param browser The test's browser (the connection is made on the settings page as admin).
 * @return Resolves when the store is ready.
 */
export async function prepareStore( browser: Browser ): Promise< void > {
	await resetSandbox();
	forgetConnection();
	const admin = await browser.newPage();
	await connect( admin, 'sk_live_sandbox_ready' );
	await admin.close();
	wpEval(
		`$gateways = WC()->payment_gateways()->payment_gateways();
		$gateways['meum']->update_option( 'enabled', 'yes' );
		$gateways['cheque']->update_option( 'enabled', 'yes' );
		if ( ! username_exists( '${ CUSTOMER.login }' ) ) {
			$id = wp_insert_user( array( 'user_login' => '${ CUSTOMER.login }', 'user_pass' => '${ CUSTOMER.password }', 'user_email' => 'buyer@example.com', 'role' => 'customer', 'first_name' => 'Ada', 'last_name' => 'Buyer' ) );
			$c = new WC_Customer( $id );
			$c->set_billing_first_name( 'Ada' ); $c->set_billing_last_name( 'Buyer' ); $c->set_billing_email( 'buyer@example.com' );
			$c->set_billing_address_1( '1 Market Street' ); $c->set_billing_city( 'San Francisco' ); $c->set_billing_state( 'CA' );
			$c->set_billing_postcode( '94105' ); $c->set_billing_country( 'US' ); $c->save();
		}`
	);
}

/**
 * A browser context of its own for the buyer: a guest (no wp-admin session), or the registered
 * customer when `customer` is true.
 *
 * @param browser  The test's browser.
 * @param customer Log in as the registered customer.
 * @return The context and its page.
 */
export async function buyer(
	browser: Browser,
	customer = false
): Promise< { context: BrowserContext; page: Page } > {
	const context = await browser.newContext( {
		baseURL: siteUrl,
		storageState: { cookies: [], origins: [] },
	} );
	const page = await context.newPage();
	if ( customer ) {
		await page.goto( '/wp-login.php' );
		await page.locator( '#user_login' ).fill( CUSTOMER.login );
		await page.locator( '#user_pass' ).fill( CUSTOMER.password );
		await Promise.all( [
			page.waitForURL(
				( url ) => ! url.pathname.endsWith( 'wp-login.php' )
			),
			page.locator( '#wp-submit' ).click(),
		] );
	}
	return { context, page };
}

/**
 * Puts the sample product in the cart from its product page.
 *
 * @param page The buyer's page.
 */
export async function addSampleToCart( page: Page ): Promise< void > {
	await page.goto( PRODUCT_PATH );
	await page.getByRole( 'button', { name: 'Add to cart' } ).click();
	await expect(
		page.getByRole( 'link', { name: 'View cart' } ).first()
	).toBeVisible();
}

/**
 * Opens the block checkout and fills a guest's billing details.
 *
 * @param page The buyer's page, with the cart filled.
 */
export async function openBlockCheckout( page: Page ): Promise< void > {
	await page.goto( '/checkout/' );
	// The form is usable once the block has loaded the payment methods.
	await expect(
		page
			.locator( '.wc-block-checkout__payment-method input[type=radio]' )
			.first()
	).toBeVisible( { timeout: 30_000 } );
	await page.locator( '#email' ).fill( 'guest@example.com' );
	await page.locator( '#billing-first_name' ).fill( 'Grace' );
	await page.locator( '#billing-last_name' ).fill( 'Guest' );
	await page.locator( '#billing-address_1' ).fill( '2 Mission Street' );
	await page.locator( '#billing-city' ).fill( 'San Francisco' );
	await page.locator( '#billing-postcode' ).fill( '94105' );
}

/**
 * Opens the classic (shortcode) checkout page, made by bin/wp-local/woocommerce.php; the switch
 * (tests/support/mu-plugins/meum-wc-checkout-switch.php) makes it this buyer's checkout. Fills a guest's billing details.
 *
 * @param page The buyer's page, with the cart filled.
 */
export async function openClassicCheckout( page: Page ): Promise< void > {
	await page.goto( '/classic-checkout/?meum_wc_checkout=classic' );
	await expect( page.locator( 'form.woocommerce-checkout' ) ).toBeVisible();
	await page.locator( '#billing_first_name' ).fill( 'Grace' );
	await page.locator( '#billing_last_name' ).fill( 'Guest' );
	await page.locator( '#billing_address_1' ).fill( '2 Mission Street' );
	await page.locator( '#billing_city' ).fill( 'San Francisco' );
	await page.locator( '#billing_postcode' ).fill( '94105' );
	await page.locator( '#billing_email' ).fill( 'guest@example.com' );
}

/**
 * Chooses a payment method in the open checkout (block, classic or pay-for-order): its radio
 * button, by its label.
 *
 * @param page  The buyer's page.
 * @param label The method's title.
 */
export async function chooseMethod(
	page: Page,
	label: string
): Promise< void > {
	const radio = page.getByRole( 'radio', { name: label } );
	await radio.check();
	await expect( radio ).toBeChecked();
}

/**
 * Chooses Meum, submits the checkout, and waits for the sandbox's hosted checkout page.
 *
 * @param page The buyer's page, in a checkout.
 * @return The invoice id, from the hosted page's address.
 */
export async function continueToMeum( page: Page ): Promise< string > {
	await chooseMethod( page, METHOD_TITLE );
	await submitToMeum( page );
	return invoiceOfPage( page );
}

/**
 * Presses the place-order button once the page is quiet. The block checkout saves the chosen
 * method and the address on the draft order with Store API requests of its own; on a busy machine
 * one of them can still be running when the order is placed, and WooCommerce then writes the
 * earlier method (the default, Check payments) over the placed order's.
 *
 * @param page The buyer's page, in a checkout with Meum chosen.
 */
export async function placeOrder( page: Page ): Promise< void > {
	// eslint-disable-next-line playwright/no-networkidle -- waiting for the block's own background requests is the point.
	await page.waitForLoadState( 'networkidle' );
	await page.getByRole( 'button', { name: PLACE_ORDER } ).click();
}

/**
 * Presses the place-order button and waits for the hosted checkout page.
 *
 * @param page The buyer's page, in a checkout with Meum chosen.
 */
export async function submitToMeum( page: Page ): Promise< void > {
	await placeOrder( page );
	await page.waitForURL( `${ checkoutOrigin }/pay/**`, { timeout: 30_000 } );
	await expect(
		page.getByRole( 'heading', { level: 1, name: /^Pay / } )
	).toBeVisible();
}

/**
 * The invoice id the hosted checkout page shows.
 *
 * @param page The hosted checkout page.
 * @return The invoice id.
 */
export function invoiceOfPage( page: Page ): string {
	return decodeURIComponent(
		new URL( page.url() ).pathname.replace( /^\/pay\//, '' )
	);
}

/**
 * Chooses on the hosted checkout page and waits to be back on the store's order-received page.
 *
 * @param page   The hosted checkout page.
 * @param choice What the payment does.
 * @return The order id, from the order-received address.
 */
export async function chooseOnMeum(
	page: Page,
	choice: MeumChoice
): Promise< number > {
	await page.getByRole( 'button', { name: choice, exact: true } ).click();
	await page.waitForURL( /\/order-received\/\d+\// );
	return Number(
		/\/order-received\/(\d+)\//.exec( page.url() )?.[ 1 ] ?? '0'
	);
}

/**
 * An order's status, read by a new PHP process (no cache of the site's requests).
 *
 * @param orderId The order id.
 * @return The status without `wc-`.
 */
export function orderStatus( orderId: number ): string {
	return wpEval(
		`$o = wc_get_order( ${ orderId } ); echo $o ? $o->get_status() : 'missing';`
	).trim();
}

/**
 * Waits until the order has a status (the webhook of the hosted page's choice arrives on its own).
 *
 * @param orderId The order id.
 * @param status  The status without `wc-`.
 */
export async function expectOrderStatus(
	orderId: number,
	status: string
): Promise< void > {
	await expect
		.poll( () => orderStatus( orderId ), {
			message: `order #${ orderId } becomes ${ status }`,
			timeout: 20_000,
		} )
		.toBe( status );
}

/**
 * The order-received section of the plugin (Payments\Return_Page).
 *
 * @param page The order-received page.
 * @return Its locator.
 */
export function meumSection( page: Page ) {
	return page.locator( '.meum-wc-order-status' );
}

/**
 * The invoice creations the sandbox received since the last reset of its request log.
 *
 * @return How many `POST /v1/invoices` there were.
 */
export async function invoiceCreates(): Promise< number > {
	return ( await sandboxRequests() ).filter(
		( r ) => r.method === 'POST' && r.path === '/v1/invoices'
	).length;
}

/**
 * Empties the sandbox's request log (keeps its integrations and invoices).
 *
 * @return Resolves when done.
 */
export async function clearSandboxRequests(): Promise< void > {
	await fetch( `${ sandboxUrl }/__sandbox/requests`, { method: 'DELETE' } );
}

/**
 * Makes Meum fail the next invoice creation (sandbox fail-next) with an HTML 503 page.
 *
 * @return Resolves when armed.
 */
export async function failNextInvoice(): Promise< void > {
	const response = await fetch( `${ sandboxUrl }/__sandbox/fail-next`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( { path: '/v1/invoices', status: 503, times: 1 } ),
	} );
	expect( response.ok ).toBe( true );
}

/**
 * Creates an order in wp-admin's way (`created_via` admin) for the registered customer: the
 * sample product, pending payment.
 *
 * @return The order id and its pay-for-order address.
 */
export function adminOrderForCustomer(): { id: number; payUrl: string } {
	const out = wpEval(
		`$user = get_user_by( 'login', '${ CUSTOMER.login }' );
		$product = wc_get_product( get_page_by_path( 'meum-sample-product', OBJECT, 'product' ) );
		$order = wc_create_order( array( 'customer_id' => $user->ID, 'created_via' => 'admin' ) );
		$order->add_product( $product, 1 );
		$order->set_address( ( new WC_Customer( $user->ID ) )->get_billing(), 'billing' );
		$order->calculate_totals();
		$order->update_status( 'pending' );
		echo wp_json_encode( array( 'id' => $order->get_id(), 'payUrl' => $order->get_checkout_payment_url() ) );`
	);
	return JSON.parse( out );
}

/**
 * Expects an error text to be shown exactly once on the page: visible elements, outside the
 * `wp.a11y` live regions that repeat it for screen readers (1 px, so "visible" to Playwright).
 *
 * @param page The page.
 * @param text The error, or a part of it.
 */
export async function expectShownOnce(
	page: Page,
	text: string | RegExp
): Promise< void > {
	await expect
		.poll(
			() =>
				page
					.getByText( text )
					.filter( { visible: true } )
					.evaluateAll(
						( elements ) =>
							elements.filter(
								( element ) =>
									! element.closest(
										'.a11y-speak-region, [id^="a11y-speak-"]'
									)
							).length
					),
			{ message: `"${ text }" shown once` }
		)
		.toBe( 1 );
}

/**
 * Expects an error text to be nowhere on the page (visible or not).
 *
 * @param page The page.
 * @param text The error, or a part of it.
 */
export async function expectNotShown(
	page: Page,
	text: string | RegExp
): Promise< void > {
	await expect( page.getByText( text ) ).toHaveCount( 0 );
}
