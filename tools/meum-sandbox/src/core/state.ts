/**
 * In-memory sandbox state: integrations per site, valid and disconnected dedicated keys, armed
 * failures, the request log and the webhook delivery log.
 */
import { InvoiceBook } from '../invoices/book';
import type { SandboxStore } from './scenarios';
import {
	newApiKey,
	newInstallationId,
	newIntegrationPublicId,
	newUuid,
	newWebhookSecret,
} from './ids';

/** One WooCommerce integration (a site bound to a store). */
export interface Integration {
	siteUrl: string;
	webhookUrl: string;
	storeId: string;
	storeName: string;
	payoutConfigured: boolean;
	integrationId: string;
	integrationPublicId: string;
	installationId: string;
	webhookId: string;
	apiKey: string;
	webhookSecret: string;
	/** The `webhook_secret` before the last rotating reconnect; null until a rotation. */
	previousWebhookSecret: string | null;
	createdAt: string;
	updatedAt: string;
	/** Versions from the last connect request (null when not sent). */
	pluginVersion: string | null;
	wordpressVersion: string | null;
	woocommerceVersion: string | null;
	/** `health_status` reported by the status endpoint (default `HEALTHY`). */
	healthStatus: string;
	/** `webhook_health` reported by the status endpoint (default `HEALTHY`). */
	webhookHealth: string;
	/** `issues` set by `/__sandbox/store`; null = derived from the payout state. */
	issues: string[] | null;
}

/** The part of a connect request the state keeps. */
export interface HandshakeRequest {
	site_url: string;
	webhook_url: string;
	plugin_version?: string;
	wordpress_version?: string;
	woocommerce_version?: string;
}

/** Changes `POST /__sandbox/store` may apply to an integration (absent = unchanged). */
export interface StorePatch {
	payoutConfigured?: boolean;
	healthStatus?: string;
	webhookHealth?: string;
	issues?: string[];
}

/** How a bearer token sent to disconnect/status resolves. */
export type DedicatedKeyLookup =
	| { kind: 'valid'; integration: Integration }
	| { kind: 'disconnected' }
	| { kind: 'invalid' };

/** Paths whose next calls `POST /__sandbox/fail-next` can make fail (`{id}` = any invoice id). */
export const FAILABLE_PATHS = [
	'/v1/integration/woocommerce/disconnect',
	'/v1/integration/woocommerce/status',
	'/v1/invoices',
	'/v1/invoices/{id}',
] as const;

/** A path accepted by {@link SandboxState.armFailure}. */
export type FailablePath = ( typeof FAILABLE_PATHS )[ number ];

/** Statuses `POST /__sandbox/fail-next` can answer with an HTML outage page when nothing else is given. */
export const FAILURE_STATUSES = [ 500, 502, 503 ] as const;

/** A status of an HTML outage page. */
export type FailureStatus = ( typeof FAILURE_STATUSES )[ number ];

/** Body shapes of an armed failure (meum-api.md Part A §A2: flat, nested, anything else). */
export const FAILURE_SHAPES = [
	'html',
	'flat',
	'nested',
	'empty',
	'text',
] as const;

/** One failure body shape. */
export type FailureShape = ( typeof FAILURE_SHAPES )[ number ];

/** What an armed failure answers. */
export interface FailureSpec {
	/** HTTP status; null = answer normally once `delayMs` has passed (a slow Meum). */
	status: number | null;
	shape: FailureShape;
	code?: string;
	message?: string;
	/** `error.type` of the nested shape. */
	type?: string;
	details?: Record< string, string >;
	/** Wait before answering, in ms (0 = at once). */
	delayMs: number;
	/**
	 * Process the call normally first (an invoice is created and stored), then answer `delayMs`
	 * late (`late`: the client times out) or close the connection without an answer (`close`).
	 */
	afterProcessing?: 'late' | 'close';
}

/** One path switched "down" by `POST /__sandbox/down`. */
export interface DownSwitch {
	path: FailablePath;
	/** The status answered (an HTML outage page). */
	status: FailureStatus;
	/** When it ends (ms since the epoch), or null until cleared. */
	until: number | null;
	/** Calls answered with the outage since it was switched on. */
	answered: number;
}

/**
 * The fail-next key a request path falls under: the path itself, or `/v1/invoices/{id}` for an
 * invoice read.
 * @param path a request path
 * @return the key, or undefined when no failure can be armed for the path
 */
