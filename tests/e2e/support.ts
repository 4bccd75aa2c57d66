/**
 * Helpers shared by the E2E specs: the Meum sandbox's control routes and the local WordPress.
 */
/**
 * External dependencies
 */
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve( __dirname, '../..' );

/** Whether the test site runs WooCommerce (bin/test-site.sh exports WP_WOOCOMMERCE). */
export const wooCommerceActive = process.env.WP_WOOCOMMERCE === '1';

/**
 * The summary's headline for a connection with a payout wallet: "Connected"
 * on a store, else the one step left on a site without WooCommerce.
 */
export const READY_HEADLINE = wooCommerceActive
	? 'Connected'
	: 'Action needed: activate WooCommerce';

/** Base URL of the Meum sandbox the test WordPress talks to. */
export const sandboxUrl =
	process.env.MEUM_SANDBOX_URL ?? 'http://127.0.0.1:8895';

/** One integration as the sandbox keeps it (with its current secrets). */
export interface SandboxIntegration {
	site_url: string;
	store_id: string;
	integration_id: string;
	api_key: string;
	webhook_secret: string;
}

/** One request the sandbox received. */
export interface SandboxRequest {
	method: string;
	path: string;
	status: number | null;
}

/**
 * Clears the sandbox's integrations and request log.
 *
 * @return Resolves when done.
 */
export async function resetSandbox(): Promise< void > {
	await fetch( `${ sandboxUrl }/__sandbox/reset`, { method: 'POST' } );
}

/**
 * The sandbox's integrations.
 *
 * @return Every integration with its secrets.
 */
export async function sandboxIntegrations(): Promise< SandboxIntegration[] > {
	const body = await (
		await fetch( `${ sandboxUrl }/__sandbox/integrations` )
	).json();
	return body.integrations;
}

/**
 * The requests the sandbox received since the last reset.
 *
 * @return Requests, oldest first.
 */
export async function sandboxRequests(): Promise< SandboxRequest[] > {
	const body = await (
		await fetch( `${ sandboxUrl }/__sandbox/requests` )
	).json();
	return body.requests;
}

/**
 * Runs PHP inside the test WordPress (bin/wp-local.sh eval).
 *
 * @param code PHP code without the opening tag.
 * @return What the code printed.
 */
export function wpEval( code: string ): string {
	return execFileSync(
		path.join( repo, 'bin/wp-local.sh' ),
		[ 'eval', code ],
		{
			encoding: 'utf8',
		}
	);
}

/**
 * Deletes the plugin's stored connection, so a test starts not connected.
 */
export function forgetConnection(): void {
	wpEval(
		"delete_option( 'meum_wc_credentials' ); delete_option( 'meum_wc_connection' );"
	);
}

/**
 * Sends a test-control command to the sandbox.
 *
 * @param route Control route below /__sandbox/.
 * @param body  JSON body.
 * @return Resolves when the sandbox accepted it.
 */
async function control(
	route: string,
	body: Record< string, unknown >
): Promise< void > {
	const response = await fetch( `${ sandboxUrl }/__sandbox/${ route }`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( body ),
	} );
	if ( ! response.ok ) {
		throw new Error( `sandbox ${ route } answered ${ response.status }` );
	}
}

/**
 * Revokes a site's current API key at Meum (as if revoked in the Meum dashboard).
 *
 * @param siteUrl The integration's site URL.
 * @return Resolves when done.
 */
export function revokeKey( siteUrl: string ): Promise< void > {
	return control( 'revoke', { site_url: siteUrl } );
}

/**
 * Changes what Meum's status endpoint reports for a site.
 *
 * @param siteUrl The integration's site URL.
 * @param changes payout_configured, health_status, webhook_health, issues.
 * @return Resolves when done.
 */
export function setStore(
	siteUrl: string,
	changes: Record< string, unknown >
): Promise< void > {
	return control( 'store', { site_url: siteUrl, ...changes } );
}

/**
 * Makes the next call to a Meum path fail with an HTML 5xx page.
 *
 * @param meumPath Meum path.
 * @param status   500, 502 or 503.
 * @return Resolves when armed.
 */
export function failNext( meumPath: string, status: number ): Promise< void > {
	return control( 'fail-next', { path: meumPath, status, times: 1 } );
}

/**
 * Asks the sandbox to deliver a signed webhook to a connected site.
 *
 * @param options Delivery options (see the sandbox README, `/__sandbox/deliver`).
 * @return The sandbox's report.
 */
export async function deliverWebhook(
	options: Record< string, unknown >
): Promise< { deliveries: { status: number | null }[] } > {
	const response = await fetch( `${ sandboxUrl }/__sandbox/deliver`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( options ),
	} );
	return response.json();
}

/**
 * Makes the test WordPress answer its webhook route from "in front of WordPress" (test-only
 * mu-plugin): a 403 firewall page, a redirect, or normally.
 *
 * @param mode "403", "redirect", or null for normal.
 */
export function blockWebhookRoute( mode: '403' | 'redirect' | null ): void {
	wpEval(
		mode
			? `update_option( 'meum_wc_test_block_webhook', '${ mode }' );`
			: "delete_option( 'meum_wc_test_block_webhook' );"
	);
}

/** The settings page. */
export const SETTINGS = '/wp-admin/admin.php?page=meum-woocommerce';

/** The test site's address, as Meum knows it. */
export const siteUrl = process.env.WP_URL ?? 'http://127.0.0.1:8882';

/**
 * The app's own content.
 *
 * @param page The settings page.
 * @return Locator of the app's root element.
 */
export function app( page: Page ) {
	return page.locator( '#meum-wc-settings-root' );
}

/**
 * The summary at the top of the page.
 *
 * @param page The settings page.
 * @return Locator of the summary region.
 */
export function summary( page: Page ) {
	return app( page ).getByRole( 'region', {
		name: /^(Connected|Action needed|Not connected)/,
	} );
}

/**
 * Types a connection key and presses "Connect".
 *
 * @param page The settings page.
 * @param key  The connection key.
 */
export async function submitKey( page: Page, key: string ): Promise< void > {
	await page.getByLabel( 'Connection key' ).fill( key );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
}

/**
 * Opens the settings page and connects with a sandbox key.
 *
 * @param page The page.
 * @param key  The connection key.
 */
export async function connect( page: Page, key: string ): Promise< void > {
	await page.goto( SETTINGS );
	await submitKey( page, key );
	await expect(
		page.getByRole( 'button', { name: 'Refresh status' } )
	).toBeVisible();
}

/**
 * Makes the stored connection remember other addresses than the site has now, as a copy on
 * another domain (`site`) or a permalink change (`webhook`) would.
 *
 * @param change Which address differs.
 */
export function changeConnectedAddress( change: 'site' | 'webhook' ): void {
	const key = change === 'site' ? 'sent_site_url' : 'sent_webhook_url';
	const value =
		change === 'site'
			? 'https://old-shop.example.com'
			: `${ siteUrl }/?rest_route=/meum/v1/webhook`;
	wpEval(
		`$c = get_option( 'meum_wc_connection' ); $c['${ key }'] = '${ value }'; update_option( 'meum_wc_connection', $c );`
	);
}

/**
 * Makes Meum fail the next disconnect (503), then presses Disconnect and confirms it, so the
 * page offers "Forget locally".
 *
 * @param page The settings page, connected.
 */
export async function disconnectWhileMeumFails( page: Page ): Promise< void > {
	await failNext( '/v1/integration/woocommerce/disconnect', 503 );
	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	await page
		.getByRole( 'dialog' )
		.getByRole( 'button', { name: 'Disconnect' } )
		.click();
}
