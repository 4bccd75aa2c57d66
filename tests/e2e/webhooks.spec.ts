/**
 * Webhook health on the settings page, end to end: a delivery the sandbox sent shows up, and
 * "Test webhook delivery" reports success, a blocking firewall and a redirect.
 */
/**
 * External dependencies
 */
import { test, expect } from '@playwright/test';

/**
 * Internal dependencies
 */
import {
	blockWebhookRoute,
	deliverWebhook,
	forgetConnection,
	resetSandbox,
	SETTINGS,
	app,
	siteUrl,
	submitKey,
} from './support';

test.beforeEach( async ( { page } ) => {
	await resetSandbox();
	forgetConnection();
	blockWebhookRoute( null );
	await page.goto( SETTINGS );
	await submitKey( page, 'sk_live_sandbox_ready' );
	await expect(
		page.getByRole( 'button', { name: 'Test webhook delivery' } )
	).toBeVisible();
} );

test.afterAll( () => {
	blockWebhookRoute( null );
} );

test( 'the health panel shows a delivery Meum sent', async ( { page } ) => {
	const report = await deliverWebhook( {
		site_url: siteUrl,
		type: 'invoice.paid',
	} );
	expect( report.deliveries[ 0 ].status ).toBe( 200 );
	// Times are kept to the second: let the refusal be clearly the later event.
	// eslint-disable-next-line playwright/no-wait-for-timeout -- waits for the clock, not the page.
	await page.waitForTimeout( 1100 );
	await deliverWebhook( {
		site_url: siteUrl,
		type: 'invoice.paid',
		sign_with: 'wrong',
	} );

	await page.reload();

	await expect(
		app( page ).getByText( 'invoice.paid' ).first()
	).toBeVisible();
	await expect(
		app( page ).getByText( 'Invalid signature' ).first()
	).toBeVisible();
	await expect(
		app( page ).getByText( /latest delivery from Meum was refused/ )
	).toBeVisible();
} );

test( '"Test webhook delivery" reports success on the demo site', async ( {
	page,
} ) => {
	await page.getByRole( 'button', { name: 'Test webhook delivery' } ).click();

	await expect(
		app( page )
			.getByText(
				'The test delivery reached this site and was accepted.'
			)
			.first()
	).toBeVisible();
} );

test( '"Test webhook delivery" reports a firewall that blocks the route', async ( {
	page,
} ) => {
	blockWebhookRoute( '403' );

	await page.getByRole( 'button', { name: 'Test webhook delivery' } ).click();

	await expect(
		app( page ).getByText( /blocked the test delivery \(HTTP 403\)/ )
	).toBeVisible();
	await expect(
		app( page ).getByText( /Request blocked by the site firewall/ )
	).toBeVisible();
} );

test( '"Test webhook delivery" reports a redirect', async ( { page } ) => {
	blockWebhookRoute( 'redirect' );

	await page.getByRole( 'button', { name: 'Test webhook delivery' } ).click();

	await expect(
		app( page ).getByText(
			/redirects to https:\/\/www\.example\.com\/wp-json\/meum\/v1\/webhook/
		)
	).toBeVisible();
} );
