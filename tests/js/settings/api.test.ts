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
	describeError,
	normalizeState,
	readSettings,
} from '../../../src/settings/api';
import { connected, notConnected, restError, settingsFor } from './fixtures';

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

		await expect( connect( 'sk_live_x', '/custom/path' ) ).resolves.toEqual(
			connected
		);
		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/custom/path',
			method: 'POST',
			data: { connection_key: 'sk_live_x' },
		} );
	} );

	it( 'rejects when the answer is not a connection state', async () => {
		apiFetchMock.mockResolvedValue( { success: true } );

		await expect( connect( 'sk_live_x' ) ).rejects.toMatchObject( {
			code: 'meum_wc_invalid_state',
		} );
	} );

	it( 'passes the REST error through unchanged', async () => {
		const error = restError( 'meum_timeout', 'Timed out.', {
			status: 504,
		} );
		apiFetchMock.mockRejectedValue( error );

		await expect( connect( 'sk_live_x' ) ).rejects.toBe( error );
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
		} );
	} );

	it.each( [ null, 'connected', [], { connected: 'yes' } ] )(
		'rejects %p',
		( value ) => {
			expect( normalizeState( value ) ).toBeNull();
		}
	);
} );

describe( 'readSettings', () => {
	it( 'accepts the global the PHP page prints', () => {
		expect( readSettings( settingsFor( connected ) ) ).toEqual(
			settingsFor( connected )
		);
	} );

	it( 'fills in the route and the help link when they are missing', () => {
		expect( readSettings( { initialState: connected } ) ).toEqual(
			settingsFor( connected )
		);
	} );

	it( 'returns null without a usable initial state', () => {
		expect( readSettings( undefined ) ).toBeNull();
		expect(
			readSettings( { restPath: '/meum/v1/connection' } )
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
