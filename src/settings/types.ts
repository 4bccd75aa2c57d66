/**
 * Types shared by the Meum settings page.
 *
 * The shapes follow the plugin's REST contract (docs/rest-api.md): the
 * connection state returned by every connection route (including the
 * "Connection lifecycle" and "Webhooks" fields), the result of a test
 * delivery, and the WordPress REST error shape used for every failure.
 */

/**
 * What the site would send to Meum on the next handshake, and the checks the
 * page warns about.
 */
export interface Environment {
	/** The site's public home URL (`home_url()`), sent as `site_url`. */
	home_url: string;
	/** The REST URL Meum delivers webhooks to, sent as `webhook_url`. */
	webhook_url: string;
	/** Whether `home_url` uses https; the page warns when it does not. */
	home_url_is_https: boolean;
	/** Whether WooCommerce is active; payments need it. */
	woocommerce_active: boolean;
}

/**
 * Why a stored connection cannot be used (`reconnect_required`):
 * half-written data, data that cannot be decrypted, or a key Meum revoked.
 */
export type ReconnectReason = 'inconsistent' | 'undecryptable' | 'revoked';

/**
 * The addresses registered with Meum at connect and the site's addresses
 * now, set while they differ. No outbound call uses the stored key then.
 */
export interface SiteChange {
	/**
	 * `site`: the site URL changed (the merchant chooses new site or same
	 * site); `webhook`: only the webhook URL changed (a reconnect registers
	 * it).
	 */
	kind: 'site' | 'webhook';
	/** The site URL registered with Meum at connect. */
	connected_site_url: string | null;
	/** The site URL the site would send now. */
	current_site_url: string | null;
	/** The webhook URL registered with Meum at connect. */
	connected_webhook_url: string | null;
	/** The webhook URL the site would send now. */
	current_webhook_url: string | null;
}

/**
 * Where the key that encrypts the stored credentials comes from.
 */
export interface Encryption {
	/** Key material exists outside the database; connecting is possible. */
	available: boolean;
	/** `constant` (`MEUM_WC_ENCRYPTION_KEY`), `salts` (wp-config.php salts). */
	source: 'constant' | 'salts' | null;
	/** When unavailable: the exact line to add to wp-config.php. */
	wp_config_line: string | null;
}

/**
 * The outcome of the latest connect handshake, for support.
 */
export interface LastHandshake {
	/** Whether the handshake succeeded. */
	result: 'success' | 'failure';
	/** When it ran (UTC, ISO 8601), or `null`. */
	at: string | null;
	/** The error code of a failure (`meum_api_…`), or `null`. */
	code: string | null;
	/** The error message of a failure, or `null`. */
	message: string | null;
}

/**
 * Why the site's webhook receiver refused a delivery, in the order the
 * receiver checks (docs/rest-api.md, "Webhooks"). The server may send
 * reasons this list does not know; they are kept as plain strings.
 */
export type WebhookRefusalReason =
	| 'no_secret'
	| 'missing_headers'
	| 'invalid_timestamp'
	| 'stale_timestamp'
	| 'integration_mismatch'
	| 'invalid_signature'
	| 'body_too_large'
	| 'invalid_json'
	| 'event_id_mismatch'
	| 'handler_failed';

/**
 * The latest delivery the webhook receiver accepted.
 */
export interface AcceptedDelivery {
	/** When it arrived (UTC, ISO 8601), or `null`. */
	at: string | null;
	/** Its event type, e.g. `invoice.paid`, or `null`. */
	event_type: string | null;
}

/**
 * The latest delivery the webhook receiver refused.
 */
export interface RefusedDelivery {
	/** When it arrived (UTC, ISO 8601), or `null`. */
	at: string | null;
	/** Why it was refused: a `WebhookRefusalReason` or an unknown string. */
	reason: string | null;
}

/**
 * How many deliveries the webhook receiver answered, by outcome.
 */
export interface WebhookCounts {
	/** Deliveries accepted and processed. */
	accepted: number;
	/** Repeated event ids, answered as received without processing. */
	duplicate: number;
	/** Refused deliveries by reason (a `WebhookRefusalReason` or unknown). */
	refused: Record< string, number >;
}

