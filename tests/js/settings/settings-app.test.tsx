/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';
import { screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import type { ConnectionState } from '../../../src/settings/types';
import {
	KEY_HELP_URL,
	connected,
	deferred,
	notConnected,
	reconnected,
	restError,
} from './fixtures';
import {
	PAYOUT_WARNING,
	apiFetchMock,
	detail,
	keyField,
	renderPage,
	speakMock,
	submitKey,
	supportCodes,
	summary,
} from './page';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

const KEY_REJECTED =
	'Meum did not accept this connection key. Check that you copied the whole key and that it has not expired (keys are valid for 24 hours).';
/** The codes whose server text adds to the headline (see errors.ts). */
const SERVER_TEXT_SHOWN = [
	'meum_api_VALIDATION_ERROR',
	'meum_api_BAD_REQUEST',
	'meum_something_new',
];
const RATE_LIMITED =
	'Too many connection attempts. Try again in a few minutes.';
const ROTATED =
	"Meum re-issued this store's credentials. The previous API key and webhook secret no longer work.";

const connectButton = () => screen.getByRole( 'button', { name: 'Connect' } );

beforeEach( () => {
	apiFetchMock.mockReset();
	speakMock.mockReset();
} );

describe( 'when the site is not connected', () => {
	it( 'renders the page from the preloaded state without a request', () => {
		renderPage( notConnected );

		expect(
			screen.getByRole( 'heading', { level: 2, name: 'Meum' } )
		).toBeInTheDocument();
		expect( connectButton() ).toBeEnabled();
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );

	it( 'explains where to get a connection key and links to the guide', () => {
		renderPage( notConnected );

		expect(
			screen.getByText( /create a WooCommerce connection key/ )
		).toHaveTextContent(
			'In your Meum dashboard, create a WooCommerce connection key. It starts with sk_live_ and is valid for 24 hours.'
		);
		expect(
			screen.getByRole( 'link', {
				name: /How to create a connection key/,
			} )
		).toHaveAttribute( 'href', KEY_HELP_URL );
	} );

	it( 'offers an empty password field that the browser does not fill or spell-check', () => {
		renderPage( notConnected );

		const field = keyField();
		expect( field ).toHaveAttribute( 'type', 'password' );
		expect( field ).toHaveAttribute( 'autocomplete', 'off' );
		expect( field ).toHaveAttribute( 'spellcheck', 'false' );
		expect( field ).toHaveValue( '' );
		expect( field ).not.toHaveAttribute( 'readonly' );
	} );

	it( 'does not show the connection details or a Reconnect button', () => {
		renderPage( notConnected );

		expect( screen.queryByText( 'Store ID' ) ).not.toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Reconnect' } )
		).not.toBeInTheDocument();
	} );

	it( 'asks for the key without a request when the field is empty', async () => {
		const user = renderPage( notConnected );

		await user.click( connectButton() );

		expect( keyField() ).toHaveAttribute( 'aria-invalid', 'true' );
		expect( keyField() ).toHaveAccessibleDescription(
			'Enter your connection key.'
		);
		expect( keyField() ).toHaveFocus();
		expect( speakMock ).toHaveBeenCalledWith(
			'Enter your connection key.',
			'assertive'
		);
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );

	it( 'treats a key of only spaces as empty', async () => {
		const user = renderPage( notConnected );

		await submitKey( user, '   ' );

		expect(
			screen.getByText( 'Enter your connection key.' )
		).toBeInTheDocument();
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );

	it( 'sends the trimmed key to the connection route', async () => {
		apiFetchMock.mockResolvedValue( connected );
		const user = renderPage( notConnected );

		await submitKey( user, '  sk_live_abc123 ' );

		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/connection',
			method: 'POST',
			data: { connection_key: 'sk_live_abc123' },
		} );
	} );

	it( 'shows a busy, read-only form while connecting and announces it', async () => {
		const request = deferred< ConnectionState >();
		apiFetchMock.mockReturnValue( request.promise );
		const user = renderPage( notConnected );

		await submitKey( user );

		expect( connectButton() ).toBeDisabled();
		expect( connectButton() ).toHaveAttribute( 'aria-busy', 'true' );
		expect( keyField() ).toHaveAttribute( 'readonly' );
		expect( screen.getByText( 'Connecting to Meum…' ) ).toBeInTheDocument();
		expect( speakMock ).toHaveBeenCalledWith( 'Connecting to Meum…' );

		request.resolve( connected );

		expect(
			await screen.findByText( 'Connected to Demo Store.' )
		).toBeInTheDocument();
		expect(
			screen.queryByText( 'Connecting to Meum…' )
		).not.toBeInTheDocument();
	} );

	it( 'ignores a second submit while a request is running', async () => {
		const request = deferred< ConnectionState >();
		apiFetchMock.mockReturnValue( request.promise );
		const user = renderPage( notConnected );

		await submitKey( user );
		await user.type( keyField(), '{Enter}' );

		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		request.resolve( connected );
		await screen.findByText( 'Connected to Demo Store.' );
	} );

	it( 'shows the connection and announces success after a handshake', async () => {
		apiFetchMock.mockResolvedValue( connected );
		const user = renderPage( notConnected );

		await submitKey( user );

		expect(
			await screen.findByText( 'Connected to Demo Store.' )
		).toHaveFocus();
		expect( speakMock ).toHaveBeenCalledWith(
			'Connected to Meum as Demo Store.'
		);
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Reconnect' } )
		).toBeInTheDocument();
	} );

	it( 'announces the payout warning with the success when no payout wallet is set', async () => {
		apiFetchMock.mockResolvedValue( {
			...connected,
			payout_configured: false,
		} );
		const user = renderPage( notConnected );

		await submitKey( user );

		await screen.findByText( 'Connected to Demo Store.' );
		expect( speakMock ).toHaveBeenCalledWith(
			`Connected to Meum as Demo Store. ${ PAYOUT_WARNING }`
		);
		expect( screen.getByText( PAYOUT_WARNING ) ).toBeInTheDocument();
	} );

	it( 'clears the key field after a failed attempt and keeps the field focused', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_api_KEY_EXPIRED', 'Key expired.', {
				status: 400,
				upstream_status: 401,
				meum_code: 'KEY_EXPIRED',
			} )
		);
		const user = renderPage( notConnected );

		await submitKey( user );

		await screen.findByText( KEY_REJECTED );
		expect( keyField() ).toHaveValue( '' );
		expect( keyField() ).toHaveFocus();
		expect( keyField() ).not.toHaveAttribute( 'readonly' );
		expect( connectButton() ).toBeEnabled();
	} );

	it( 'clears an earlier error when a later attempt succeeds', async () => {
		apiFetchMock
			.mockRejectedValueOnce(
				restError( 'meum_rate_limited', 'Slow down.', {
					status: 429,
					upstream_status: 429,
				} )
			)
			.mockResolvedValueOnce( connected );
		const user = renderPage( notConnected );

		await submitKey( user );
		await screen.findByText( RATE_LIMITED );
		await submitKey( user );

		await screen.findByText( 'Connected to Demo Store.' );
		expect( screen.queryByText( RATE_LIMITED ) ).not.toBeInTheDocument();
	} );
} );

