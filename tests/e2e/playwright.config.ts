/**
 * Playwright configuration for the E2E suite: Debian's Chromium (never a downloaded browser)
 * against the local test WordPress and the Meum sandbox started by `npm test` (bin/test.sh).
 */
/**
 * External dependencies
 */
import { defineConfig } from '@playwright/test';
import path from 'node:path';

const artifacts =
	process.env.ARTIFACTS_DIR ?? path.resolve( __dirname, '../../artifacts' );

export default defineConfig( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	workers: 1,
	fullyParallel: false,
	retries: 0,
	forbidOnly: !! process.env.CI,
	reporter: [ [ 'list' ] ],
	outputDir: path.join( artifacts, 'e2e-results' ),
	globalSetup: require.resolve( './global-setup.ts' ),
	use: {
		baseURL: process.env.WP_URL ?? 'http://127.0.0.1:8882',
		storageState: path.join( artifacts, '.auth', 'admin.json' ),
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		viewport: { width: 1280, height: 900 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				// Offline: every host but this machine's (the WordPress site, the Meum sandbox) fails
				// at once, so WooCommerce's remote assets (Gravatar, Stripe's connect.js on the
				// Payments screen…) never hang a test.
				'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
			],
		},
	},
} );
