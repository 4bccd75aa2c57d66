/**
 * Defensive decoders of what the server sends: the connection state, a test
 * delivery's result, and the settings the PHP page prints. Missing or
 * mistyped members become `null`, `0`, `false` or `[]`; nothing here throws.
 */

/**
 * Internal dependencies
 */
import type {
	ConnectionState,
	LastHandshake,
	MeumWcSettings,
	PaymentFlag,
	PaymentsState,
	ReconnectReason,
	RestRoutes,
	SiteChange,
	WebhookCounts,
	WebhookHealth,
	WebhookRefusalReason,
	WebhookTestOutcome,
	WebhookTestResult,
} from '../types';

/** Meum's page on creating a WooCommerce connection key. */
export const DEFAULT_KEY_HELP_URL =
	'https://docs.meum.io/api-reference/integrations/connect-woocommerce';

export type UnknownRecord = Record< string, unknown >;

export const isRecord = ( value: unknown ): value is UnknownRecord =>
	typeof value === 'object' && value !== null && ! Array.isArray( value );

export const stringOrNull = ( value: unknown ): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

export const numberOrNull = ( value: unknown ): number | null =>
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
	const connectedSite = stringOrNull( value.connected_site_url );
	const currentSite = stringOrNull( value.current_site_url );
	// An answer without `kind` (an older server) is a site change when the
	// site URL differs, or is not known to be the same.
	const sameSite = connectedSite !== null && connectedSite === currentSite;
	return {
		kind:
			oneOf( value.kind, [ 'site', 'webhook' ] as const ) ??
			( sameSite ? 'webhook' : 'site' ),
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
export const toText = ( value: unknown ): string | null => {
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
 * missing webhook facts become `null`, `0` or `false`, and a missing or
 * mistyped `orders_waiting` becomes `0`.
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
		orders_waiting:
			typeof value.orders_waiting === 'number' &&
			Number.isInteger( value.orders_waiting ) &&
			value.orders_waiting > 0
				? value.orders_waiting
				: 0,
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
 * Reads the REST routes the PHP page prints (`routes`), the one place where
 * the plugin's REST paths are spelled (`Meum\WooCommerce\Rest\Routes`).
 *
 * @param value The `routes` member's value.
 * @return The routes, or `null` when one of them is missing.
 */
export function readRoutes( value: unknown ): RestRoutes | null {
	if ( ! isRecord( value ) ) {
		return null;
	}
	const connection = stringOrNull( value.connection );
	const refresh = stringOrNull( value.refresh );
	const forget = stringOrNull( value.forget );
	const webhookTest = stringOrNull( value.webhookTest );
	const currentUser = stringOrNull( value.currentUser );
	if (
		! connection ||
		! refresh ||
		! forget ||
		! webhookTest ||
		! currentUser
	) {
		return null;
	}
	return { connection, refresh, forget, webhookTest, currentUser };
}

/**
 * Reads the flagged payments (`payments.flags`, or the dismiss route's
 * `flags`), dropping items without an id or a message.
 *
 * @param value The list.
 * @return The flags.
 */
export function readFlags( value: unknown ): PaymentFlag[] {
	if ( ! Array.isArray( value ) ) {
		return [];
	}
	return value.flatMap( ( item: unknown ): PaymentFlag[] => {
		if ( ! isRecord( item ) ) {
			return [];
		}
		const id = stringOrNull( item.id );
		const message = stringOrNull( item.message );
		if ( ! id || ! message ) {
			return [];
		}
		return [
			{
				id,
				orderId: numberOrNull( item.orderId ) ?? 0,
				orderUrl: stringOrNull( item.orderUrl ),
				kind: stringOrNull( item.kind ) ?? '',
				message,
				at: stringOrNull( item.at ),
			},
		];
	} );
}

/**
 * Reads the payment gateway's state (`payments`), which the PHP page prints
 * when WooCommerce is active.
 *
 * @param value The `payments` member's value.
 * @return The state, or `null` when absent or not an object.
 */
export function readPayments( value: unknown ): PaymentsState | null {
	if ( ! isRecord( value ) ) {
		return null;
	}
	return {
		enabled: value.enabled === true,
		available: value.available === true,
		reason: stringOrNull( value.reason ),
		flags: readFlags( value.flags ),
		flagsPath: stringOrNull( value.flagsPath ),
		reconciled: Math.max( 0, numberOrNull( value.reconciled ) ?? 0 ),
	};
}

/**
 * Reads the global the PHP page prints (`window.meumWcSettings`).
 *
 * @param value The global's value.
 * @return The settings, with the default help URL filled in, or `null` when
 *         there is no usable `initialState` or a route is missing.
 */
export function readSettings( value: unknown ): MeumWcSettings | null {
	if ( ! isRecord( value ) ) {
		return null;
	}
	const initialState = normalizeState( value.initialState );
	const routes = readRoutes( value.routes );
	if ( ! initialState || ! routes ) {
		return null;
	}
	return {
		initialState,
		routes,
		keyHelpUrl: stringOrNull( value.keyHelpUrl ) ?? DEFAULT_KEY_HELP_URL,
		payments: readPayments( value.payments ),
		dismissedRotation: numberOrNull( value.dismissedRotation ),
	};
}
