/**
 * Prints the figures the connect issue asks for, measured from outside the plugin. Run through
 * `npm run bench` (bench/run.sh), which starts the sandbox and WordPress this script talks to.
 */
/**
 * External dependencies
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Internal dependencies
 */
import { pageCostOnOff, sandboxRequestCount } from './lib';

const repo = path.resolve( __dirname, '..' );
const wpUrl = process.env.WP_URL as string;
const sandboxUrl = process.env.MEUM_SANDBOX_URL as string;
const FRONT_PAGE_VIEWS = 5;

/**
 * Measures and prints every figure.
 */
async function main(): Promise< void > {
	// 1. Bundle size: our code only (WordPress packages are externals, see build/settings.asset.php).
	const js = fs.readFileSync( path.join( repo, 'build/settings.js' ) );
	const cssFile = path.join( repo, 'build/settings.css' );
	const css = fs.existsSync( cssFile )
		? fs.readFileSync( cssFile )
		: Buffer.alloc( 0 );
	const gz = ( b: Buffer ) => zlib.gzipSync( b, { level: 9 } ).length;

	// 2. Front-end page views: outbound requests to Meum and extra queries, plugin on vs off.
	await fetch( `${ sandboxUrl }/__sandbox/reset`, { method: 'POST' } );
	const front = await pageCostOnOff(
		wpUrl,
		`${ wpUrl }/?p=1`,
		FRONT_PAGE_VIEWS
	);
	const outboundFront = await sandboxRequestCount( sandboxUrl );
	const [ queriesOn, queriesOff ] = [ front.on.queries, front.off.queries ];

	// 3. The settings page in Chromium: REST calls before first paint, requests per Connect click.
	const browser = await chromium.launch( {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	} );
	const page = await browser.newPage();
	await page.goto( `${ wpUrl }/wp-login.php` );
	await page.fill( '#user_login', 'admin' );
	await page.fill( '#user_pass', 'password' );
	await Promise.all( [
		page.waitForURL( /\/wp-admin\/?/ ),
		page.click( '#wp-submit' ),
	] );

	const rest: { url: string; at: number }[] = [];
	page.on( 'request', ( r ) => {
		if ( /\/wp-json\/|[?&]rest_route=/.test( r.url() ) ) {
			rest.push( { url: r.url(), at: Date.now() } );
		}
	} );
	const navigationStart = Date.now();
	await page.goto( `${ wpUrl }/wp-admin/admin.php?page=meum-woocommerce` );
	await page.getByLabel( 'Connection key' ).waitFor();
	const firstPaint = Date.now();
	const restBeforePaint = rest.filter(
		( r ) => r.at >= navigationStart && r.at <= firstPaint
	).length;
	await page.waitForLoadState( 'networkidle' );
	const restBeforeIdle = rest.length;

	await fetch( `${ sandboxUrl }/__sandbox/reset`, { method: 'POST' } );
	await page
		.getByLabel( 'Connection key' )
		.fill( 'sk_live_sandbox_nopayout' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await page.getByRole( 'button', { name: 'Reconnect' } ).waitFor();
	const perClick = await sandboxRequestCount( sandboxUrl );
	await browser.close();

	const rows: [ string, string, string ][] = [
		[
			'settings bundle, gzip (build/settings.js)',
			`${ ( gz( js ) / 1024 ).toFixed( 2 ) } KB (${ gz( js ) } bytes; raw ${ js.length } bytes)`,
			'≤ 15 KB',
		],
		[
			'settings styles, gzip (build/settings.css)',
			`${ gz( css ) } bytes`,
			'',
		],
		[
			'REST calls before first paint of the settings page',
			String( restBeforePaint ),
			'0',
		],
		[
			'REST calls until the settings page is idle',
			String( restBeforeIdle ),
			'',
		],
		[
			`outbound requests to Meum from ${ FRONT_PAGE_VIEWS * 2 } front-end views (plugin active)`,
			String( outboundFront ),
			'0',
		],
		[
			'DB queries per front-end view, plugin on / off (median)',
			`${ queriesOn } / ${ queriesOff } → extra ${ queriesOn - queriesOff }`,
			'0 extra',
		],
		[
			'outbound requests to Meum per Connect click',
			String( perClick ),
			'exactly 1',
		],
	];
	console.log( '\nMeum for WooCommerce — measured figures\n' );
	for ( const [ name, value, goal ] of rows ) {
		console.log(
			`  ${ name.padEnd( 58 ) } ${ value.padEnd( 34 ) } ${ goal ? 'goal ' + goal : '' }`
		);
	}
}

main().catch( ( error ) => {
	console.error( error );
	process.exitCode = 1;
} );