/**
 * What the site's webhook receiver saw since the current handshake (the
 * `webhooks` member of the connection state).
 */
export interface WebhookHealth {
	/** The time of the current handshake (UTC, ISO 8601), or `null`. */
	monitoring_since: string | null;
	/** The server's clock when the state was read (UTC, ISO 8601). */
	server_time: string | null;
	/** The latest accepted delivery from Meum, or `null` when none. */
	last_accepted: AcceptedDelivery | null;
	/** The latest refused delivery, or `null` when none. */
	last_refused: RefusedDelivery | null;
	/** Deliveries from Meum. */
	counts: WebhookCounts;
	/** The site's own test deliveries, counted apart from Meum's. */
	self_test_counts: WebhookCounts;
	/** The latest refusal is newer than the latest acceptance. */
	refusal_after_acceptance: boolean;
	/** The latest refusal is `stale_timestamp`: the clock may be off. */
	clock_skew_suspected: boolean;
}

/**
 * What a test delivery to the site's own webhook URL came to:
 * accepted, refused by the receiver, redirected, blocked in front of
 * WordPress, not reachable, or timed out.
 */
export type WebhookTestOutcome =
	| 'accepted'
	| 'refused'
	| 'redirected'
	| 'blocked'
	| 'unreachable'
	| 'timeout';

/**
 * The answer of `POST /meum/v1/webhook/test`.
 */
export interface WebhookTestResult {
	/** What the test delivery came to. */
	result: WebhookTestOutcome;
	/** The webhook URL the delivery was sent to, or `null`. */
	url: string | null;
	/** The HTTP status that came back, or `null`. */
	http_status: number | null;
	/** For `refused`: the receiver's reason, or `null`. */
	reason: string | null;
	/** For `redirected`: where the URL redirects to, or `null`. */
	location: string | null;
	/** For `blocked`: status text and the start of the body, or `null`. */
	excerpt: string | null;
	/** The server's sentence for the merchant, or `null`. */
	message: string | null;
	/** The refreshed connection state. */
	state: ConnectionState;
}

/**
 * The connection state, exactly as `GET /meum/v1/connection` returns it.
 * It never contains a secret. The string fields are `null` when the site is
 * not connected or Meum did not send the value.
 */
export interface ConnectionState {
	/** A complete, consistent connection is stored. */
	connected: boolean;
	/** The stored data is unusable (e.g. half-written); connect again. */
	reconnect_required: boolean;
	/** Meum's status string for the integration, e.g. `ACTIVE`. */
	status: string | null;
	/** Meum's id of the store this site is connected to. */
	store_id: string | null;
	/** The store's name in Meum. */
	store_name: string | null;
	/** Meum's id of the WooCommerce integration. */
	integration_id: string | null;
	/** The integration's public id (`int_…`), when Meum sent one. */
	integration_public_id: string | null;
	/** Meum's id of this installation (`inst_…`). */
	installation_id: string | null;
	/** The site URL registered with Meum at connect time. */
	site_url: string | null;
	/** The webhook URL registered with Meum at connect time. */
	webhook_url: string | null;
	/** Meum's id of the webhook endpoint. */
	webhook_id: string | null;
	/** The hosted checkout's base URL, e.g. `https://pay.meum.io`. */
	checkout_base_url: string | null;
	/** The stored API key, masked: key prefix and the last 4 characters. */
	masked_api_key: string | null;
	/** Whether a payout wallet is set in Meum; `null` when not connected. */
	payout_configured: boolean | null;
	/** Meum's warning text from the latest handshake, or `null`. */
	warning: string | null;
	/** The latest handshake re-issued the store's credentials. */
	credentials_rotated: boolean;
	/** Time of the latest successful handshake (UTC, ISO 8601), or `null`. */
	connected_at: string | null;
	/** What would be sent to Meum now, and the site checks. */
	environment: Environment;
	/** Why `reconnect_required` is true; `null` otherwise or when unknown. */
	reconnect_reason: ReconnectReason | null;
	/** The health from Meum's status endpoint, e.g. `HEALTHY`, or `null`. */
	health_status: string | null;
	/** Things needing the merchant's action, from Meum's status endpoint. */
	issues: string[];
	/** The webhook's health from Meum's status endpoint, or `null`. */
	webhook_health: string | null;
	/** Time of the last successful status refresh (UTC, ISO 8601). */
	status_checked_at: string | null;
	/** Set while the site's address differs from the connected one. */
	site_change: SiteChange | null;
	/** Whether the credentials can be encrypted, and how. */
	encryption: Encryption;
	/** The outcome of the latest handshake, or `null` when none ran. */
	last_handshake: LastHandshake | null;
	/** What the webhook receiver saw; null and zero values when unknown. */
	webhooks: WebhookHealth;
	/**
	 * Orders waiting for Meum: orders with an invoice whose last known status
	 * is open (0 without WooCommerce). Disconnecting or forgetting the
	 * connection stops their payments from updating them.
	 */
	orders_waiting: number;
}

