/**
 * Internal dependencies
 */
import type {
	ConnectionState,
	MeumWcSettings,
	RestError,
	RestErrorData,
} from '../../../src/settings/types';

export const KEY_HELP_URL =
	'https://docs.meum.io/api-reference/integrations/connect-woocommerce';

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
	restPath: '/meum/v1/connection',
	keyHelpUrl: KEY_HELP_URL,
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
