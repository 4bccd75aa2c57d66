/**
 * The connection's life after connect, end to end: status refresh, a key revoked elsewhere,
 * disconnect, and "forget locally" when Meum cannot be told.
 */
/**
 * External dependencies
 */
import { test, expect } from '@playwright/test';

/**
 * Internal dependencies
 */
import {
	forgetConnection,
	resetSandbox,
	revokeKey,
	sandboxIntegrations,
	sandboxRequests,
	setStore,
	app,
	connect,
	siteUrl,
	summary,
	changeConnectedAddress,
	disconnectWhileMeumFails,
	READY_HEADLINE,
} from './support';

test.beforeEach( async () => {
	await resetSandbox();
	forgetConnection();
} );

test( 'refresh status shows what Meum reports and clears the payout warning', async ( {
	page,
} ) => {
	await connect( page, 'sk_live_sandbox_nopayout' );
	await expect( summary( page ) ).toHaveAccessibleName(
		'Action needed: set a payout wallet in Meum'
	);
	await setStore( siteUrl, {
		payout_configured: true,
		health_status: 'DEGRADED',
		issues: [ 'Webhook deliveries are failing' ],
	} );

	await page.getByRole( 'button', { name: 'Refresh status' } ).click();

	// Health DEGRADED with an issue: one answer, never "healthy" next to something to fix.
	await expect( summary( page ) ).toHaveAccessibleName(
		'Action needed: fix what Meum reports'
	);
	await expect(
		summary( page ).getByText( /Webhook deliveries are failing/ )
	).toBeVisible();
	await expect( app( page ).getByText( /payout wallet/i ) ).toHaveCount( 0 );
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

	await expect( summary( page ) ).toHaveAccessibleName(
		'Action needed: reconnect with a new key from Meum'
	);
	await expect(
		app( page ).getByText( 'ACTIVE', { exact: true } )
	).toBeHidden();
	await page.getByLabel( 'Connection key' ).fill( 'sk_live_sandbox_ready' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	// No reconnect asked for any more: a store is ready; a site without WooCommerce asks for it.
	await expect( summary( page ) ).toHaveAccessibleName( READY_HEADLINE );
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
	await disconnectWhileMeumFails( page );

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

test( '"This is a new site" asks first, like Disconnect, and never tells Meum', async ( {
	page,
} ) => {
	await connect( page, 'sk_live_sandbox_ready' );
	changeConnectedAddress( 'site' );
	await page.reload();
	await expect( summary( page ) ).toHaveAccessibleName(
		'Action needed: confirm the new site address'
	);

	await page.getByRole( 'button', { name: 'This is a new site' } ).click();
	const dialog = page.getByRole( 'dialog', {
		name: 'Forget the connection on this site?',
	} );
	await expect( dialog ).toBeVisible();
	await dialog.getByRole( 'button', { name: 'Cancel' } ).click();
	await expect( dialog ).toBeHidden();
	await expect(
		app( page ).getByText( 'Northwind Sandbox Store' ).first()
	).toBeVisible();

	await page.getByRole( 'button', { name: 'This is a new site' } ).click();
	await dialog
		.getByRole( 'button', { name: 'Forget the connection' } )
		.click();
	await expect(
		app( page ).getByText( 'The connection was removed from this site.' )
	).toBeVisible();
	expect( await sandboxIntegrations() ).toHaveLength( 1 );
	const paths = ( await sandboxRequests() ).map( ( r ) => r.path );
	expect( paths ).toEqual( [ '/v1/integration/woocommerce/connect' ] );
} );

test( 'a changed webhook address alone offers the reconnect that registers it', async ( {
	page,
} ) => {
	await connect( page, 'sk_live_sandbox_ready' );
	changeConnectedAddress( 'webhook' );
	await page.reload();

	await expect( summary( page ) ).toHaveAccessibleName(
		'Action needed: reconnect to register the new webhook address'
	);
	await expect(
		page.getByRole( 'button', { name: 'This is a new site' } )
	).toHaveCount( 0 );
	await page.getByRole( 'button', { name: 'Reconnect' } ).click();
	await page.getByLabel( 'Connection key' ).fill( 'sk_live_sandbox_ready' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();

	await expect( summary( page ) ).toHaveAccessibleName( READY_HEADLINE );
	await page.reload();
	await expect( summary( page ) ).toHaveAccessibleName( READY_HEADLINE );
} );