/**
 * A request the page makes: to the connection routes, or a test delivery
 * (`test_webhook`).
 */
export type ConnectionAction =
	'connect' | 'refresh' | 'disconnect' | 'forget' | 'test_webhook';

/**
 * The `data` member of a REST error from this plugin (or from WordPress core).
 */
export interface RestErrorData {
	/** The HTTP status of the plugin's route. */
	status?: number;
	/** Meum's HTTP status, or `null` when Meum was not reached. */
	upstream_status?: number | null;
	/** Meum's error code, or `null`. */
	meum_code?: string | null;
	/** Meum's field → message map (PHP may encode an empty map as `[]`). */
	details?: Record< string, unknown > | unknown[] | null;
	/**
	 * Core's input validation: field → message (`rest_invalid_param`) or a
	 * list of missing field names (`rest_missing_callback_param`).
	 */
	params?: Record< string, unknown > | string[];
	/** A failed disconnect: the connection can be forgotten locally. */
	can_forget?: boolean;
}

/**
 * The WordPress REST error shape that `@wordpress/api-fetch` rejects with.
 * Non-REST failures use the same shape with `code` `fetch_error` (network)
 * or `invalid_json` (a response that is not JSON) and no `data`.
 */
export interface RestError {
	/** `meum_api_<Meum code>`, `meum_<reason>`, or a WordPress core code. */
	code: string;
	/** A human-readable message (Meum's message for upstream failures). */
	message: string;
	/** Status and details; absent for non-REST failures. */
	data?: RestErrorData | null;
}

/**
 * The kinds of failure the page tells apart, each with its own headline.
 */
export type ErrorKind =
	| 'key_rejected'
	| 'key_scope'
	| 'already_connected'
	| 'validation'
	| 'rate_limited'
	| 'bad_request'
	| 'meum_unavailable'
	| 'bad_response'
	| 'timeout'
	| 'unreachable'
	| 'tls'
	| 'session_expired'
	| 'forbidden'
	| 'invalid_input'
	| 'network'
	| 'site_bad_response'
	| 'no_key_material'
	| 'not_connected'
	| 'site_changed'
	| 'unknown';

/**
 * A message about one field that is not the connection key.
 */
export interface FieldError {
	/** The field's name as Meum sent it, e.g. `site_url`. */
	field: string;
	/** Meum's message about the field. */
	message: string;
}

/**
 * What the page shows for a failed request, derived from any rejection.
 */
export interface ErrorDescription {
	/** The failure kind. */
	kind: ErrorKind;
	/** A translated headline saying what went wrong and what to do. */
	headline: string;
	/** The server's (usually Meum's) message, or `''` when there is none. */
	message: string;
	/** The code to quote to support: Meum's code, else the REST code. */
	code: string;
	/** A message to show next to the connection key field, or `null`. */
	keyError: string | null;
	/** Messages about other fields, listed in the error notice. */
	fieldErrors: FieldError[];
	/** The server offers "Forget locally" (`data.can_forget`). */
	canForget: boolean;
}

