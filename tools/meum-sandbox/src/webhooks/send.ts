/**
 * Sends one webhook request with Node's `http`/`https` modules: exact body bytes and headers, no
 * redirects followed, a fresh connection per request, an overall timeout.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Longest response body text reported, in characters. */
export const MAX_REPORTED_BODY_CHARS = 2000;

/** Response bytes read at most (the rest is discarded). */
const MAX_READ_BYTES = 64 * 1024;

/** Outcome of one delivery. */
export interface DeliveryOutcome {
	/** HTTP status, or null when no response arrived. */
	status: number | null;
	/** Response body text, truncated to {@link MAX_REPORTED_BODY_CHARS} characters. */
	body: string;
	/** Response headers (lowercase names); `{}` without a response. */
	headers: IncomingHttpHeaders;
	/** Network error message (also a timeout or an aborted body), or null. */
	error: string | null;
	/** Elapsed milliseconds. */
	ms: number;
}

/** One request to send. */
export interface SendRequest {
	url: URL;
	headers: Record< string, string >;
	body: Buffer;
	timeoutMs: number;
	/** Aborts the request (e.g. when the sandbox closes). */
	signal?: AbortSignal;
}

/**
 * POSTs a body to a URL and collects the answer. Never rejects: failures become `error`.
 * @param req target, headers, body bytes, timeout and abort signal
 * @return status, truncated body text, headers, error and elapsed ms
 */
export function sendWebhook( req: SendRequest ): Promise< DeliveryOutcome > {
	const started = performance.now();
	return new Promise( ( resolve ) => {
		let status: number | null = null;
		let headers: IncomingHttpHeaders = {};
		const chunks: Buffer[] = [];
		let read = 0;
		let settled = false;
		let outgoing: ReturnType< typeof httpRequest > | undefined;
		const timer = setTimeout( () => {
			finish( `Timed out after ${ req.timeoutMs } ms` );
			outgoing?.destroy();
		}, req.timeoutMs );
		const finish = ( error: string | null ): void => {
			if ( settled ) {
				return;
			}
			settled = true;
			clearTimeout( timer );
			resolve( {
				status,
				body: Buffer.concat( chunks )
					.toString( 'utf8' )
					.slice( 0, MAX_REPORTED_BODY_CHARS ),
				headers,
				error,
				ms: Math.round( performance.now() - started ),
			} );
		};
		const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
		const options = {
			method: 'POST',
			headers: req.headers,
			agent: false as const,
			...( req.signal === undefined ? {} : { signal: req.signal } ),
		};
		try {
			outgoing = send( req.url, options, ( res ) => {
				status = res.statusCode ?? null;
				headers = res.headers;
				res.on( 'data', ( chunk: Buffer ) => {
					if ( read < MAX_READ_BYTES ) {
						chunks.push( chunk );
						read += chunk.length;
					}
				} );
				res.on( 'end', () => finish( null ) );
				res.on( 'error', ( err ) => finish( err.message ) );
				res.on( 'close', () =>
					finish( res.complete ? null : 'The response ended early.' )
				);
			} );
		} catch ( err ) {
			finish( err instanceof Error ? err.message : String( err ) );
			return;
		}
		outgoing.on( 'error', ( err ) =>
			finish(
				err.message ||
					( err as NodeJS.ErrnoException ).code ||
					'Network error'
			)
		);
		outgoing.end( req.body );
	} );
}
