/**
 * The Meum order screens, end to end in Chromium (runs with the full suite on the WooCommerce site):
 * - the "Meum payment" box on the order screen of the site's storage (HPOS or posts), its invoice
 *   history and its "Check payment status with Meum" button (through the REST route, with the
 *   nonce api-fetch sends);
 * - the order-received page of a Meum order waiting for its payment, for the guest who placed it;
 * - axe-core finds no violation in the plugin's own markup (the box, the order-received section).
 */
/**
 * External dependencies
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';

/**
 * Internal dependencies
 */
import { forgetConnection, resetSandbox, wpEval } from './support';

/** The project's own axe-core (a devDependency), rather than the copy bundled with the runner. */
const axeSource = fs.readFileSync(
	require.resolve( 'axe-core/axe.min.js' ),
	'utf8'
);

/** A Meum order made for the test. */
interface MeumOrder {
	/** Order id. */
	id: number;
	/** Its current invoice's id. */
	invoice: string;
	/** Its earlier invoice's id. */
	earlier: string;
	/** The order screen's path in the site's storage. */
	screen: string;
	/** The order-received URL (with the order key). */
	received: string;
}

/**
 * Makes a pending guest order paid with Meum, with an expired invoice and an open current one,
 * recorded as the checkout records them.
 *
 * @return The order.
 */
function makeMeumOrder(): MeumOrder {
	const output = wpEval( `
		use Meum\\WooCommerce\\Payments\\Invoice;
		use Meum\\WooCommerce\\Payments\\Invoice_Table;
		use Meum\\WooCommerce\\Payments\\Order_Meta;
		$order = wc_create_order( array( 'created_via' => 'checkout' ) );
		$order->set_currency( 'USD' );
		$order->set_total( '19.99' );
		$order->set_billing_email( 'guest@example.com' );
		$order->set_payment_method( 'meum' );
		$order->save();
		$ids = array();
		foreach ( array( array( 'expired', -60 ), array( 'awaiting_payment', 3600 ) ) as $i => $row ) {
			$id      = 'inv_e2e_' . bin2hex( random_bytes( 6 ) );
			$invoice = Invoice::from_answer( array( 'id' => $id, 'status' => $row[0], 'amount' => '19.99', 'currency' => 'USD', 'checkout_url' => 'https://pay.example.test/' . $id, 'external_order_id' => $order->get_id() . ( $i ? '-2' : '' ), 'expires_at' => gmdate( 'c', time() + $row[1] ) ) );
			( new Invoice_Table() )->record( $order->get_id(), $i + 1, $invoice, time() );
			Order_Meta::add_invoice( $order, $id );
			Order_Meta::set_current_invoice( $order, $id );
			$ids[] = $id;
		}
		$order->save();
		$hpos = Automattic\\WooCommerce\\Utilities\\OrderUtil::custom_orders_table_usage_is_enabled();
		echo wp_json_encode( array(
			'id'       => $order->get_id(),
			'earlier'  => $ids[0],
			'invoice'  => $ids[1],
			'screen'   => $hpos ? '/wp-admin/admin.php?page=wc-orders&action=edit&id=' . $order->get_id() : '/wp-admin/post.php?action=edit&post=' . $order->get_id(),
			'received' => $order->get_checkout_order_received_url(),
		) );
	` );
	return JSON.parse( output.trim().split( '\n' ).pop() ?? '{}' ) as MeumOrder;
}

/**
 * Fails with the axe violations found in one part of the page.
 *
 * @param page     The page.
 * @param selector The plugin's markup.
 */
async function expectNoViolations( page: Page, selector: string ) {
	// Legacy mode: axe runs in the top document only (the plugin's markup is there), not in
	// each of the order screen's frames, which only slows the run.
	const results = await new AxeBuilder( { page, axeSource } )
		.setLegacyMode( true )
		.include( selector )
		.analyze();
	expect(
		results.violations.map(
			( violation ) =>
				`${ violation.impact }: ${ violation.id }: ${ violation.nodes
					.map( ( node ) => node.target.join( ' ' ) )
					.join( ', ' ) }`
		)
	).toEqual( [] );
}

test.describe( 'Meum order screens', () => {
	test.beforeEach( async () => {
		test.setTimeout( 180_000 );
		await resetSandbox();
		forgetConnection();
	} );

	test( 'the order screen has the Meum payment box with its history and status check', async ( {
		page,
	} ) => {
		const order = makeMeumOrder();

		await page.goto( order.screen );

		const box = page.locator( '#meum-wc-payment' );
		await expect(
			box.getByRole( 'heading', { name: 'Meum payment' } )
		).toBeVisible();
		await expect( box.getByText( order.invoice ).first() ).toBeVisible();
		await expect(
			box.getByRole( 'table', { name: 'Invoice history' } )
		).toContainText( order.earlier );
		await expectNoViolations( page, '#meum-wc-payment' );

		await box
			.getByRole( 'button', { name: 'Check payment status with Meum' } )
			.click();

		await expect( box.getByRole( 'status' ) ).not.toBeEmpty();
		await expect( box.getByText( order.invoice ).first() ).toBeVisible();
		await expectNoViolations( page, '#meum-wc-payment' );
	} );

	test( 'the order-received page tells the guest the payment is awaited, with Pay now', async ( {
		browser,
	} ) => {
		const order = makeMeumOrder();
		const guest = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
		} );
		const page = await guest.newPage();

		await page.goto( order.received );

		const section = page.locator( '.meum-wc-order-status' );
		await expect( section ).toContainText(
			'We are waiting for your payment to be confirmed.'
		);
		await expect(
			section.getByRole( 'link', { name: 'Pay now' } )
		).toBeVisible();
		await expectNoViolations( page, '.meum-wc-order-status' );

		await page.goto(
			order.received.replace( /key=[^&]+/, 'key=wc_order_nope' )
		);
		await expect( page.locator( '.meum-wc-order-status' ) ).toHaveCount(
			0
		);
		await guest.close();
	} );
} );
