/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';
import {
	screen,
	waitFor,
	waitForElementToBeRemoved,
	within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import type { ConnectionState } from '../../../src/settings/types';
import {
	WP_CONFIG_LINE,
	connected,
	deferred,
	justConnected,
	noEncryption,
	notConnected,
	refreshed,
	restError,
	revoked,
	siteChanged,
} from './fixtures';
import {
	PAYOUT_WARNING,
	apiFetchMock,
	button,
	detail,
	keyField,
	queryButton,
	renderPage,
	speakMock,
	summary,
	supportCodes,
} from './page';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

const REVOKED =
	"Meum no longer accepts this site's API key. It was revoked or replaced elsewhere. Connect again with a new connection key.";
const UNDECRYPTABLE =
	"The stored credentials can no longer be decrypted (the site's encryption key or salts changed, or the data was altered). Connect again with a new connection key.";
const INCONSISTENT =
	'The stored connection is incomplete or unreadable. Connect again with a new connection key.';
const FORGET_EXPLANATION =
	'Meum could not be told. You can delete the connection from this site only; the integration may stay listed in Meum until you remove it there.';
const SITE_CHANGED =
	"This site's address changed since it was connected to Meum.";
const UNREACHABLE =
	'Your site could not reach Meum: the address could not be resolved or the connection was refused. Ask your host to allow outgoing connections to Meum.';

/**
 * The element whose whole text (including its children's) is the given
 * text, for sentences with a bold start.
 *
 * @param text The full text.
 * @return The innermost element with that text.
 */
function byFullText( text: string ): HTMLElement {
	return screen.getByText( ( _content, element ) => {
		if ( element?.textContent !== text ) {
			return false;
		}
		return ! Array.from( element.children ).some(
			( child ) => child.textContent === text
		);
	} );
}

/**
 * Presses "This is a new site" and confirms in the dialog.
 *
 * @param user The user.
 */
async function confirmNewSite( user: ReturnType< typeof userEvent.setup > ) {
	await user.click( button( 'This is a new site' ) );
	const dialog = screen.getByRole( 'dialog' );
	await user.click(
		within( dialog ).getByRole( 'button', {
			name: 'Forget the connection',
		} )
	);
}

/**
 * Opens the disconnect dialog.
 *
 * @param user The user-event instance.
 * @return The dialog.
 */
async function openDisconnectDialog(
	user: ReturnType< typeof userEvent.setup >
) {
	await user.click( button( 'Disconnect' ) );
	return screen.getByRole( 'dialog', { name: 'Disconnect from Meum?' } );
}

/**
 * Opens the disconnect dialog and confirms.
 *
 * @param user The user-event instance.
 */
async function confirmDisconnect( user: ReturnType< typeof userEvent.setup > ) {
	const dialog = await openDisconnectDialog( user );
	await user.click(
		within( dialog ).getByRole( 'button', { name: 'Disconnect' } )
	);
}

beforeEach( () => {
	apiFetchMock.mockReset();
	speakMock.mockReset();
} );

describe( 'the connection status', () => {
	it( 'answers "Connected" once, in its own words, and when the status was checked', () => {
		renderPage( connected );

		expect( summary() ).toHaveAccessibleName( 'Connected' );
		expect( summary() ).toHaveTextContent(
			'This store is connected to Meum as Demo Store and can take Meum payments once payments are switched on.'
		);
		expect( detail( 'Last checked' ) ).toHaveTextContent(
			'Nov 29, 2026, 11:20 AM UTC'
		);
		expect( screen.queryByText( 'ACTIVE' ) ).not.toBeVisible();
		expect( detail( "Meum's view" ) ).toHaveTextContent( 'Working' );
	} );

	it( 'says the status was never checked right after connecting', () => {
		renderPage( justConnected );

		expect( detail( 'Last checked' ) ).toHaveTextContent( 'Never' );
	} );

	it( 'refreshes the status on request and shows what Meum reports', async () => {
		apiFetchMock.mockResolvedValue( refreshed );
		const user = renderPage( connected );

		await user.click( button( 'Refresh status' ) );

		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/connection/refresh',
			method: 'POST',
		} );
		expect(
			await screen.findByText( 'Connection status updated.' )
		).toBeInTheDocument();
		expect( summary() ).toHaveAccessibleName(
			'Action needed: fix what Meum reports'
		);
		expect( detail( "Meum's view" ) ).toHaveTextContent( 'Not working' );
		expect( screen.queryByText( 'HEALTHY' ) ).not.toBeInTheDocument();
		const checked = within( detail( 'Last checked' ) ).getByText(
			( _content, element ) => element?.tagName === 'TIME'
		);
		expect( checked ).toHaveAttribute( 'datetime', '2026-11-30T09:15:00Z' );
		expect( checked ).toHaveTextContent( '2026' );
		expect( within( summary() ).getByRole( 'listitem' ) ).toHaveTextContent(
			'Webhook deliveries are failing.'
		);
		expect( speakMock ).toHaveBeenLastCalledWith(
			'Connection status updated. Action needed: fix what Meum reports. Webhook deliveries are failing.'
		);
	} );

	it( 'shows a busy Refresh button while checking and announces it', async () => {
		const request = deferred< ConnectionState >();
		apiFetchMock.mockReturnValue( request.promise );
		const user = renderPage( connected );

		await user.click( button( 'Refresh status' ) );

		expect( button( 'Refresh status' ) ).toBeDisabled();
		expect( button( 'Refresh status' ) ).toHaveAttribute(
			'aria-busy',
			'true'
		);
		expect( button( 'Disconnect' ) ).toBeDisabled();
		expect(
			screen.getByText( 'Checking the connection status…' )
		).toBeInTheDocument();
		expect( speakMock ).toHaveBeenCalledWith(
			'Checking the connection status…'
		);

		request.resolve( connected );

		await screen.findByText( 'Connection status updated.' );
		expect( button( 'Refresh status' ) ).toBeEnabled();
		expect( button( 'Refresh status' ) ).not.toHaveAttribute( 'aria-busy' );
		expect(
			screen.queryByText( 'Checking the connection status…' )
		).not.toBeInTheDocument();
	} );

	it( 'removes the payout warning when the refreshed state no longer needs it', async () => {
		apiFetchMock.mockResolvedValue( {
			...connected,
			payout_configured: true,
			warning: null,
		} );
		const user = renderPage( {
			...connected,
			payout_configured: false,
			warning: 'No payout wallet has been verified yet.',
		} );
		expect(
			screen.getByText( 'No payout wallet has been verified yet.' )
		).toBeInTheDocument();

		await user.click( button( 'Refresh status' ) );

		await screen.findByText( 'Connection status updated.' );
		expect( summary() ).toHaveAccessibleName( 'Connected' );
		expect( screen.queryByText( PAYOUT_WARNING ) ).not.toBeInTheDocument();
		expect(
			screen.queryByText( 'No payout wallet has been verified yet.' )
		).not.toBeInTheDocument();
	} );

	it( 'shows and announces the payout warning when a refresh reports it', async () => {
		apiFetchMock.mockResolvedValue( {
			...connected,
			payout_configured: false,
		} );
		const user = renderPage( connected );

		await user.click( button( 'Refresh status' ) );

		expect( await screen.findByText( PAYOUT_WARNING ) ).toBeInTheDocument();
		expect( screen.getAllByText( /payout wallet/ ) ).toHaveLength( 2 );
		expect( speakMock ).toHaveBeenLastCalledWith(
			`Connection status updated. Action needed: set a payout wallet in Meum. ${ PAYOUT_WARNING }`
		);
	} );

	it( 'asks to reconnect when Meum no longer accepts the key', async () => {
		apiFetchMock.mockResolvedValue( revoked );
		const user = renderPage( connected );

		await user.click( button( 'Refresh status' ) );

		expect( await screen.findByText( /no longer accepts/ ) ).toBeVisible();
		expect( byFullText( REVOKED ) ).toBeInTheDocument();
		expect( speakMock ).toHaveBeenLastCalledWith(
			`Reconnect required: ${ REVOKED }`,
			'assertive'
		);
		expect( keyField() ).toBeInTheDocument();
		expect( queryButton( 'Cancel' ) ).not.toBeInTheDocument();
		expect( queryButton( 'Refresh status' ) ).not.toBeInTheDocument();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect(
			screen.queryByText( 'Connection status updated.' )
		).not.toBeInTheDocument();
	} );

	it( 'keeps the state and explains the failure when the refresh fails', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_unreachable', 'Could not resolve host.', {
				status: 504,
			} )
		);
		const user = renderPage( connected );

		await user.click( button( 'Refresh status' ) );

		expect( await screen.findByText( UNREACHABLE ) ).toBeInTheDocument();
		expect( supportCodes() ).toContain( 'meum_unreachable' );
		expect( speakMock ).toHaveBeenLastCalledWith(
			UNREACHABLE,
			'assertive'
		);
		expect( summary() ).toHaveAccessibleName( 'Connected' );
		expect( detail( 'Last checked' ) ).toHaveTextContent(
			'Nov 29, 2026, 11:20 AM UTC'
		);
		expect( button( 'Refresh status' ) ).toBeEnabled();
		expect(
			screen.queryByText( 'Connection status updated.' )
		).not.toBeInTheDocument();
	} );

	it( 'names the status check in an unexpected failure', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_something_new', 'Odd.', { status: 500 } )
		);
		const user = renderPage( connected );

		await user.click( button( 'Refresh status' ) );

		expect(
			await screen.findByText(
				'Checking the connection status failed (HTTP status 500). Try again, or contact support with the error code.'
			)
		).toBeInTheDocument();
	} );
} );

