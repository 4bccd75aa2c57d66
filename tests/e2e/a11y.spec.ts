/**
 * Accessibility of the settings page, end to end in Chromium:
 * - axe-core finds no serious or critical violation in any state of the page (not connected,
 *   busy, connected, warnings, each error kind, reconnect required, the disconnect dialog, the
 *   webhook panel with a test result, "Forget locally");
 * - a connection completes with the keyboard only, in a sensible focus order;
 * - the busy, success and error states reach the `wp.a11y` live regions.
 */
/**
 * External dependencies
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';

/**
 * Internal dependencies
 */
import { axeSource, describeViolations } from './axe';
import {
	blockWebhookRoute,
	forgetConnection,
	resetSandbox,
	revokeKey,
	SETTINGS,
	app,
	changeConnectedAddress,
	connect,
	siteUrl,
	submitKey,
	summary,
	disconnectWhileMeumFails,
} from './support';

const ROOT = '#meum-wc-settings-root';

/**
 * Admin notices around the app: WordPress moves them below the page heading.
 */
const NOTICES = '#wpbody-content > .notice, #wpbody-content .wrap > .notice';

/**
 * The open `Modal`, which `@wordpress/components` renders outside the app root.
 */
const MODAL = '.components-modal__screen-overlay';

/**
 * What each axe run found, printed at the end.
 */
const axeReport: string[] = [];

/**
 * Runs axe-core on the app root, the page's admin notices and an open dialog, and fails with the
 * list of serious and critical violations if there are any.
 *
 * The `Card` of `@wordpress/components` lays two empty, transparent `.components-elevation`
 * layers (its shadow, none at elevation 0) over its whole content. axe cannot see through them, so
 * it would report the colour contrast of every text in the card as "incomplete" instead of
 * checking it. They are hidden for the check; they draw nothing at elevation 0.
 *
 * @param page  The settings page.
 * @param state The state being checked, for the failure message.
 * @return The less severe violations (printed, not failed).
 */
async function expectNoSeriousViolations(
	page: Page,
	state: string
): Promise< Result[] > {
	await page.addStyleTag( {
		content: '.components-elevation { display: none !important; }',
	} );
	const builder = new AxeBuilder( { page, axeSource } ).include( ROOT );
	if ( ( await page.locator( NOTICES ).count() ) > 0 ) {
		builder.include( NOTICES );
	}
	if ( ( await page.locator( MODAL ).count() ) > 0 ) {
		builder.include( MODAL );
	}
	const results = await builder.analyze();
	const serious = results.violations.filter(
		( violation ) =>
			violation.impact === 'serious' || violation.impact === 'critical'
	);
	expect(
		serious,
		`axe: serious or critical violations in state "${ state }":\n${ describeViolations(
			serious
		) }`
	).toEqual( [] );
	const minor = results.violations.filter(
		( violation ) => ! serious.includes( violation )
	);
	const contrastChecked = results.passes
		.filter( ( rule ) => rule.id === 'color-contrast' )
		.reduce( ( count, rule ) => count + rule.nodes.length, 0 );
	axeReport.push(
		`${ state }: ${ results.passes.length } rules passed, ${ contrastChecked } texts' contrast checked, ` +
			`${ minor.length } minor/moderate violations, ${ results.incomplete.length } rules incomplete`
	);
	if ( minor.length > 0 ) {
		// eslint-disable-next-line no-console
		console.log(
			`axe: minor violations in state "${ state }":\n${ describeViolations(
				minor
			) }`
		);
	}
	return minor;
}

/**
 * Holds the browser's next request to the plugin's connect route until `release()` is called,
 * so a busy state lasts as long as a check of it needs (axe takes a few seconds here, and the
 * test site gives up on Meum after 2 s).
 *
 * @param page The settings page.
 * @return Call `release()` to let the request go on to the site.
 */
async function holdConnectRequest(
	page: Page
): Promise< { release: () => void } > {
	let release = () => {};
	const held = new Promise< void >( ( resolve ) => {
		release = resolve;
	} );
	await page.route(
		( url ) =>
			/\/meum\/v1\/connection(?:$|[?&])/.test(
				decodeURIComponent( url.href )
			),
		async ( route ) => {
			if ( route.request().method() === 'POST' ) {
				await held;
			}
			await route.continue();
		},
		{ times: 1 }
	);
	return { release };
}

