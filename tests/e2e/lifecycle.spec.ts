/**
 * The connection's life after connect, end to end: status refresh, a key revoked elsewhere,
 * disconnect, and "forget locally" when Meum cannot be told.
 */
/**
 * External dependencies
 */
import { test, expect, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import {
	failNext,
	forgetConnection,
	resetSandbox,
	revokeKey,
	sandboxIntegrations,
	sandboxRequests,
	setStore,
} from './support';

const SETTINGS = '/wp-admin/admin.php?page=meum-woocommerce';
const siteUrl = process.env.WP_URL ?? 'http://127.0.0.1:8882';

/**
 * The settings app's own content.
 *
 * @param page The settings page.
 * @return Locator of the app's root element.
 */
function app( page: Page ) {
	return page.locator( '#meum-wc-settings-root' );
}

/**
 * Opens the settings page and connects with a sandbox key.
 *
 * @param page The page.
 * @param key  The connection key.
 */
async function connect( page: Page, key: string ): Promise< void > {
	await page.goto( SETTINGS );
	await page.getByLabel( 'Connection key' ).fill( key );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page.getByRole( 'button', { name: 'Refresh status' } )
	).toBeVisible();
}

test.beforeEach( async () => {
	await resetSandbox();
	forgetConnection();
} );

test( 'refresh status shows what Meum reports and clears the payout warning', async ( {
	page,
} ) => {
	await connect( page, 'sk_live_sandbox_nopayout' );
	await expect(
		app( page ).getByText(
			/Payments may be blocked until a payout wallet is set/
		)
	).toBeVisible();
	await setStore( siteUrl, {
		payout_configured: true,
		health_status: 'DEGRADED',
		issues: [ 'Webhook deliveries are failing' ],
	} );

	await page.getByRole( 'button', { name: 'Refresh status' } ).click();

	await expect(
		app( page ).getByText( 'DEGRADED', { exact: true } )
	).toBeVisible();
	await expect(
		app( page ).getByText( /Webhook deliveries are failing/ )
	).toBeVisible();
	await expect(
		app( page ).getByText(
			/Payments may be blocked until a payout wallet is set/
		)
	).toHaveCount( 0 );
	const paths = ( await sandboxRequests() ).map( ( r ) => r.path );
	expect( paths ).toEqual( [
		'/v1/integration/woocommerce/connect',
		'/v1/integration/woocommerce/status',
	] );
} );

test( 'a key revoked in Meum leads to "Reconnect required", and reconnecting repairs it', async ( {
	page,
} ) => {
	await connect( page, 'sk_live_sandbox_ready' );
	await revokeKey( siteUrl );

	await page.getByRole( 'button', { name: 'Refresh status' } ).click();

	await expect(
		app( page )
			.getByText( /Reconnect required/ )
			.first()
	).toBeVisible();
	await page.getByLabel( 'Connection key' ).fill( 'sk_live_sandbox_ready' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect( app( page ).getByText( /Reconnect required/ ) ).toHaveCount(
		0
	);
	await expect(
		page.getByRole( 'button', { name: 'Refresh status' } )
	).toBeVisible();
} );

test( 'disconnect asks first, then disconnects at Meum', async ( { page } ) => {
	await connect( page, 'sk_live_sandbox_ready' );

	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	const dialog = page.getByRole( 'dialog', {
		name: 'Disconnect from Meum?',
	} );
	await expect( dialog ).toBeVisible();
	await dialog.getByRole( 'button', { name: 'Cancel' } ).click();
	await expect( dialog ).toHaveCount( 0 );
	expect( await sandboxRequests() ).toHaveLength( 1 );

	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	await page
		.getByRole( 'dialog' )
		.getByRole( 'button', { name: 'Disconnect' } )
		.click();

	await expect(
		app( page ).getByText( 'Disconnected from Meum.' )
	).toBeVisible();
	await expect( page.getByLabel( 'Connection key' ) ).toBeVisible();
	expect( await sandboxIntegrations() ).toEqual( [] );
	await page.reload();
	await expect( page.getByLabel( 'Connection key' ) ).toBeVisible();
} );

test( 'when Meum cannot be told, "Forget locally" removes the connection from this site', async ( {
	page,
} ) => {
	await connect( page, 'sk_live_sandbox_ready' );
	await failNext( '/v1/integration/woocommerce/disconnect', 503 );

	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	await page
		.getByRole( 'dialog' )
		.getByRole( 'button', { name: 'Disconnect' } )
		.click();

	const forget = page.getByRole( 'button', { name: 'Forget locally' } );
	await expect( forget ).toBeVisible();
	await expect(
		app( page ).getByText( 'Northwind Sandbox Store' ).first()
	).toBeVisible();
	await forget.click();

	await expect(
		app( page ).getByText( 'The connection was removed from this site.' )
	).toBeVisible();
	await expect( page.getByLabel( 'Connection key' ) ).toBeVisible();
	expect( await sandboxIntegrations() ).toHaveLength( 1 );
} );