describe( 'disconnecting', () => {
	it( 'asks for confirmation in a dialog before any request', async () => {
		const user = renderPage( connected );

		const dialog = await openDisconnectDialog( user );

		expect( dialog ).toHaveAccessibleDescription(
			'Your store stops taking Meum payments, and the stored credentials are deleted from this site. To take Meum payments again, connect with a new connection key.'
		);
		expect(
			within( dialog ).getByRole( 'button', { name: 'Cancel' } )
		).toHaveFocus();
		expect(
			within( dialog ).getByRole( 'button', { name: 'Disconnect' } )
		).toHaveClass( 'is-destructive' );
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );

	it( 'closes the dialog on Cancel without a request', async () => {
		const user = renderPage( connected );

		const dialog = await openDisconnectDialog( user );
		await user.click(
			within( dialog ).getByRole( 'button', { name: 'Cancel' } )
		);

		expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument();
		await waitFor( () => expect( button( 'Disconnect' ) ).toHaveFocus() );
		expect( apiFetchMock ).not.toHaveBeenCalled();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
	} );

	it( 'closes the dialog on Escape without a request', async () => {
		const user = renderPage( connected );

		await openDisconnectDialog( user );
		await user.keyboard( '{Escape}' );

		await waitForElementToBeRemoved( () => screen.queryByRole( 'dialog' ) );
		expect( apiFetchMock ).not.toHaveBeenCalled();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
	} );

	it( 'disconnects after confirmation and shows the not-connected view', async () => {
		const request = deferred< ConnectionState >();
		apiFetchMock.mockReturnValue( request.promise );
		const user = renderPage( connected );

		await confirmDisconnect( user );

		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/connection',
			method: 'DELETE',
		} );
		const dialog = screen.getByRole( 'dialog' );
		expect(
			within( dialog ).getByRole( 'button', { name: 'Disconnect' } )
		).toHaveAttribute( 'aria-busy', 'true' );
		expect(
			within( dialog ).getByRole( 'button', { name: 'Cancel' } )
		).toBeDisabled();
		expect( speakMock ).toHaveBeenCalledWith( 'Disconnecting from Meum…' );

		request.resolve( notConnected );

		expect(
			await screen.findByText( 'Disconnected from Meum.' )
		).toHaveFocus();
		expect( speakMock ).toHaveBeenLastCalledWith(
			'Disconnected from Meum.'
		);
		expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument();
		expect( keyField() ).toBeInTheDocument();
		expect( screen.queryByText( 'Store ID' ) ).not.toBeInTheDocument();
		expect( queryButton( 'Disconnect' ) ).not.toBeInTheDocument();
		expect( queryButton( 'Refresh status' ) ).not.toBeInTheDocument();
	} );

	it( 'keeps the connection and explains the failure when disconnecting fails', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_not_connected', 'No usable connection.', {
				status: 409,
			} )
		);
		const user = renderPage( connected );

		await confirmDisconnect( user );

		expect(
			await screen.findByText(
				'This site has no usable Meum connection. Reload the page to see the current state.'
			)
		).toBeInTheDocument();
		expect( speakMock ).toHaveBeenLastCalledWith(
			'This site has no usable Meum connection. Reload the page to see the current state.',
			'assertive'
		);
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument()
		);
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect( queryButton( 'Forget locally' ) ).not.toBeInTheDocument();
		expect( button( 'Disconnect' ) ).toBeEnabled();
	} );

	it( 'offers to forget the connection locally when Meum could not be told', async () => {
		apiFetchMock
			.mockRejectedValueOnce(
				restError( 'meum_unreachable', 'Could not resolve host.', {
					status: 504,
					can_forget: true,
				} )
			)
			.mockResolvedValueOnce( notConnected );
		const user = renderPage( connected );

		await confirmDisconnect( user );

		expect( await screen.findByText( UNREACHABLE ) ).toBeInTheDocument();
		expect( speakMock ).toHaveBeenLastCalledWith(
			`${ UNREACHABLE } You can delete the connection from this site only.`,
			'assertive'
		);
		const forget = button( 'Forget locally' );
		expect( forget ).toHaveAccessibleDescription( FORGET_EXPLANATION );
		expect( forget ).toHaveFocus();
		expect( summary() ).toHaveAccessibleName(
			'Action needed: finish disconnecting'
		);
		expect( screen.queryByText( /^Connected$/ ) ).not.toBeInTheDocument();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );

		await user.click( forget );

		expect( apiFetchMock ).toHaveBeenLastCalledWith( {
			path: '/meum/v1/connection/forget',
			method: 'POST',
		} );
		expect(
			await screen.findByText(
				'The connection was removed from this site.'
			)
		).toHaveFocus();
		expect( speakMock ).toHaveBeenCalledWith(
			'Removing the connection from this site…'
		);
		expect( speakMock ).toHaveBeenLastCalledWith(
			'The connection was removed from this site.'
		);
		expect( screen.queryByText( UNREACHABLE ) ).not.toBeInTheDocument();
		expect( queryButton( 'Forget locally' ) ).not.toBeInTheDocument();
		expect( keyField() ).toBeInTheDocument();
		expect( screen.queryByText( 'Store ID' ) ).not.toBeInTheDocument();
	} );

	it( 'shows an error and still offers to forget when forgetting fails', async () => {
		apiFetchMock
			.mockRejectedValueOnce(
				restError( 'meum_server_error', 'Bad gateway.', {
					status: 502,
					upstream_status: 502,
					can_forget: true,
				} )
			)
			.mockRejectedValueOnce(
				restError( 'rest_cookie_invalid_nonce', 'Cookie check failed', {
					status: 403,
				} )
			);
		const user = renderPage( connected );

		await confirmDisconnect( user );
		await user.click(
			await screen.findByRole( 'button', { name: 'Forget locally' } )
		);

		expect(
			await screen.findByText(
				'Your session has expired. Reload the page and log in again.'
			)
		).toBeInTheDocument();
		expect( supportCodes() ).toContain( 'rest_cookie_invalid_nonce' );
		expect( button( 'Forget locally' ) ).toBeEnabled();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect(
			screen.queryByText( 'The connection was removed from this site.' )
		).not.toBeInTheDocument();
	} );

	it( "blames the stored key when Meum rejects it, and doesn't talk about connection keys", async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_unauthorized', 'Invalid API key.', {
				status: 400,
				upstream_status: 401,
				can_forget: true,
			} )
		);
		const user = renderPage( connected );

		await confirmDisconnect( user );

		expect(
			await screen.findByText(
				"Meum did not accept this site's stored API key. It may have been revoked or replaced; connect again with a new connection key."
			)
		).toBeInTheDocument();
		expect( button( 'Forget locally' ) ).toBeInTheDocument();
	} );
} );

