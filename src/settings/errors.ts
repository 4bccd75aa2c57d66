/**
 * The wording of failed requests: which kind of failure a REST rejection is,
 * and what the page says about it. Both choices are tables.
 */

/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { isRecord, numberOrNull, stringOrNull, toText } from './api/decode';
import { INVALID_STATE_CODE } from './api/requests';
import type {
	ConnectionAction,
	ErrorDescription,
	ErrorKind,
	FieldError,
	RestErrorData,
} from './types';

/**
 * One step of the kind selection: a kind, or `undefined` to go on.
 */
type KindRule = ( code: string, data: RestErrorData ) => ErrorKind | undefined;

/** Transport and WordPress codes, and the plugin's own preconditions. */
const KIND_BY_SITE_CODE: Readonly< Record< string, ErrorKind > > = {
	fetch_error: 'network',
	invalid_json: 'site_bad_response',
	[ INVALID_STATE_CODE ]: 'site_bad_response',
	rest_cookie_invalid_nonce: 'session_expired',
	rest_not_logged_in: 'session_expired',
	meum_no_key_material: 'no_key_material',
	meum_not_connected: 'not_connected',
	meum_site_changed: 'site_changed',
};

/** Core's input validation and the failures of reaching Meum. */
const KIND_BY_TRANSPORT_CODE: Readonly< Record< string, ErrorKind > > = {
	rest_invalid_param: 'invalid_input',
	rest_missing_callback_param: 'invalid_input',
	meum_timeout: 'timeout',
	meum_unreachable: 'unreachable',
	meum_tls_error: 'tls',
	meum_invalid_response: 'bad_response',
	meum_server_error: 'meum_unavailable',
};

/** Meum's own error codes (`data.meum_code`). */
const KIND_BY_MEUM_CODE: Readonly< Record< string, ErrorKind > > = {
	SITE_ALREADY_CONNECTED: 'already_connected',
	INSUFFICIENT_SCOPE: 'key_scope',
};

/** Meum's HTTP status (`data.upstream_status`); other 5xx and 4xx below. */
const KIND_BY_UPSTREAM_STATUS: Readonly< Record< number, ErrorKind > > = {
	401: 'key_rejected',
	403: 'key_rejected',
	409: 'already_connected',
	422: 'validation',
	429: 'rate_limited',
};

/** The plugin's `meum_<reason>` codes for Meum's answers. */
const KIND_BY_REASON_CODE: Readonly< Record< string, ErrorKind > > = {
	meum_unauthorized: 'key_rejected',
	meum_forbidden: 'key_rejected',
	meum_conflict: 'already_connected',
	meum_validation_failed: 'validation',
	meum_rate_limited: 'rate_limited',
	meum_bad_request: 'bad_request',
};

/** The route's HTTP status, when nothing else decided. */
const KIND_BY_ROUTE_STATUS: Readonly< Record< number, ErrorKind > > = {
	409: 'already_connected',
	422: 'validation',
	429: 'rate_limited',
	502: 'meum_unavailable',
	503: 'meum_unavailable',
	504: 'timeout',
};

// The kind selection, in the order of the status and code table of
// docs/rest-api.md: transport and WordPress codes first, then the route's own
// 401/403 (never Meum's, which arrive as 400), then the transport codes, then
// Meum's code and status, then the `meum_<reason>` code, then the route status.
const KIND_RULES: readonly KindRule[] = [
	( code ) => KIND_BY_SITE_CODE[ code ],
	( code, data ) => {
		const status = numberOrNull( data.status );
		if ( status === 401 ) {
			return 'session_expired';
		}
		return status === 403 || code === 'rest_forbidden'
			? 'forbidden'
			: undefined;
	},
	( code, data ) => {
		// An unusable answer from Meum's side with a 5xx status is Meum being down, not a proxy.
		if (
			( code === 'meum_bad_response' ||
				code === 'meum_invalid_response' ) &&
			( numberOrNull( data.upstream_status ) ?? 0 ) >= 500
		) {
			return 'meum_unavailable';
		}
		return code === 'meum_bad_response'
			? 'bad_response'
			: KIND_BY_TRANSPORT_CODE[ code ];
	},
	( _code, data ) =>
		KIND_BY_MEUM_CODE[ stringOrNull( data.meum_code ) ?? '' ],
	( _code, data ) => {
		const upstream = numberOrNull( data.upstream_status );
		if ( upstream === null ) {
			return undefined;
		}
		if ( KIND_BY_UPSTREAM_STATUS[ upstream ] ) {
			return KIND_BY_UPSTREAM_STATUS[ upstream ];
		}
		if ( upstream >= 500 ) {
			return 'meum_unavailable';
		}
		return upstream >= 400 ? 'bad_request' : undefined;
	},
	( code ) => KIND_BY_REASON_CODE[ code ],
	( _code, data ) => KIND_BY_ROUTE_STATUS[ numberOrNull( data.status ) ?? 0 ],
];

/**
 * Picks the failure kind: the first rule of `KIND_RULES` that decides.
 *
 * @param code The REST error code.
 * @param data The error's `data`.
 * @return The kind; `unknown` when no rule decides.
 */