export function failableKey( path: string ): FailablePath | undefined {
	const exact = FAILABLE_PATHS.find( ( p ) => p === path );
	if ( exact !== undefined ) {
		return exact;
	}
	return /^\/v1\/invoices\/[^/]+$/.test( path )
		? '/v1/invoices/{id}'
		: undefined;
}

/** Outcome of a handshake against the state. */
export type HandshakeResult =
	| { ok: true; integration: Integration; credentialsRotated: boolean }
	| { ok: false; reason: 'SITE_ALREADY_CONNECTED' };

/** One logged (non-`/__sandbox/`) request. */
export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record< string, string | string[] >;
	headers: Record< string, string | string[] >;
	body: string;
	json: unknown;
	status: number | null;
	received_at: string;
}

/** One webhook delivery sent by `POST /__sandbox/deliver` (kept by reference until it ends). */
export interface DeliveryLogEntry {
	/** The URL the delivery was sent to. */
	target: string;
	/** `site_url` of the integration it was sent for. */
	site_url: string;
	type: string;
	event_id: string;
	/** HTTP status received; null while pending or after a network error. */
	status: number | null;
	/** Network error message, or null. */
	error: string | null;
	sent_at: string;
	/** Elapsed ms; null while pending. */
	ms: number | null;
	/** Invoice deliveries only: the invoice the event is about. */
	invoice_id?: string;
	/** Invoice deliveries only: 1 for the first try, up to 6 (Part B §5.9). */
	attempt?: number;
	/** Invoice deliveries only: 2xx with `{ "received": true }` (Meum's Woo acknowledgement). */
	acknowledged?: boolean;
	/** Invoice deliveries only: true when the delivery policy dropped it (nothing was sent). */
	dropped?: boolean;
}

/** Integration as exposed by `GET /__sandbox/integrations`. */
export interface IntegrationView {
	site_url: string;
	webhook_url: string;
	store_id: string;
	store_name: string;
	integration_id: string;
	integration_public_id: string;
	installation_id: string;
	webhook_id: string;
	api_key: string;
	webhook_secret: string;
	/** The secret before the last rotating reconnect (null until a rotation). */
	previous_webhook_secret: string | null;
	valid_api_keys: string[];
	payout_configured: boolean;
	/** True when the current `api_key` was revoked via `/__sandbox/revoke` (no valid key left). */
	api_key_revoked: boolean;
	plugin_version: string | null;
	wordpress_version: string | null;
	woocommerce_version: string | null;
	health_status: string;
	webhook_health: string;
	/** The `issues` override, or null when derived from the payout state. */
	issues: string[] | null;
	created_at: string;
	updated_at: string;
}

/**
 * Normalises a site URL into the key integrations are stored under: scheme and host lowercased,
 * default port, fragment and trailing slashes dropped. Falls back to the raw string.
 * @param siteUrl the `site_url` of a connect request
 * @return the lookup key
 */
export function siteKey( siteUrl: string ): string {
	try {
		const u = new URL( siteUrl );
		const path = u.pathname.replace( /\/+$/, '' );
		return `${ u.protocol }//${ u.host }${ path }${ u.search }`;
	} catch {
		return siteUrl.replace( /\/+$/, '' );
	}
}

/** All mutable state of one sandbox instance. */
export class SandboxState {
	private readonly integrations = new Map< string, Integration >();
	/** Valid dedicated API keys → site key of the integration that owns them. */
	private readonly validKeys = new Map< string, string >();
	/** Keys that were valid when their integration was disconnected (answered with 404, not 401). */
	private readonly disconnectedKeys = new Set< string >();
	/** Armed failures: path → status and remaining count. */
	private readonly failures = new Map<
		FailablePath,
		{ spec: FailureSpec; remaining: number }
	>();
	/** Paths switched down: path → outage. */
	private readonly downs = new Map< FailablePath, DownSwitch >();
	/** Invoices of every store, and the stores' invoice lifetimes. */
	readonly invoices = new InvoiceBook();
	private log: RequestLogEntry[] = [];
	private deliveryLog: DeliveryLogEntry[] = [];
	/** Every credential handed out or received, and every webhook body sent; survives `reset()`. */
	private readonly ledger = {
		secrets: new Set< string >(),
		webhookBodies: new Set< string >(),
	};

