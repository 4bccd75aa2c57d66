/**
 * The page's requests to the plugin's REST routes. Each goes through
 * `request()`, the one helper that calls api-fetch and decodes the answer.
 * The paths come from the PHP page (`MeumWcSettings.routes`).
 */

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import type {
	ConnectionState,
	PaymentFlag,
	RestRoutes,
	WebhookTestResult,
} from '../types';
import {
	isRecord,
	normalizeState,
	normalizeWebhookTestResult,
	readFlags,
} from './decode';

/** The code the requests reject with when a 200 answer cannot be decoded. */
export const INVALID_STATE_CODE = 'meum_wc_invalid_state';

/**
 * Sends one request to a plugin route and decodes its answer.
 *
 * `@wordpress/api-fetch` adds the nonce and the REST root.
 *
 * @param path   The route's path, from `MeumWcSettings.routes`.
 * @param method The HTTP method.
 * @param decode The decoder of the answer; `null` means "not usable".
 * @param data   The JSON body, if any.
 * @return The decoded answer. Rejects with the REST error
 *         (`{ code, message, data }`), api-fetch's `fetch_error` /
 *         `invalid_json`, or `INVALID_STATE_CODE` when the answer does not
 *         decode.
 */
async function request< T >(
	path: string,
	method: 'POST' | 'DELETE',
	decode: ( value: unknown ) => T | null,
	data?: Record< string, unknown >
): Promise< T > {
	const response: unknown = await apiFetch(
		data ? { path, method, data } : { path, method }
	);
	const decoded = decode( response );
	if ( decoded === null ) {
		throw {
			code: INVALID_STATE_CODE,
			message: '',
			data: { status: 200 },
		};
	}
	return decoded;
}

/**
 * Performs the Meum connect handshake (`POST routes.connection` with
 * `{ connection_key }`, docs/rest-api.md); the key is used for this one
 * request and not kept.
 *
 * @param connectionKey The merchant's `sk_live_…` connection key.
 * @param routes        The routes printed by the PHP page.
 * @return The new connection state. Rejects like `request()`.
 */
export const connect = (
	connectionKey: string,
	routes: RestRoutes
): Promise< ConnectionState > =>
	request( routes.connection, 'POST', normalizeState, {
		connection_key: connectionKey,
	} );

/**
 * Asks Meum for the connection's status with the stored key
 * (`POST routes.refresh`).
 *
 * A key Meum no longer accepts is not a failure: the state comes back with
 * `reconnect_required` and `reconnect_reason: "revoked"`.
 *
 * @param routes The routes printed by the PHP page.
 * @return The updated connection state. Rejects like `request()`; nothing
 *         stored changes then.
 */
export const refreshStatus = (
	routes: RestRoutes
): Promise< ConnectionState > =>
	request( routes.refresh, 'POST', normalizeState );

/**
 * Disconnects the store at Meum and deletes the stored credentials
 * (`DELETE routes.connection`).
 *
 * @param routes The routes printed by the PHP page.
 * @return The new (not connected) state. Rejects like `request()`; when
 *         Meum could not be told, the error's `data.can_forget` is true.
 */
export const disconnect = ( routes: RestRoutes ): Promise< ConnectionState > =>
	request( routes.connection, 'DELETE', normalizeState );

/**
 * Deletes the stored connection without telling Meum
 * (`POST routes.forget`): after a failed disconnect, or on a copy of the site.
 *
 * @param routes The routes printed by the PHP page.
 * @return The new (not connected) state. Rejects like `request()`.
 */
export const forgetLocally = (
	routes: RestRoutes
): Promise< ConnectionState > =>
	request( routes.forget, 'POST', normalizeState );

/**
 * Sends a signed test delivery to the site's own webhook URL
 * (`POST routes.webhookTest`) and reports what came back.
 *
 * @param routes The routes printed by the PHP page.
 * @return The result, whose `state` replaces the current state. Rejects
 *         like `request()` (e.g. `409 meum_not_connected`).
 */
export const testWebhookDelivery = (
	routes: RestRoutes
): Promise< WebhookTestResult > =>
	request( routes.webhookTest, 'POST', normalizeWebhookTestResult );

/**
 * The time of a credential re-issue as the dismissal stores it.
 *
 * @param connectedAt The state's `connected_at` (UTC, ISO 8601).
 * @return Unix seconds, or `null` when the value is not a date.
 */
export const rotationTime = ( connectedAt: string | null ): number | null => {
	const time = connectedAt ? Date.parse( connectedAt ) : NaN;
	return Number.isNaN( time ) ? null : Math.floor( time / 1000 );
};

/**
 * Remembers, for the current user, that they dismissed the notice about the
 * credential re-issue at `time` (`POST routes.currentUser` with the user
 * meta `meum_wc_dismissed_rotation`; core checks the nonce and the user, the
 * plugin the management capability).
 *
 * @param time   The re-issue's time, from `rotationTime()`.
 * @param routes The routes printed by the PHP page.
 * @return Resolves when stored. Rejects like `request()`.
 */
export const dismissRotation = (
	time: number,
	routes: RestRoutes
): Promise< true > =>
	request( routes.currentUser, 'POST', () => true as const, {
		meta: { meum_wc_dismissed_rotation: time },
	} );

/**
 * Dismisses a flagged payment (`DELETE {flagsPath}/{id}`); the order's note
 * stays.
 *
 * @param flagsPath The route's path, from `payments.flagsPath`.
 * @param id        The flag's id.
 * @return The flags that remain. Rejects like `request()`.
 */
export const dismissFlag = (
	flagsPath: string,
	id: string
): Promise< PaymentFlag[] > =>
	request(
		`${ flagsPath }/${ encodeURIComponent( id ) }`,
		'DELETE',
		( value ) => ( isRecord( value ) ? readFlags( value.flags ) : null )
	);
