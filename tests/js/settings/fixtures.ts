/**
 * Internal dependencies
 */
import type {
	ConnectionState,
	MeumWcSettings,
	RestError,
	RestErrorData,
	RestRoutes,
	WebhookHealth,
	WebhookTestResult,
} from '../../../src/settings/types';

export const KEY_HELP_URL =
	'https://docs.meum.io/api-reference/integrations/connect-woocommerce';

/** The webhook health before any delivery (and when nothing is known). */
export const noWebhooks: WebhookHealth = {
	monitoring_since: null,
	server_time: null,
	last_accepted: null,
	last_refused: null,
	counts: { accepted: 0, duplicate: 0, refused: {} },
	self_test_counts: { accepted: 0, duplicate: 0, refused: {} },
	refusal_after_acceptance: false,
	clock_skew_suspected: false,
};

/** A state as `GET /meum/v1/connection` returns it before any connect. */
export const notConnected: ConnectionState = {
	connected: false,
	reconnect_required: false,
	status: null,
	store_id: null,
	store_name: null,
	integration_id: null,
	integration_public_id: null,
	installation_id: null,
	site_url: null,
	webhook_url: null,
	webhook_id: null,
	checkout_base_url: null,
	masked_api_key: null,
	payout_configured: null,
	warning: null,
	credentials_rotated: false,
	connected_at: null,
	environment: {
		home_url: 'https://shop.example.com',
		webhook_url: 'https://shop.example.com/wp-json/meum/v1/webhook',
		home_url_is_https: true,
		woocommerce_active: true,
	},
	reconnect_reason: null,
	health_status: null,
	issues: [],
	webhook_health: null,
	status_checked_at: null,
	site_change: null,
	encryption: { available: true, source: 'constant', wp_config_line: null },
	last_handshake: null,
	webhooks: noWebhooks,
};

/** A healthy connection. */
export const connected: ConnectionState = {
	...notConnected,
	connected: true,
	status: 'ACTIVE',
	store_id: '7d0c2f9e-store',
	store_name: 'Demo Store',
	integration_id: '5b9e11aa-integration',
	integration_public_id: 'int_public_1',
	installation_id: 'inst_abc123',
	site_url: 'https://shop.example.com',
	webhook_url: 'https://shop.example.com/wp-json/meum/v1/webhook',
	webhook_id: '0a4c-webhook',
	checkout_base_url: 'https://pay.meum.io',
	masked_api_key: 'sk_live_…a1B2',
	payout_configured: true,
	warning: null,
	credentials_rotated: false,
	connected_at: '2026-11-29T11:20:00Z',
	health_status: 'HEALTHY',
	webhook_health: 'HEALTHY',
	last_handshake: {
		result: 'success',
		at: '2026-11-29T11:20:00Z',
		code: null,
		message: null,
	},
	webhooks: {
		monitoring_since: '2026-11-29T11:20:00Z',
		server_time: '2026-11-29T12:00:00Z',
		last_accepted: {
			at: '2026-11-29T11:45:00Z',
			event_type: 'invoice.paid',
		},
		last_refused: {
			at: '2026-11-29T11:30:00Z',
			reason: 'invalid_signature',
		},
		counts: {
			accepted: 3,
			duplicate: 1,
			refused: { invalid_signature: 2 },
		},
		self_test_counts: { accepted: 1, duplicate: 0, refused: {} },
		refusal_after_acceptance: false,
		clock_skew_suspected: false,
	},
};

/** `connected` before any delivery arrived. */
export const noDeliveries: ConnectionState = {
	...connected,
	webhooks: {
		...noWebhooks,
		monitoring_since: '2026-11-29T11:20:00Z',
		server_time: '2026-11-29T12:00:00Z',
	},
};

/**
 * `connected` after Meum's latest deliveries were refused for their
 * timestamp, after earlier ones were accepted.
 */
export const clockSkew: ConnectionState = {
	...connected,
	webhooks: {
		...connected.webhooks,
		server_time: '2026-11-29T12:00:00Z',
		last_refused: { at: '2026-11-29T11:55:00Z', reason: 'stale_timestamp' },
		counts: {
			accepted: 3,
			duplicate: 1,
			refused: {
				stale_timestamp: 4,
				invalid_signature: 2,
				gremlins: 1,
			},
		},
		refusal_after_acceptance: true,
		clock_skew_suspected: true,
	},
};

/**
 * Builds the answer of `POST /meum/v1/webhook/test`.
 *
 * @param details The result and its details.
 * @param state   The refreshed state.
 * @return The answer.
 */
