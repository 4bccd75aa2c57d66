/** `POST /v1/integration/woocommerce/connect`, as meum-api.md Part A §A1 describes it. */
import { ERRORS, UNPROCESSABLE_DETAILS } from '../core/errors';
import { sendHtml, sendJson, type RequestContext } from '../core/http';
import {
	newUuid,
	newInstallationId,
	newIntegrationPublicId,
	newWebhookSecret,
} from '../core/ids';
import { scenarioForKey, type SandboxStore } from '../core/scenarios';
import type { Integration, SandboxState } from '../core/state';
import { validateConnectRequest, type WooConnectRequest } from './validation';

/** What the connect handler needs from the server. */
export interface ConnectDeps {
	readonly state: SandboxState;
	readonly slowMs: number;
	/** Waits `ms`; resolves true when the time elapsed, false when the sandbox is shutting down. */
	readonly delay: ( ms: number ) => Promise< boolean >;
	/** Origin of the sandbox's hosted checkout, returned as `checkout_base_url`. */
	readonly checkoutBaseUrl: string;
}

/** Success body of the connect endpoint. */
export interface WooConnectSuccess {
	store_id: string;
	store_name: string;
	integration_id: string;
	integration_public_id: string;
	installation_id: string;
	site_url: string;
	webhook_url: string;
	api_key?: string;
	webhook_secret: string;
	webhook_id: string;
	status: 'ACTIVE';
	credentials_rotated: boolean;
	payout_configured: boolean;
	checkout_base_url: string;
	warning?: string;
}

const ERROR_500_HTML = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>
`;

const PROXY_HTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Network login required</title></head>
<body><h1>Sign in to continue</h1>
<p>Your network requires you to log in before you can access the internet.</p>
<form method="post" action="/login"><input name="user"><input name="password" type="password"><button>Log in</button></form>
</body></html>
`;

/**
 * Extracts the token from an `Authorization: Bearer <token>` header (scheme case-insensitive).
 * @param header the raw header value(s)
 * @return the token, or null when the header is missing or malformed
 */
export function parseBearer(
	header: string | string[] | undefined
): string | null {
	if ( typeof header !== 'string' ) {
		return null;
	}
	const match = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i.exec( header );
	return match?.[ 1 ] ?? null;
}

/**
 * Tells whether a Content-Type header names JSON (`application/json`, parameters allowed).
 * @param header the raw header value
 * @return true for `application/json`
 */
export function isJsonContentType( header: string | undefined ): boolean {
	if ( header === undefined ) {
		return false;
	}
	return (
		header.split( ';' )[ 0 ]?.trim().toLowerCase() === 'application/json'
	);
}

/**
 * Reads a request body that must be JSON sent as `application/json`; answers 400 `INVALID_JSON`
 * otherwise.
 * @param ctx the request context
 * @return `{ value }` (any JSON value), or null when the error was sent
 */
export function jsonBodyOf( ctx: RequestContext ): { value: unknown } | null {
	if ( ! isJsonContentType( ctx.req.headers[ 'content-type' ] ) ) {
		sendJson( ctx, 400, ERRORS.notJsonContentType() );
		return null;
	}
	try {
		return { value: JSON.parse( ctx.rawBody ) as unknown };
	} catch {
		sendJson( ctx, 400, ERRORS.invalidJson() );
		return null;
	}
}

/**
 * Builds the success body for a handshake.
 * @param integration        the integration after the handshake
 * @param store              the store the key belongs to (for payout state and warning)
 * @param credentialsRotated whether credentials were re-issued
 * @param checkoutBaseUrl    origin of the hosted checkout
 * @return the response body; `warning` only when the store has one
 */
export function successBody(
	integration: Integration,
	store: SandboxStore,
	credentialsRotated: boolean,
	checkoutBaseUrl: string
): WooConnectSuccess {
	const body: WooConnectSuccess = {
		store_id: store.id,
		store_name: store.name,
		integration_id: integration.integrationId,
		integration_public_id: integration.integrationPublicId,
		installation_id: integration.installationId,
		site_url: integration.siteUrl,
		webhook_url: integration.webhookUrl,
		api_key: integration.apiKey,
		webhook_secret: integration.webhookSecret,
		webhook_id: integration.webhookId,
		status: 'ACTIVE',
		credentials_rotated: credentialsRotated,
		payout_configured: store.payoutConfigured,
		checkout_base_url: checkoutBaseUrl,
	};
	if ( store.warning !== undefined ) {
		body.warning = store.warning;
	}
	return body;
}

