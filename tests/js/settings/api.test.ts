/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import {
	connect,
	disconnect,
	forgetLocally,
	normalizeState,
	normalizeWebhookTestResult,
	normalizeWebhooks,
	readSettings,
	refreshStatus,
	testWebhookDelivery,
} from '../../../src/settings/api';
import { describeError, supportCode } from '../../../src/settings/errors';
import {
	CUSTOM_ROUTES,
	ROUTES,
	clockSkew,
	connected,
	noWebhooks,
	notConnected,
	refreshed,
	restError,
	settingsFor,
	siteChanged,
	webhookTestResult,
} from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const apiFetchMock = jest.mocked( apiFetch );

beforeEach( () => {
	apiFetchMock.mockReset();
} );

describe( 'connect', () => {
	it( 'posts the key to the given route and resolves with the new state', async () => {
		apiFetchMock.mockResolvedValue( connected );

		await expect( connect( 'sk_live_x', CUSTOM_ROUTES ) ).resolves.toEqual(
			connected
		);
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/custom/v2/link',
			method: 'POST',
			data: { connection_key: 'sk_live_x' },
		} );
	} );

	it( 'rejects when the answer is not a connection state', async () => {
		apiFetchMock.mockResolvedValue( { success: true } );

		await expect( connect( 'sk_live_x', ROUTES ) ).rejects.toMatchObject( {
			code: 'meum_wc_invalid_state',
		} );
	} );

	it( 'passes the REST error through unchanged', async () => {
		const error = restError( 'meum_timeout', 'Timed out.', {
			status: 504,
		} );
		apiFetchMock.mockRejectedValue( error );

		await expect( connect( 'sk_live_x', ROUTES ) ).rejects.toBe( error );
	} );
} );

describe.each( [
	[
		'refreshStatus',
		refreshStatus,
		'/meum/v1/connection/refresh',
		'/custom/v2/link/check',
		'POST',
	],
	[
		'disconnect',
		disconnect,
		'/meum/v1/connection',
		'/custom/v2/link',
		'DELETE',
	],
	[
		'forgetLocally',
		forgetLocally,
		'/meum/v1/connection/forget',
		'/custom/v2/link/drop',
		'POST',
	],
] )( '%s', ( _name, request, path, customPath, method ) => {
	it( `sends ${ method } ${ path } and resolves with the new state`, async () => {
		apiFetchMock.mockResolvedValue( { ...notConnected, extra: 1 } );

		await expect( request( ROUTES ) ).resolves.toEqual( notConnected );
		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( { path, method } );
	} );

	it( 'uses the route the PHP page printed, never a path of its own', async () => {
		apiFetchMock.mockResolvedValue( notConnected );

		await request( CUSTOM_ROUTES );

		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: customPath,
			method,
		} );
	} );

	it( 'rejects when the answer is not a connection state', async () => {
		apiFetchMock.mockResolvedValue( '' );

		await expect( request( ROUTES ) ).rejects.toMatchObject( {
			code: 'meum_wc_invalid_state',
		} );
	} );

	it( 'passes the REST error through unchanged', async () => {
		const error = restError( 'meum_not_connected', 'Not connected.', {
			status: 409,
		} );
		apiFetchMock.mockRejectedValue( error );

		await expect( request( ROUTES ) ).rejects.toBe( error );
	} );
} );