export const webhookTestResult = (
	details: Partial< WebhookTestResult > & Pick< WebhookTestResult, 'result' >,
	state: ConnectionState = connected
): WebhookTestResult => ( {
	url: 'https://shop.example.com/wp-json/meum/v1/webhook',
	http_status: null,
	reason: null,
	location: null,
	excerpt: null,
	message: null,
	state,
	...details,
} );

/** `connected` after a successful status refresh. */
export const refreshed: ConnectionState = {
	...connected,
	health_status: 'DEGRADED',
	webhook_health: 'FAILING',
	issues: [ 'Webhook deliveries are failing.' ],
	status_checked_at: '2026-11-30T09:15:00Z',
};

/** `connected` after a refresh to which Meum answered 401. */
export const revoked: ConnectionState = {
	...connected,
	reconnect_required: true,
	reconnect_reason: 'revoked',
};

/** A connection whose site address changed, e.g. on a staging copy. */
export const siteChanged: ConnectionState = {
	...connected,
	site_change: {
		kind: 'site',
		connected_site_url: 'https://shop.example.com',
		current_site_url: 'https://staging.example.com',
		connected_webhook_url:
			'https://shop.example.com/wp-json/meum/v1/webhook',
		current_webhook_url:
			'https://staging.example.com/wp-json/meum/v1/webhook',
	},
	environment: {
		...connected.environment,
		home_url: 'https://staging.example.com',
		webhook_url: 'https://staging.example.com/wp-json/meum/v1/webhook',
	},
};

/** A connection whose webhook URL alone changed (permalinks set to plain). */
export const webhookChanged: ConnectionState = {
	...connected,
	site_change: {
		kind: 'webhook',
		connected_site_url: 'https://shop.example.com',
		current_site_url: 'https://shop.example.com',
		connected_webhook_url:
			'https://shop.example.com/wp-json/meum/v1/webhook',
		current_webhook_url:
			'https://shop.example.com/?rest_route=/meum/v1/webhook',
	},
	environment: {
		...connected.environment,
		webhook_url: 'https://shop.example.com/?rest_route=/meum/v1/webhook',
	},
};

/** The line the server asks to add when there is no key material. */
export const WP_CONFIG_LINE =
	"define( 'MEUM_WC_ENCRYPTION_KEY', 'q7Z1xP0vN3kR8sT2wY5bC9dF4gH6jK1m' );";

/** A site without encryption key material outside the database. */
export const noEncryption: ConnectionState = {
	...notConnected,
	encryption: {
		available: false,
		source: null,
		wp_config_line: WP_CONFIG_LINE,
	},
};

/** The connection after a reconnect that re-issued the credentials. */
export const reconnected: ConnectionState = {
	...connected,
	store_name: 'Renamed Store',
	installation_id: 'inst_new456',
	masked_api_key: 'sk_live_…Z9y8',
	credentials_rotated: true,
	connected_at: '2026-11-30T08:05:00Z',
};

/** The REST routes the PHP page prints (`Rest\\Routes::for_app()`). */
export const ROUTES: RestRoutes = {
	connection: '/meum/v1/connection',
	refresh: '/meum/v1/connection/refresh',
	forget: '/meum/v1/connection/forget',
	webhookTest: '/meum/v1/webhook/test',
	currentUser: '/wp/v2/users/me',
};

/** Routes a filter or another install could print instead. */
export const CUSTOM_ROUTES: RestRoutes = {
	connection: '/custom/v2/link',
	refresh: '/custom/v2/link/check',
	forget: '/custom/v2/link/drop',
	webhookTest: '/custom/v2/hook/try',
	currentUser: '/custom/users/me',
};

/**
 * Builds the page settings for a state.
 *
 * @param initialState The preloaded state.
 * @return The settings global.
 */
export const settingsFor = (
	initialState: ConnectionState
): MeumWcSettings => ( {
	initialState,
	routes: ROUTES,
	keyHelpUrl: KEY_HELP_URL,
	payments: null,
	dismissedRotation: null,
} );

/**
 * Builds a REST error as the plugin's route sends it.
 *
 * @param code    The REST code.
 * @param message The message.
 * @param data    The error data.
 * @return The error.
 */
export const restError = (
	code: string,
	message: string,
	data: RestErrorData
): RestError => ( {
	code,
	message,
	data: { upstream_status: null, meum_code: null, details: {}, ...data },
} );

/**
 * A promise with its resolve and reject functions, to hold a request open.
 *
 * @return The promise and its settlers.
 */
export function deferred< T >() {
	let resolve: ( value: T ) => void = () => {};
	let reject: ( reason: unknown ) => void = () => {};
	const promise = new Promise< T >( ( res, rej ) => {
		resolve = res;
		reject = rej;
	} );
	return { promise, resolve, reject };
}
