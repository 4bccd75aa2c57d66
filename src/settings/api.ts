/**
 * WordPress dependencies
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type {
	ConnectionAction,
	ConnectionState,
	ErrorDescription,
	ErrorKind,
	FieldError,
	LastHandshake,
	MeumWcSettings,
	ReconnectReason,
	RestErrorData,
	SiteChange,
	WebhookCounts,
	WebhookHealth,
	WebhookRefusalReason,
	WebhookTestOutcome,
	WebhookTestResult,
} from './types';

/** The plugin's connection route (docs/rest-api.md). */
export const DEFAULT_REST_PATH = '/meum/v1/connection';

/** Meum's page on creating a WooCommerce connection key. */
export const DEFAULT_KEY_HELP_URL =
	'https://docs.meum.io/api-reference/integrations/connect-woocommerce';

/** The code the requests reject with when a 200 answer is not a state. */
export const INVALID_STATE_CODE = 'meum_wc_invalid_state';

type UnknownRecord = Record< string, unknown >;

const isRecord = ( value: unknown ): value is UnknownRecord =>
	typeof value === 'object' && value !== null && ! Array.isArray( value );

const stringOrNull = ( value: unknown ): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

const numberOrNull = ( value: unknown ): number | null =>
	typeof value === 'number' && Number.isFinite( value ) ? value : null;

/**
 * Keeps a value only when it is one of the allowed strings.
 *
 * @param value   The value.
 * @param allowed The allowed strings.
 * @return The value, or `null`.
 */
const oneOf = < T extends string >(
	value: unknown,
	allowed: readonly T[]
): T | null =>
	( allowed as readonly unknown[] ).includes( value ) ? ( value as T ) : null;

const RECONNECT_REASONS: readonly ReconnectReason[] = [
	'inconsistent',
	'undecryptable',
	'revoked',
];

/**
 * Reads the `site_change` member of a state.
 *
 * @param value The member's value.
 * @return The addresses (unknown ones `null`), or `null` when not an object.
 */
function normalizeSiteChange( value: unknown ): SiteChange | null {
	if ( ! isRecord( value ) ) {
		return null;
	}
	return {
		connected_site_url: stringOrNull( value.connected_site_url ),
		current_site_url: stringOrNull( value.current_site_url ),
		connected_webhook_url: stringOrNull( value.connected_webhook_url ),
		current_webhook_url: stringOrNull( value.current_webhook_url ),
	};
}

/**
 * The receiver's refusal reasons, in the order it checks them
 * (docs/rest-api.md, "Webhooks").
 */
export const REFUSAL_REASONS: readonly WebhookRefusalReason[] = [
	'no_secret',
	'missing_headers',
	'invalid_timestamp',
	'stale_timestamp',
	'integration_mismatch',
	'invalid_signature',
	'body_too_large',
	'invalid_json',
	'event_id_mismatch',
	'handler_failed',
];

const WEBHOOK_TEST_OUTCOMES: readonly WebhookTestOutcome[] = [
	'accepted',
	'refused',
	'redirected',
	'blocked',
	'unreachable',
	'timeout',
];

/**
 * Reads a count: a non-negative number, else 0.
 *
 * @param value The value.
 * @return The count.
 */
const countOf = ( value: unknown ): number => {
	const count = numberOrNull( value );
	return count !== null && count > 0 ? Math.floor( count ) : 0;
};

/**
 * Reads a `counts` or `self_test_counts` member of `webhooks`.
 *
 * @param value The member's value.
 * @return The counts; missing ones are 0, and refusal reasons without a
 *         positive count are left out (PHP may encode an empty map as `[]`).
 */
function normalizeCounts( value: unknown ): WebhookCounts {
	const counts = isRecord( value ) ? value : {};
	const refused: Record< string, number > = {};
	if ( isRecord( counts.refused ) ) {
		for ( const [ reason, count ] of Object.entries( counts.refused ) ) {
			if ( reason !== '' && countOf( count ) > 0 ) {
				refused[ reason ] = countOf( count );
			}
		}
	}
	return {
		accepted: countOf( counts.accepted ),
		duplicate: countOf( counts.duplicate ),
		refused,
	};
}