	/**
	 * Performs the state part of a connect handshake: creates the integration for a new site, or
	 * re-issues `api_key` and `webhook_secret` (old key invalidated) when the site is already bound
	 * to the same store.
	 * A rotation resets `payout_configured` to the store's value and stores the request's versions;
	 * status overrides (`health_status`, `webhook_health`, `issues`) survive it.
	 * @param store   the store the connection key belongs to
	 * @param request the validated connect request: `site_url` (echoed back), `webhook_url`
	 *                (stored and echoed back) and the optional versions (stored for the status endpoint)
	 * @return the integration and whether credentials were rotated, or SITE_ALREADY_CONNECTED
	 *   when the site is bound to another store
	 */
	handshake(
		store: SandboxStore,
		request: HandshakeRequest
	): HandshakeResult {
		const siteUrl = request.site_url;
		const webhookUrl = request.webhook_url;
		const versions = {
			pluginVersion: request.plugin_version ?? null,
			wordpressVersion: request.wordpress_version ?? null,
			woocommerceVersion: request.woocommerce_version ?? null,
		};
		const key = siteKey( siteUrl );
		const existing = this.integrations.get( key );
		if ( existing !== undefined && existing.storeId !== store.id ) {
			return { ok: false, reason: 'SITE_ALREADY_CONNECTED' };
		}
		const now = new Date().toISOString();
		if ( existing !== undefined ) {
			this.validKeys.delete( existing.apiKey );
			existing.apiKey = this.rememberSecret( newApiKey() );
			existing.previousWebhookSecret = existing.webhookSecret;
			existing.webhookSecret = this.rememberSecret( newWebhookSecret() );
			existing.siteUrl = siteUrl;
			existing.webhookUrl = webhookUrl;
			existing.storeName = store.name;
			existing.payoutConfigured = store.payoutConfigured;
			Object.assign( existing, versions );
			existing.updatedAt = now;
			this.validKeys.set( existing.apiKey, key );
			return {
				ok: true,
				integration: { ...existing },
				credentialsRotated: true,
			};
		}
		const created: Integration = {
			siteUrl,
			webhookUrl,
			storeId: store.id,
			storeName: store.name,
			payoutConfigured: store.payoutConfigured,
			integrationId: newUuid(),
			integrationPublicId: newIntegrationPublicId(),
			installationId: newInstallationId(),
			webhookId: newUuid(),
			apiKey: this.rememberSecret( newApiKey() ),
			webhookSecret: this.rememberSecret( newWebhookSecret() ),
			previousWebhookSecret: null,
			createdAt: now,
			updatedAt: now,
			...versions,
			healthStatus: 'HEALTHY',
			webhookHealth: 'HEALTHY',
			issues: null,
		};
		this.integrations.set( key, created );
		this.validKeys.set( created.apiKey, key );
		return {
			ok: true,
			integration: { ...created },
			credentialsRotated: false,
		};
	}

	/**
	 * Finds the integration of a site.
	 * @param siteUrl the integration's `site_url` (matched like connect does)
	 * @return a copy of the integration, or undefined when the site has none
	 */
	integrationForSite( siteUrl: string ): Integration | undefined {
		const found = this.integrations.get( siteKey( siteUrl ) );
		return found === undefined ? undefined : { ...found };
	}

	/**
	 * Finds a live integration by its id.
	 * @param integrationId the integration's UUID
	 * @return a copy of the integration, or undefined when it was disconnected (or never existed)
	 */
	integrationById( integrationId: string ): Integration | undefined {
		for ( const found of this.integrations.values() ) {
			if ( found.integrationId === integrationId ) {
				return { ...found };
			}
		}
		return undefined;
	}

	/**
	 * Tells whether a dedicated API key is currently valid (issued and not rotated away).
	 * @param apiKey a bearer token
	 * @return true when the key is valid
	 */
	isValidApiKey( apiKey: string ): boolean {
		return this.validKeys.has( apiKey );
	}

	/**
	 * Finds the integration that owns a valid dedicated API key.
	 * @param apiKey a bearer token
	 * @return a copy of the integration, or undefined when the key is not valid
	 */
	integrationForApiKey( apiKey: string ): Integration | undefined {
		const key = this.validKeys.get( apiKey );
		const found =
			key === undefined ? undefined : this.integrations.get( key );
		return found === undefined ? undefined : { ...found };
	}

	/**
	 * Resolves a bearer token sent to disconnect or status.
	 * @param apiKey a bearer token
	 * @return `valid` with a copy of the integration; `disconnected` when the key was valid until
	 *   its integration was disconnected; `invalid` for unknown, rotated-away and revoked keys
	 */
	lookupDedicatedKey( apiKey: string ): DedicatedKeyLookup {
		const integration = this.integrationForApiKey( apiKey );
		if ( integration !== undefined ) {
			return { kind: 'valid', integration };
		}
		return this.disconnectedKeys.has( apiKey )
			? { kind: 'disconnected' }
			: { kind: 'invalid' };
	}

