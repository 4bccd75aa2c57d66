/** Shared helpers for the sandbox tests (not a test file itself). */
import { after, before, beforeEach } from 'node:test';
import {
	startSandbox,
	CONNECT_PATH,
	type RunningSandbox,
	type SandboxOptions,
} from '../src/core/server';

export { CONNECT_PATH };

/** Formats returned by a successful connect. */
export const UUID_RE =
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const INT_PUBLIC_RE = /^int_[0-9a-f]{32}$/;
export const INSTALLATION_RE = /^inst_[0-9a-f]{20}$/;
export const API_KEY_RE = /^sk_live_[A-Za-z0-9]{32}$/;
export const SECRET_RE = /^[0-9a-f]{64}$/;

/**
 * Starts a sandbox on a free port.
 * @param options extra options (slowMs)
 * @return the running sandbox
 */
export function startTestSandbox(
	options: SandboxOptions = {}
): Promise< RunningSandbox > {
	return startSandbox( { port: 0, slowMs: 50, ...options } );
}

/** A started sandbox as the tests of one file (or one `describe`) share it. */
export interface SharedSandbox {
	/** Base URL, e.g. `http://127.0.0.1:40123`. */
	readonly url: string;
	/** The TCP port it listens on. */
	readonly port: number;
	/** Origin of its hosted checkout, e.g. `http://127.0.0.1:40124`. */
	readonly checkoutUrl: string;
}

/**
 * Registers the `before` / `after` hooks that start a sandbox on a free port for the enclosing
 * suite (the file, or the `describe` it is called in) and close it afterwards, and, unless
 * `reset` is false, a `beforeEach` that clears its state (`POST /__sandbox/reset`).
 * @param options       extra options (slowMs) and `reset` (default true)
 * @param options.reset whether every test starts from a reset sandbox
 * @return the sandbox, readable once the `before` hook has run
 */
export function sandboxForSuite(
	options: SandboxOptions & { reset?: boolean } = {}
): SharedSandbox {
	const { reset = true, ...sandboxOptions } = options;
	let running: RunningSandbox | undefined;
	const current = (): RunningSandbox => {
		if ( running === undefined ) {
			throw new Error(
				'the sandbox is read before its before() hook ran'
			);
		}
		return running;
	};
	before( async () => {
		running = await startTestSandbox( sandboxOptions );
	} );
	after( () => current().close() );
	if ( reset ) {
		beforeEach( () => resetSandbox( current().url ) );
	}
	return {
		get url() {
			return current().url;
		},
		get port() {
			return current().port;
		},
		get checkoutUrl() {
			return current().checkoutUrl;
		},
	};
}

/**
 * Clears a sandbox's state: logs, integrations, keys and armed failures.
 * @param base sandbox base URL
 */
export async function resetSandbox( base: string ): Promise< void > {
	await request( base, '/__sandbox/reset', { method: 'POST' } );
}

/** The `warning` Meum gives (connect and status) for a store without a payout wallet. */
export const NO_PAYOUT_WARNING =
	'No payout wallet is configured for this store. Payments may be blocked until you add one in Meum.';

/**
 * A conforming connect body for a site.
 * @param site the site's home URL
 * @return the body object
 */
export function validBody(
	site = 'https://shop.example.com'
): Record< string, unknown > {
	return {
		site_url: site,
		webhook_url: `${ site }/wp-json/meum/v1/webhook`,
		plugin_version: '0.1.0',
		wordpress_version: '6.5',
		woocommerce_version: '8.9',
	};
}

/** Options of {@link connect}. */
export interface ConnectOptions {
	/** Full Authorization header value (overrides the key). null = no header. */
	authorization?: string | null;
	/** Content-Type header; null = none. Default application/json. */
	contentType?: string | null;
	/** Raw body text (instead of JSON-encoding `body`). */
	raw?: string;
	signal?: AbortSignal;
}

/** A decoded response. */
export interface Reply {
	status: number;
	contentType: string;
	text: string;
	json: unknown;
}

/**
 * POSTs to the connect endpoint.
 * @param base    sandbox base URL
 * @param key     connection key (sent as Bearer) unless `options.authorization` is given
 * @param body    value to JSON-encode (ignored when `options.raw` is set)
 * @param options header/body overrides
 * @return status, content type, raw text and parsed JSON (or undefined when not JSON)
 */
export async function connect(
	base: string,
	key: string,
	body: unknown,
	options: ConnectOptions = {}
): Promise< Reply > {
	const headers: Record< string, string > = {};
	const auth =
		options.authorization === undefined
			? `Bearer ${ key }`
			: options.authorization;
	if ( auth !== null ) {
		headers.authorization = auth;
	}
	const contentType =
		options.contentType === undefined
			? 'application/json'
			: options.contentType;
	if ( contentType !== null ) {
		headers[ 'content-type' ] = contentType;
	}
	const init: RequestInit = {
		method: 'POST',
		headers,
		body: options.raw ?? JSON.stringify( body ),
	};
	if ( options.signal !== undefined ) {
		init.signal = options.signal;
	}
	return decode( await fetch( base + CONNECT_PATH, init ) );
}

/**
 * Sends any request.
 * @param base sandbox base URL
 * @param path path (and query)
 * @param init fetch options
 * @return the decoded reply
 */
export async function request(
	base: string,
	path: string,
	init: RequestInit = {}
): Promise< Reply > {
	return decode( await fetch( base + path, init ) );
}

async function decode( res: Response ): Promise< Reply > {
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse( text );
	} catch {
		json = undefined;
	}
	return {
		status: res.status,
		contentType: res.headers.get( 'content-type' ) ?? '',
		text,
		json,
	};
}

/** Integration as listed by `GET /__sandbox/integrations`. */
export interface ListedIntegration {
	site_url: string;
	store_id: string;
	integration_id: string;
	api_key: string;
	webhook_secret: string;
	valid_api_keys: string[];
	[ key: string ]: unknown;
}

/**
 * Reads `GET /__sandbox/integrations`.
 * @param base sandbox base URL
 * @return the integrations
 */
export async function integrations(
	base: string
): Promise< ListedIntegration[] > {
	const reply = await request( base, '/__sandbox/integrations' );
	return ( reply.json as { integrations: ListedIntegration[] } ).integrations;
}

/**
 * Narrows an unknown JSON value to an object for property access in assertions.
 * @param value the value
 * @return the value typed as a record
 */
export function obj( value: unknown ): Record< string, unknown > {
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray( value )
	) {
		throw new Error(
			`expected a JSON object, got ${ JSON.stringify( value ) }`
		);
	}
	return value as Record< string, unknown >;
}