/**
 * Reads the `webhooks` member of a state (docs/rest-api.md, "Webhooks").
 *
 * @param value The member's value.
 * @return The webhook health; anything missing or mistyped is `null`, `0`
 *         or `false`, so an old or partial answer shows "nothing yet".
 */
export function normalizeWebhooks( value: unknown ): WebhookHealth {
	const webhooks = isRecord( value ) ? value : {};
	const accepted = webhooks.last_accepted;
	const refused = webhooks.last_refused;
	return {
		monitoring_since: stringOrNull( webhooks.monitoring_since ),
		server_time: stringOrNull( webhooks.server_time ),
		last_accepted: isRecord( accepted )
			? {
					at: stringOrNull( accepted.at ),
					event_type: stringOrNull( accepted.event_type ),
				}
			: null,
		last_refused: isRecord( refused )
			? {
					at: stringOrNull( refused.at ),
					reason: stringOrNull( refused.reason ),
				}
			: null,
		counts: normalizeCounts( webhooks.counts ),
		self_test_counts: normalizeCounts( webhooks.self_test_counts ),
		refusal_after_acceptance: webhooks.refusal_after_acceptance === true,
		clock_skew_suspected: webhooks.clock_skew_suspected === true,
	};
}

/**
 * Reads the `last_handshake` member of a state.
 *
 * @param value The member's value.
 * @return The outcome, or `null` when not an object with a known `result`.
 */
function normalizeHandshake( value: unknown ): LastHandshake | null {
	const result = isRecord( value )
		? oneOf( value.result, [ 'success', 'failure' ] as const )
		: null;
	if ( ! isRecord( value ) || ! result ) {
		return null;
	}
	return {
		result,
		at: stringOrNull( value.at ),
		code: stringOrNull( value.code ),
		message: stringOrNull( value.message ),
	};
}

/**
 * Turns a detail value (a message, or a list of messages) into text.
 *
 * @param value A value from a `details` or `params` map.
 * @return The message, or `null` when the value holds no text.
 */
const toText = ( value: unknown ): string | null => {
	if ( Array.isArray( value ) ) {
		return stringOrNull(
			value.filter( ( item ) => typeof item === 'string' ).join( ' ' )
		);
	}
	return stringOrNull( value );
};

/**
 * Reads a connection state, tolerating missing or mistyped fields.
 *
 * Follows the `GET /meum/v1/connection` shape of docs/rest-api.md, with
 * the "Connection lifecycle" and "Webhooks" fields. Missing strings become
 * `null`, a missing issue list `[]`; an unknown environment or encryption
 * check never raises a warning, an unknown `reconnect_reason` becomes `null`,
 * and missing webhook facts become `null`, `0` or `false`.
 *
 * @param value A parsed JSON value, e.g. a REST response.
 * @return The state, or `null` when the value is not a connection state
 *         (not an object, or without a boolean `connected`).
 */
