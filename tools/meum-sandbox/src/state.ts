/** In-memory sandbox state: integrations per site, valid dedicated keys, and the request log. */
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
	createdAt: string;
	updatedAt: string;
}

/** Outcome of a handshake against the state. */
export type HandshakeResult =
	| { ok: true; integration: Integration; credentialsRotated: boolean }
	| { ok: false; reason: 'SITE_ALREADY_CONNECTED' };

/** One logged (non-`/__sandbox/`) request. */
export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[]>;
	body: string;
	json: unknown;
	status: number | null;
	received_at: string;
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
	valid_api_keys: string[];
	payout_configured: boolean;
	created_at: string;
	updated_at: string;
}

/**
 * Normalises a site URL into the key integrations are stored under: scheme and host lowercased,
 * default port, fragment and trailing slashes dropped. Falls back to the raw string.
 * @param siteUrl the `site_url` of a connect request
 * @returns the lookup key
 */
export function siteKey(siteUrl: string): string {
	try {
		const u = new URL(siteUrl);
		const path = u.pathname.replace(/\/+$/, '');
		return `${u.protocol}//${u.host}${path}${u.search}`;
	} catch {
		return siteUrl.replace(/\/+$/, '');
	}
}

/** All mutable state of one sandbox instance. */
export class SandboxState {
	private readonly integrations = new Map<string, Integration>();
	/** Valid dedicated API keys → site key of the integration that owns them. */
	private readonly validKeys = new Map<string, string>();
	private log: RequestLogEntry[] = [];

	/**
	 * Performs the state part of a connect handshake: creates the integration for a new site, or
	 * re-issues `api_key` and `webhook_secret` (old key invalidated) when the site is already bound
	 * to the same store.
	 * @param store the store the connection key belongs to
	 * @param siteUrl `site_url` from the request (echoed back)
	 * @param webhookUrl `webhook_url` from the request (stored and echoed back)
	 * @returns the integration and whether credentials were rotated, or SITE_ALREADY_CONNECTED
	 *   when the site is bound to another store
	 */
	handshake(store: SandboxStore, siteUrl: string, webhookUrl: string): HandshakeResult {
		const key = siteKey(siteUrl);
		const now = new Date().toISOString();
		const existing = this.integrations.get(key);
		if (existing !== undefined && existing.storeId !== store.id) {
			return { ok: false, reason: 'SITE_ALREADY_CONNECTED' };
		}
		if (existing !== undefined) {
			this.validKeys.delete(existing.apiKey);
			existing.apiKey = newApiKey();
			existing.webhookSecret = newWebhookSecret();
			existing.siteUrl = siteUrl;
			existing.webhookUrl = webhookUrl;
			existing.storeName = store.name;
			existing.payoutConfigured = store.payoutConfigured;
			existing.updatedAt = now;
			this.validKeys.set(existing.apiKey, key);
			return { ok: true, integration: { ...existing }, credentialsRotated: true };
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
			apiKey: newApiKey(),
			webhookSecret: newWebhookSecret(),
			createdAt: now,
			updatedAt: now,
		};
		this.integrations.set(key, created);
		this.validKeys.set(created.apiKey, key);
		return { ok: true, integration: { ...created }, credentialsRotated: false };
	}

	/**
	 * Tells whether a dedicated API key is currently valid (issued and not rotated away).
	 * @param apiKey a bearer token
	 * @returns true when the key is valid
	 */
	isValidApiKey(apiKey: string): boolean {
		return this.validKeys.has(apiKey);
	}

	/**
	 * Finds the integration that owns a valid dedicated API key.
	 * @param apiKey a bearer token
	 * @returns a copy of the integration, or undefined when the key is not valid
	 */
	integrationForApiKey(apiKey: string): Integration | undefined {
		const key = this.validKeys.get(apiKey);
		const found = key === undefined ? undefined : this.integrations.get(key);
		return found === undefined ? undefined : { ...found };
	}

	/**
	 * Lists current integrations for the test-control route.
	 * @returns one view per integration, oldest first
	 */
	listIntegrations(): IntegrationView[] {
		return [...this.integrations.entries()].map(([key, i]) => ({
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
			valid_api_keys: [...this.validKeys.entries()].filter(([, k]) => k === key).map(([apiKey]) => apiKey),
			payout_configured: i.payoutConfigured,
			created_at: i.createdAt,
			updated_at: i.updatedAt,
		}));
	}

	/**
	 * Appends a request to the log. The entry object is kept by reference so its `status` can be
	 * filled in once the sandbox answers.
	 * @param entry the log entry
	 */
	logRequest(entry: RequestLogEntry): void {
		this.log.push(entry);
	}

	/**
	 * Returns the request log.
	 * @returns a shallow copy of the log, oldest first
	 */
	requests(): RequestLogEntry[] {
		return [...this.log];
	}

	/** Empties the request log. */
	clearRequests(): void {
		this.log = [];
	}

	/** Empties the request log and forgets every integration and dedicated key. */
	reset(): void {
		this.clearRequests();
		this.integrations.clear();
		this.validKeys.clear();
	}
}