describe( 'when the site is connected', () => {
	it( 'shows every connection detail next to a visible label', () => {
		renderPage( connected );

		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect( detail( 'Store ID' ) ).toHaveTextContent( '7d0c2f9e-store' );
		expect( detail( 'Integration ID' ) ).toHaveTextContent(
			'5b9e11aa-integration'
		);
		expect( detail( 'Installation ID' ) ).toHaveTextContent(
			'inst_abc123'
		);
		expect( detail( 'Connected site URL' ) ).toHaveTextContent(
			'https://shop.example.com'
		);
		expect( detail( 'Webhook URL' ) ).toHaveTextContent(
			'https://shop.example.com/wp-json/meum/v1/webhook'
		);
		expect( detail( 'API key' ) ).toHaveTextContent( 'sk_live_…a1B2' );
	} );

	it( 'shows the time of the handshake in the browser locale in a time element', () => {
		renderPage( connected );

		const time = within( detail( 'Connected at' ) ).getByText(
			( _content, element ) => element?.tagName === 'TIME'
		);
		expect( time ).toHaveAttribute( 'datetime', '2026-11-29T11:20:00Z' );
		expect( time ).toHaveTextContent( '2026' );
		expect( time ).not.toHaveTextContent( '2026-11-29T11:20:00Z' );
	} );

	it( 'shows no connect form until Reconnect is pressed', () => {
		renderPage( connected );

		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Reconnect' } )
		).toBeInTheDocument();
	} );

	it( 'reveals the connect form on Reconnect and hides it again on Cancel', async () => {
		const user = renderPage( connected );

		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );

		expect( keyField() ).toHaveFocus();
		expect( keyField() ).toHaveValue( '' );
		expect( connectButton() ).toBeInTheDocument();

		await user.click( screen.getByRole( 'button', { name: 'Cancel' } ) );

		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Reconnect' } )
		).toHaveFocus();
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );

	it( 'updates the details in place after a reconnect and tells that credentials were re-issued', async () => {
		apiFetchMock.mockResolvedValue( reconnected );
		const user = renderPage( connected );
		expect( screen.queryByText( ROTATED ) ).not.toBeInTheDocument();

		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );
		await submitKey( user, 'sk_live_new_key' );

		expect(
			await screen.findByText( 'Connected to Renamed Store.' )
		).toBeInTheDocument();
		expect( screen.getByText( ROTATED ) ).toBeInTheDocument();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Renamed Store' );
		expect( detail( 'Installation ID' ) ).toHaveTextContent(
			'inst_new456'
		);
		expect( detail( 'API key' ) ).toHaveTextContent( 'sk_live_…Z9y8' );
		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		expect( speakMock ).toHaveBeenCalledWith(
			'Connected to Meum as Renamed Store.'
		);
	} );

	it( 'keeps the previous connection details visible when a reconnect fails', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_server_error', 'Internal error.', {
				status: 502,
				upstream_status: 500,
			} )
		);
		const user = renderPage( connected );

		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );
		await submitKey( user );

		expect(
			await screen.findByText(
				'Meum is temporarily unavailable. Try again in a few minutes.'
			)
		).toBeInTheDocument();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect( detail( 'API key' ) ).toHaveTextContent( 'sk_live_…a1B2' );
		expect( keyField() ).toHaveValue( '' );
		expect( screen.queryByText( /^Connected to/ ) ).not.toBeInTheDocument();
	} );

	it( 'tells the merchant when Meum re-issued the credentials', () => {
		renderPage( { ...connected, credentials_rotated: true } );

		expect( screen.getByText( ROTATED ) ).toBeInTheDocument();
	} );

	it( 'shows the payout warning until a payout wallet is configured', async () => {
		apiFetchMock.mockResolvedValue( {
			...connected,
			payout_configured: true,
		} );
		const user = renderPage( { ...connected, payout_configured: false } );

		expect( screen.getByText( PAYOUT_WARNING ) ).toBeInTheDocument();

		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );
		await submitKey( user );

		await screen.findByText( 'Connected to Demo Store.' );
		expect( screen.queryByText( PAYOUT_WARNING ) ).not.toBeInTheDocument();
	} );

	it( "says the payout step once, in Meum's words when Meum sent a warning", async () => {
		apiFetchMock.mockResolvedValue( connected );
		const user = renderPage( {
			...connected,
			payout_configured: false,
			warning: 'No payout wallet has been verified yet.',
			issues: [ 'Payout wallet not configured' ],
		} );

		expect( summary() ).toHaveAccessibleName(
			'Action needed: set a payout wallet in Meum'
		);
		expect(
			screen.getAllByText( 'No payout wallet has been verified yet.' )
		).toHaveLength( 1 );
		expect( screen.queryByText( PAYOUT_WARNING ) ).not.toBeInTheDocument();
		expect(
			screen.queryByText( 'Payout wallet not configured' )
		).not.toBeInTheDocument();

		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );
		await submitKey( user );

		await screen.findByText( 'Connected to Demo Store.' );
		expect(
			screen.queryByText( 'No payout wallet has been verified yet.' )
		).not.toBeInTheDocument();
		expect( screen.queryByText( PAYOUT_WARNING ) ).not.toBeInTheDocument();
	} );

	it( 'shows no payout warning when a payout wallet is set and Meum sent no warning', () => {
		renderPage( connected );

		expect( screen.queryByText( PAYOUT_WARNING ) ).not.toBeInTheDocument();
	} );
} );