export function normalizeState( value: unknown ): ConnectionState | null {
	if ( ! isRecord( value ) || typeof value.connected !== 'boolean' ) {
		return null;
	}
	const environment = isRecord( value.environment ) ? value.environment : {};
	const encryption = isRecord( value.encryption ) ? value.encryption : {};
	return {
		connected: value.connected,
		reconnect_required: value.reconnect_required === true,
		status: stringOrNull( value.status ),
		store_id: stringOrNull( value.store_id ),
		store_name: stringOrNull( value.store_name ),
		integration_id: stringOrNull( value.integration_id ),
		integration_public_id: stringOrNull( value.integration_public_id ),
		installation_id: stringOrNull( value.installation_id ),
		site_url: stringOrNull( value.site_url ),
		webhook_url: stringOrNull( value.webhook_url ),
		webhook_id: stringOrNull( value.webhook_id ),
		checkout_base_url: stringOrNull( value.checkout_base_url ),
		masked_api_key: stringOrNull( value.masked_api_key ),
		payout_configured:
			typeof value.payout_configured === 'boolean'
				? value.payout_configured
				: null,
		warning: stringOrNull( value.warning ),
		credentials_rotated: value.credentials_rotated === true,
		connected_at: stringOrNull( value.connected_at ),
		environment: {
			home_url: stringOrNull( environment.home_url ) ?? '',
			webhook_url: stringOrNull( environment.webhook_url ) ?? '',
			home_url_is_https: environment.home_url_is_https !== false,
			woocommerce_active: environment.woocommerce_active !== false,
		},
		reconnect_reason: oneOf( value.reconnect_reason, RECONNECT_REASONS ),
		health_status: stringOrNull( value.health_status ),
		issues: Array.isArray( value.issues )
			? value.issues.filter(
					( issue ): issue is string =>
						typeof issue === 'string' && issue !== ''
				)
			: [],
		webhook_health: stringOrNull( value.webhook_health ),
		status_checked_at: stringOrNull( value.status_checked_at ),
		site_change: normalizeSiteChange( value.site_change ),
		encryption: {
			available: encryption.available !== false,
			source: oneOf( encryption.source, [
				'constant',
				'salts',
			] as const ),
			wp_config_line: stringOrNull( encryption.wp_config_line ),
		},
		last_handshake: normalizeHandshake( value.last_handshake ),
		webhooks: normalizeWebhooks( value.webhooks ),
	};
}

/**
 * Reads the answer of `POST /meum/v1/webhook/test`, tolerating missing or
 * mistyped details.
 *
 * @param value A parsed JSON value.
 * @return The result, or `null` when the value has no known `result` or no
 *         connection state.
 */
export function normalizeWebhookTestResult(
	value: unknown
): WebhookTestResult | null {
	if ( ! isRecord( value ) ) {
		return null;
	}
	const result = oneOf( value.result, WEBHOOK_TEST_OUTCOMES );
	const state = normalizeState( value.state );
	if ( ! result || ! state ) {
		return null;
	}
	return {
		result,
		url: stringOrNull( value.url ),
		http_status: numberOrNull( value.http_status ),
		reason: stringOrNull( value.reason ),
		location: stringOrNull( value.location ),
		excerpt: stringOrNull( value.excerpt ),
		message: stringOrNull( value.message ),
		state,
	};
}

/**
 * Reads the global the PHP page prints (`window.meumWcSettings`).
 *
 * @param value The global's value.
 * @return The settings, with the default REST path and help URL filled in,
 *         or `null` when there is no usable `initialState`.
 */
export function readSettings( value: unknown ): MeumWcSettings | null {
	const initialState = isRecord( value )
		? normalizeState( value.initialState )
		: null;
	if ( ! isRecord( value ) || ! initialState ) {
		return null;
	}
	return {
		initialState,
		restPath: stringOrNull( value.restPath ) ?? DEFAULT_REST_PATH,
		keyHelpUrl: stringOrNull( value.keyHelpUrl ) ?? DEFAULT_KEY_HELP_URL,
	};
}

/**
 * Sends a request to a connection route and reads the state it returns.
 *
 * @param options The api-fetch options.
 * @return The new connection state. Rejects with the REST error, api-fetch's
 *         `fetch_error` / `invalid_json`, or `INVALID_STATE_CODE` when the
 *         answer is not a connection state.
 */
async function requestState(
	options: APIFetchOptions
): Promise< ConnectionState > {
	const response: unknown = await apiFetch( options );
	const state = normalizeState( response );
	if ( ! state ) {
		throw {
			code: INVALID_STATE_CODE,
			message: '',
			data: { status: 200 },
		};
	}
	return state;
}

/**
 * The path of a sub-route of the connection route.
 *
 * @param path The connection route.
 * @param name The sub-route, e.g. `refresh`.
 * @return The sub-route's path.
 */
