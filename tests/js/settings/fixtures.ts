/**
 * External dependencies
 */
import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * Internal dependencies
 */
import { normalizeState } from '../../../src/settings/api';
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

/**
 * Reads a connection state that the PHPUnit run recorded from a real answer of
 * `GET /meum/v1/connection` (tests/php/WooCommerce/Connection_Fixtures_Test.php
 * writes `fixtures/state-<name>.json` and fails when one is stale), decoded as
 * the settings page decodes it.
 *
 * @param name The state's name.
 * @return The decoded state.
 */
function recorded( name: string ): ConnectionState {
	const file = join( __dirname, 'fixtures', `state-${ name }.json` );
	const state = normalizeState( JSON.parse( readFileSync( file, 'utf8' ) ) );
	if ( ! state ) {
		throw new Error( `${ file } is not a connection state` );
	}
	return state;
}

/** A state as `GET /meum/v1/connection` returns it before any connect. */
export const notConnected: ConnectionState = recorded( 'not-connected' );

/** The connection right after the handshake, before any status refresh. */
export const justConnected: ConnectionState = recorded( 'just-connected' );

/**
 * A healthy connection once its status was refreshed, with deliveries
 * accepted and refused.
 */
export const connected: ConnectionState = recorded( 'connected' );

/** `connected` before any delivery arrived. */
export const noDeliveries: ConnectionState = recorded( 'no-deliveries' );

/**
 * `connected` after Meum's latest deliveries were refused for their
 * timestamp, after earlier ones were accepted.
 */
export const clockSkew: ConnectionState = recorded( 'clock-skew' );

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
export const refreshed: ConnectionState = recorded( 'refreshed' );

/** `connected` after a refresh to which Meum answered 401. */
export const revoked: ConnectionState = recorded( 'revoked' );

/** A connection whose site address changed, e.g. on a staging copy. */
export const siteChanged: ConnectionState = recorded( 'site-changed' );

/** A connection whose webhook URL alone changed (permalinks set to plain). */
export const webhookChanged: ConnectionState = recorded( 'webhook-changed' );

/** A site without encryption key material outside the database. */
export const noEncryption: ConnectionState = recorded( 'no-encryption' );

/** The line the server asks to add when there is no key material. */
export const WP_CONFIG_LINE = noEncryption.encryption.wp_config_line as string;

/** The connection after a reconnect that re-issued the credentials. */
export const reconnected: ConnectionState = recorded( 'reconnected' );

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