	/**
	 * Disconnects the integration that owns a valid dedicated key: the integration is removed (its
	 * site is free again) and its valid keys move to the disconnected set.
	 * @param apiKey a bearer token
	 * @return true when an integration was removed, false when the key was not valid
	 */
	disconnect( apiKey: string ): boolean {
		const key = this.validKeys.get( apiKey );
		if ( key === undefined ) {
			return false;
		}
		for ( const [ validKey, owner ] of [ ...this.validKeys ] ) {
			if ( owner === key ) {
				this.validKeys.delete( validKey );
				this.disconnectedKeys.add( validKey );
			}
		}
		this.integrations.delete( key );
		return true;
	}

	/**
	 * Revokes the current `api_key` of a site's integration (as if rotated or revoked in the Meum
	 * dashboard): the key becomes invalid, the integration stays until a reconnect or disconnect.
	 * @param siteUrl the integration's `site_url` (matched like connect does)
	 * @return false when no integration exists for the site
	 */
	revoke( siteUrl: string ): boolean {
		const integration = this.integrations.get( siteKey( siteUrl ) );
		if ( integration === undefined ) {
			return false;
		}
		this.validKeys.delete( integration.apiKey );
		integration.updatedAt = new Date().toISOString();
		return true;
	}

	/**
	 * Changes what the status endpoint reports for a site's integration.
	 * @param siteUrl the integration's `site_url` (matched like connect does)
	 * @param patch   the fields to change
	 * @return false when no integration exists for the site
	 */
	patchStore( siteUrl: string, patch: StorePatch ): boolean {
		const integration = this.integrations.get( siteKey( siteUrl ) );
		if ( integration === undefined ) {
			return false;
		}
		if ( patch.payoutConfigured !== undefined ) {
			integration.payoutConfigured = patch.payoutConfigured;
		}
		if ( patch.healthStatus !== undefined ) {
			integration.healthStatus = patch.healthStatus;
		}
		if ( patch.webhookHealth !== undefined ) {
			integration.webhookHealth = patch.webhookHealth;
		}
		if ( patch.issues !== undefined ) {
			integration.issues = [ ...patch.issues ];
		}
		integration.updatedAt = new Date().toISOString();
		return true;
	}

	/**
	 * Makes the next `times` calls to a path fail as `spec` says (replaces any earlier arming).
	 * @param path  one of {@link FAILABLE_PATHS}
	 * @param spec  status, body shape and delay of the answer
	 * @param times how many calls fail (a positive integer)
	 */
	armFailure( path: FailablePath, spec: FailureSpec, times: number ): void {
		this.failures.set( path, { spec: { ...spec }, remaining: times } );
	}

	/**
	 * Consumes one armed failure for a request path.
	 * @param path a request path (an invoice read falls under `/v1/invoices/{id}`)
	 * @return what to answer, or undefined when nothing is armed for the path
	 */
	takeFailure( path: string ): FailureSpec | undefined {
		const key = failableKey( path );
		const armed = key === undefined ? undefined : this.failures.get( key );
		if ( key === undefined || armed === undefined ) {
			return undefined;
		}
		armed.remaining -= 1;
		if ( armed.remaining <= 0 ) {
			this.failures.delete( key );
		}
		return armed.spec;
	}

	/**
	 * Switches a path down: every call answers `status` with an outage page until `until`, or until
	 * cleared (replaces an earlier switch of the path).
	 * @param path   one of {@link FAILABLE_PATHS}
	 * @param status 500, 502 or 503
	 * @param until  end (ms since the epoch), or null for "until cleared"
	 */
	setDown(
		path: FailablePath,
		status: FailureStatus,
		until: number | null
	): void {
		this.downs.set( path, { path, status, until, answered: 0 } );
	}

	/**
	 * Brings paths back up.
	 * @param path one path, or undefined for every path
	 */
	clearDown( path?: FailablePath ): void {
		if ( path === undefined ) {
			this.downs.clear();
		} else {
			this.downs.delete( path );
		}
	}

	/**
	 * The outage a call to a request path gets now (counted as answered).
	 * @param path a request path (an invoice read falls under `/v1/invoices/{id}`)
	 * @param now  ms since the epoch
	 * @return the status to answer, or undefined when the path is up
	 */
	takeDown( path: string, now: number ): FailureStatus | undefined {
		const key = failableKey( path );
		const down = key === undefined ? undefined : this.downs.get( key );
		if ( key === undefined || down === undefined ) {
			return undefined;
		}
		if ( down.until !== null && now >= down.until ) {
			this.downs.delete( key );
			return undefined;
		}
		down.answered += 1;
		return down.status;
	}