const subPath = ( path: string, name: string ): string =>
	`${ path.replace( /\/+$/, '' ) }/${ name }`;

/**
 * The path of the test delivery route, next to the connection route:
 * `/meum/v1/connection` gives `/meum/v1/webhook/test`.
 *
 * @param path The connection route.
 * @return The test delivery route.
 */
export const webhookTestPath = ( path: string ): string =>
	path.replace( /\/+$/, '' ).replace( /\/[^/]*$/, '' ) + '/webhook/test';

/**
 * Performs the Meum connect handshake through the plugin's REST route.
 *
 * Sends `POST <path>` with `{ connection_key }` (docs/rest-api.md); the key
 * is used for this one request and not kept. `@wordpress/api-fetch` adds the
 * nonce and the REST root.
 *
 * @param connectionKey The merchant's `sk_live_…` connection key.
 * @param path          The connection route, `/meum/v1/connection` by default.
 * @return The new connection state. Rejects with the REST error
 *         (`{ code, message, data }`), api-fetch's `fetch_error` /
 *         `invalid_json`, or `INVALID_STATE_CODE` when the answer is not a
 *         connection state.
 */
export async function connect(
	connectionKey: string,
	path: string = DEFAULT_REST_PATH
): Promise< ConnectionState > {
	return requestState( {
		path,
		method: 'POST',
		data: { connection_key: connectionKey },
	} );
}

/**
 * Asks Meum for the connection's status with the stored key
 * (`POST <path>/refresh`).
 *
 * A key Meum no longer accepts is not a failure: the state comes back with
 * `reconnect_required` and `reconnect_reason: "revoked"`.
 *
 * @param path The connection route, `/meum/v1/connection` by default.
 * @return The updated connection state. Rejects like `connect()`; nothing
 *         stored changes then.
 */
export async function refreshStatus(
	path: string = DEFAULT_REST_PATH
): Promise< ConnectionState > {
	return requestState( { path: subPath( path, 'refresh' ), method: 'POST' } );
}

/**
 * Disconnects the store at Meum and deletes the stored credentials
 * (`DELETE <path>`).
 *
 * @param path The connection route, `/meum/v1/connection` by default.
 * @return The new (not connected) state. Rejects like `connect()`; when
 *         Meum could not be told, the error's `data.can_forget` is true.
 */
export async function disconnect(
	path: string = DEFAULT_REST_PATH
): Promise< ConnectionState > {
	return requestState( { path, method: 'DELETE' } );
}

/**
 * Deletes the stored connection without telling Meum
 * (`POST <path>/forget`): after a failed disconnect, or on a copy of the site.
 *
 * @param path The connection route, `/meum/v1/connection` by default.
 * @return The new (not connected) state. Rejects like `connect()`.
 */
export async function forgetLocally(
	path: string = DEFAULT_REST_PATH
): Promise< ConnectionState > {
	return requestState( { path: subPath( path, 'forget' ), method: 'POST' } );
}

/**
 * Sends a signed test delivery to the site's own webhook URL
 * (`POST /meum/v1/webhook/test`, next to the connection route) and reports
 * what came back.
 *
 * @param path The connection route, `/meum/v1/connection` by default.
 * @return The result, whose `state` replaces the current state. Rejects
 *         with the REST error (e.g. `409 meum_not_connected`), api-fetch's
 *         `fetch_error` / `invalid_json`, or `INVALID_STATE_CODE` when the
 *         answer is not a test result.
 */
export async function testWebhookDelivery(
	path: string = DEFAULT_REST_PATH
): Promise< WebhookTestResult > {
	const response: unknown = await apiFetch( {
		path: webhookTestPath( path ),
		method: 'POST',
	} );
	const result = normalizeWebhookTestResult( response );
	if ( ! result ) {
		throw {
			code: INVALID_STATE_CODE,
			message: '',
			data: { status: 200 },
		};
	}
	return result;
}