describe( 'site checks', () => {
	it( 'warns when the site address does not use https', () => {
		renderPage( {
			...notConnected,
			environment: {
				...notConnected.environment,
				home_url: 'http://127.0.0.1:8881',
				home_url_is_https: false,
			},
		} );

		expect(
			screen.getByText(
				'Your site address (http://127.0.0.1:8881) does not use https. Payments on http sites are unsafe; use https for a live store.'
			)
		).toBeInTheDocument();
		expect( connectButton() ).toBeEnabled();
	} );

	it( 'does not warn about https when the site uses it', () => {
		renderPage( notConnected );

		expect(
			screen.queryByText( /does not use https/ )
		).not.toBeInTheDocument();
	} );

	it( 'tells when WooCommerce is not active but still allows connecting', () => {
		renderPage( {
			...notConnected,
			environment: {
				...notConnected.environment,
				woocommerce_active: false,
			},
		} );

		expect( summary() ).toHaveTextContent( 'activate WooCommerce' );
		expect(
			within( summary() ).getByText(
				'You can connect without it, but taking payments needs WooCommerce.'
			)
		).toBeInTheDocument();
		expect( connectButton() ).toBeEnabled();
	} );

	it( 'asks to connect again when the stored connection is unusable', () => {
		renderPage( { ...notConnected, reconnect_required: true } );

		expect( summary() ).toHaveAccessibleName( 'Not connected' );
		expect(
			within( summary() ).getByText(
				'The stored connection is incomplete or unreadable. Connect again with a new connection key.'
			)
		).toBeInTheDocument();
		expect( keyField() ).toBeInTheDocument();
		expect( connectButton() ).toBeInTheDocument();
	} );

	it( 'shows the connect form next to the old details when the connection needs renewing', () => {
		renderPage( { ...connected, reconnect_required: true } );

		expect(
			screen.getByText(
				'The stored connection is incomplete or unreadable. Connect again with a new connection key.'
			)
		).toBeInTheDocument();
		expect( detail( 'Store name' ) ).toHaveTextContent( 'Demo Store' );
		expect( keyField() ).toBeInTheDocument();
		expect( keyField() ).not.toHaveFocus();
		expect(
			screen.queryByRole( 'button', { name: 'Cancel' } )
		).not.toBeInTheDocument();
	} );

	it( 'announces none of the standing notices on page load', () => {
		renderPage( {
			...connected,
			payout_configured: false,
			credentials_rotated: true,
			environment: {
				...connected.environment,
				home_url_is_https: false,
				woocommerce_active: false,
			},
		} );

		expect( speakMock ).not.toHaveBeenCalled();
	} );
} );