/**
 * The payment gateway's state, for the summary's payments line and the
 * flagged payments (`Payments\Payments_Summary`); the page receives `null`
 * without WooCommerce.
 */
export interface PaymentsState {
	/** The merchant switched Meum payments on in WooCommerce › Payments. */
	enabled: boolean;
	/** Checkout offers Meum now. */
	available: boolean;
	/** Why checkout does not offer Meum (translated), or `null`. */
	reason: string | null;
	/** Payments that need the merchant, newest first. */
	flags: PaymentFlag[];
	/** The REST path below which a flag is dismissed (`DELETE {path}/{id}`). */
	flagsPath: string | null;
	/**
	 * Payments of the last 30 days that a scheduled status check found
	 * because Meum's webhook never arrived.
	 */
	reconciled: number;
}

/**
 * A payment that needs the merchant (`Payments\Flags`): paid another way,
 * paid twice, overpaid, in another currency…
 */
export interface PaymentFlag {
	/** The flag's id, for the dismiss route. */
	id: string;
	/** The order's id. */
	orderId: number;
	/** The order's edit screen, or `null`. */
	orderUrl: string | null;
	/** What happened (e.g. `overpaid`), for styling and tests. */
	kind: string;
	/** What happened and what to do, translated by the server. */
	message: string;
	/** When it was flagged (UTC ISO 8601), or `null`. */
	at: string | null;
}

/**
 * The one answer the summary gives: connected and ready, connected but
 * something needs the merchant, or not connected.
 */
export type SummaryKind = 'connected' | 'action_needed' | 'not_connected';

/**
 * One thing the merchant should do, in the order the summary lists them.
 */
export interface SummaryStep {
	/** A stable id, e.g. `payout`, for keys and tests. */
	id: string;
	/** The step in a few words, completing "Action needed: …". */
	title: string;
	/** What to do and why, or `null`. */
	detail: string | null;
	/** Items the step refers to (Meum's issues), shown as a list. */
	items: string[];
}

/**
 * What the summary at the top of the page says.
 */
export interface ConnectionSummary {
	/** The answer, shown as the page's one status badge. */
	kind: SummaryKind;
	/** The steps, the first being "the one next step"; none when ready. */
	steps: SummaryStep[];
	/**
	 * Said once under the answer without changing it: an http site may
	 * connect (local development), but payments on it are unsafe.
	 */
	warnings: SummaryStep[];
}

/**
 * The REST paths the page calls, relative to the REST root (for api-fetch's
 * `path`). PHP prints them (`Meum\WooCommerce\Rest\Routes::for_app()`);
 * the page never spells a path itself.
 */
export interface RestRoutes {
	/** `GET`/`POST`/`DELETE`: the state, connect, disconnect. */
	connection: string;
	/** `POST`: refresh the status from Meum. */
	refresh: string;
	/** `POST`: delete the stored connection without telling Meum. */
	forget: string;
	/** `POST`: send a signed test delivery to the site's webhook URL. */
	webhookTest: string;
	/** Core's `/wp/v2/users/me`, where a notice's dismissal is stored. */
	currentUser: string;
}

/**
 * The global the PHP settings page prints before the script
 * (`window.meumWcSettings`).
 */
export interface MeumWcSettings {
	/** The connection state, as `GET /meum/v1/connection` returns it. */
	initialState: ConnectionState;
	/** The REST paths of the routes the page calls, printed by PHP. */
	routes: RestRoutes;
	/** Where Meum documents how to create a connection key. */
	keyHelpUrl: string;
	/**
	 * The payment gateway's state; `null` without WooCommerce (there is no
	 * gateway then).
	 */
	payments: PaymentsState | null;
	/**
	 * The time (Unix seconds) of the credential re-issue whose notice the user
	 * dismissed, or `null` (stored per user by the PHP page).
	 */
	dismissedRotation: number | null;
}

declare global {
	interface Window {
		/** Printed by the PHP settings page; validated before use. */
		meumWcSettings?: unknown;
	}
}