/**
 * Picks the failure kind, following the status and code table of
 * docs/rest-api.md: transport and WordPress codes first, then the route's
 * own 401/403 (never Meum's, which arrive as 400), then Meum's status, then
 * the `meum_<reason>` code, then the route status.
 *
 * @param code The REST error code.
 * @param data The error's `data`.
 * @return The kind.
 */
function kindOf( code: string, data: RestErrorData ): ErrorKind {
	switch ( code ) {
		case 'fetch_error':
			return 'network';
		case 'invalid_json':
		case INVALID_STATE_CODE:
			return 'site_bad_response';
		case 'rest_cookie_invalid_nonce':
		case 'rest_not_logged_in':
			return 'session_expired';
	}
	switch ( code ) {
		case 'meum_no_key_material':
			return 'no_key_material';
		case 'meum_not_connected':
			return 'not_connected';
		case 'meum_site_changed':
			return 'site_changed';
	}
	const status = numberOrNull( data.status );
	if ( status === 401 ) {
		return 'session_expired';
	}
	if ( status === 403 || code === 'rest_forbidden' ) {
		return 'forbidden';
	}
	switch ( code ) {
		case 'rest_invalid_param':
		case 'rest_missing_callback_param':
			return 'invalid_input';
		case 'meum_timeout':
			return 'timeout';
		case 'meum_unreachable':
			return 'unreachable';
		case 'meum_tls_error':
			return 'tls';
		case 'meum_bad_response':
			// An HTML page from Meum's side with a 5xx status is Meum being down, not a proxy.
			return ( numberOrNull( data.upstream_status ) ?? 0 ) >= 500
				? 'meum_unavailable'
				: 'bad_response';
		case 'meum_invalid_response':
			return 'bad_response';
		case 'meum_server_error':
			return 'meum_unavailable';
	}
	if ( data.meum_code === 'SITE_ALREADY_CONNECTED' ) {
		return 'already_connected';
	}
	if ( data.meum_code === 'INSUFFICIENT_SCOPE' ) {
		return 'key_scope';
	}
	const upstream = numberOrNull( data.upstream_status );
	if ( upstream !== null ) {
		if ( upstream === 401 || upstream === 403 ) {
			return 'key_rejected';
		}
		if ( upstream === 409 ) {
			return 'already_connected';
		}
		if ( upstream === 422 ) {
			return 'validation';
		}
		if ( upstream === 429 ) {
			return 'rate_limited';
		}
		if ( upstream >= 500 ) {
			return 'meum_unavailable';
		}
		if ( upstream >= 400 ) {
			return 'bad_request';
		}
	}
	switch ( code ) {
		case 'meum_unauthorized':
		case 'meum_forbidden':
			return 'key_rejected';
		case 'meum_conflict':
			return 'already_connected';
		case 'meum_validation_failed':
			return 'validation';
		case 'meum_rate_limited':
			return 'rate_limited';
		case 'meum_bad_request':
			return 'bad_request';
	}
	switch ( status ) {
		case 409:
			return 'already_connected';
		case 422:
			return 'validation';
		case 429:
			return 'rate_limited';
		case 502:
		case 503:
			return 'meum_unavailable';
		case 504:
			return 'timeout';
	}
	return 'unknown';
}

/**
 * The translated headline for a failure nothing more specific explains.
 *
 * @param action The request that failed.
 * @param status The route's HTTP status, or `null`.
 * @return The headline.
 */
