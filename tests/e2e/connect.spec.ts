/**
 * The main job, end to end: a store owner opens the Meum settings page in wp-admin, pastes a
 * connection key, clicks Connect and sees the store connected, against the real WordPress and the
 * Meum sandbox over real HTTP.
 */
/**
 * External dependencies
 */
import { test, expect, type Page, type Request } from '@playwright/test';
import path from 'node:path';

/**
 * Internal dependencies
 */
import {
	forgetConnection,
	resetSandbox,
	sandboxIntegrations,
	sandboxRequests,
	SETTINGS,
	app,
	submitKey,
	summary,
} from './support';

const artifacts =
	process.env.ARTIFACTS_DIR ?? path.resolve( __dirname, '../../artifacts' );

/**
 * Whether a browser request goes to the WordPress REST API.
 *
 * @param request A request seen by the page.
 * @return True for /wp-json/ and ?rest_route= requests.
 */
function isRestRequest( request: Request ): boolean {
	return /\/wp-json\/|[?&]rest_route=/.test( request.url() );
}

/**
 * Records the body of every REST answer the page receives.
 *
 * @param page The page.
 * @return The live list of bodies.
 */
function recordRestBodies( page: Page ): string[] {
	const bodies: string[] = [];
	page.on( 'response', async ( response ) => {
		if ( isRestRequest( response.request() ) ) {
			bodies.push( await response.text().catch( () => '' ) );
		}
	} );
	return bodies;
}

test.beforeEach( async () => {
	await resetSandbox();
	forgetConnection();
} );

test( 'connects with a sandbox key, reconnects with rotation, and survives a failed reconnect', async ( {
	page,
} ) => {
	const restBeforePaint: string[] = [];
	let painted = false;
	page.on( 'request', ( request ) => {
		if ( ! painted && isRestRequest( request ) ) {
			restBeforePaint.push( request.url() );
		}
	} );
	const restBodies = recordRestBodies( page );

	// Not connected: the form is there on first paint, with no REST call made to build it.
	await page.goto( SETTINGS );
	const keyField = page.getByLabel( 'Connection key' );
	await expect( keyField ).toBeVisible();
	painted = true;
	expect( restBeforePaint ).toEqual( [] );
	await expect( keyField ).toHaveAttribute( 'type', 'password' );
	await expect( keyField ).toHaveValue( '' );

	// Connect with the store that has no payout wallet yet.
	await submitKey( page, 'sk_live_sandbox_nopayout' );
	await expect(
		app( page ).getByText( 'Fresh Sandbox Store' ).first()
	).toBeVisible();
	// One answer at the top, in the page's words; Meum's status word only in the diagnostics.
	await expect( summary( page ) ).toHaveAccessibleName(
		'Action needed: set a payout wallet in Meum'
	);
	await expect( app( page ).getByText( /payout wallet/i ) ).toHaveCount( 2 );
	await expect(
		app( page ).getByText( 'ACTIVE', { exact: true } )
	).toBeHidden();
	const [ first ] = await sandboxIntegrations();
	await expect(
		app( page ).getByText( `sk_live_…${ first.api_key.slice( -4 ) }` )
	).toBeVisible();
	expect( await sandboxRequests() ).toHaveLength( 1 );

	await page.screenshot( {
		path: path.join( artifacts, 'connected-page.png' ),
		fullPage: true,
	} );

	// Reconnect with the same key: Meum re-issues the credentials.
	await page.getByRole( 'button', { name: 'Reconnect' } ).click();
	await submitKey( page, 'sk_live_sandbox_nopayout' );
	await expect(
		app( page ).getByText( /re-issued this store's credentials/ )
	).toBeVisible();
	const [ second ] = await sandboxIntegrations();
	expect( second.api_key ).not.toBe( first.api_key );
	await expect(
		app( page ).getByText( `sk_live_…${ second.api_key.slice( -4 ) }` )
	).toBeVisible();

	// A failing key shows the error with Meum's code and keeps the connection.
	await page.getByRole( 'button', { name: 'Reconnect' } ).click();
	await submitKey( page, 'sk_live_sandbox_taken' );
	await expect(
		app( page )
			.getByText( /SITE_ALREADY_CONNECTED/ )
			.first()
	).toBeVisible();
	await expect(
		app( page ).getByText(
			/already connected to another store: “Fresh Sandbox Store”\. To connect it to a different store, click Disconnect below first/
		)
	).toBeVisible();
	await expect(
		app( page ).getByText( 'Fresh Sandbox Store' ).first()
	).toBeVisible();
	// The failed reconnect is not the connection, which stays in use.
	await expect( summary( page ) ).not.toHaveAccessibleName(
		/^Not connected/
	);

	await page.reload();
	await expect(
		app( page ).getByText( `sk_live_…${ second.api_key.slice( -4 ) }` )
	).toBeVisible();
	await expect( page.getByLabel( 'Connection key' ) ).toHaveCount( 0 );

	// No secret ever reached the browser: not in the HTML, not in any REST answer.
	const html = await page.content();
	const source = await ( await page.request.get( SETTINGS ) ).text();
	for ( const secret of [
		first.api_key,
		first.webhook_secret,
		second.api_key,
		second.webhook_secret,
	] ) {
		expect( html ).not.toContain( secret );
		expect( source ).not.toContain( secret );
		for ( const body of restBodies ) {
			expect( body ).not.toContain( secret );
		}
	}
	expect( restBodies.length ).toBeGreaterThanOrEqual( 3 );
} );

test( 'a key Meum rejects shows a clear error and stores nothing', async ( {
	page,
} ) => {
	await page.goto( SETTINGS );

	await submitKey( page, 'sk_live_sandbox_invalid' );

	await expect(
		app( page ).getByText( /did not accept this connection key/ )
	).toBeVisible();
	await expect(
		app( page )
			.getByText( /INVALID_API_KEY/ )
			.first()
	).toBeVisible();
	await expect( page.getByLabel( 'Connection key' ) ).toHaveValue( '' );
	await page.reload();
	await expect( page.getByLabel( 'Connection key' ) ).toBeVisible();
} );

test( 'validation details from Meum are shown next to the field and in the notice', async ( {
	page,
} ) => {
	await page.goto( SETTINGS );

	await submitKey( page, 'sk_live_sandbox_unprocessable' );

	await expect(
		app( page ).getByText( /This connection key has expired/ )
	).toBeVisible();
	await expect(
		app( page ).getByText( /The site URL must be reachable/ )
	).toBeVisible();
	await expect( page.getByLabel( 'Connection key' ) ).toHaveAttribute(
		'aria-invalid',
		'true'
	);
} );

test( 'a Meum timeout ends in a visible error, not a silent state', async ( {
	page,
} ) => {
	await page.goto( SETTINGS );

	await submitKey( page, 'sk_live_sandbox_slow' );

	const connect = page.getByRole( 'button', {
		name: 'Connect',
		exact: true,
	} );
	await expect( connect ).toHaveAttribute( 'aria-busy', 'true' );
	await expect( app( page ).getByText( /meum_timeout/ ) ).toBeVisible( {
		timeout: 15_000,
	} );
	await expect( connect ).toBeEnabled();
} );
