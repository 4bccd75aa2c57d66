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
import fs from 'node:fs';

/**
 * Internal dependencies
 */
import {
	blockWebhookRoute,
	failNext,
	forgetConnection,
	resetSandbox,
	revokeKey,
} from './support';

const SETTINGS = '/wp-admin/admin.php?page=meum-woocommerce';
const ROOT = '#meum-wc-settings-root';
const siteUrl = process.env.WP_URL ?? 'http://127.0.0.1:8882';

/** The project's own axe-core (a devDependency), rather than the copy bundled with the runner. */
const axeSource = fs.readFileSync(
	require.resolve( 'axe-core/axe.min.js' ),
	'utf8'
);

/**
 * Admin notices around the app: WordPress moves them below the page heading.
 */
const NOTICES = '#wpbody-content > .notice, #wpbody-content .wrap > .notice';

/**
 * The open `Modal`, which `@wordpress/components` renders outside the app root.
 */
const MODAL = '.components-modal__screen-overlay';

/**
 * Describes axe violations for the failure message: rule, impact, help and the failing nodes.
 *
 * @param violations The violations.
 * @return One paragraph per violation.
 */
function describeViolations( violations: Result[] ): string {
	return violations
		.map( ( violation ) =>
			[
				`${ violation.impact }: ${ violation.id }: ${ violation.help } (${ violation.helpUrl })`,
				...violation.nodes.map(
					( node ) =>
						`  ${ node.target.join( ' ' ) }\n    ${ node.failureSummary?.replace(
							/\n/g,
							'\n    '
						) }`
				),
			].join( '\n' )
		)
		.join( '\n\n' );
}

/**
 * What each axe run found, printed at the end.
 */
const summary: string[] = [];

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
	summary.push(
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
 * The app's own content.
 *
 * @param page The settings page.
 * @return Locator of the app's root element.
 */
function app( page: Page ) {
	return page.locator( ROOT );
}

/**
 * Submits a connection key with the mouse, for the states that are reached that way.
 *
 * @param page The settings page.
 * @param key  The connection key.
 */
async function submitKey( page: Page, key: string ): Promise< void > {
	await page.getByLabel( 'Connection key' ).fill( key );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
}

/**
 * Opens the settings page and connects with a sandbox key.
 *
 * @param page The page.
 * @param key  The connection key.
 */
async function connect( page: Page, key: string ): Promise< void > {
	await page.goto( SETTINGS );
	await submitKey( page, key );
	await expect(
		page.getByRole( 'button', { name: 'Refresh status' } )
	).toBeVisible();
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
	if ( summary.length > 0 ) {
		// eslint-disable-next-line no-console
		console.log(
			`axe-core, per state checked (a serious or critical violation fails its test):\n  ${ summary.join(
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
		[ 'sk_live_sandbox_ratelimited', /Error code:/ ],
		[ 'sk_live_sandbox_error500', /Error code:/ ],
		[ 'sk_live_sandbox_proxy', /Error code:/ ],
		[ 'sk_live_sandbox_malformed', /Error code:/ ],
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
		await expect(
			app( page ).getByText(
				/Payments may be blocked until a payout wallet is set in Meum/
			)
		).toBeVisible();
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
		await expect(
			app( page )
				.getByText( /Reconnect required/ )
				.first()
		).toBeVisible();

		await expectNoSeriousViolations( page, 'reconnect required' );
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
		await failNext( '/v1/integration/woocommerce/disconnect', 503 );
		await page.getByRole( 'button', { name: 'Disconnect' } ).click();
		await page
			.getByRole( 'dialog' )
			.getByRole( 'button', { name: 'Disconnect' } )
			.click();
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