/**
 * Records every text the page puts into the `wp.a11y` live regions, in order, from page load
 * (`speak()` empties the regions before each message, so only the last one stays visible).
 *
 * @param page The page, before it navigates.
 * @return Resolves once the recorder is installed.
 */
async function recordAnnouncements( page: Page ): Promise< void > {
	await page.addInitScript( () => {
		const announcements: { politeness: string; text: string }[] = [];
		(
			window as unknown as { meumWcAnnouncements: unknown }
		 ).meumWcAnnouncements = announcements;
		new MutationObserver( ( mutations ) => {
			for ( const mutation of mutations ) {
				const region = (
					mutation.target instanceof Element
						? mutation.target
						: mutation.target.parentElement
				)?.closest( '#a11y-speak-polite, #a11y-speak-assertive' );
				const text = region?.textContent
					?.replace( /\u00a0/g, ' ' )
					.trim();
				if ( region && text ) {
					const politeness =
						region.id === 'a11y-speak-polite'
							? 'polite'
							: 'assertive';
					const last = announcements[ announcements.length - 1 ];
					if (
						last?.politeness !== politeness ||
						last?.text !== text
					) {
						announcements.push( { politeness, text } );
					}
				}
			}
		} ).observe( document, {
			childList: true,
			characterData: true,
			subtree: true,
		} );
	} );
}

/**
 * What the live regions announced since the page loaded.
 *
 * @param page The page.
 * @return The announcements, oldest first.
 */
function readAnnouncements(
	page: Page
): Promise< { politeness: string; text: string }[] > {
	return page.evaluate(
		() =>
			(
				window as unknown as {
					meumWcAnnouncements: { politeness: string; text: string }[];
				}
			 ).meumWcAnnouncements
	);
}

/**
 * Describes the focused element: its tag and its label, ARIA label or text.
 *
 * @param page The page.
 * @return E.g. `input "Connection key"` or `button "Connect"`.
 */
function focused( page: Page ): Promise< string > {
	return page.evaluate( () => {
		const element = document.activeElement as HTMLElement | null;
		if ( ! element || element === document.body ) {
			return 'body';
		}
		const labels = ( element as HTMLInputElement ).labels;
		const name =
			element.getAttribute( 'aria-label' ) ??
			( labels && labels.length > 0
				? labels[ 0 ].textContent
				: element.textContent ) ??
			'';
		return `${ element.tagName.toLowerCase() } "${ name
			.replace( /\s+/g, ' ' )
			.trim() }"`;
	} );
}

/**
 * Presses Tab until the focus reaches an element, as a keyboard user does.
 *
 * @param page   The page.
 * @param target The element's description (see `focused()`).
 * @param limit  The most presses.
 * @return The description of every element the focus met, the last one first reached.
 */
async function tabUntil(
	page: Page,
	target: string,
	limit: number
): Promise< string[] > {
	const stops: string[] = [];
	while ( stops.length < limit && stops.at( -1 ) !== target ) {
		await page.keyboard.press( 'Tab' );
		stops.push( await focused( page ) );
	}
	return stops;
}

test.beforeEach( async () => {
	await resetSandbox();
	forgetConnection();
	blockWebhookRoute( null );
} );

test.afterAll( () => {
	blockWebhookRoute( null );
	if ( axeReport.length > 0 ) {
		// eslint-disable-next-line no-console
		console.log(
			`axe-core, per state checked (a serious or critical violation fails its test):\n  ${ axeReport.join(
				'\n  '
			) }`
		);
	}
} );