describe( 'when the connection must be renewed', () => {
	it.each( [
		[ 'revoked', REVOKED ],
		[ 'undecryptable', UNDECRYPTABLE ],
		[ 'inconsistent', INCONSISTENT ],
		[ null, INCONSISTENT ],
	] as const )(
		'explains the reason %p and shows the connect form next to the details',
		( reason, text ) => {
			renderPage( { ...revoked, reconnect_reason: reason } );

			expect( byFullText( text ) ).toBeInTheDocument();
			expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
			expect( keyField() ).toBeInTheDocument();
			expect( queryButton( 'Cancel' ) ).not.toBeInTheDocument();
			expect( queryButton( 'Reconnect' ) ).not.toBeInTheDocument();
		}
	);

	it( 'still lets the merchant disconnect', () => {
		renderPage( revoked );

		expect( button( 'Disconnect' ) ).toBeEnabled();
	} );
} );

describe( "when the site's address changed", () => {
	it( 'shows the connected and current addresses and both choices', () => {
		renderPage( siteChanged );

		expect( screen.getByText( SITE_CHANGED ) ).toBeInTheDocument();
		const table = screen
			.getByRole( 'columnheader', { name: 'When connected' } )
			.closest( 'table' ) as HTMLElement;
		expect(
			within( table ).getByRole( 'row', { name: /^Site URL/ } )
		).toHaveTextContent(
			'Site URLhttps://shop.example.comhttps://staging.example.com'
		);
		expect(
			within( table ).getByRole( 'row', { name: /^Webhook URL/ } )
		).toHaveTextContent(
			'Webhook URLhttps://shop.example.com/wp-json/meum/v1/webhookhttps://staging.example.com/wp-json/meum/v1/webhook'
		);
		expect( button( 'This is a new site' ) ).toHaveAccessibleDescription(
			'For a copy such as staging: forget the credentials here without disconnecting the original store, then connect this site with its own key.'
		);
		expect(
			button( 'Same site, new address' )
		).toHaveAccessibleDescription(
			'Connect again with a new connection key; Meum then registers the new addresses.'
		);
	} );

	it( 'hides Refresh status and Reconnect and explains why Disconnect is unavailable', () => {
		renderPage( siteChanged );

		expect( queryButton( 'Refresh status' ) ).not.toBeInTheDocument();
		expect( queryButton( 'Reconnect' ) ).not.toBeInTheDocument();
		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		expect( button( 'Disconnect' ) ).toBeDisabled();
		expect( button( 'Disconnect' ) ).toHaveAccessibleDescription(
			"Disconnecting is not available while the site's address differs from the connected one: this site does not use the stored key until you choose “This is a new site” or “Same site, new address” above."
		);
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
	} );

	it( 'asks before "This is a new site" deletes the credentials, like Disconnect', async () => {
		const user = renderPage( siteChanged );

		await user.click( button( 'This is a new site' ) );

		const dialog = screen.getByRole( 'dialog', {
			name: 'Forget the connection on this site?',
		} );
		expect( dialog ).toHaveAccessibleDescription(
			'The stored Meum credentials are deleted from this site only; the original store stays connected. To take Meum payments on this site, connect it with its own connection key.'
		);
		expect(
			within( dialog ).getByRole( 'button', { name: 'Cancel' } )
		).toHaveFocus();
		expect( apiFetchMock ).not.toHaveBeenCalled();

		await user.keyboard( '{Escape}' );

		await waitForElementToBeRemoved( () => screen.queryByRole( 'dialog' ) );
		expect( apiFetchMock ).not.toHaveBeenCalled();
		await waitFor( () =>
			expect( button( 'This is a new site' ) ).toHaveFocus()
		);
	} );

	it( 'forgets the credentials locally for a new site and offers to connect it', async () => {
		apiFetchMock.mockResolvedValue( {
			...notConnected,
			environment: siteChanged.environment,
		} );
		const user = renderPage( siteChanged );

		await confirmNewSite( user );

		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/connection/forget',
			method: 'POST',
		} );
		expect(
			await screen.findByText(
				'The connection was removed from this site.'
			)
		).toHaveFocus();
		expect( speakMock ).toHaveBeenLastCalledWith(
			'The connection was removed from this site.'
		);
		expect( screen.queryByText( SITE_CHANGED ) ).not.toBeInTheDocument();
		expect( keyField() ).toBeInTheDocument();
		expect( queryButton( 'Cancel' ) ).not.toBeInTheDocument();
		expect( screen.queryByText( 'Store ID' ) ).not.toBeInTheDocument();
	} );

	it( 'keeps the choice and shows an error when forgetting fails', async () => {
		apiFetchMock.mockRejectedValue( {
			code: 'fetch_error',
			message: 'You are probably offline.',
		} );
		const user = renderPage( siteChanged );

		await confirmNewSite( user );

		const headline =
			'Your browser could not reach your site. Check your internet connection and try again.';
		expect( await screen.findByText( headline ) ).toBeInTheDocument();
		expect( speakMock ).toHaveBeenLastCalledWith( headline, 'assertive' );
		expect( screen.getByText( SITE_CHANGED ) ).toBeInTheDocument();
		expect( button( 'This is a new site' ) ).toBeEnabled();
	} );

	it( 'shows the connect form for the same site at a new address and connects again', async () => {
		apiFetchMock.mockResolvedValue( {
			...connected,
			site_url: 'https://staging.example.com',
			environment: siteChanged.environment,
		} );
		const user = renderPage( siteChanged );

		await user.click( button( 'Same site, new address' ) );

		expect( apiFetchMock ).not.toHaveBeenCalled();
		expect( keyField() ).toHaveFocus();
		await user.type( keyField(), 'sk_live_new' );
		await user.click( button( 'Connect' ) );

		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/connection',
			method: 'POST',
			data: { connection_key: 'sk_live_new' },
		} );
		expect(
			await screen.findByText( 'Connected to Demo Store.' )
		).toBeInTheDocument();
		expect( screen.queryByText( SITE_CHANGED ) ).not.toBeInTheDocument();
		expect( detail( 'Connected site URL' ) ).toHaveTextContent(
			'https://staging.example.com'
		);
		expect( button( 'Refresh status' ) ).toBeEnabled();
		expect( button( 'Disconnect' ) ).toBeEnabled();
	} );

	it( 'returns to the choice when the reconnect is cancelled', async () => {
		const user = renderPage( siteChanged );

		await user.click( button( 'Same site, new address' ) );
		await user.click( button( 'Cancel' ) );

		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		expect( button( 'Same site, new address' ) ).toHaveFocus();
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );
} );