describe( 'normalizeState', () => {
	it( 'fills missing fields so the page never reads undefined', () => {
		expect( normalizeState( { connected: false } ) ).toEqual( {
			...notConnected,
			environment: {
				home_url: '',
				webhook_url: '',
				home_url_is_https: true,
				woocommerce_active: true,
			},
			encryption: { available: true, source: null, wp_config_line: null },
		} );
	} );

	it( 'keeps the connection lifecycle fields as the server sent them', () => {
		const state = {
			...siteChanged,
			...refreshed,
			site_change: siteChanged.site_change,
			reconnect_required: true,
			reconnect_reason: 'undecryptable',
			encryption: {
				available: false,
				source: null,
				wp_config_line: "define( 'X', 'y' );",
			},
			last_handshake: {
				result: 'failure',
				at: '2026-11-30T10:00:00Z',
				code: 'meum_timeout',
				message: 'Timed out.',
			},
		};

		expect( normalizeState( state ) ).toEqual( state );
	} );

	it( 'drops mistyped lifecycle fields instead of failing', () => {
		const state = normalizeState( {
			connected: true,
			reconnect_required: true,
			reconnect_reason: 'gremlins',
			health_status: 7,
			issues: [ 'Fix the wallet.', 3, '', null ],
			webhook_health: '',
			status_checked_at: false,
			site_change: 'changed',
			encryption: { available: 'no', source: 'vault', wp_config_line: 1 },
			last_handshake: { result: 'maybe', at: '2026-11-30T10:00:00Z' },
		} );

		expect( state ).toMatchObject( {
			reconnect_reason: null,
			health_status: null,
			issues: [ 'Fix the wallet.' ],
			webhook_health: null,
			status_checked_at: null,
			site_change: null,
			encryption: { available: true, source: null, wp_config_line: null },
			last_handshake: null,
		} );
	} );

	it( 'reads a site change with missing addresses as a site change', () => {
		expect(
			normalizeState( { connected: true, site_change: {} } )?.site_change
		).toEqual( {
			kind: 'site',
			connected_site_url: null,
			current_site_url: null,
			connected_webhook_url: null,
			current_webhook_url: null,
		} );
	} );

	it( 'reads the kind of a site change, and derives it from the URLs when missing', () => {
		const change = {
			connected_site_url: 'https://shop.example.com',
			current_site_url: 'https://shop.example.com',
			connected_webhook_url: 'https://shop.example.com/wp-json/x',
			current_webhook_url: 'https://shop.example.com/?rest_route=/x',
		};
		const kindOf = ( siteChange: object ) =>
			normalizeState( { connected: true, site_change: siteChange } )
				?.site_change?.kind;

		expect( kindOf( { ...change, kind: 'webhook' } ) ).toBe( 'webhook' );
		expect( kindOf( { ...change, kind: 'site' } ) ).toBe( 'site' );
		expect( kindOf( change ) ).toBe( 'webhook' );
		expect(
			kindOf( { ...change, current_site_url: 'https://b.example' } )
		).toBe( 'site' );
	} );

	it( 'reads an issue list that is not a list as no issues', () => {
		expect(
			normalizeState( { connected: true, issues: 'Fix it.' } )?.issues
		).toEqual( [] );
	} );

	it.each( [ null, 'connected', [], { connected: 'yes' } ] )(
		'rejects %p',
		( value ) => {
			expect( normalizeState( value ) ).toBeNull();
		}
	);
} );

describe( 'normalizeWebhooks', () => {
	it( 'keeps the webhook health as the server sent it', () => {
		expect( normalizeWebhooks( clockSkew.webhooks ) ).toEqual(
			clockSkew.webhooks
		);
		expect( normalizeState( clockSkew )?.webhooks ).toEqual(
			clockSkew.webhooks
		);
	} );

	it( 'reads missing webhook health as nothing seen yet', () => {
		expect( normalizeWebhooks( undefined ) ).toEqual( noWebhooks );
		expect( normalizeState( { connected: true } )?.webhooks ).toEqual(
			noWebhooks
		);
		expect(
			normalizeWebhooks( { counts: {}, self_test_counts: null } )
		).toEqual( noWebhooks );
	} );

	it( 'drops mistyped webhook facts instead of failing', () => {
		expect(
			normalizeWebhooks( {
				monitoring_since: 5,
				server_time: '',
				last_accepted: 'yesterday',
				last_refused: { at: 7, reason: '' },
				counts: {
					accepted: '3',
					duplicate: -1,
					refused: { invalid_signature: 2.5, no_secret: 0, odd: 'x' },
				},
				self_test_counts: { accepted: 1, refused: [] },
				refusal_after_acceptance: 'yes',
				clock_skew_suspected: 1,
			} )
		).toEqual( {
			...noWebhooks,
			last_refused: { at: null, reason: null },
			counts: {
				accepted: 0,
				duplicate: 0,
				refused: { invalid_signature: 2 },
			},
			self_test_counts: { accepted: 1, duplicate: 0, refused: {} },
		} );
	} );
} );

