/**
 * `POST /v1/integration/woocommerce/disconnect` and `GET /v1/integration/woocommerce/status`, as
 * meum-api.md Part A §A3 and Part B §3.11 describe them. Both take the dedicated `api_key`.
 */
import { parseBearer } from './connect';
import { ERRORS } from '../core/errors';
import { sendJson, type RequestContext } from '../core/http';
import { NO_PAYOUT_WARNING } from '../core/scenarios';
import type { Integration, SandboxState } from '../core/state';

/** `issues` entry reported while the store has no payout wallet (unless overridden). */
export const NO_PAYOUT_ISSUE = 'Payout wallet not configured';

/** Number of leading `api_key` characters reported as `credential_prefix`. */
export const CREDENTIAL_PREFIX_LENGTH = 12;

/** `pending_connection_key` as documented (the sandbox never has one pending). */
export interface PendingConnectionKey {
	key_prefix: string;
	expires_at: string;
}

/** Success body of the status endpoint (`WooStatusResponse` plus payout readiness). */
export interface WooStatusResponse {
	status: 'CONNECTED';
	connection_status: 'CONNECTED';
	health_status: string;
	issues: string[];
	integration_id: string;
	integration_public_id: string;
	site_url: string;
	plugin_version: string | null;
	wordpress_version: string | null;
	woocommerce_version: string | null;
	credential_status: 'ACTIVE';
	credential_prefix: string;
	webhook_health: string;
	webhook_url: string;
	last_seen_at: string;
	pending_connection_key: PendingConnectionKey | null;
	connected: true;
	payout_configured: boolean;
	warning?: string;
}

/**
 * Builds the status body for an integration.
 * @param integration the integration that owns the key
 * @param now         the time reported as `last_seen_at`
 * @return the body; `issues` derived from the payout state unless overridden, `warning` only
 *   without a payout wallet
 */
export function statusBody(
	integration: Integration,
	now: Date = new Date()
): WooStatusResponse {
	const issues =
		integration.issues ??
		( integration.payoutConfigured ? [] : [ NO_PAYOUT_ISSUE ] );
	const body: WooStatusResponse = {
		status: 'CONNECTED',
		connection_status: 'CONNECTED',
		health_status: integration.healthStatus,
		issues: [ ...issues ],
		integration_id: integration.integrationId,
		integration_public_id: integration.integrationPublicId,
		site_url: integration.siteUrl,
		plugin_version: integration.pluginVersion,
		wordpress_version: integration.wordpressVersion,
		woocommerce_version: integration.woocommerceVersion,
		credential_status: 'ACTIVE',
		credential_prefix: integration.apiKey.slice(
			0,
			CREDENTIAL_PREFIX_LENGTH
		),
		webhook_health: integration.webhookHealth,
		webhook_url: integration.webhookUrl,
		last_seen_at: now.toISOString(),
		pending_connection_key: null,
		connected: true,
		payout_configured: integration.payoutConfigured,
	};
	if ( ! integration.payoutConfigured ) {
		body.warning = NO_PAYOUT_WARNING;
	}
	return body;
}

/**
 * Checks the dedicated key of a disconnect/status request and answers the auth errors:
 * 401 `UNAUTHORIZED` (missing/malformed header), 401 `INVALID_API_KEY` (unknown, rotated-away or
 * revoked key), 404 `INTEGRATION_NOT_FOUND` (key of a disconnected integration).
 * @param ctx   the request context
 * @param state the instance's state
 * @return the bearer token and its integration, or null when an error was sent
 */
export function authenticate(
	ctx: RequestContext,
	state: SandboxState
): { token: string; integration: Integration } | null {
	const token = parseBearer( ctx.req.headers.authorization );
	if ( token === null ) {
		sendJson( ctx, 401, ERRORS.missingAuth() );
		return null;
	}
	const found = state.lookupDedicatedKey( token );
	switch ( found.kind ) {
		case 'valid':
			return { token, integration: found.integration };
		case 'disconnected':
			sendJson( ctx, 404, ERRORS.integrationNotFound() );
			return null;
		case 'invalid':
			sendJson( ctx, 401, ERRORS.invalidKey() );
			return null;
	}
}

/**
 * Handles one disconnect request (any body is ignored): removes the key's integration.
 * @param ctx   the request context
 * @param state the instance's state
 */
export function handleDisconnect(
	ctx: RequestContext,
	state: SandboxState
): void {
	const auth = authenticate( ctx, state );
	if ( auth === null ) {
		return;
	}
	state.disconnect( auth.token );
	sendJson( ctx, 200, { disconnected: true } );
}

/**
 * Handles one status request: reports the key's integration.
 * @param ctx   the request context
 * @param state the instance's state
 */
export function handleStatus( ctx: RequestContext, state: SandboxState ): void {
	const auth = authenticate( ctx, state );
	if ( auth === null ) {
		return;
	}
	sendJson( ctx, 200, statusBody( auth.integration ) );
}