describe( 'when the site has no encryption key', () => {
	const INSTRUCTIONS =
		"Meum credentials are stored encrypted, but this site has no encryption key outside the database. Add this line to wp-config.php, above the line “That's all, stop editing!”, then reload this page:";

	it( 'shows the line to add to wp-config.php in a code block before the form', () => {
		renderPage( noEncryption );

		const instructions = screen.getByText( INSTRUCTIONS );
		const line = screen.getByText( WP_CONFIG_LINE );
		expect( line.tagName ).toBe( 'CODE' );
		expect( instructions.closest( '.components-notice' ) ).toHaveClass(
			'is-error'
		);
		const order = Array.from( document.body.querySelectorAll( '*' ) );
		expect( order.indexOf( instructions ) ).toBeLessThan(
			order.indexOf( keyField() )
		);
		expect( button( 'Connect' ) ).toBeEnabled();
	} );

	it( 'copies the line to the clipboard', async () => {
		const user = renderPage( noEncryption );

		await user.click( button( 'Copy' ) );

		expect( await screen.findByText( 'Line copied.' ) ).toBeInTheDocument();
		await expect( navigator.clipboard.readText() ).resolves.toBe(
			WP_CONFIG_LINE
		);
		expect( speakMock ).toHaveBeenCalledWith( 'Line copied.' );
	} );

	it( 'explains the refusal when connecting without key material', async () => {
		apiFetchMock.mockRejectedValue(
			restError(
				'meum_no_key_material',
				`Add ${ WP_CONFIG_LINE } to wp-config.php.`,
				{ status: 409 }
			)
		);
		const user = renderPage( noEncryption );

		await user.type( keyField(), 'sk_live_x' );
		await user.click( button( 'Connect' ) );

		const headline =
			'This site has no encryption key outside the database, so the Meum credentials cannot be stored. Add the key to wp-config.php as described, then reload this page.';
		expect( await screen.findByText( headline ) ).toBeInTheDocument();
		// The headline and the notice above already say it: Meum's text is not repeated.
		expect(
			screen.queryByText( `Add ${ WP_CONFIG_LINE } to wp-config.php.` )
		).not.toBeInTheDocument();
		expect( supportCodes() ).toContain( 'meum_no_key_material' );
		expect( speakMock ).toHaveBeenLastCalledWith( headline, 'assertive' );
		expect(
			screen.queryByText( /already connected to another Meum store/ )
		).not.toBeInTheDocument();
	} );

	it( 'shows no encryption notice when a key is available', () => {
		renderPage( notConnected );

		expect( screen.queryByText( INSTRUCTIONS ) ).not.toBeInTheDocument();
		expect( queryButton( 'Copy' ) ).not.toBeInTheDocument();
	} );
} );

