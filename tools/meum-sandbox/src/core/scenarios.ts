/**
 * Scenario connection keys: each `sk_live_sandbox_*` key makes the connect endpoint answer in one
 * fixed way, so the plugin's demo and tests can reach every branch of the handshake.
 */

/** Names of the scenarios a connection key can select. */
export type ScenarioName =
	| 'ready'
	| 'nopayout'
	| 'invalid'
	| 'taken'
	| 'unprocessable'
	| 'scope'
	| 'ratelimited'
	| 'error500'
	| 'proxy'
	| 'malformed'
	| 'slow';

/** A Meum store known to the sandbox. Ids are fixed so they stay stable across restarts. */
export interface SandboxStore {
	readonly id: string;
	readonly name: string;
	readonly payoutConfigured: boolean;
	readonly warning?: string;
	/** `organizationId` of webhook envelopes (Part B §5.7); fixed UUID. */
	readonly organizationId?: string;
	/** `storePublicId` of webhook envelopes (Part B §5.7); a slug. */
	readonly publicId?: string;
}

/** Warning sent when the store has no payout wallet. */
export const NO_PAYOUT_WARNING =
	'No payout wallet is configured for this store. Payments may be blocked until you add one in Meum.';

/** Store with a payout wallet (used by the `ready`, `slow` and `malformed` keys). */
export const NORTHWIND_STORE: SandboxStore = Object.freeze( {
	id: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a6c11',
	name: 'Northwind Sandbox Store',
	payoutConfigured: true,
	organizationId: '6b0e2d94-1f3a-4c58-b7e2-8d4a9c0f1e35',
	publicId: 'northwind-sandbox',
} );

/** Store without a payout wallet (used by the `nopayout` key). */
export const FRESH_STORE: SandboxStore = Object.freeze( {
	id: '9a1d4e7b-2c5f-4b8e-a3d6-0e9f1c2b4a77',
	name: 'Fresh Sandbox Store',
	payoutConfigured: false,
	warning: NO_PAYOUT_WARNING,
	organizationId: 'c47a8e10-5d2b-4f96-8a3e-2b9d6f0c1a84',
	publicId: 'fresh-sandbox',
} );

/** One scenario: the key that selects it, what it does, and the store it acts for (if any). */
export interface Scenario {
	readonly key: string;
	readonly name: ScenarioName;
	readonly description: string;
	readonly store?: SandboxStore;
}

const SCENARIO_LIST: readonly Scenario[] = [
	{
		key: 'sk_live_sandbox_ready',
		name: 'ready',
		store: NORTHWIND_STORE,
		description: '200, payout configured, no warning',
	},
	{
		key: 'sk_live_sandbox_nopayout',
		name: 'nopayout',
		store: FRESH_STORE,
		description: '200, payout_configured false, warning',
	},
	{
		key: 'sk_live_sandbox_invalid',
		name: 'invalid',
		description: '401 INVALID_API_KEY (flat)',
	},
	{
		key: 'sk_live_sandbox_taken',
		name: 'taken',
		description: '409 SITE_ALREADY_CONNECTED (flat)',
	},
	{
		key: 'sk_live_sandbox_unprocessable',
		name: 'unprocessable',
		description: '422 VALIDATION_ERROR with details (flat)',
	},
	{
		key: 'sk_live_sandbox_scope',
		name: 'scope',
		description: '403 INSUFFICIENT_SCOPE (nested)',
	},
	{
		key: 'sk_live_sandbox_ratelimited',
		name: 'ratelimited',
		description: '429 RATE_LIMITED (flat)',
	},
	{
		key: 'sk_live_sandbox_error500',
		name: 'error500',
		description: '500 with an HTML body',
	},
	{
		key: 'sk_live_sandbox_proxy',
		name: 'proxy',
		description: '200 with an HTML captive-proxy page',
	},
	{
		key: 'sk_live_sandbox_malformed',
		name: 'malformed',
		store: NORTHWIND_STORE,
		description: '200 JSON without api_key',
	},
	{
		key: 'sk_live_sandbox_slow',
		name: 'slow',
		store: NORTHWIND_STORE,
		description: 'like ready, after slowMs',
	},
];

// A Map (not a plain object) so keys such as "__proto__" or "constructor" cannot match anything.
const SCENARIOS_BY_KEY: ReadonlyMap< string, Scenario > = new Map(
	SCENARIO_LIST.map( ( s ) => [ s.key, s ] )
);

/**
 * Looks up the scenario selected by a connection key.
 * @param key the bearer token sent to the connect endpoint
 * @return the scenario, or undefined when the key is not a scenario key
 */
export function scenarioForKey( key: string ): Scenario | undefined {
	return SCENARIOS_BY_KEY.get( key );
}

/**
 * Lists every scenario key in documentation order.
 * @return a read-only array of scenarios
 */
export function allScenarios(): readonly Scenario[] {
	return SCENARIO_LIST;
}

/**
 * Looks up a store by its id.
 * @param id a store UUID
 * @return the store, or undefined when no scenario key belongs to it
 */
export function storeById( id: string ): SandboxStore | undefined {
	return [ NORTHWIND_STORE, FRESH_STORE ].find( ( s ) => s.id === id );
}