describe( 'when connecting fails', () => {
	it.each( [
		[
			'a rejected key',
			restError( 'meum_api_KEY_EXPIRED', 'The key has expired.', {
				status: 400,
				upstream_status: 401,
				meum_code: 'KEY_EXPIRED',
			} ),
			KEY_REJECTED,
			'KEY_EXPIRED',
		],
		[
			'an under-scoped key without a Meum code',
			restError( 'meum_forbidden', 'Forbidden.', {
				status: 400,
				upstream_status: 403,
			} ),
			KEY_REJECTED,
			'meum_forbidden',
		],
		[
			'a site already connected to another store',
			restError(
				'meum_api_SITE_ALREADY_CONNECTED',
				'This site is already connected to another store.',
				{
					status: 409,
					upstream_status: 409,
					meum_code: 'SITE_ALREADY_CONNECTED',
				}
			),
			'Meum says this site is already connected to another Meum store. In that store, disconnect this site (Disconnect on its Meum settings page, or remove the integration in the Meum dashboard), then connect again; or create the connection key in that store.',
			'SITE_ALREADY_CONNECTED',
		],
		[
			'a validation failure at Meum',
			restError( 'meum_api_VALIDATION_ERROR', 'Invalid request.', {
				status: 422,
				upstream_status: 422,
				meum_code: 'VALIDATION_ERROR',
			} ),
			'Meum did not accept the details this site sent.',
			'VALIDATION_ERROR',
		],
		[
			'rate limiting',
			restError( 'meum_rate_limited', 'Too many requests.', {
				status: 429,
				upstream_status: 429,
			} ),
			'Too many connection attempts. Try again in a few minutes.',
			'meum_rate_limited',
		],
		[
			'a bad request at Meum',
			restError( 'meum_api_BAD_REQUEST', 'Malformed body.', {
				status: 400,
				upstream_status: 400,
				meum_code: 'BAD_REQUEST',
			} ),
			'Meum could not process the connection request.',
			'BAD_REQUEST',
		],
		[
			'Meum being unavailable',
			restError( 'meum_server_error', 'Service unavailable.', {
				status: 502,
				upstream_status: 503,
			} ),
			'Meum is temporarily unavailable. Try again in a few minutes.',
			'meum_server_error',
		],
		[
			'an answer from Meum that is not JSON',
			restError( 'meum_bad_response', 'Meum returned HTTP 200.', {
				status: 502,
				upstream_status: 200,
			} ),
			"Meum's answer could not be used: it was not the connection data Meum sends. A proxy or firewall may have answered instead.",
			'meum_bad_response',
		],
		[
			'an answer from Meum without credentials',
			restError( 'meum_invalid_response', 'Missing api_key.', {
				status: 502,
				upstream_status: 200,
			} ),
			"Meum's answer could not be used: it was not the connection data Meum sends. A proxy or firewall may have answered instead.",
			'meum_invalid_response',
		],
		[
			'an HTML error page from Meum',
			restError( 'meum_bad_response', 'Meum returned HTTP 500.', {
				status: 502,
				upstream_status: 500,
			} ),
			'Meum is temporarily unavailable. Try again in a few minutes.',
			'meum_bad_response',
		],
		[
			'a key without the connect scope',
			restError(
				'meum_api_INSUFFICIENT_SCOPE',
				'Missing woocommerce:connect scope',
				{
					status: 400,
					upstream_status: 403,
					meum_code: 'INSUFFICIENT_SCOPE',
				}
			),
			'This key is not allowed to connect a WooCommerce store. In Meum, create a WooCommerce connection key and paste that one here.',
			'INSUFFICIENT_SCOPE',
		],
		[
			'a timeout',
			restError( 'meum_timeout', 'Operation timed out.', {
				status: 504,
			} ),
			'Meum did not answer in time. Nothing was changed; try again later.',
			'meum_timeout',
		],
		[
			'Meum being unreachable',
			restError( 'meum_unreachable', 'Could not resolve host.', {
				status: 504,
			} ),
			'Your site could not reach Meum: the address could not be resolved or the connection was refused. Ask your host to allow outgoing connections to Meum.',
			'meum_unreachable',
		],
		[
			'a failed secure connection',
			restError( 'meum_tls_error', 'SSL certificate problem.', {
				status: 504,
			} ),
			"A secure connection to Meum could not be established. Your server's certificate store may be outdated; ask your host.",
			'meum_tls_error',
		],
		[
			'a logged-out session',
			restError(
				'rest_forbidden',
				'Sorry, you are not allowed to do that.',
				{
					status: 401,
				}
			),
			'Your session has expired. Reload the page and log in again.',
			'rest_forbidden',
		],
		[
			'an expired nonce',
			restError( 'rest_cookie_invalid_nonce', 'Cookie check failed', {
				status: 403,
			} ),
			'Your session has expired. Reload the page and log in again.',
			'rest_cookie_invalid_nonce',
		],
		[
			'a missing capability',
			restError(
				'rest_forbidden',
				'Sorry, you are not allowed to do that.',
				{
					status: 403,
				}
			),
			'You do not have permission to manage the Meum connection.',
			'rest_forbidden',
		],
		[
			'a network failure',
			{ code: 'fetch_error', message: 'You are probably offline.' },
			'Your browser could not reach your site. Check your internet connection and try again.',
			'fetch_error',
		],
		[
			'an answer from the site that is not JSON',
			{
				code: 'invalid_json',
				message: 'The response is not a valid JSON response.',
			},
			"Your site's answer could not be read; a PHP error, a security plugin or a proxy may be in the way.",
			'invalid_json',
		],
		[
			'an unknown error',
			restError( 'meum_something_new', 'Something new went wrong.', {
				status: 500,
			} ),
			'Connecting to Meum failed (HTTP status 500). Try again, or contact support with the error code.',
			'meum_something_new',
		],
	] )(
		'explains %s with the code for support, and the server text only where it adds to the headline',
		async ( _name, error, headline, code ) => {
			apiFetchMock.mockRejectedValue( error );
			const user = renderPage( notConnected );

			await submitKey( user );

			expect( await screen.findByText( headline ) ).toBeInTheDocument();
			const addsToHeadline = SERVER_TEXT_SHOWN.includes( error.code );
			if ( addsToHeadline ) {
				expect( screen.getByText( error.message ) ).toBeInTheDocument();
			} else {
				expect(
					screen.queryByText( error.message )
				).not.toBeInTheDocument();
			}
			expect( supportCodes() ).toEqual( [ code ] );
			expect( speakMock ).toHaveBeenCalledWith( headline, 'assertive' );
			expect(
				screen.queryByText( /^Connected to/ )
			).not.toBeInTheDocument();
		}
	);

	it.each( [ 'connection_key', 'key' ] )(
		"shows Meum's %s detail next to the key field",
		async ( field ) => {
			apiFetchMock.mockRejectedValue(
				restError( 'meum_api_INVALID_KEY', 'Invalid key.', {
					status: 400,
					upstream_status: 401,
					meum_code: 'INVALID_KEY',
					details: { [ field ]: 'Key has expired.' },
				} )
			);
			const user = renderPage( notConnected );

			await submitKey( user );

			await screen.findByText( KEY_REJECTED );
			expect( keyField() ).toHaveAttribute( 'aria-invalid', 'true' );
			expect( keyField() ).toHaveAccessibleDescription(
				'Key has expired.'
			);
		}
	);

	it( 'lists details about other fields in the error with where they come from', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_api_VALIDATION_ERROR', 'Invalid request.', {
				status: 422,
				upstream_status: 422,
				meum_code: 'VALIDATION_ERROR',
				details: { site_url: 'Must be a public https URL.' },
			} )
		);
		const user = renderPage( notConnected );

		await submitKey( user );

		expect( await screen.findByRole( 'listitem' ) ).toHaveTextContent(
			'site_url: Must be a public https URL.'
		);
		expect(
			screen.getByText(
				'These values come from your WordPress settings (Settings › General).'
			)
		).toBeInTheDocument();
		expect( keyField() ).not.toHaveAttribute( 'aria-invalid' );
		expect( keyField() ).not.toHaveAccessibleDescription();
	} );

	it( "shows WordPress's validation message for the key next to the field", async () => {
		apiFetchMock.mockRejectedValue( {
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): connection_key',
			data: {
				status: 400,
				params: {
					connection_key: 'connection_key must be a sk_live_ key.',
				},
			},
		} );
		const user = renderPage( notConnected );

		await submitKey( user );

		await screen.findByText( 'rest_invalid_param', { selector: 'code' } );
		expect( keyField() ).toHaveAttribute( 'aria-invalid', 'true' );
		expect( keyField() ).toHaveAccessibleDescription(
			'connection_key must be a sk_live_ key.'
		);
	} );

	it( 'removes the key field error once the merchant cancels the reconnect', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_api_INVALID_KEY', 'Invalid key.', {
				status: 400,
				upstream_status: 401,
				meum_code: 'INVALID_KEY',
				details: { connection_key: 'Key has expired.' },
			} )
		);
		const user = renderPage( connected );

		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );
		await submitKey( user );
		await screen.findByText( KEY_REJECTED );
		await user.click( screen.getByRole( 'button', { name: 'Cancel' } ) );
		await user.click( screen.getByRole( 'button', { name: 'Reconnect' } ) );

		expect( screen.queryByText( KEY_REJECTED ) ).not.toBeInTheDocument();
		expect( keyField() ).not.toHaveAttribute( 'aria-invalid' );
	} );

	it.each( [
		[ 'a string', 'boom' ],
		[ 'undefined', undefined ],
		[ 'null', null ],
		[ 'a number', 42 ],
		[ 'an object without a code', { status: 500 } ],
	] )(
		'shows a generic error when the request rejects with %s',
		async ( _name, value ) => {
			apiFetchMock.mockRejectedValue( value );
			const user = renderPage( notConnected );

			await submitKey( user );

			const headline =
				'Connecting to Meum failed for an unexpected reason. Try again, or contact support with the error code.';
			expect( await screen.findByText( headline ) ).toBeInTheDocument();
			expect( supportCodes() ).toContain( 'unknown_error' );
			expect( speakMock ).toHaveBeenCalledWith( headline, 'assertive' );
			expect( connectButton() ).toBeEnabled();
		}
	);

	it( "shows an Error's message with the generic error", async () => {
		apiFetchMock.mockRejectedValue( new TypeError( 'Failed to fetch' ) );
		const user = renderPage( notConnected );

		await submitKey( user );

		expect(
			await screen.findByText( 'Failed to fetch' )
		).toBeInTheDocument();
		expect( supportCodes() ).toContain( 'unknown_error' );
	} );

	it( 'shows an error when the site answers with something that is not a connection state', async () => {
		apiFetchMock.mockResolvedValue( '<html>OK</html>' );
		const user = renderPage( notConnected );

		await submitKey( user );

		expect(
			await screen.findByText(
				"Your site's answer could not be read; a PHP error, a security plugin or a proxy may be in the way."
			)
		).toBeInTheDocument();
		expect( screen.queryByText( 'Store ID' ) ).not.toBeInTheDocument();
		expect( keyField() ).toBeInTheDocument();
	} );
} );