describe( 'the diagnostics for support', () => {
	it( 'are collapsed until the merchant opens them', async () => {
		const user = renderPage( connected );
		const section = screen
			.getByText( 'Diagnostics for support' )
			.closest( 'details' );
		expect( section ).not.toHaveAttribute( 'open' );

		await user.click( screen.getByText( 'Diagnostics for support' ) );

		expect( section ).toHaveAttribute( 'open' );
	} );

	it( 'list the latest handshake, the ids and what the plugin knows', () => {
		renderPage( connected );

		expect( detail( 'Latest connect attempt' ) ).toHaveTextContent(
			'Succeeded'
		);
		expect(
			within( detail( 'Connect attempt at' ) ).getByText(
				( _content, element ) => element?.tagName === 'TIME'
			)
		).toHaveAttribute( 'datetime', '2026-11-29T11:20:00Z' );
		expect(
			screen.queryByText( 'Error code for support' )
		).not.toBeInTheDocument();
		expect( detail( 'Meum integration status' ) ).toHaveTextContent(
			'ACTIVE'
		);
		expect( detail( 'Integration public ID' ) ).toHaveTextContent(
			'int_public_1'
		);
		expect( detail( 'Webhook ID' ) ).toHaveTextContent( '0a4c-webhook' );
		expect( detail( 'Checkout base URL' ) ).toHaveTextContent(
			'https://pay.meum.io'
		);
		expect( detail( 'Site URL now' ) ).toHaveTextContent(
			'https://shop.example.com'
		);
		expect( detail( 'Site uses https' ) ).toHaveTextContent( 'Yes' );
		expect( detail( 'WooCommerce active' ) ).toHaveTextContent( 'Yes' );
		expect( detail( 'Encryption key' ) ).toHaveTextContent(
			'MEUM_WC_ENCRYPTION_KEY in wp-config.php'
		);
	} );

	it( 'show a failed handshake with its code and message as text only', () => {
		renderPage( {
			...notConnected,
			last_handshake: {
				result: 'failure',
				at: '2026-11-30T10:00:00Z',
				code: 'meum_api_KEY_EXPIRED',
				message: '<b>Key</b> expired.',
			},
		} );

		expect( detail( 'Latest connect attempt' ) ).toHaveTextContent(
			'Failed'
		);
		expect( detail( 'Error code for support' ) ).toHaveTextContent(
			/^KEY_EXPIRED$/
		);
		const message = detail( 'Error message' );
		expect( message ).toHaveTextContent( '<b>Key</b> expired.' );
		expect( message.querySelector( 'b' ) ).toBeNull();
		expect( detail( 'Integration public ID' ) ).toHaveTextContent(
			'Not available'
		);
	} );

	it( 'say when no handshake was recorded', () => {
		renderPage( notConnected );

		expect( detail( 'Latest connect attempt' ) ).toHaveTextContent(
			'None recorded'
		);
		expect(
			screen.queryByText( 'Connect attempt at' )
		).not.toBeInTheDocument();
	} );

	it( 'tell a failed reconnect apart from the connection, which stays in use', () => {
		renderPage( {
			...connected,
			last_handshake: {
				result: 'failure',
				at: '2026-11-30T10:00:00Z',
				code: 'meum_api_SITE_ALREADY_CONNECTED',
				message: 'Site already connected.',
			},
		} );

		expect( summary() ).toHaveAccessibleName( 'Connected' );
		expect( detail( 'Latest connect attempt' ) ).toHaveTextContent(
			'Failed; the earlier connection is still in use'
		);
	} );

	it( 'write the support code exactly as the error notice does', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_api_SITE_ALREADY_CONNECTED', 'Taken.', {
				status: 409,
				upstream_status: 409,
				meum_code: 'SITE_ALREADY_CONNECTED',
			} )
		);
		const user = renderPage( {
			...notConnected,
			last_handshake: {
				result: 'failure',
				at: '2026-11-30T10:00:00Z',
				code: 'meum_api_SITE_ALREADY_CONNECTED',
				message: 'Taken.',
			},
		} );

		await user.type( keyField(), 'sk_live_x' );
		await user.click( button( 'Connect' ) );
		await screen.findByText( /already connected to another/ );

		expect( supportCodes() ).toEqual( [
			'SITE_ALREADY_CONNECTED',
			'SITE_ALREADY_CONNECTED',
		] );
	} );
} );

describe( 'announcements', () => {
	it( 'announce none of the new standing notices on page load', () => {
		renderPage( {
			...siteChanged,
			...noEncryption,
			connected: true,
			site_change: siteChanged.site_change,
			reconnect_required: true,
			reconnect_reason: 'undecryptable',
			issues: [ 'Fix the wallet.' ],
		} );

		expect( screen.getByText( SITE_CHANGED ) ).toBeInTheDocument();
		expect( byFullText( UNDECRYPTABLE ) ).toBeInTheDocument();
		expect( summary() ).toHaveAccessibleName(
			'Action needed: confirm the new site address'
		);
		expect( speakMock ).not.toHaveBeenCalled();
	} );
} );
