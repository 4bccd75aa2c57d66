/**
 * The paid path, end to end, on every storage it runs on (the full suite on HPOS + SQLite, this
 * spec also on posts + MariaDB, see bin/test.sh): a guest buys the sample product with Meum on the
 * block checkout, pays on the sandbox's hosted checkout page, comes back to the order-received page
 * saying the payment was received, and the order is Processing; the order screen of that storage
 * (HPOS or posts) shows the "Meum payment" box, whose check reads Meum and changes nothing more.
 */
/**
 * External dependencies
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';

/**
 * Internal dependencies
 */
import { wpEval } from './support';
import {
	METHOD_TITLE,
	addSampleToCart,
	buyer,
	chooseMethod,
	chooseOnMeum,
	clearSandboxRequests,
	expectOrderStatus,
	invoiceCreates,
	invoiceOfPage,
	meumSection,
	openBlockCheckout,
	prepareStore,
	submitToMeum,
} from './payments-support';

const artifacts =
	process.env.ARTIFACTS_DIR ?? path.resolve( __dirname, '../../artifacts' );

// A whole purchase (shop, checkout, Meum's page, back, order screens) on a busy 2-core machine.
test.describe.configure( { timeout: 300_000 } );

test.beforeAll( async ( { browser } ) => {
	await prepareStore( browser );
} );

test( 'block checkout: paid on Meum → Processing, the order-received page and the order box say so', async ( {
	browser,
	page,
} ) => {
	await clearSandboxRequests();
	const { context, page: shop } = await buyer( browser );
	await addSampleToCart( shop );
	await openBlockCheckout( shop );
	await chooseMethod( shop, METHOD_TITLE );
	await expect(
		shop.getByText( /sent to Meum's secure checkout page/ )
	).toBeVisible();
	// The README's picture of the demo: the block checkout with Meum chosen.
	await shop.screenshot( {
		path: path.join( artifacts, 'block-checkout-meum.png' ),
		fullPage: true,
	} );
	await submitToMeum( shop );
	const invoiceId = invoiceOfPage( shop );
	await expect(
		shop.getByRole( 'heading', { name: 'Pay 19.99 USD' } )
	).toBeVisible();

	const orderId = await chooseOnMeum( shop, 'Pay' );
	await expectOrderStatus( orderId, 'processing' );
	await shop.reload();
	await expect( meumSection( shop ) ).toContainText(
		'Your payment with Meum has been received.'
	);
	await expect( meumSection( shop ).getByRole( 'link' ) ).toHaveCount( 0 );
	expect( await invoiceCreates() ).toBe( 1 );
	await context.close();

	// The order screen of this site's storage: HPOS (admin.php?page=wc-orders) or posts (post.php).
	const editUrl = wpEval(
		`echo wc_get_order( ${ orderId } )->get_edit_order_url();`
	).trim();
	expect( editUrl ).toMatch(
		process.env.WC_STORAGE === 'posts'
			? /post\.php\?post=\d+&action=edit/
			: /admin\.php\?page=wc-orders&action=edit&id=\d+/
	);
	await page.goto( editUrl );
	const box = page.locator( '#meum-wc-payment' );
	await expect(
		box.getByRole( 'heading', { name: 'Meum payment' } )
	).toBeVisible();
	await expect( box.getByText( invoiceId ).first() ).toBeVisible();
	await expect( box.locator( '.meum-wc-order-box__facts' ) ).toContainText(
		'paid'
	);
	await expect( box.locator( '.meum-wc-order-box__history' ) ).toContainText(
		invoiceId
	);
	await box
		.getByRole( 'button', { name: 'Check payment status with Meum' } )
		.click();
	const message = box.getByRole( 'status' );
	await expect( message ).not.toHaveText( '' );
	await expect( message ).not.toHaveText( /Checking the payment status/ );
	await expect( message ).not.toHaveText( /The check failed/ );
	await expectOrderStatus( orderId, 'processing' );
	expect(
		wpEval(
			`echo count( wc_get_order( ${ orderId } )->get_meta( '_meum_wc_invoice_id', false ) );`
		).trim()
	).toBe( '1' );
} );