test.describe( 'axe-core finds no serious or critical violation', () => {
	test( 'not connected', async ( { page } ) => {
		await page.goto( SETTINGS );
		await expect( page.getByLabel( 'Connection key' ) ).toBeVisible();

		await expectNoSeriousViolations( page, 'not connected' );
	} );

	test( 'not connected, after submitting an empty key', async ( {
		page,
	} ) => {
		await page.goto( SETTINGS );
		await page
			.getByRole( 'button', { name: 'Connect', exact: true } )
			.click();
		await expect(
			app( page ).getByText( 'Enter your connection key.' )
		).toBeVisible();

		await expectNoSeriousViolations( page, 'empty key' );
	} );

	test( 'busy, then the timeout error', async ( { page } ) => {
		await page.goto( SETTINGS );
		const request = await holdConnectRequest( page );
		await submitKey( page, 'sk_live_sandbox_slow' );
		const connectButton = page.getByRole( 'button', {
			name: 'Connect',
			exact: true,
		} );
		await expect( connectButton ).toHaveAttribute( 'aria-busy', 'true' );
		await expect( connectButton ).toBeDisabled();
		await expect( page.getByLabel( 'Connection key' ) ).toHaveAttribute(
			'readonly',
			''
		);
		await expect(
			app( page ).getByText( 'Connecting to Meum…' )
		).toBeVisible();

		await expectNoSeriousViolations( page, 'busy' );
		await expect( connectButton ).toHaveAttribute( 'aria-busy', 'true' );

		request.release();
		await expect( app( page ).getByText( /meum_timeout/ ) ).toBeVisible( {
			timeout: 15_000,
		} );
		await expectNoSeriousViolations( page, 'error: timeout' );
	} );

	const errors: [ string, RegExp ][] = [
		[ 'sk_live_sandbox_invalid', /INVALID_API_KEY/ ],
		[ 'sk_live_sandbox_scope', /INSUFFICIENT_SCOPE/ ],
		[ 'sk_live_sandbox_taken', /SITE_ALREADY_CONNECTED/ ],
		[ 'sk_live_sandbox_unprocessable', /This connection key has expired/ ],
		[ 'sk_live_sandbox_ratelimited', /Error code for support:/ ],
		[ 'sk_live_sandbox_error500', /Error code for support:/ ],
		[ 'sk_live_sandbox_proxy', /Error code for support:/ ],
		[ 'sk_live_sandbox_malformed', /Error code for support:/ ],
	];
	for ( const [ key, shown ] of errors ) {
		test( `error: ${ key.replace( 'sk_live_sandbox_', '' ) }`, async ( {
			page,
		} ) => {
			await page.goto( SETTINGS );
			await submitKey( page, key );
			await expect(
				app( page ).getByText( shown ).first()
			).toBeVisible();
			await expect(
				page.getByRole( 'button', { name: 'Connect', exact: true } )
			).toBeEnabled();

			await expectNoSeriousViolations( page, `error: ${ key }` );
		} );
	}

	test( 'connected, with a payout wallet', async ( { page } ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		await expect(
			app( page ).getByText( 'Northwind Sandbox Store' ).first()
		).toBeVisible();

		await expectNoSeriousViolations( page, 'connected' );
	} );

	test( 'warnings: payout wallet missing, then credentials re-issued', async ( {
		page,
	} ) => {
		await connect( page, 'sk_live_sandbox_nopayout' );
		await expect( summary( page ) ).toHaveAccessibleName(
			'Action needed: set a payout wallet in Meum'
		);
		await expectNoSeriousViolations( page, 'warning: payout' );

		await page.getByRole( 'button', { name: 'Reconnect' } ).click();
		await expectNoSeriousViolations( page, 'reconnect form open' );
		await submitKey( page, 'sk_live_sandbox_nopayout' );
		await expect(
			app( page ).getByText( /re-issued this store's credentials/ )
		).toBeVisible();
		await expectNoSeriousViolations( page, 'warning: rotation' );
	} );

	test( 'reconnect required', async ( { page } ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		await revokeKey( siteUrl );
		await page.getByRole( 'button', { name: 'Refresh status' } ).click();
		await expect( summary( page ) ).toHaveAccessibleName(
			'Action needed: reconnect with a new key from Meum'
		);

		await expectNoSeriousViolations( page, 'reconnect required' );

		// A failed disconnect here: the focus goes to "Forget locally".
		await disconnectWhileMeumFails( page );
		await expect(
			page.getByRole( 'button', { name: 'Forget locally' } )
		).toBeFocused();
		await expect( summary( page ) ).toHaveAccessibleName(
			'Action needed: finish disconnecting'
		);
		await expectNoSeriousViolations(
			page,
			'reconnect required, disconnect failed'
		);
	} );

	test( 'site address changed, and the "This is a new site" confirmation', async ( {
		page,
	} ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		changeConnectedAddress( 'site' );
		await page.reload();
		await expect( summary( page ) ).toHaveAccessibleName(
			'Action needed: confirm the new site address'
		);
		await expectNoSeriousViolations( page, 'site address changed' );

		await page
			.getByRole( 'button', { name: 'This is a new site' } )
			.click();
		await expect(
			page.getByRole( 'dialog', {
				name: 'Forget the connection on this site?',
			} )
		).toBeVisible();
		await expectNoSeriousViolations( page, 'new-site confirmation' );
	} );

	test( 'webhook address changed', async ( { page } ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		changeConnectedAddress( 'webhook' );
		await page.reload();
		await expect( summary( page ) ).toHaveAccessibleName(
			'Action needed: reconnect to register the new webhook address'
		);
		await expectNoSeriousViolations( page, 'webhook address changed' );
	} );

	test( 'narrow screen (390 px): labels above values, no sideways scrolling', async ( {
		page,
	} ) => {
		await page.setViewportSize( { width: 390, height: 844 } );
		await connect( page, 'sk_live_sandbox_nopayout' );
		await page.getByText( 'Diagnostics for support' ).click();

		const layout = await page.evaluate( () => {
			const root = document.querySelector(
				'#meum-wc-settings-root'
			) as HTMLElement;
			const lists = Array.from(
				root.querySelectorAll( '.meum-wc-details' )
			);
			const stacked = lists.every( ( list ) => {
				const term = list.querySelector( 'dt' ) as HTMLElement;
				const value = list.querySelector( 'dd' ) as HTMLElement;
				return (
					value.getBoundingClientRect().top >=
					term.getBoundingClientRect().bottom - 1
				);
			} );
			return {
				stacked,
				overflow: root.scrollWidth - root.clientWidth,
			};
		} );
		expect( layout.stacked ).toBe( true );
		expect( layout.overflow ).toBeLessThanOrEqual( 0 );
		await expectNoSeriousViolations( page, 'narrow screen' );
	} );

	test( 'wide screen: every list of values starts at one position', async ( {
		page,
	} ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		await page.getByText( 'Diagnostics for support' ).click();

		const starts = await page.evaluate( () =>
			Array.from(
				document.querySelectorAll(
					'#meum-wc-settings-root .meum-wc-details dd'
				)
			).map( ( dd ) => Math.round( dd.getBoundingClientRect().left ) )
		);
		expect( new Set( starts ).size ).toBe( 1 );
	} );

	test( 'disconnect dialog open', async ( { page } ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		await page.getByRole( 'button', { name: 'Disconnect' } ).click();
		await expect(
			page.getByRole( 'dialog', { name: 'Disconnect from Meum?' } )
		).toBeVisible();

		await expectNoSeriousViolations( page, 'disconnect dialog' );
	} );

	test( 'disconnect failed: "Forget locally"', async ( { page } ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		await disconnectWhileMeumFails( page );
		await expect(
			page.getByRole( 'button', { name: 'Forget locally' } )
		).toBeVisible();

		await expectNoSeriousViolations( page, 'forget locally offered' );
	} );

	test( 'webhook panel with test results', async ( { page } ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		const testButton = page.getByRole( 'button', {
			name: 'Test webhook delivery',
		} );

		await testButton.click();
		await expect(
			app( page )
				.getByText(
					'The test delivery reached this site and was accepted.'
				)
				.first()
		).toBeVisible();
		await expectNoSeriousViolations( page, 'webhook test accepted' );

		blockWebhookRoute( '403' );
		await testButton.click();
		await expect(
			app( page ).getByText( /blocked the test delivery \(HTTP 403\)/ )
		).toBeVisible();
		await expectNoSeriousViolations( page, 'webhook test blocked' );
	} );
} );

test.describe( 'keyboard only', () => {
	test( 'from page load, Tab reaches the key field, then Connect, and a connection completes without the mouse', async ( {
		page,
	} ) => {
		await page.goto( SETTINGS );
		const keyField = page.getByLabel( 'Connection key' );
		const connectButton = page.getByRole( 'button', {
			name: 'Connect',
			exact: true,
		} );
		await expect( keyField ).toBeVisible();
		expect( await focused( page ) ).toBe( 'body' );

		// The first Tab reaches WordPress's "Skip to main content" link; Enter follows it.
		await page.keyboard.press( 'Tab' );
		await expect(
			page.getByRole( 'link', { name: 'Skip to main content' } )
		).toBeFocused();
		await page.keyboard.press( 'Enter' );

		// In the main content: the link that explains where keys come from, the key field, Connect.
		await page.keyboard.press( 'Tab' );
		await expect(
			app( page ).getByRole( 'link', {
				name: /How to create a connection key/,
			} )
		).toBeFocused();
		await page.keyboard.press( 'Tab' );
		await expect( keyField ).toBeFocused();
		expect( await focused( page ) ).toBe( 'input "Connection key"' );
		expect(
			await page.evaluate(
				() => ( document.activeElement as HTMLInputElement ).type
			)
		).toBe( 'password' );
		await page.keyboard.press( 'Tab' );
		await expect( connectButton ).toBeFocused();
		await page.keyboard.press( 'Shift+Tab' );
		await expect( keyField ).toBeFocused();

		// A wrong key first, sent with Enter: the error is shown, the field keeps the focus.
		await page.keyboard.type( 'sk_live_sandbox_invalid' );
		await page.keyboard.press( 'Enter' );
		await expect(
			app( page ).getByText( /did not accept this connection key/ )
		).toBeVisible();
		await expect( keyField ).toBeFocused();
		await expect( keyField ).toHaveValue( '' );

		// The right key, then Tab to Connect and Space.
		await page.keyboard.type( 'sk_live_sandbox_ready' );
		await page.keyboard.press( 'Tab' );
		await expect( connectButton ).toBeFocused();
		expect( await focused( page ) ).toBe( 'button "Connect"' );
		await page.keyboard.press( 'Space' );

		// Connected: the success message has the focus, and Tab goes on to the connection's actions.
		const success = app( page ).getByText(
			'Connected to Northwind Sandbox Store.'
		);
		await expect( success ).toBeVisible();
		await expect( success ).toBeFocused();
		await page.keyboard.press( 'Tab' );
		await expect(
			page.getByRole( 'button', { name: 'Refresh status' } )
		).toBeFocused();
	} );

	test( 'without the skip link, Tab reaches the key field right after the WordPress menus, and Enter connects', async ( {
		page,
	} ) => {
		await page.goto( SETTINGS );
		const keyField = page.getByLabel( 'Connection key' );
		await expect( keyField ).toBeVisible();

		const stops = await tabUntil( page, 'input "Connection key"', 100 );
		await expect( keyField ).toBeFocused();
		// Everything before the field is WordPress's own toolbar and menu, then the help link.
		const inApp = await page.evaluate( () =>
			document
				.getElementById( 'meum-wc-settings-root' )
				?.contains( document.activeElement )
		);
		expect( inApp ).toBe( true );
		expect( stops.at( -2 ), stops.join( '\n' ) ).toMatch(
			/^a "How to create a connection key/
		);
		expect( stops[ 0 ] ).toBe( 'a "Skip to main content"' );

		await page.keyboard.type( 'sk_live_sandbox_ready' );
		await page.keyboard.press( 'Enter' );
		await expect(
			app( page ).getByText( 'Connected to Northwind Sandbox Store.' )
		).toBeFocused();
	} );
} );

test( 'busy, success and error states are announced in the wp.a11y live regions', async ( {
	page,
} ) => {
	await recordAnnouncements( page );
	await page.goto( SETTINGS );
	await expect( page.locator( '#a11y-speak-polite' ) ).toHaveAttribute(
		'aria-live',
		'polite'
	);
	await expect( page.locator( '#a11y-speak-assertive' ) ).toHaveAttribute(
		'aria-live',
		'assertive'
	);

	// Busy: the site waits for Meum (at most 2 s in the tests), then reports the timeout.
	const request = await holdConnectRequest( page );
	await submitKey( page, 'sk_live_sandbox_slow' );
	await expect( page.locator( '#a11y-speak-polite' ) ).toHaveText(
		'Connecting to Meum…'
	);
	request.release();
	await expect( page.locator( '#a11y-speak-assertive' ) ).toHaveText(
		/Meum did not answer in time/,
		{ timeout: 15_000 }
	);
	expect( await readAnnouncements( page ) ).toEqual( [
		{ politeness: 'polite', text: 'Connecting to Meum…' },
		{
			politeness: 'assertive',
			text: expect.stringMatching( /^Meum did not answer in time/ ),
		},
	] );

	// Error: a rejected key.
	await submitKey( page, 'sk_live_sandbox_invalid' );
	await expect( page.locator( '#a11y-speak-assertive' ) ).toHaveText(
		/^Meum did not accept this connection key/
	);

	// Success: the store's name and the payout warning.
	await submitKey( page, 'sk_live_sandbox_nopayout' );
	await expect( page.locator( '#a11y-speak-polite' ) ).toHaveText(
		'Connected to Meum as Fresh Sandbox Store. Payments may be blocked until a payout wallet is set in Meum.'
	);
	expect( ( await readAnnouncements( page ) ).slice( 2 ) ).toEqual( [
		{ politeness: 'polite', text: 'Connecting to Meum…' },
		{
			politeness: 'assertive',
			text: expect.stringMatching(
				/^Meum did not accept this connection key/
			),
		},
		{ politeness: 'polite', text: 'Connecting to Meum…' },
		{
			politeness: 'polite',
			text: 'Connected to Meum as Fresh Sandbox Store. Payments may be blocked until a payout wallet is set in Meum.',
		},
	] );

	// A status check that finds the key revoked is announced assertively.
	await revokeKey( siteUrl );
	await page.getByRole( 'button', { name: 'Refresh status' } ).click();
	await expect( page.locator( '#a11y-speak-assertive' ) ).toHaveText(
		/^Reconnect required: Meum no longer accepts this site's API key/
	);
} );

/**
 * Follows WordPress's "Skip to main content" link with the keyboard, so Tab starts in the page.
 *
 * @param page The page, just loaded.
 */
async function skipToContent( page: Page ): Promise< void > {
	await page.keyboard.press( 'Tab' );
	await expect(
		page.getByRole( 'link', { name: 'Skip to main content' } )
	).toBeFocused();
	await page.keyboard.press( 'Enter' );
}

test.describe( 'keyboard only, in the new states', () => {
	test( 'site change: "This is a new site" asks, Escape cancels and gives the focus back', async ( {
		page,
	} ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		changeConnectedAddress( 'site' );
		await page.reload();
		await expect( summary( page ) ).toBeVisible();
		await skipToContent( page );

		const stops = await tabUntil( page, 'button "This is a new site"', 40 );
		expect( stops.at( -1 ) ).toBe( 'button "This is a new site"' );
		await page.keyboard.press( 'Enter' );
		const dialog = page.getByRole( 'dialog', {
			name: 'Forget the connection on this site?',
		} );
		await expect(
			dialog.getByRole( 'button', { name: 'Cancel' } )
		).toBeFocused();
		await page.keyboard.press( 'Escape' );
		await expect( dialog ).toBeHidden();
		await expect(
			page.getByRole( 'button', { name: 'This is a new site' } )
		).toBeFocused();
	} );

	test( 'the reconnect form opens with Enter, has a heading, and Escape closes it', async ( {
		page,
	} ) => {
		await connect( page, 'sk_live_sandbox_ready' );
		await page.reload();
		await expect( summary( page ) ).toBeVisible();
		await skipToContent( page );

		const stops = await tabUntil( page, 'button "Reconnect"', 40 );
		expect( stops.at( -1 ) ).toBe( 'button "Reconnect"' );
		await page.keyboard.press( 'Enter' );
		await expect( page.getByLabel( 'Connection key' ) ).toBeFocused();
		await expect(
			app( page ).getByRole( 'heading', { name: 'Reconnect to Meum' } )
		).toBeVisible();
		await page.keyboard.press( 'Escape' );
		await expect( page.getByLabel( 'Connection key' ) ).toHaveCount( 0 );
		await expect(
			page.getByRole( 'button', { name: 'Reconnect' } )
		).toBeFocused();
	} );
} );
