/**
 * Payments with Meum, end to end in Chromium through the sandbox's hosted checkout page (the paid
 * block checkout is payments-paid.spec.ts):
 * - block checkout, underpaid → On hold, expired → Cancelled, with what the order-received page says;
 * - back from Meum without paying: the order-received page waits and offers "Pay now", which goes
 *   to the same invoice (one create in the sandbox's request log), then paid → Processing;
 * - classic checkout and pay-for-order (an order made in wp-admin for a registered customer),
 *   each paid → Processing;
 * - Meum failing at checkout, in each of the three flows: one clear error, the cart intact, and
 *   the error not shown again on the next page.
 */
/**
 * External dependencies
 */
import { test, expect, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { wpEval } from './support';
import {
	METHOD_TITLE,
	addSampleToCart,
	adminOrderForCustomer,
	buyer,
	chooseMethod,
	chooseOnMeum,
	clearSandboxRequests,
	continueToMeum,
	expectNotShown,
	expectOrderStatus,
	expectShownOnce,
	failNextInvoice,
	invoiceCreates,
	invoiceOfPage,
	meumSection,
	openBlockCheckout,
	openClassicCheckout,
	orderStatus,
	placeOrder,
	prepareStore,
	submitToMeum,
} from './payments-support';

/** The buyer's message when Meum fails to create the invoice (Payments\Checkout). */
const CREATE_FAILED = /Meum could not start your payment right now/;

// A whole purchase (shop, checkout, Meum's page, back, order screens) on a busy 2-core machine.
test.describe.configure( { timeout: 300_000 } );

test.beforeAll( async ( { browser } ) => {
	await prepareStore( browser );
} );

test.beforeEach( async () => {
	await clearSandboxRequests();
} );

test.describe( 'block checkout', () => {
	test( 'underpaid on Meum → On hold, and the order-received page says the store will review it', async ( {
		browser,
	} ) => {
		const { context, page } = await buyer( browser );
		await addSampleToCart( page );
		await openBlockCheckout( page );
		await continueToMeum( page );
		const orderId = await chooseOnMeum( page, 'Pay too little' );
		await expectOrderStatus( orderId, 'on-hold' );
		await page.reload();
		await expect( meumSection( page ) ).toContainText(
			'Meum received part of the payment'
		);
		await expect( meumSection( page ) ).toContainText(
			'Please do not pay again'
		);
		await expect(
			meumSection( page ).getByRole( 'link', { name: 'Pay now' } )
		).toHaveCount( 0 );
		await context.close();
	} );

	test( 'expired on Meum → Cancelled, and the order-received page says it was not paid', async ( {
		browser,
	} ) => {
		const { context, page } = await buyer( browser );
		await addSampleToCart( page );
		await openBlockCheckout( page );
		await continueToMeum( page );
		const orderId = await chooseOnMeum( page, 'Let it expire' );
		await expectOrderStatus( orderId, 'cancelled' );
		await page.reload();
		await expect( meumSection( page ) ).toContainText(
			'Your payment with Meum was not completed.'
		);
		await context.close();
	} );

	test( 'back without paying: the page waits and offers "Pay now", which reuses the invoice; then paid → Processing', async ( {
		browser,
	} ) => {
		const { context, page } = await buyer( browser );
		await addSampleToCart( page );
		await openBlockCheckout( page );
		const invoiceId = await continueToMeum( page );
		const orderId = await chooseOnMeum( page, 'Back to the store' );
		expect( orderStatus( orderId ) ).toBe( 'pending' );
		await expect( meumSection( page ) ).toContainText(
			'We are waiting for your payment to be confirmed.'
		);
		await expect( meumSection( page ) ).toContainText( 'Not paid yet?' );

		// Pay now → the pay-for-order page → the same invoice at Meum.
		await meumSection( page )
			.getByRole( 'link', { name: 'Pay now' } )
			.click();
		await expect( page ).toHaveURL( /order-pay/ );
		await chooseMethod( page, METHOD_TITLE );
		await submitToMeum( page );
		expect( invoiceOfPage( page ) ).toBe( invoiceId );
		expect( await invoiceCreates() ).toBe( 1 );

		expect( await chooseOnMeum( page, 'Pay' ) ).toBe( orderId );
		await expectOrderStatus( orderId, 'processing' );
		await page.reload();
		await expect( meumSection( page ) ).toContainText(
			'Your payment with Meum has been received.'
		);
		expect( await invoiceCreates() ).toBe( 1 );
		await context.close();
	} );

	test( 'Meum failing: one clear error, the cart intact, not shown again on the next page', async ( {
		browser,
	} ) => {
		const { context, page } = await buyer( browser );
		await addSampleToCart( page );
		await openBlockCheckout( page );
		await submitWhileMeumFails( page );
		await expect( page ).toHaveURL( /\/checkout\/$/ );
		await expectInCart( page, '.wc-block-components-order-summary' );
		await expectNextPageClean( page, {
			url: '/checkout/',
			ready: '.wc-block-checkout',
		} );
		await context.close();
	} );
} );

test.describe( 'classic checkout', () => {
	test( 'paid on Meum → Processing', async ( { browser } ) => {
		const { context, page } = await buyer( browser );
		await addSampleToCart( page );
		await openClassicCheckout( page );
		await expect(
			page.locator( 'form.woocommerce-checkout' )
		).toBeVisible();
		await continueToMeum( page );
		const orderId = await chooseOnMeum( page, 'Pay' );
		await expectOrderStatus( orderId, 'processing' );
		expect(
			wpEval(
				`echo wc_get_order( ${ orderId } )->get_created_via();`
			).trim(),
			'the order comes from the classic checkout'
		).toBe( 'checkout' );
		expect( await invoiceCreates() ).toBe( 1 );
		await context.close();
	} );

	test( 'Meum failing: one clear error, the cart intact, not shown again on the next page', async ( {
		browser,
	} ) => {
		const { context, page } = await buyer( browser );
		await addSampleToCart( page );
		await openClassicCheckout( page );
		await submitWhileMeumFails( page );
		await expect( page ).toHaveURL( /\/classic-checkout\/(?:\?|$)/ );
		await expectInCart( page, '.woocommerce-checkout-review-order-table' );
		await expectNextPageClean( page, {
			url: '/classic-checkout/',
			ready: 'form.woocommerce-checkout',
		} );
		await context.close();
	} );
} );

test.describe( 'pay-for-order (an order made in wp-admin for a registered customer)', () => {
	test( 'paid on Meum → Processing', async ( { browser } ) => {
		const order = adminOrderForCustomer();
		const { context, page } = await buyer( browser, true );
		await page.goto( order.payUrl );
		await continueToMeum( page );
		await expect(
			page.getByRole( 'heading', { name: 'Pay 19.99 USD' } )
		).toBeVisible();
		expect( await chooseOnMeum( page, 'Pay' ) ).toBe( order.id );
		await expectOrderStatus( order.id, 'processing' );
		expect( await invoiceCreates() ).toBe( 1 );
		await context.close();
	} );

	test( 'Meum failing: one clear error, the order still payable, not shown again on the next page', async ( {
		browser,
	} ) => {
		const order = adminOrderForCustomer();
		const { context, page } = await buyer( browser, true );
		await page.goto( order.payUrl );
		await submitWhileMeumFails( page );
		expect( orderStatus( order.id ) ).toBe( 'pending' );
		await expect(
			page.getByRole( 'radio', { name: METHOD_TITLE } )
		).toBeVisible();
		await expectNextPageClean(
			page,
			{ url: order.payUrl, ready: '#order_review' },
			false
		);
		await context.close();
	} );
} );

/**
 * Chooses Meum in the open checkout or pay page, makes Meum fail the invoice creation, submits,
 * and expects the buyer's error exactly once.
 *
 * @param page The buyer's page.
 */
async function submitWhileMeumFails( page: Page ): Promise< void > {
	await chooseMethod( page, METHOD_TITLE );
	await failNextInvoice();
	await placeOrder( page );
	await expectShownOnce( page, CREATE_FAILED );
}

/**
 * Expects the sample product still in the checkout's order summary.
 *
 * @param page    The buyer's page.
 * @param summary The summary's selector.
 */
async function expectInCart( page: Page, summary: string ): Promise< void > {
	await expect(
		page.locator( summary ).getByText( 'Meum Sample Product' ).first()
	).toBeVisible();
}

/**
 * The error does not follow the buyer: the next pages (the cart when it has the product, then
 * the checkout or pay page again) do not show it.
 *
 * @param page        The buyer's page, showing the error.
 * @param again       The page to open again.
 * @param again.url   Its address.
 * @param again.ready A selector that shows it has loaded.
 * @param cart        Whether the cart holds the product (not in pay-for-order).
 */
async function expectNextPageClean(
	page: Page,
	again: { url: string; ready: string },
	cart = true
): Promise< void > {
	if ( cart ) {
		await page.goto( '/cart/' );
		await expect(
			page.getByText( 'Meum Sample Product' ).first()
		).toBeVisible();
		await expectNotShown( page, CREATE_FAILED );
	}
	await page.goto( again.url );
	await expect( page.locator( again.ready ).first() ).toBeVisible();
	await expectNotShown( page, CREATE_FAILED );
}
