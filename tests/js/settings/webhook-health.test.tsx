/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';
import { screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import type {
	ConnectionState,
	WebhookTestResult,
} from '../../../src/settings/types';
import {
	clockSkew,
	connected,
	deferred,
	noDeliveries,
	notConnected,
	refreshed,
	restError,
	revoked,
	webhookTestResult,
} from './fixtures';
import { apiFetchMock, detail, renderPage, speakMock, timeIn } from './page';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

const WEBHOOK_URL = 'https://shop.example.com/wp-json/meum/v1/webhook';
const MEUM_TABLE = 'Deliveries from Meum';
const TEST_TABLE = 'Test deliveries from this page';
const REFUSED_AFTER_ACCEPTED =
	'The latest delivery from Meum was refused, after earlier ones were accepted. Check the reason below.';
const CLOCK_HINT =
	"Deliveries are refused for their timestamp. Check this server's clock: it reads 2026-11-29 12:00:00 UTC.";
const ACCEPTED = 'The test delivery reached this site and was accepted.';

const panel = () => screen.getByRole( 'region', { name: 'Webhook health' } );
const testButton = () =>
	screen.getByRole( 'button', { name: 'Test webhook delivery' } );

/**
 * The labels and counts of a counts table, row by row.
 *
 * @param name The table's caption.
 * @return `[ label, count ]` pairs.
 */
function countsOf( name: string ): Array< [ string, string ] > {
	const table = within( panel() ).getByRole( 'table', { name } );
	return within( table )
		.getAllByRole( 'row' )
		.map( ( row ) => [
			within( row ).getByRole( 'rowheader' ).textContent ?? '',
			within( row ).getByRole( 'cell' ).textContent ?? '',
		] );
}

/**
 * The notice around a text.
 *
 * @param text The notice's text, or a part of it.
 * @return The notice element.
 */
const noticeOf = ( text: string | RegExp ) =>
	screen.getByText( text ).closest( '.components-notice' );

/**
 * Sends a test delivery whose answer is the given result.
 *
 * @param result The answer of the test route.
 * @param state  The preloaded state.
 * @return The user-event instance.
 */
async function sendTest(
	result: WebhookTestResult,
	state: ConnectionState = connected
) {
	apiFetchMock.mockResolvedValue( result );
	const user = renderPage( state );
	await user.click( testButton() );
	return user;
}

beforeEach( () => {
	apiFetchMock.mockReset();
	speakMock.mockReset();
} );

describe( 'the webhook health panel', () => {
	it( 'shows when monitoring started and the latest deliveries in time elements', () => {
		renderPage( connected );

		expect(
			within( panel() ).getByRole( 'heading', {
				level: 3,
				name: 'Webhook health',
			} )
		).toBeInTheDocument();
		expect( timeIn( detail( 'Monitoring since' ) ) ).toHaveAttribute(
			'datetime',
			'2026-11-29T11:20:00Z'
		);
		const accepted = detail( 'Last accepted delivery' );
		expect( timeIn( accepted ) ).toHaveAttribute(
			'datetime',
			'2026-11-29T11:45:00Z'
		);
		expect( accepted ).toHaveTextContent( /2026.*\(invoice\.paid\)$/ );
		const refused = detail( 'Last refused delivery' );
		expect( timeIn( refused ) ).toHaveAttribute(
			'datetime',
			'2026-11-29T11:30:00Z'
		);
		expect( refused ).toHaveTextContent( /2026.*\(Invalid signature\)$/ );
		expect( refused ).not.toHaveTextContent( 'invalid_signature' );
	} );

	it( 'says that nothing arrived yet before any delivery', () => {
		renderPage( noDeliveries );

		expect( detail( 'Last accepted delivery' ) ).toHaveTextContent(
			/^None yet$/
		);
		expect( detail( 'Last refused delivery' ) ).toHaveTextContent(
			/^None$/
		);
		expect( timeIn( detail( 'Monitoring since' ) ) ).toHaveAttribute(
			'datetime',
			'2026-11-29T11:20:00Z'
		);
		expect( countsOf( MEUM_TABLE ) ).toEqual( [
			[ 'Accepted', '0' ],
			[ 'Duplicates', '0' ],
			[ 'Refused', '0' ],
		] );
		expect( screen.queryByText( /Check this server's clock/ ) ).toBeNull();
	} );

	it( 'counts accepted, duplicate and refused deliveries by reason in words, unknown reasons as sent', () => {
		renderPage( clockSkew );

		expect( countsOf( MEUM_TABLE ) ).toEqual( [
			[ 'Accepted', '3' ],
			[ 'Duplicates', '1' ],
			[ 'Refused: Timestamp too old or in the future', '4' ],
			[ 'Refused: Invalid signature', '2' ],
			[ 'Refused: gremlins', '1' ],
		] );
	} );

	it.each( [
		[ 'no_secret', 'No webhook secret stored' ],
		[ 'missing_headers', 'Signature headers missing' ],
		[ 'invalid_timestamp', 'Invalid timestamp' ],
		[ 'stale_timestamp', 'Timestamp too old or in the future' ],
		[ 'integration_mismatch', 'Wrong integration' ],
		[ 'invalid_signature', 'Invalid signature' ],
		[ 'body_too_large', 'Body too large' ],
		[ 'invalid_json', 'Body is not a JSON object' ],
		[ 'event_id_mismatch', 'Event id does not match' ],
		[ 'handler_failed', 'Processing failed' ],
	] )( 'names the refusal reason %s “%s”', ( reason, label ) => {
		renderPage( {
			...connected,
			webhooks: {
				...connected.webhooks,
				last_refused: { at: '2026-11-29T11:30:00Z', reason },
				counts: {
					accepted: 0,
					duplicate: 0,
					refused: { [ reason ]: 5 },
				},
			},
		} );

		expect( countsOf( MEUM_TABLE ) ).toContainEqual( [
			`Refused: ${ label }`,
			'5',
		] );
		expect( detail( 'Last refused delivery' ) ).toHaveTextContent(
			`(${ label })`
		);
	} );

	it( "shows this page's test deliveries apart from Meum's", () => {
		renderPage( {
			...connected,
			webhooks: {
				...connected.webhooks,
				counts: { accepted: 3, duplicate: 1, refused: {} },
				self_test_counts: {
					accepted: 2,
					duplicate: 0,
					refused: { invalid_signature: 1 },
				},
			},
		} );

		expect( countsOf( MEUM_TABLE ) ).toEqual( [
			[ 'Accepted', '3' ],
			[ 'Duplicates', '1' ],
			[ 'Refused', '0' ],
		] );
		expect( countsOf( TEST_TABLE ) ).toEqual( [
			[ 'Accepted', '2' ],
			[ 'Duplicates', '0' ],
			[ 'Refused: Invalid signature', '1' ],
		] );
	} );

	it( 'is not shown when the site is not connected', () => {
		renderPage( notConnected );

		expect(
			screen.queryByRole( 'region', { name: 'Webhook health' } )
		).not.toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Test webhook delivery' } )
		).not.toBeInTheDocument();
	} );

	it( 'shows the counts but offers no test while a reconnect is required', () => {
		renderPage( revoked );

		expect( countsOf( MEUM_TABLE ) ).toContainEqual( [ 'Accepted', '3' ] );
		expect(
			screen.queryByRole( 'button', { name: 'Test webhook delivery' } )
		).not.toBeInTheDocument();
	} );
} );

describe( 'the webhook warnings', () => {
	it( 'warn when the latest delivery was refused after accepted ones, and hint at the clock in UTC', () => {
		renderPage( clockSkew );

		expect( screen.getByText( REFUSED_AFTER_ACCEPTED ) ).toBeVisible();
		expect( noticeOf( REFUSED_AFTER_ACCEPTED ) ).toHaveClass(
			'is-warning'
		);
		expect( screen.getByText( CLOCK_HINT ) ).toBeInTheDocument();
		expect( noticeOf( CLOCK_HINT ) ).toBe(
			noticeOf( REFUSED_AFTER_ACCEPTED )
		);
		expect( speakMock ).not.toHaveBeenCalled();
	} );

	it( "show the server's time in UTC whatever offset it was sent with", () => {
		renderPage( {
			...clockSkew,
			webhooks: {
				...clockSkew.webhooks,
				server_time: '2026-11-29T13:00:00+01:00',
				refusal_after_acceptance: false,
			},
		} );

		expect( screen.getByText( CLOCK_HINT ) ).toBeInTheDocument();
		expect(
			screen.queryByText( REFUSED_AFTER_ACCEPTED )
		).not.toBeInTheDocument();
	} );

	it( "hint at the clock without a time when the server's time is unknown", () => {
		renderPage( {
			...clockSkew,
			webhooks: { ...clockSkew.webhooks, server_time: null },
		} );

		expect(
			screen.getByText(
				"Deliveries are refused for their timestamp. Check this server's clock."
			)
		).toBeInTheDocument();
	} );

	it( 'warn about a refusal after acceptance without the clock hint when the clock is not suspected', () => {
		renderPage( {
			...connected,
			webhooks: {
				...connected.webhooks,
				refusal_after_acceptance: true,
			},
		} );

		expect(
			screen.getByText( REFUSED_AFTER_ACCEPTED )
		).toBeInTheDocument();
		expect( screen.queryByText( /Check this server's clock/ ) ).toBeNull();
	} );

	it( 'are absent while deliveries are accepted', () => {
		renderPage( connected );

		expect(
			screen.queryByText( REFUSED_AFTER_ACCEPTED )
		).not.toBeInTheDocument();
		expect( screen.queryByText( /Check this server's clock/ ) ).toBeNull();
	} );
} );

describe( 'a test delivery', () => {
	it( 'is sent to the test route and reports an accepted delivery', async () => {
		await sendTest( webhookTestResult( { result: 'accepted' } ) );

		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/webhook/test',
			method: 'POST',
		} );
		expect( await screen.findByText( ACCEPTED ) ).toBeInTheDocument();
		expect( noticeOf( ACCEPTED ) ).toHaveClass( 'is-success' );
		expect( speakMock ).toHaveBeenCalledWith( 'Sending a test delivery…' );
		expect( speakMock ).toHaveBeenLastCalledWith( ACCEPTED );
		expect( testButton() ).toHaveFocus();
	} );

	it.each( [
		[
			'refused',
			{
				result: 'refused',
				http_status: 401,
				reason: 'invalid_signature',
				message: "The plugin's receiver refused the test delivery.",
			},
			'This site refused the test delivery: Invalid signature.',
		],
		[
			'refused for an unknown reason',
			{ result: 'refused', http_status: 401, reason: 'gremlins' },
			'This site refused the test delivery: gremlins.',
		],
		[
			'redirected',
			{
				result: 'redirected',
				http_status: 301,
				location:
					'https://www.shop.example.com/wp-json/meum/v1/webhook',
				message:
					'The webhook URL redirects. Meum does not follow redirects.',
			},
			`The webhook URL redirects to https://www.shop.example.com/wp-json/meum/v1/webhook. Meum does not follow redirects; make ${ WEBHOOK_URL } answer directly (check https/www redirects and security plugins).`,
		],
		[
			'blocked',
			{
				result: 'blocked',
				http_status: 403,
				excerpt: '403 Forbidden: Access denied by the firewall.',
				message:
					'Something in front of the plugin answered instead of its receiver.',
			},
			`Something in front of WordPress blocked the test delivery (HTTP 403): 403 Forbidden: Access denied by the firewall. Allow POST requests to ${ WEBHOOK_URL } (firewall, security plugin or host rules).`,
		],
		[
			'unreachable',
			{
				result: 'unreachable',
				message: 'cURL error 7: Failed to connect to shop.example.com.',
			},
			'This site could not reach its own webhook URL: cURL error 7: Failed to connect to shop.example.com.',
		],
		[ 'timeout', { result: 'timeout' }, 'The test delivery timed out.' ],
	] as const )(
		'explains a delivery that was %s, as an error',
		async ( _name, details, headline ) => {
			await sendTest( webhookTestResult( details ) );

			expect( await screen.findByText( headline ) ).toBeInTheDocument();
			expect( noticeOf( headline ) ).toHaveClass( 'is-error' );
			expect( within( panel() ).getByText( headline ) ).toBeVisible();
			expect( speakMock ).toHaveBeenLastCalledWith(
				headline,
				'assertive'
			);
			expect( screen.queryByText( ACCEPTED ) ).not.toBeInTheDocument();
		}
	);

	it.each( [
		[
			'refused',
			{ result: 'refused', reason: 'invalid_signature' },
			"The plugin's receiver refused the test delivery.",
			'This site refused the test delivery: Invalid signature.',
		],
		[
			'redirected',
			{ result: 'redirected', location: 'https://www.shop.example.com/' },
			'The webhook URL redirects. Meum does not follow redirects.',
			/^The webhook URL redirects to https:\/\/www\.shop\.example\.com\/\./,
		],
		[
			'blocked',
			{ result: 'blocked', http_status: 403, excerpt: 'Forbidden' },
			'Something in front of the plugin answered instead of its receiver.',
			/^Something in front of WordPress blocked the test delivery \(HTTP 403\): Forbidden\./,
		],
	] as const )(
		"does not repeat the server's summary of a %s delivery",
		async ( _name, details, summary, headline ) => {
			await sendTest(
				webhookTestResult( { ...details, message: summary } )
			);

			expect( await screen.findByText( headline ) ).toBeInTheDocument();
			expect( screen.queryByText( summary ) ).not.toBeInTheDocument();
			expect( speakMock ).toHaveBeenLastCalledWith(
				expect.not.stringContaining( summary ),
				'assertive'
			);
		}
	);

	it( "adds the server's message when it tells more", async () => {
		const message =
			'cURL error 28: Operation timed out after 3001 milliseconds with 0 bytes received';
		const headline = 'The test delivery timed out.';
		await sendTest( webhookTestResult( { result: 'timeout', message } ) );

		expect( await screen.findByText( headline ) ).toBeInTheDocument();
		expect( screen.getByText( message ) ).toBeInTheDocument();
		expect( noticeOf( message ) ).toBe( noticeOf( headline ) );
		expect( speakMock ).toHaveBeenLastCalledWith(
			`${ headline } ${ message }`,
			'assertive'
		);
	} );

	it( "does not repeat the server's message when the sentence already quotes it", async () => {
		await sendTest(
			webhookTestResult( {
				result: 'unreachable',
				message: 'Could not resolve host',
			} )
		);

		const headline =
			'This site could not reach its own webhook URL: Could not resolve host.';
		expect( await screen.findByText( headline ) ).toBeInTheDocument();
		expect(
			screen.queryByText( 'Could not resolve host' )
		).not.toBeInTheDocument();
		expect( speakMock ).toHaveBeenLastCalledWith( headline, 'assertive' );
	} );

	it( 'shows a busy button while sending and announces it', async () => {
		const request = deferred< WebhookTestResult >();
		apiFetchMock.mockReturnValue( request.promise );
		const user = renderPage( connected );

		await user.click( testButton() );

		expect( testButton() ).toBeDisabled();
		expect( testButton() ).toHaveAttribute( 'aria-busy', 'true' );
		expect(
			screen.getByRole( 'button', { name: 'Refresh status' } )
		).toBeDisabled();
		expect(
			within( panel() ).getByText( 'Sending a test delivery…' )
		).toBeInTheDocument();
		expect( speakMock ).toHaveBeenCalledWith( 'Sending a test delivery…' );

		await user.click( testButton() );
		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );

		request.resolve( webhookTestResult( { result: 'accepted' } ) );

		await screen.findByText( ACCEPTED );
		expect( testButton() ).toBeEnabled();
		expect( testButton() ).not.toHaveAttribute( 'aria-busy' );
		expect(
			screen.queryByText( 'Sending a test delivery…' )
		).not.toBeInTheDocument();
	} );

	it( 'updates the panel from the state that comes back', async () => {
		await sendTest(
			webhookTestResult(
				{ result: 'accepted' },
				{
					...connected,
					webhooks: {
						...connected.webhooks,
						last_accepted: {
							at: '2026-11-29T12:00:05Z',
							event_type: 'webhook.test',
						},
						self_test_counts: {
							accepted: 2,
							duplicate: 0,
							refused: {},
						},
					},
				}
			)
		);

		await screen.findByText( ACCEPTED );
		expect( countsOf( TEST_TABLE ) ).toContainEqual( [ 'Accepted', '2' ] );
		expect( countsOf( MEUM_TABLE ) ).toContainEqual( [ 'Accepted', '3' ] );
		const accepted = detail( 'Last accepted delivery' );
		expect( timeIn( accepted ) ).toHaveAttribute(
			'datetime',
			'2026-11-29T12:00:05Z'
		);
		expect( accepted ).toHaveTextContent( '(webhook.test)' );
	} );

	it( 'replaces the whole state, e.g. the warnings, with the one that comes back', async () => {
		await sendTest(
			webhookTestResult(
				{ result: 'refused', reason: 'stale_timestamp' },
				clockSkew
			)
		);

		expect(
			await screen.findByText( REFUSED_AFTER_ACCEPTED )
		).toBeInTheDocument();
		expect( screen.getByText( CLOCK_HINT ) ).toBeInTheDocument();
		expect( countsOf( MEUM_TABLE ) ).toContainEqual( [
			'Refused: Timestamp too old or in the future',
			'4',
		] );
	} );

	it( 'shows the error notice in the panel and keeps the state when the request fails', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_not_connected', 'Not connected.', {
				status: 409,
			} )
		);
		const user = renderPage( connected );

		await user.click( testButton() );

		const headline =
			'This site has no usable Meum connection. Reload the page to see the current state.';
		expect( await screen.findByText( headline ) ).toBeInTheDocument();
		expect( within( panel() ).getByText( headline ) ).toBeVisible();
		expect( noticeOf( headline ) ).toHaveClass( 'is-error' );
		expect(
			within( panel() ).getByText( 'meum_not_connected', {
				selector: 'code',
			} )
		).toBeInTheDocument();
		expect( speakMock ).toHaveBeenLastCalledWith( headline, 'assertive' );
		expect( countsOf( MEUM_TABLE ) ).toContainEqual( [ 'Accepted', '3' ] );
		expect( testButton() ).toBeEnabled();
		expect( screen.queryByText( ACCEPTED ) ).not.toBeInTheDocument();
	} );

	it( 'names the test delivery in an unexpected failure', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'internal_server_error', 'Fatal error.', {
				status: 500,
			} )
		);
		const user = renderPage( connected );

		await user.click( testButton() );

		expect(
			await screen.findByText(
				'Sending the test delivery failed (HTTP status 500). Try again, or contact support with the error code.'
			)
		).toBeInTheDocument();
	} );

	it( "reports an answer that is not a test result as the site's unreadable answer", async () => {
		apiFetchMock.mockResolvedValue( { result: 'accepted' } );
		const user = renderPage( connected );

		await user.click( testButton() );

		expect(
			await screen.findByText(
				"Your site's answer could not be read; a PHP error, a security plugin or a proxy may be in the way."
			)
		).toBeInTheDocument();
		expect( screen.queryByText( ACCEPTED ) ).not.toBeInTheDocument();
	} );

	it( 'clears its result when the next request starts', async () => {
		const user = await sendTest(
			webhookTestResult( { result: 'timeout' } )
		);
		await screen.findByText( 'The test delivery timed out.' );
		apiFetchMock.mockResolvedValue( refreshed );

		await user.click(
			screen.getByRole( 'button', { name: 'Refresh status' } )
		);

		await screen.findByText( 'Connection status updated.' );
		expect(
			screen.queryByText( 'The test delivery timed out.' )
		).not.toBeInTheDocument();
	} );
} );