export function kindOf( code: string, data: RestErrorData ): ErrorKind {
	for ( const rule of KIND_RULES ) {
		const kind = rule( code, data );
		if ( kind ) {
			return kind;
		}
	}
	return 'unknown';
}

/**
 * The generic headline of each request: with the route's HTTP status
 * (`%d`), and without one.
 */
const GENERIC_HEADLINES: Readonly<
	Record<
		ConnectionAction,
		{
			withStatus: ( status: number ) => string;
			plain: () => string;
		}
	>
> = {
	connect: {
		withStatus: ( status: number ) =>
			sprintf(
				/* translators: %d: HTTP status code, e.g. 500. */
				__(
					'Connecting to Meum failed (HTTP status %d). Try again, or contact support with the error code.',
					'meum-woocommerce'
				),
				status
			),
		plain: () =>
			__(
				'Connecting to Meum failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			),
	},
	refresh: {
		withStatus: ( status: number ) =>
			sprintf(
				/* translators: %d: HTTP status code, e.g. 500. */
				__(
					'Checking the connection status failed (HTTP status %d). Try again, or contact support with the error code.',
					'meum-woocommerce'
				),
				status
			),
		plain: () =>
			__(
				'Checking the connection status failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			),
	},
	disconnect: {
		withStatus: ( status: number ) =>
			sprintf(
				/* translators: %d: HTTP status code, e.g. 500. */
				__(
					'Disconnecting from Meum failed (HTTP status %d). Try again, or contact support with the error code.',
					'meum-woocommerce'
				),
				status
			),
		plain: () =>
			__(
				'Disconnecting from Meum failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			),
	},
	forget: {
		withStatus: ( status: number ) =>
			sprintf(
				/* translators: %d: HTTP status code, e.g. 500. */
				__(
					'Removing the connection from this site failed (HTTP status %d). Try again, or contact support with the error code.',
					'meum-woocommerce'
				),
				status
			),
		plain: () =>
			__(
				'Removing the connection from this site failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			),
	},
	test_webhook: {
		withStatus: ( status: number ) =>
			sprintf(
				/* translators: %d: HTTP status code, e.g. 500. */
				__(
					'Sending the test delivery failed (HTTP status %d). Try again, or contact support with the error code.',
					'meum-woocommerce'
				),
				status
			),
		plain: () =>
			__(
				'Sending the test delivery failed for an unexpected reason. Try again, or contact support with the error code.',
				'meum-woocommerce'
			),
	},
};

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
	const headlines = GENERIC_HEADLINES[ action ];
	return status ? headlines.withStatus( status ) : headlines.plain();
}

/**
 * What the page knows that the error does not.
 */
export interface ErrorContext {
	/** The store this site is connected to (`store_name`), or `null`. */
	storeName: string | null;
}

/** A headline; `null` means the request's generic headline. */
type Headline = ( ( context: ErrorContext ) => string ) | null;

/**
 * The kinds whose headline does not say what the server's message says, so
 * the message is shown under it. For the others Meum's text would repeat
 * the headline, or (a timeout's transport error) not help the merchant.
 */
const KINDS_WITH_SERVER_MESSAGE: ReadonlySet< ErrorKind > = new Set( [
	'validation',
	'bad_request',
	'unknown',
] );

/**
 * The code to quote to support, written the same way in every notice and
 * in the diagnostics: Meum's code without the plugin's `meum_api_` prefix,
 * else the REST code.
 *
 * @param code A REST code (`meum_api_SITE_ALREADY_CONNECTED`, `meum_timeout`)
 *             or Meum's code (`SITE_ALREADY_CONNECTED`).
 * @return The code, e.g. `SITE_ALREADY_CONNECTED` or `meum_timeout`.
 */
export const supportCode = ( code: string ): string =>
	code.replace( /^meum_api_/, '' );

/**
 * The headlines of the requests that use the stored key (every request but
 * `connect`), where they differ from `HEADLINES`: the wording about a
 * connection key only fits the connect handshake.
 */
const STORED_KEY_HEADLINES: Readonly<
	Partial< Record< ErrorKind, Headline > >
> = {
	key_rejected: () =>
		__(
			"Meum did not accept this site's stored API key. It may have been revoked or replaced; connect again with a new connection key.",
			'meum-woocommerce'
		),
	rate_limited: () =>
		__(
			'Too many requests to Meum. Try again in a few minutes.',
			'meum-woocommerce'
		),
	already_connected: null,
	validation: null,
	bad_request: null,
	invalid_input: null,
};

/** The headline of each failure kind. */
const HEADLINES: Readonly< Record< ErrorKind, Headline > > = {
	no_key_material: () =>
		__(
			'This site has no encryption key outside the database, so the Meum credentials cannot be stored. Add the key to wp-config.php as described, then reload this page.',
			'meum-woocommerce'
		),
	not_connected: () =>
		__(
			'This site has no usable Meum connection. Reload the page to see the current state.',
			'meum-woocommerce'
		),
	site_changed: () =>
		__(
			"This site's address changed since it was connected to Meum. Reload the page, then choose whether this is a new site or the same site at a new address.",
			'meum-woocommerce'
		),
	key_rejected: () =>
		__(
			'Meum did not accept this connection key. Check that you copied the whole key and that it has not expired (keys are valid for 24 hours).',
			'meum-woocommerce'
		),
	key_scope: () =>
		__(
			'This key is not allowed to connect a WooCommerce store. In Meum, create a WooCommerce connection key and paste that one here.',
			'meum-woocommerce'
		),
	already_connected: ( { storeName } ) =>
		storeName
			? sprintf(
					/* translators: %1$s: the name of the Meum store this site is connected to. */
					__(
						'Meum says this site is already connected to another store: “%1$s”. To connect it to a different store, click Disconnect below first, then connect with the new key. To stay with “%1$s”, create the connection key in that store.',
						'meum-woocommerce'
					),
					storeName
				)
			: __(
					'Meum says this site is already connected to another Meum store. In that store, disconnect this site (Disconnect on its Meum settings page, or remove the integration in the Meum dashboard), then connect again; or create the connection key in that store.',
					'meum-woocommerce'
				),
	validation: () =>
		__(
			'Meum did not accept the details this site sent.',
			'meum-woocommerce'
		),
	rate_limited: () =>
		__(
			'Too many connection attempts. Try again in a few minutes.',
			'meum-woocommerce'
		),
	bad_request: () =>
		__(
			'Meum could not process the connection request.',
			'meum-woocommerce'
		),
	meum_unavailable: () =>
		__(
			'Meum is temporarily unavailable. Try again in a few minutes.',
			'meum-woocommerce'
		),
	bad_response: () =>
		__(
			"Meum's answer could not be used: it was not the connection data Meum sends. A proxy or firewall may have answered instead.",
			'meum-woocommerce'
		),
	timeout: () =>
		__(
			'Meum did not answer in time. Nothing was changed; try again later.',
			'meum-woocommerce'
		),
	unreachable: () =>
		__(
			'Your site could not reach Meum: the address could not be resolved or the connection was refused. Ask your host to allow outgoing connections to Meum.',
			'meum-woocommerce'
		),
	tls: () =>
		__(
			"A secure connection to Meum could not be established. Your server's certificate store may be outdated; ask your host.",
			'meum-woocommerce'
		),
	session_expired: () =>
		__(
			'Your session has expired. Reload the page and log in again.',
			'meum-woocommerce'
		),
	forbidden: () =>
		__(
			'You do not have permission to manage the Meum connection.',
			'meum-woocommerce'
		),
	invalid_input: () =>
		__(
			'The connection key is not valid. Check the key and try again.',
			'meum-woocommerce'
		),
	network: () =>
		__(
			'Your browser could not reach your site. Check your internet connection and try again.',
			'meum-woocommerce'
		),
	site_bad_response: () =>
		__(
			"Your site's answer could not be read; a PHP error, a security plugin or a proxy may be in the way.",
			'meum-woocommerce'
		),
	unknown: null,
};

/**
 * The translated headline for a failure kind: the stored-key wording for
 * requests other than `connect`, else the kind's headline, else the
 * request's generic headline.
 *
 * @param kind    The failure kind.
 * @param status  The route's HTTP status, for the generic headline.
 * @param action  The request that failed.
 * @param context What the page knows, e.g. the connected store's name.
 * @return The headline, and whether it is the generic one.
 */
function headlineOf(
	kind: ErrorKind,
	status: number | null,
	action: ConnectionAction,
	context: ErrorContext
): { text: string; generic: boolean } {
	const headline =
		action !== 'connect' && kind in STORED_KEY_HEADLINES
			? STORED_KEY_HEADLINES[ kind ]
			: HEADLINES[ kind ];
	return headline
		? { text: headline( context ), generic: false }
		: { text: genericHeadline( action, status ), generic: true };
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
 * @param error   The rejection value.
 * @param action  The request that failed, for the wording of the headline;
 *                `connect` by default.
 * @param context What the page knows, e.g. the connected store's name.
 * @return The kind, a translated headline, the server's message when it
 *         adds to the headline (else `''`), the code for support
 *         (`supportCode()`), the message for
 *         the key field (from `details.connection_key`, `details.key` or
 *         `data.params.connection_key`), the other fields' messages, and
 *         whether "Forget locally" is offered (`data.can_forget`).
 */
export function describeError(
	error: unknown,
	action: ConnectionAction = 'connect',
	context: ErrorContext = { storeName: null }
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
	const headline = headlineOf(
		kind,
		numberOrNull( data.status ),
		action,
		context
	);
	const message =
		headline.generic || KINDS_WITH_SERVER_MESSAGE.has( kind )
			? ( stringOrNull( error.message ) ?? '' )
			: '';

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
		headline: headline.text,
		message: message === headline.text ? '' : message,
		code: supportCode( stringOrNull( data.meum_code ) ?? code ),
		keyError,
		fieldErrors,
		canForget: data.can_forget === true,
	};
}