function genericHeadline(
	action: ConnectionAction,
	status: number | null
): string {
	if ( status ) {
		switch ( action ) {
			case 'refresh':
				return sprintf(
					/* translators: %d: HTTP status code, e.g. 500. */
					__(
						'Checking the connection status failed (HTTP status %d). Try again, or contact support with the error code.',
						'meum-woocommerce'
					),
					status
				);
			case 'disconnect':
				return sprintf(
					/* translators: %d: HTTP status code, e.g. 500. */
					__(
						'Disconnecting from Meum failed (HTTP status %d). Try again, or contact support with the error code.',
						'meum-woocommerce'
					),
					status
				);
			case 'forget':
				return sprintf(
					/* translators: %d: HTTP status code, e.g. 500. */
					__(
						'Removing the connection from this site failed (HTTP status %d). Try again, or contact support with the error code.',
						'meum-woocommerce'
					),
					status
				);
			case 'test_webhook':
				return sprintf(
					/* translators: %d: HTTP status code, e.g. 500. */
					__(
						'Sending the test delivery failed (HTTP status %d). Try again, or contact support with the error code.',
						'meum-woocommerce'
					),
					status
				);
		}
		return sprintf(
			/* translators: %d: HTTP status code, e.g. 500. */
			__(
				'Connecting to Meum failed (HTTP status %d). Try again, or contact support with the error code.',
				'meum-woocommerce'
			),
			status
		);
	}
	switch ( action ) {
		case 'refresh':
			return __(
				'Checking the connection status failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			);
		case 'disconnect':
			return __(
				'Disconnecting from Meum failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			);
		case 'forget':
			return __(
				'Removing the connection from this site failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			);
		case 'test_webhook':
			return __(
				'Sending the test delivery failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			);
	}
	return __(
		'Connecting to Meum failed for an unexpected reason. Try again, or contact support with the error code.',
		'meum-woocommerce'
	);
}

/**
 * The translated headline for a failure kind.
 *
 * The headlines about a connection key (rejected key, conflict, invalid
 * details) only fit the connect handshake; the other requests use the
 * stored key and get their own wording or the generic headline.
 *
 * @param kind   The failure kind.
 * @param status The route's HTTP status, for the generic headline.
 * @param action The request that failed.
 * @return The headline.
 */
function headlineOf(
	kind: ErrorKind,
	status: number | null,
	action: ConnectionAction
): string {
	if ( action !== 'connect' ) {
		switch ( kind ) {
			case 'key_rejected':
				return __(
					"Meum did not accept this site's stored API key. It may have been revoked or replaced; connect again with a new connection key.",
					'meum-woocommerce'
				);
			case 'rate_limited':
				return __(
					'Too many requests to Meum. Try again in a few minutes.',
					'meum-woocommerce'
				);
			case 'already_connected':
			case 'validation':
			case 'bad_request':
			case 'invalid_input':
				return genericHeadline( action, status );
		}
	}
	switch ( kind ) {
		case 'no_key_material':
			return __(
				'This site has no encryption key outside the database, so the Meum credentials cannot be stored. Add the key to wp-config.php as described, then reload this page.',
				'meum-woocommerce'
			);
		case 'not_connected':
			return __(
				'This site has no usable Meum connection. Reload the page to see the current state.',
				'meum-woocommerce'
			);
		case 'site_changed':
			return __(
				"This site's address changed since it was connected to Meum. Reload the page, then choose whether this is a new site or the same site at a new address.",
				'meum-woocommerce'
			);
		case 'key_rejected':
			return __(
				'Meum did not accept this connection key. Check that you copied the whole key and that it has not expired (keys are valid for 24 hours).',
				'meum-woocommerce'
			);
		case 'key_scope':
			return __(
				'This key is not allowed to connect a WooCommerce store. In Meum, create a WooCommerce connection key and paste that one here.',
				'meum-woocommerce'
			);
		case 'already_connected':
			return __(
				'This site is already connected to another Meum store. Disconnect it there first, or create the connection key in that store.',
				'meum-woocommerce'
			);
		case 'validation':
			return __(
				'Meum did not accept the details this site sent.',
				'meum-woocommerce'
			);
		case 'rate_limited':
			return __(
				'Too many connection attempts. Try again in a few minutes.',
				'meum-woocommerce'
			);
		case 'bad_request':
			return __(
				'Meum could not process the connection request.',
				'meum-woocommerce'
			);
		case 'meum_unavailable':
			return __(
				'Meum is temporarily unavailable. Try again in a few minutes.',
				'meum-woocommerce'
			);
		case 'bad_response':
			return __(
				"Meum's answer could not be used: it was not the connection data Meum sends. A proxy or firewall may have answered instead.",
				'meum-woocommerce'
			);
		case 'timeout':
			return __(
				'Meum did not answer in time. Nothing was changed; try again later.',
				'meum-woocommerce'
			);
		case 'unreachable':
			return __(
				'Your site could not reach Meum: the address could not be resolved or the connection was refused. Ask your host to allow outgoing connections to Meum.',
				'meum-woocommerce'
			);
		case 'tls':
			return __(
				"A secure connection to Meum could not be established. Your server's certificate store may be outdated; ask your host.",
				'meum-woocommerce'
			);
		case 'session_expired':
			return __(
				'Your session has expired. Reload the page and log in again.',
				'meum-woocommerce'
			);
		case 'forbidden':
			return __(
				'You do not have permission to manage the Meum connection.',
				'meum-woocommerce'
			);
		case 'invalid_input':
			return __(
				'The connection key is not valid. Check the key and try again.',
				'meum-woocommerce'
			);
		case 'network':
			return __(
				'Your browser could not reach your site. Check your internet connection and try again.',
				'meum-woocommerce'
			);
		case 'site_bad_response':
			return __(
				"Your site's answer could not be read; a PHP error, a security plugin or a proxy may be in the way.",
				'meum-woocommerce'
			);
	}
	return genericHeadline( action, status );
}

/**
 * Describes any rejection of a connection request for the page.
 *
 * Accepts the REST error shape of docs/rest-api.md
 * (`{ code, message, data: { status, upstream_status, meum_code, details } }`),
 * core's validation errors (`data.params`), api-fetch's `fetch_error` and
 * `invalid_json`, and anything else (an `Error`, a string, `undefined`),
 * which becomes the generic kind. Never throws.
 *
 * @param error  The rejection value.
 * @param action The request that failed, for the wording of the headline;
 *               `connect` by default.
 * @return The kind, a translated headline, the server's message, the code
 *         for support (Meum's code, else the REST code), the message for
 *         the key field (from `details.connection_key`, `details.key` or
 *         `data.params.connection_key`), the other fields' messages, and
 *         whether "Forget locally" is offered (`data.can_forget`).
 */
export function describeError(
	error: unknown,
	action: ConnectionAction = 'connect'
): ErrorDescription {
	if ( ! isRecord( error ) || typeof error.code !== 'string' ) {
		let message = '';
		if ( error instanceof Error ) {
			message = error.message;
		} else if ( typeof error === 'string' ) {
			message = error;
		}
		return {
			kind: 'unknown',
			headline: genericHeadline( action, null ),
			message,
			code: 'unknown_error',
			keyError: null,
			fieldErrors: [],
			canForget: false,
		};
	}

	const code = error.code || 'unknown_error';
	// Every member is read through a type guard below.
	const data = ( isRecord( error.data ) ? error.data : {} ) as RestErrorData;
	const kind = kindOf( code, data );
	const headline = headlineOf( kind, numberOrNull( data.status ), action );
	const message = stringOrNull( error.message ) ?? '';

	let keyError: string | null = null;
	const fieldErrors: FieldError[] = [];
	if ( isRecord( data.details ) ) {
		for ( const [ field, value ] of Object.entries( data.details ) ) {
			const text = toText( value );
			if ( ! text ) {
				continue;
			}
			if ( field === 'connection_key' || field === 'key' ) {
				keyError = keyError ?? text;
			} else {
				fieldErrors.push( { field, message: text } );
			}
		}
	}
	if ( isRecord( data.params ) ) {
		keyError = toText( data.params.connection_key ) ?? keyError;
	} else if (
		Array.isArray( data.params ) &&
		data.params.includes( 'connection_key' )
	) {
		keyError = __( 'Enter your connection key.', 'meum-woocommerce' );
	}

	return {
		kind,
		headline,
		message: message === headline ? '' : message,
		code: stringOrNull( data.meum_code ) ?? code,
		keyError,
		fieldErrors,
		canForget: data.can_forget === true,
	};
}