	/**
	 * The paths down now.
	 * @param now ms since the epoch
	 * @return one entry per path still down
	 */
	listDown( now: number ): DownSwitch[] {
		return [ ...this.downs.values() ]
			.filter( ( d ) => d.until === null || now < d.until )
			.map( ( d ) => ( { ...d } ) );
	}

	/**
	 * Lists current integrations for the test-control route.
	 * @return one view per integration, oldest first
	 */
	listIntegrations(): IntegrationView[] {
		return [ ...this.integrations.entries() ].map( ( [ key, i ] ) => ( {
			site_url: i.siteUrl,
			webhook_url: i.webhookUrl,
			store_id: i.storeId,
			store_name: i.storeName,
			integration_id: i.integrationId,
			integration_public_id: i.integrationPublicId,
			installation_id: i.installationId,
			webhook_id: i.webhookId,
			api_key: i.apiKey,
			webhook_secret: i.webhookSecret,
			previous_webhook_secret: i.previousWebhookSecret,
			valid_api_keys: [ ...this.validKeys.entries() ]
				.filter( ( [ , k ] ) => k === key )
				.map( ( [ apiKey ] ) => apiKey ),
			payout_configured: i.payoutConfigured,
			api_key_revoked: ! this.validKeys.has( i.apiKey ),
			plugin_version: i.pluginVersion,
			wordpress_version: i.wordpressVersion,
			woocommerce_version: i.woocommerceVersion,
			health_status: i.healthStatus,
			webhook_health: i.webhookHealth,
			issues: i.issues === null ? null : [ ...i.issues ],
			created_at: i.createdAt,
			updated_at: i.updatedAt,
		} ) );
	}

	/**
	 * Appends a request to the log. The entry object is kept by reference so its `status` can be
	 * filled in once the sandbox answers.
	 * @param entry the log entry
	 */
	logRequest( entry: RequestLogEntry ): void {
		this.log.push( entry );
	}

	/**
	 * Returns the request log.
	 * @return a shallow copy of the log, oldest first
	 */
	requests(): RequestLogEntry[] {
		return [ ...this.log ];
	}

	/** Empties the request log. */
	clearRequests(): void {
		this.log = [];
	}

	/**
	 * Appends a webhook delivery to the delivery log. The entry is kept by reference so its outcome
	 * can be filled in when the delivery ends.
	 * @param entry the log entry
	 */
	logDelivery( entry: DeliveryLogEntry ): void {
		this.deliveryLog.push( entry );
	}

	/**
	 * Returns the delivery log.
	 * @return snapshots of the entries, oldest first
	 */
	deliveries(): DeliveryLogEntry[] {
		return this.deliveryLog.map( ( e ) => ( { ...e } ) );
	}

	/** Empties the delivery log. */
	clearDeliveries(): void {
		this.deliveryLog = [];
	}

	/**
	 * Remembers a credential (issued `api_key` or `webhook_secret`, or a connection key received)
	 * for the ledger.
	 * @param secret the credential
	 * @return the same credential
	 */
	rememberSecret( secret: string ): string {
		this.ledger.secrets.add( secret );
		return secret;
	}

	/**
	 * Remembers the raw body of a webhook delivery for the ledger.
	 * @param body the body as sent
	 */
	rememberWebhookBody( body: string ): void {
		this.ledger.webhookBodies.add( body );
	}

	/**
	 * Every credential this instance handed out or received and every webhook body it sent since it
	 * started (`reset()` keeps them): what a test run searches its logs for.
	 * @return the credentials and the bodies, oldest first
	 */
	secretsLedger(): { secrets: string[]; webhook_bodies: string[] } {
		return {
			secrets: [ ...this.ledger.secrets ],
			webhook_bodies: [ ...this.ledger.webhookBodies ],
		};
	}

	/**
	 * Empties the request and delivery logs and forgets every integration, dedicated key, armed
	 * failure, down path, invoice and invoice lifetime (not the secrets ledger).
	 */
	reset(): void {
		this.clearRequests();
		this.clearDeliveries();
		this.integrations.clear();
		this.validKeys.clear();
		this.disconnectedKeys.clear();
		this.failures.clear();
		this.downs.clear();
		this.invoices.clear();
	}
}
