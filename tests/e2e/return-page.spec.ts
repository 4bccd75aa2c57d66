/**
 * The live order-received page (issue 11, "Live return page"), on the block theme of the test
 * site (the Order Confirmation blocks; the classic template is covered by Return_Page_Test): a
 * buyer back from Meum without paying sees "waiting for confirmation"; the invoice is then paid
 * through the sandbox's control route, and the page's own text turns "paid" without a reload:
 * - with the webhook dropped, so only the page's status check (the payment-state route) finds it;
 * - with the webhook delivered, so the page reads the stored facts.
 */
/**
 * External dependencies
 */
import { test, expect, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { sandboxRequests, sandboxUrl } from './support';
import {
	addSampleToCart,
	buyer,
	chooseOnMeum,
	clearSandboxRequests,
	continueToMeum,
	expectOrderStatus,
	meumSection,
	openBlockCheckout,
	orderStatus,
	prepareStore,
} from './payments-support';

const WAITING = 'We are waiting for your payment to be confirmed.';
const PAID = 'Your payment with Meum has been received. Thank you!';

// A whole purchase on a busy 2-core machine, then up to a few 5 s polls.
test.describe.configure( { timeout: 300_000 } );

test.beforeAll( async ( { browser } ) => {
	await prepareStore( browser );
} );

test.beforeEach( async () => {
	await clearSandboxRequests();
} );

test.afterEach( async () => {
	await sandboxPost( '/__sandbox/delivery-policy', { clear: true } );
} );

/**
 * Calls a sandbox control route and asserts it answered 200.
 *
 * @param path The control path.
 * @param body The JSON body.
 */
async function sandboxPost( path: string, body: object ): Promise< void > {
	const answer = await fetch( `${ sandboxUrl }${ path }`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( body ),
	} );
	expect( answer.status, `${ path }: ${ await answer.text() }` ).toBe( 200 );
}

/**
 * A guest buys the sample product with Meum and comes back without paying.
 *
 * @param page The buyer's page.
 * @return The order id and the invoice id.
 */
async function backWithoutPaying(
	page: Page
): Promise< { orderId: number; invoiceId: string } > {
	await addSampleToCart( page );
	await openBlockCheckout( page );
	const invoiceId = await continueToMeum( page );
	const orderId = await chooseOnMeum( page, 'Back to the store' );
	expect( orderStatus( orderId ) ).toBe( 'pending' );
	const status = meumSection( page ).getByRole( 'status' );
	await expect( status ).toHaveText( WAITING );
	await expect( status ).toHaveAttribute( 'aria-live', 'polite' );
	await expect( meumSection( page ) ).toContainText( 'Not paid yet?' );
	// A mark that a reload would wipe out.
	await page.evaluate( () => {
		( window as unknown as { meumNoReload: boolean } ).meumNoReload = true;
	} );
	return { orderId, invoiceId };
}

/**
 * Asserts the page says "paid" without having reloaded, and offers no "Pay now" any more.
 *
 * @param page The order-received page.
 */
async function expectPaidWithoutReload( page: Page ): Promise< void > {
	await expect( meumSection( page ).getByRole( 'status' ) ).toHaveText(
		PAID,
		{ timeout: 60_000 }
	);
	expect(
		await page.evaluate(
			() =>
				( window as unknown as { meumNoReload?: boolean } ).meumNoReload
		)
	).toBe( true );
	await expect(
		meumSection( page ).getByRole( 'link', { name: 'Pay now' } )
	).toHaveCount( 0 );
}

test( 'webhook dropped: the page\'s own status check finds the payment and says "paid" without a reload', async ( {
	browser,
} ) => {
	const { context, page } = await buyer( browser );
	const { orderId, invoiceId } = await backWithoutPaying( page );

	await sandboxPost( '/__sandbox/delivery-policy', { drop: true } );
	await sandboxPost(
		`/__sandbox/invoices/${ encodeURIComponent( invoiceId ) }/pay`,
		{ wait: false }
	);

	await expectPaidWithoutReload( page );
	await expectOrderStatus( orderId, 'processing' );
	const reads = ( await sandboxRequests() ).filter(
		( r ) =>
			r.method === 'GET' &&
			r.path === `/v1/invoices/${ encodeURIComponent( invoiceId ) }`
	);
	expect(
		reads.length,
		"the page's check read the invoice from Meum"
	).toBeGreaterThanOrEqual( 1 );
	await context.close();
} );

test( 'webhook delivered: the page says "paid" without a reload', async ( {
	browser,
} ) => {
	const { context, page } = await buyer( browser );
	const { orderId, invoiceId } = await backWithoutPaying( page );

	await sandboxPost(
		`/__sandbox/invoices/${ encodeURIComponent( invoiceId ) }/pay`,
		{ wait: true }
	);
	await expectOrderStatus( orderId, 'processing' );

	await expectPaidWithoutReload( page );
	expect( orderStatus( orderId ) ).toBe( 'processing' );
	await context.close();
} );
