/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { readPayments } from '../../../src/settings/api';
import {
	connected,
	noDeliveries,
	noEncryption,
	notConnected,
	reconnected,
	refreshed,
	restError,
	revoked,
	siteChanged,
	webhookChanged,
	webhookTestResult,
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
	timeIn,
} from './page';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

/** A gateway state's flag members when nothing is flagged. */
const NO_FLAGS = {
	flags: [],
	flagsPath: '/meum/v1/payments/flags',
	reconciled: 0,
};

/** The gateway state of a store taking Meum payments. */
const OFFERED = { ...NO_FLAGS, enabled: true, available: true, reason: null };

const ROTATED =
	"Meum re-issued this store's credentials. The previous API key and webhook secret no longer work.";

beforeEach( () => {
	apiFetchMock.mockReset();
	speakMock.mockReset();
} );

describe( 'the summary', () => {
	it.each( [
		[ 'a ready connection', connected, 'Connected', '' ],
		[ 'no connection', notConnected, 'Not connected', '' ],
		[
			'no encryption key',
			noEncryption,
			'Not connected',
			'Next step: add an encryption key to wp-config.php.',
		],
		[
			'a revoked key',
			revoked,
			'Action needed: reconnect with a new key from Meum',
			'',
		],
		[
			'a site-address change',
			siteChanged,
			'Action needed: confirm the new site address',
			'',
		],
		[
			'a changed webhook address',
			webhookChanged,
			'Action needed: reconnect to register the new webhook address',
			'',
		],
		[
			'something Meum reports',
			refreshed,
			'Action needed: fix what Meum reports',
			'',
		],
		[
			'no payout wallet',
			{ ...connected, payout_configured: false },
			'Action needed: set a payout wallet in Meum',
			'',
		],
		[
			'an http site',
			{
				...connected,
				environment: {
					...connected.environment,
					home_url_is_https: false,
				},
			},
			'Connected',
			'does not use https. Payments on http sites are unsafe',
		],
	] )(
		'answers for %s with one headline of its own',
		( _name, state, headline, text ) => {
			renderPage( state );

			expect(
				screen.getAllByRole( 'region', {
					name: /^(Connected|Action needed|Not connected)/,
				} )
			).toHaveLength( 1 );
			expect( summary() ).toHaveAccessibleName( headline );
			if ( text ) {
				expect( summary() ).toHaveTextContent( text );
			}
		}
	);

	it( "never shows Meum's status words as a badge next to the answer", () => {
		renderPage( {
			...refreshed,
			status: 'ACTIVE',
			health_status: 'HEALTHY',
		} );

		expect( document.querySelector( '.meum-wc-badge' ) ).toBeNull();
		expect( summary() ).not.toHaveTextContent( /HEALTHY|ACTIVE/ );
		expect( screen.getByText( 'HEALTHY' ).closest( 'details' ) ).not.toBe(
			null
		);
	} );

	it( 'lists the other steps after the next one, each once', () => {
		renderPage( {
			...connected,
			payout_configured: false,
			issues: [ 'Payout wallet not configured', 'Verify your email.' ],
			environment: {
				...connected.environment,
				woocommerce_active: false,
			},
		} );

		expect( summary() ).toHaveAccessibleName(
			'Action needed: set a payout wallet in Meum'
		);
		expect( within( summary() ).getByText( 'Also needed:' ) ).toBeVisible();
		expect( screen.getAllByText( PAYOUT_WARNING ) ).toHaveLength( 1 );
		expect( screen.getByText( 'Verify your email.' ) ).toBeVisible();
		expect(
			screen.queryByText( 'Payout wallet not configured' )
		).not.toBeInTheDocument();
		expect(
			within( summary() ).getByText( 'activate WooCommerce' )
		).toBeVisible();
	} );

	it( 'says that payments need WooCommerce when the page prints no gateway state', () => {
		renderPage( connected );
		expect( summary() ).toHaveTextContent( 'Payments: need WooCommerce.' );
	} );

	it.each( [
		[
			{ ...NO_FLAGS, enabled: true, available: true, reason: null },
			'Payments: switched on and offered at checkout.',
		],
		[
			{ ...NO_FLAGS, enabled: false, available: false, reason: null },
			'Payments: switched off in WooCommerce › Settings › Payments.',
		],
		[
			{
				...NO_FLAGS,
				enabled: true,
				available: false,
				reason: 'The cart is in EUR.',
			},
			'Payments: switched on, but not offered at checkout: The cart is in EUR.',
		],
	] )( 'shows the gateway state %p', ( payments, line ) => {
		renderPage( connected, { payments } );

		expect( summary() ).toHaveTextContent( line );
	} );

	it.each( [
		[
			1,
			"1 payment in the last 30 days was found by a status check because Meum's webhook never arrived: check that your webhook URL is reachable.",
		],
		[
			3,
			"3 payments in the last 30 days were found by a status check because Meum's webhook never arrived: check that your webhook URL is reachable.",
		],
	] )(
		'says when %p payments were found by a status check because their webhook never came',
		( reconciled, line ) => {
			renderPage( connected, {
				payments: { ...OFFERED, reconciled },
			} );

			expect( within( summary() ).getByText( line ) ).toBeVisible();
		}
	);

	it( 'says nothing about status checks when webhooks brought every payment', () => {
		renderPage( connected, { payments: OFFERED } );

		expect( summary() ).not.toHaveTextContent( 'found by a status check' );
	} );

	it.each( [
		[ 2, 2 ],
		[ undefined, 0 ],
		[ -4, 0 ],
		[ '5', 0 ],
	] )(
		'reads the printed count of payments found by a status check (%p → %p)',
		( printed, count ) => {
			expect(
				readPayments( { ...OFFERED, reconciled: printed } )?.reconciled
			).toBe( count );
		}
	);
} );