describe( 'testWebhookDelivery', () => {
	it( 'posts to the test route and resolves with the result and its state', async () => {
		const result = webhookTestResult( { result: 'accepted' }, clockSkew );
		apiFetchMock.mockResolvedValue( { ...result, extra: 1 } );

		await expect( testWebhookDelivery( ROUTES ) ).resolves.toEqual(
			result
		);
		expect( apiFetchMock ).toHaveBeenCalledTimes( 1 );
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/webhook/test',
			method: 'POST',
		} );
	} );

	it( 'uses the test route the PHP page printed', async () => {
		apiFetchMock.mockResolvedValue(
			webhookTestResult( { result: 'timeout' } )
		);

		await testWebhookDelivery( CUSTOM_ROUTES );

		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/custom/v2/hook/try',
			method: 'POST',
		} );
	} );

	it.each( [
		[ 'no state', { result: 'accepted' } ],
		[ 'an unknown result', { result: 'maybe', state: connected } ],
		[ 'not an object', '<html>' ],
	] )( 'rejects an answer with %s', async ( _name, answer ) => {
		apiFetchMock.mockResolvedValue( answer );

		await expect( testWebhookDelivery( ROUTES ) ).rejects.toMatchObject( {
			code: 'meum_wc_invalid_state',
		} );
	} );

	it( 'passes the REST error through unchanged', async () => {
		const error = restError( 'meum_not_connected', 'Not connected.', {
			status: 409,
		} );
		apiFetchMock.mockRejectedValue( error );

		await expect( testWebhookDelivery( ROUTES ) ).rejects.toBe( error );
	} );
} );

describe( 'normalizeWebhookTestResult', () => {
	it( 'fills missing details with null', () => {
		expect(
			normalizeWebhookTestResult( {
				result: 'blocked',
				http_status: '403',
				excerpt: 'Forbidden',
				state: { connected: true },
			} )
		).toEqual( {
			result: 'blocked',
			url: null,
			http_status: null,
			reason: null,
			location: null,
			excerpt: 'Forbidden',
			message: null,
			state: normalizeState( { connected: true } ),
		} );
	} );
} );

describe( 'readSettings', () => {
	it( 'accepts the global the PHP page prints', () => {
		expect( readSettings( settingsFor( connected ) ) ).toEqual(
			settingsFor( connected )
		);
	} );

	it( 'fills in the help link when it is missing', () => {
		expect(
			readSettings( { initialState: connected, routes: ROUTES } )
		).toEqual( settingsFor( connected ) );
	} );

	it( 'returns null without a usable initial state', () => {
		expect( readSettings( undefined ) ).toBeNull();
		expect( readSettings( { routes: ROUTES } ) ).toBeNull();
	} );

	it( 'returns null when a route is missing: no path is spelled in the page', () => {
		expect( readSettings( { initialState: connected } ) ).toBeNull();
		expect(
			readSettings( {
				initialState: connected,
				routes: { ...ROUTES, forget: '' },
			} )
		).toBeNull();
	} );
} );