/**
 * Handles one connect request: Authorization, key, JSON, schema, then the key's scenario.
 * @param ctx  the request context (body already read)
 * @param deps state, slow delay and the cancellable timer
 * @return a promise that settles once the reply is sent (or dropped on shutdown)
 */
export async function handleConnect(
	ctx: RequestContext,
	deps: ConnectDeps
): Promise< void > {
	const token = parseBearer( ctx.req.headers.authorization );
	if ( token === null ) {
		sendJson( ctx, 401, ERRORS.missingAuth() );
		return;
	}
	const scenario = scenarioForKey( token );
	if ( scenario === undefined ) {
		sendJson( ctx, 401, ERRORS.invalidKey() );
		return;
	}
	deps.state.rememberSecret( token );
	const parsed = jsonBodyOf( ctx );
	if ( parsed === null ) {
		return;
	}
	const validation = validateConnectRequest( parsed.value );
	if ( ! validation.ok ) {
		sendJson( ctx, 422, ERRORS.validation( validation.details ) );
		return;
	}
	const request = validation.value;

	switch ( scenario.name ) {
		case 'ready':
		case 'nopayout':
			connectToStore( ctx, deps, scenario.store, request );
			return;
		case 'slow':
			// A client that gave up (timed out) gets no handshake: like a request Meum never
			// finished, so a late handshake cannot rotate credentials behind a later test's back.
			if (
				( await deps.delay( deps.slowMs ) ) &&
				! ctx.res.destroyed &&
				! ctx.req.socket.destroyed
			) {
				connectToStore( ctx, deps, scenario.store, request );
			}
			return;
		case 'invalid':
			sendJson( ctx, 401, ERRORS.invalidKey() );
			return;
		case 'taken':
			sendJson( ctx, 409, ERRORS.siteAlreadyConnected() );
			return;
		case 'unprocessable':
			sendJson(
				ctx,
				422,
				ERRORS.validation( { ...UNPROCESSABLE_DETAILS } )
			);
			return;
		case 'scope':
			sendJson( ctx, 403, ERRORS.insufficientScope() );
			return;
		case 'ratelimited':
			sendJson( ctx, 429, ERRORS.rateLimited() );
			return;
		case 'error500':
			sendHtml( ctx, 500, ERROR_500_HTML );
			return;
		case 'proxy':
			sendHtml( ctx, 200, PROXY_HTML );
			return;
		case 'malformed':
			sendJson(
				ctx,
				200,
				malformedBody( scenario.store, request, deps.checkoutBaseUrl )
			);
	}
}

function connectToStore(
	ctx: RequestContext,
	deps: ConnectDeps,
	store: SandboxStore | undefined,
	request: WooConnectRequest
): void {
	if ( store === undefined ) {
		sendJson( ctx, 500, ERRORS.internal() );
		return;
	}
	const result = deps.state.handshake( store, request );
	if ( ! result.ok ) {
		sendJson( ctx, 409, ERRORS.siteAlreadyConnected() );
		return;
	}
	sendJson(
		ctx,
		200,
		successBody(
			result.integration,
			store,
			result.credentialsRotated,
			deps.checkoutBaseUrl
		)
	);
}

/**
 * A success-looking body without `api_key`; changes no state.
 * @param store           The store the key belongs to, if any.
 * @param request         The validated connect request.
 * @param checkoutBaseUrl Origin of the hosted checkout.
 */
function malformedBody(
	store: SandboxStore | undefined,
	request: WooConnectRequest,
	checkoutBaseUrl: string
): WooConnectSuccess {
	const s = store ?? {
		id: newUuid(),
		name: 'Sandbox Store',
		payoutConfigured: true,
	};
	const body = successBody(
		{
			siteUrl: request.site_url,
			webhookUrl: request.webhook_url,
			storeId: s.id,
			storeName: s.name,
			payoutConfigured: s.payoutConfigured,
			integrationId: newUuid(),
			integrationPublicId: newIntegrationPublicId(),
			installationId: newInstallationId(),
			webhookId: newUuid(),
			apiKey: '',
			webhookSecret: newWebhookSecret(),
			previousWebhookSecret: null,
			createdAt: '',
			updatedAt: '',
			pluginVersion: request.plugin_version ?? null,
			wordpressVersion: request.wordpress_version ?? null,
			woocommerceVersion: request.woocommerce_version ?? null,
			healthStatus: 'HEALTHY',
			webhookHealth: 'HEALTHY',
			issues: null,
		},
		s,
		false,
		checkoutBaseUrl
	);
	delete body.api_key;
	return body;
}