describe( 'the credentials re-issued notice', () => {
	it( 'is dismissible and remembers the dismissal for the user', async () => {
		apiFetchMock.mockResolvedValue( { id: 1 } );
		const user = renderPage( reconnected );

		expect( screen.getByText( ROTATED ) ).toBeVisible();
		await user.click( button( 'Close' ) );

		expect( screen.queryByText( ROTATED ) ).not.toBeInTheDocument();
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/wp/v2/users/me',
			method: 'POST',
			data: {
				meta: {
					meum_wc_dismissed_rotation:
						Date.parse( '2026-11-30T08:05:00Z' ) / 1000,
				},
			},
		} );
	} );

	it( 'stays away on the next visit once dismissed, until the next re-issue', () => {
		const dismissed = Date.parse( '2026-11-30T08:05:00Z' ) / 1000;
		renderPage( reconnected, { dismissedRotation: dismissed } );
		expect( screen.queryByText( ROTATED ) ).not.toBeInTheDocument();
	} );

	it( 'returns for a later re-issue', () => {
		renderPage(
			{ ...reconnected, connected_at: '2026-12-01T10:00:00Z' },
			{ dismissedRotation: Date.parse( '2026-11-30T08:05:00Z' ) / 1000 }
		);
		expect( screen.getByText( ROTATED ) ).toBeVisible();
	} );
} );

describe( 'a changed webhook address alone', () => {
	it( 'says the webhook address changed and offers the reconnect, not the choice', async () => {
		const user = renderPage( webhookChanged );

		expect( summary() ).toHaveTextContent(
			'The webhook address changed from https://shop.example.com/wp-json/meum/v1/webhook to https://shop.example.com/?rest_route=/meum/v1/webhook'
		);
		expect( queryButton( 'This is a new site' ) ).not.toBeInTheDocument();
		expect(
			queryButton( 'Same site, new address' )
		).not.toBeInTheDocument();
		expect(
			screen.queryByText( /site's address changed/ )
		).not.toBeInTheDocument();
		expect( button( 'Disconnect' ) ).toBeDisabled();

		await user.click( button( 'Reconnect' ) );

		expect( keyField() ).toHaveFocus();
	} );
} );

describe( 'the connect form', () => {
	it( 'has a heading, and Escape closes the reconnect form', async () => {
		const user = renderPage( connected );

		await user.click( button( 'Reconnect' ) );
		expect(
			screen.getByRole( 'form', { name: 'Reconnect to Meum' } )
		).toBeVisible();

		await user.keyboard( '{Escape}' );

		expect(
			screen.queryByLabelText( 'Connection key' )
		).not.toBeInTheDocument();
		await waitFor( () => expect( button( 'Reconnect' ) ).toHaveFocus() );
	} );

	it( 'stays open on Escape when it cannot be cancelled', async () => {
		const user = renderPage( revoked );
		expect(
			screen.getByRole( 'form', { name: 'Connect to Meum' } )
		).toBeVisible();

		await user.click( keyField() );
		await user.keyboard( '{Escape}' );

		expect( keyField() ).toBeInTheDocument();
	} );
} );

describe( 'webhook health', () => {
	it( 'updates "Last accepted delivery" right after an accepted test delivery', async () => {
		apiFetchMock.mockResolvedValue(
			webhookTestResult(
				{ result: 'accepted' },
				{
					...noDeliveries,
					webhooks: {
						...noDeliveries.webhooks,
						server_time: '2026-11-30T12:00:00Z',
						self_test_counts: {
							accepted: 1,
							duplicate: 0,
							refused: {},
						},
					},
				}
			)
		);
		const user = renderPage( noDeliveries );
		expect( detail( 'Last accepted delivery' ) ).toHaveTextContent(
			'None yet'
		);

		await user.click( button( 'Test webhook delivery' ) );

		await screen.findByText(
			'The test delivery reached this site and was accepted.'
		);
		const last = detail( 'Last accepted delivery' );
		expect( last ).toHaveTextContent( 'test delivery from this page' );
		expect( timeIn( last ) ).toHaveAttribute(
			'datetime',
			'2026-11-30T12:00:00Z'
		);
	} );

	it( "names Meum's view apart from what this site received", () => {
		renderPage( refreshed );

		expect(
			screen.getAllByRole( 'region', { name: 'Webhook health' } )
		).toHaveLength( 1 );
		expect( detail( "Meum's view" ) ).toHaveTextContent( 'Not working' );
	} );
} );

describe( 'a failed disconnect in the reconnect-required state', () => {
	it( 'moves the focus to "Forget locally"', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'meum_unreachable', 'Down.', {
				status: 504,
				can_forget: true,
			} )
		);
		const user = renderPage( revoked );

		await user.click( button( 'Disconnect' ) );
		await user.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Disconnect',
			} )
		);

		await waitFor( () =>
			expect( button( 'Forget locally' ) ).toHaveFocus()
		);
		expect( summary() ).toHaveAccessibleName(
			'Action needed: finish disconnecting'
		);
	} );
} );