describe( 'describeError', () => {
	it( "quotes Meum's code for support, else the REST code", () => {
		expect(
			describeError(
				restError( 'meum_api_SITE_ALREADY_CONNECTED', 'Taken.', {
					status: 409,
					upstream_status: 409,
					meum_code: 'SITE_ALREADY_CONNECTED',
				} )
			).code
		).toBe( 'SITE_ALREADY_CONNECTED' );
		expect(
			describeError(
				restError( 'meum_conflict', 'Taken.', {
					status: 409,
					upstream_status: 409,
				} )
			)
		).toMatchObject( { kind: 'already_connected', code: 'meum_conflict' } );
	} );

	it( 'treats a 401 from the route as an expired session, never as a rejected key', () => {
		expect(
			describeError(
				restError( 'meum_unauthorized', 'Not logged in.', {
					status: 401,
				} )
			).kind
		).toBe( 'session_expired' );
	} );

	it( "recognises Meum's rejection of the key from its status alone", () => {
		expect(
			describeError(
				restError( 'meum_api_SOMETHING', 'No.', {
					status: 400,
					upstream_status: 403,
					meum_code: 'SOMETHING',
				} )
			).kind
		).toBe( 'key_rejected' );
	} );

	it( 'recognises failures by the route status when the code is unknown', () => {
		expect(
			describeError( restError( 'x', 'y', { status: 429 } ) ).kind
		).toBe( 'rate_limited' );
		expect(
			describeError( restError( 'x', 'y', { status: 422 } ) ).kind
		).toBe( 'validation' );
	} );

	it( 'reads details that PHP encoded as an empty list', () => {
		expect(
			describeError(
				restError( 'meum_bad_request', 'Bad.', {
					status: 400,
					upstream_status: 400,
					details: [],
				} )
			)
		).toMatchObject( { keyError: null, fieldErrors: [] } );
	} );

	it( 'splits the key detail from the other fields', () => {
		expect(
			describeError(
				restError( 'meum_validation_failed', 'Invalid.', {
					status: 422,
					upstream_status: 422,
					details: {
						connection_key: 'Expired.',
						site_url: 'Not public.',
						webhook_url: [ 'Not https.', 'Unreachable.' ],
						ignored: 42,
					},
				} )
			)
		).toMatchObject( {
			keyError: 'Expired.',
			fieldErrors: [
				{ field: 'site_url', message: 'Not public.' },
				{ field: 'webhook_url', message: 'Not https. Unreachable.' },
			],
		} );
	} );

	it( 'asks for the key when WordPress reports it missing', () => {
		expect(
			describeError( {
				code: 'rest_missing_callback_param',
				message: 'Missing parameter(s): connection_key',
				data: { status: 400, params: [ 'connection_key' ] },
			} )
		).toMatchObject( {
			kind: 'invalid_input',
			keyError: 'Enter your connection key.',
		} );
	} );

	it.each( [
		[
			'meum_no_key_material',
			'no_key_material',
			'This site has no encryption key outside the database, so the Meum credentials cannot be stored. Add the key to wp-config.php as described, then reload this page.',
		],
		[
			'meum_not_connected',
			'not_connected',
			'This site has no usable Meum connection. Reload the page to see the current state.',
		],
		[
			'meum_site_changed',
			'site_changed',
			"This site's address changed since it was connected to Meum. Reload the page, then choose whether this is a new site or the same site at a new address.",
		],
	] )(
		'explains %s rather than treating its 409 as a conflict',
		( code, kind, headline ) => {
			expect(
				describeError(
					restError( code, 'Server text.', { status: 409 } )
				)
			).toMatchObject( {
				kind,
				headline,
				// The headline says it: the server's text is not repeated.
				message: '',
				code,
			} );
		}
	);

	it( 'names the connected store and the Disconnect button in the conflict advice', () => {
		const conflict = restError(
			'meum_api_SITE_ALREADY_CONNECTED',
			'Taken.',
			{
				status: 409,
				upstream_status: 409,
				meum_code: 'SITE_ALREADY_CONNECTED',
			}
		);

		expect(
			describeError( conflict, 'connect', { storeName: 'Demo Store' } )
				.headline
		).toBe(
			'Meum says this site is already connected to another store: “Demo Store”. To connect it to a different store, click Disconnect below first, then connect with the new key. To stay with “Demo Store”, create the connection key in that store.'
		);
		expect( describeError( conflict ).headline ).toMatch(
			/^Meum says this site is already connected to another Meum store\. In that store, disconnect this site/
		);
	} );

	it.each( [
		[ 'meum_bad_response', 500 ],
		[ 'meum_invalid_response', 500 ],
		[ 'meum_invalid_response', 503 ],
	] )(
		'treats %s with Meum status %d as Meum being down, never a proxy',
		( code, upstream ) => {
			const description = describeError(
				restError( code, 'Meum returned HTTP 500.', {
					status: 502,
					upstream_status: upstream,
				} )
			);

			expect( description.kind ).toBe( 'meum_unavailable' );
			expect( description.headline ).not.toMatch( /proxy|firewall/ );
		}
	);

	it( 'keeps the transport error of a timeout out of the notice', () => {
		expect(
			describeError(
				restError(
					'meum_timeout',
					'cURL error 28: Operation timed out after 15001 milliseconds with 0 bytes received',
					{ status: 504 }
				)
			).message
		).toBe( '' );
	} );

	it( 'writes the support code without the meum_api_ prefix, as the diagnostics do', () => {
		expect(
			describeError(
				restError( 'meum_api_KEY_EXPIRED', 'Expired.', {
					status: 400,
					upstream_status: 401,
				} )
			).code
		).toBe( 'KEY_EXPIRED' );
		expect( supportCode( 'meum_api_SITE_ALREADY_CONNECTED' ) ).toBe(
			'SITE_ALREADY_CONNECTED'
		);
		expect( supportCode( 'meum_timeout' ) ).toBe( 'meum_timeout' );
	} );

	it( 'offers "Forget locally" only when the server says so', () => {
		const failure = ( data: object ) =>
			describeError(
				restError( 'meum_unreachable', 'Down.', {
					status: 504,
					...data,
				} ),
				'disconnect'
			).canForget;

		expect( failure( { can_forget: true } ) ).toBe( true );
		expect( failure( { can_forget: 'yes' } ) ).toBe( false );
		expect( failure( {} ) ).toBe( false );
		expect( describeError( 'boom', 'disconnect' ).canForget ).toBe( false );
	} );

	it( 'names the request that failed in the generic headline', () => {
		const unknown = restError( 'x', 'y', { status: 500 } );

		expect( describeError( unknown, 'refresh' ).headline ).toBe(
			'Checking the connection status failed (HTTP status 500). Try again, or contact support with the error code.'
		);
		expect( describeError( unknown, 'disconnect' ).headline ).toBe(
			'Disconnecting from Meum failed (HTTP status 500). Try again, or contact support with the error code.'
		);
		expect( describeError( unknown, 'forget' ).headline ).toBe(
			'Removing the connection from this site failed (HTTP status 500). Try again, or contact support with the error code.'
		);
		expect( describeError( unknown, 'test_webhook' ).headline ).toBe(
			'Sending the test delivery failed (HTTP status 500). Try again, or contact support with the error code.'
		);
		expect( describeError( null, 'test_webhook' ).headline ).toBe(
			'Sending the test delivery failed for an unexpected reason. Try again, or contact support with the error code.'
		);
		expect( describeError( null, 'forget' ).headline ).toBe(
			'Removing the connection from this site failed for an unexpected reason. Try again, or contact support with the error code.'
		);
	} );

	it( 'blames the stored key, not a connection key, when Meum rejects a disconnect', () => {
		const rejected = restError( 'meum_unauthorized', 'Revoked.', {
			status: 400,
			upstream_status: 401,
		} );

		expect( describeError( rejected, 'disconnect' ) ).toMatchObject( {
			kind: 'key_rejected',
			headline:
				"Meum did not accept this site's stored API key. It may have been revoked or replaced; connect again with a new connection key.",
		} );
		expect( describeError( rejected ).headline ).toMatch(
			/^Meum did not accept this connection key\./
		);
	} );

	it.each( [ undefined, null, 'text', 7, new Error( 'Boom' ), {}, [] ] )(
		'describes %p as a generic failure without throwing',
		( value ) => {
			expect( describeError( value ) ).toMatchObject( {
				kind: 'unknown',
				code: 'unknown_error',
			} );
		}
	);
} );
