/**
 * Logs in to wp-admin once as admin / password and stores the session for every test.
 */
/**
 * External dependencies
 */
import { chromium, type FullConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Playwright global setup.
 *
 * @param config The resolved Playwright config (for base URL, storage path and launch options).
 * @return Resolves once the logged-in storage state is written.
 */
export default async function globalSetup(
	config: FullConfig
): Promise< void > {
	const { baseURL, storageState, launchOptions } = config.projects[ 0 ].use;
	const browser = await chromium.launch( launchOptions );
	const page = await browser.newPage( { baseURL } );
	await page.goto( '/wp-login.php' );
	await page.locator( '#user_login' ).fill( 'admin' );
	await page.locator( '#user_pass' ).fill( 'password' );
	await Promise.all( [
		page.waitForURL( /\/wp-admin\/?/ ),
		page.locator( '#wp-submit' ).click(),
	] );
	fs.mkdirSync( path.dirname( storageState as string ), { recursive: true } );
	await page.context().storageState( { path: storageState as string } );
	await browser.close();
}
