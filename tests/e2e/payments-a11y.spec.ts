/**
 * Accessibility of what the plugin adds to the store, with axe-core in Chromium:
 * - no violation at all (any impact) in the plugin's own markup: the method's label and content in
 *   the block and the classic checkout, the order-received section, the order box;
 * - WooCommerce's own pages are not perfect: their violations (the page but the plugin's markup),
 *   taken with Check payments selected, are recorded in axe-baseline-woocommerce.json (rule → number of elements), and the test fails
 *   when they grow, with Check payments or with Meum selected. `AXE_BASELINE_UPDATE=1` rewrites
 *   the file after a WooCommerce update (review the diff).
 */
/**
 * External dependencies
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Internal dependencies
 */
import { axeSource, describeViolations } from './axe';
import { wpEval } from './support';
import {
	METHOD_TITLE,
	addSampleToCart,
	buyer,
	chooseMethod,
	chooseOnMeum,
	continueToMeum,
	meumSection,
	openBlockCheckout,
	openClassicCheckout,
	prepareStore,
} from './payments-support';

/** The recorded baseline: page → axe rule id → number of elements in violation. */
type Baseline = Record< string, Record< string, number > >;

const BASELINE_FILE = path.join( __dirname, 'axe-baseline-woocommerce.json' );
const updating = process.env.AXE_BASELINE_UPDATE === '1';
const baseline: Baseline = fs.existsSync( BASELINE_FILE )
	? JSON.parse( fs.readFileSync( BASELINE_FILE, 'utf8' ) )
	: {};

/** The option of the Meum method in the block checkout (label and content). */
const BLOCK_METHOD =
	'.wc-block-components-radio-control-accordion-option:has(#radio-control-wc-payment-method-options-meum)';

/** The option of the Meum method in the classic checkout and pay-for-order (label and content). */
const CLASSIC_METHOD = 'li.payment_method_meum';

/**
 * WordPress's own screen-reader live regions (wp-a11y's speak()), hidden and appended to the body
 * outside any landmark by design, on DOM ready: whether axe sees them depends on timing alone.
 */
const WP_SPEAK_REGIONS = [ '#a11y-speak-intro-text', '.a11y-speak-region' ];

/**
 * Runs axe on the whole page but the plugin's own markup (checked on its own, without any
 * violation allowed) and compares its violations with the recorded baseline of that page.
 *
 * @param page   The page.
 * @param name   The baseline's page name.
 * @param state  What is selected, for the failure message.
 * @param plugin The plugin's markup on that page.
 */
async function expectNoMoreThanBaseline(
	page: Page,
	name: string,
	state: string,
	plugin: string
): Promise< void > {
	const builder = new AxeBuilder( { page, axeSource } ).exclude( plugin );
	for ( const region of WP_SPEAK_REGIONS ) {
		builder.exclude( region );
	}
	const { violations } = await builder.analyze();
	const counts: Record< string, number > = {};
	for ( const violation of violations ) {
		counts[ violation.id ] = violation.nodes.length;
	}
	if ( updating && state === 'Check payments' ) {
		baseline[ name ] = counts;
		fs.writeFileSync(
			BASELINE_FILE,
			JSON.stringify( baseline, null, '\t' ) + '\n'
		);
		return;
	}
	const recorded = baseline[ name ];
	expect(
		recorded,
		`no axe baseline for "${ name }" in ${ BASELINE_FILE }: run with AXE_BASELINE_UPDATE=1`
	).toBeDefined();
	const grown = violations.filter(
		( violation ) =>
			violation.nodes.length > ( recorded?.[ violation.id ] ?? 0 )
	);
	expect(
		grown,
		`axe: violations on the ${ name } with ${ state } selected beyond WooCommerce's baseline (${ JSON.stringify(
			recorded
		) }):\n${ describeViolations( grown ) }`
	).toEqual( [] );
}

/**
 * Runs axe on the plugin's own markup only and expects no violation of any impact.
 *
 * @param page     The page.
 * @param selector The plugin's markup.
 * @param what     What it is, for the failure message.
 */
async function expectNoViolationIn(
	page: Page,
	selector: string,
	what: string
): Promise< void > {
	await expect( page.locator( selector ).first() ).toBeVisible();
	const results = await new AxeBuilder( { page, axeSource } )
		.include( selector )
		.analyze();
	expect(
		results.violations,
		`axe: violations in ${ what }:\n${ describeViolations(
			results.violations
		) }`
	).toEqual( [] );
	expect( results.passes.length, `axe checked ${ what }` ).toBeGreaterThan(
		0
	);
}

// A whole purchase (shop, checkout, Meum's page, back, order screens) on a busy 2-core machine.
test.describe.configure( { timeout: 300_000 } );

test.beforeAll( async ( { browser } ) => {
	await prepareStore( browser );
} );

test( 'block checkout: WooCommerce no worse than its baseline, the Meum option without violations', async ( {
	browser,
} ) => {
	const { context, page } = await buyer( browser );
	await addSampleToCart( page );
	await openBlockCheckout( page );
	await chooseMethod( page, 'Check payments' );
	await expectNoMoreThanBaseline(
		page,
		'block checkout',
		'Check payments',
		BLOCK_METHOD
	);
	await chooseMethod( page, METHOD_TITLE );
	await expect( page.locator( BLOCK_METHOD ) ).toContainText( METHOD_TITLE );
	await expectNoViolationIn( page, BLOCK_METHOD, 'the Meum option' );
	await expectNoMoreThanBaseline(
		page,
		'block checkout',
		'Meum',
		BLOCK_METHOD
	);
	await context.close();
} );

test( 'classic checkout: WooCommerce no worse than its baseline, the Meum option without violations', async ( {
	browser,
} ) => {
	const { context, page } = await buyer( browser );
	await addSampleToCart( page );
	await openClassicCheckout( page );
	await chooseMethod( page, 'Check payments' );
	await expectNoMoreThanBaseline(
		page,
		'classic checkout',
		'Check payments',
		CLASSIC_METHOD
	);
	await chooseMethod( page, METHOD_TITLE );
	await expect( page.locator( CLASSIC_METHOD ) ).toContainText(
		METHOD_TITLE
	);
	await expectNoViolationIn( page, CLASSIC_METHOD, 'the Meum option' );
	await expectNoMoreThanBaseline(
		page,
		'classic checkout',
		'Meum',
		CLASSIC_METHOD
	);
	await context.close();
} );

test( 'the order-received section and the order box have no violation', async ( {
	browser,
	page,
} ) => {
	const shop = await buyer( browser );
	await addSampleToCart( shop.page );
	await openBlockCheckout( shop.page );
	await continueToMeum( shop.page );
	const orderId = await chooseOnMeum( shop.page, 'Back to the store' );
	await expect(
		meumSection( shop.page ).getByRole( 'link', { name: 'Pay now' } )
	).toBeVisible();
	await expectNoViolationIn(
		shop.page,
		'.meum-wc-order-status',
		'the order-received section (waiting, with "Pay now")'
	);
	await shop.context.close();

	await page.goto(
		wpEval( `echo wc_get_order( ${ orderId } )->get_edit_order_url();` )
	);
	await expectNoViolationIn( page, '.meum-wc-order-box', 'the order box' );
	await page
		.getByRole( 'button', { name: 'Check payment status with Meum' } )
		.click();
	await expect(
		page.locator( '.meum-wc-order-box__message' )
	).not.toHaveText( /^$|Checking/ );
	await expectNoViolationIn(
		page,
		'.meum-wc-order-box',
		'the order box after a check'
	);
} );
