/** Low-level HTTP helpers: the per-request context, body reading, and JSON/HTML replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from './state';

/** Largest accepted request body (1 MiB); bigger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Past this many bytes the sandbox stops draining an oversized body and drops the connection. */
const HARD_DRAIN_LIMIT = 64 * MAX_BODY_BYTES;

/** Everything a route handler needs about one request. */
export interface RequestContext {
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	readonly method: string;
	readonly path: string;
	readonly query: Record< string, string | string[] >;
	readonly rawBody: string;
	/** The request's log entry (null for `/__sandbox/` routes, which are not logged). */
	readonly entry: RequestLogEntry | null;
}

/** A request body as read from the socket. */
export interface ReadBody {
	text: string;
	tooLarge: boolean;
}

/**
 * Reads a request body as UTF-8 text, keeping at most `limit` bytes. An oversized body is drained
 * (and discarded) so a 413 can still be delivered; past a hard limit the request is destroyed.
 * @param req   the incoming request
 * @param limit maximum number of bytes to keep
 * @return the body text and whether it exceeded the limit, or null when the client went away
 */
export function readBody(
	req: IncomingMessage,
	limit: number = MAX_BODY_BYTES
): Promise< ReadBody | null > {
	return new Promise( ( resolve ) => {
		const chunks: Buffer[] = [];
		let total = 0;
		let settled = false;
		const finish = ( value: ReadBody | null ): void => {
			if ( ! settled ) {
				settled = true;
				resolve( value );
			}
		};
		req.on( 'data', ( chunk: Buffer ) => {
			total += chunk.length;
			if ( total <= limit ) {
				chunks.push( chunk );
			} else if ( total > HARD_DRAIN_LIMIT ) {
				req.destroy();
				finish( null );
			}
		} );
		req.on( 'end', () => {
			const tooLarge = total > limit;
			finish( {
				text: tooLarge
					? ''
					: Buffer.concat( chunks ).toString( 'utf8' ),
				tooLarge,
			} );
		} );
		req.on( 'error', () => finish( null ) );
		req.on( 'close', () => finish( null ) );
	} );
}

/**
 * Converts URL search params into a plain object (a repeated name becomes an array).
 * @param params the parsed search params
 * @return name → value(s), on an object without prototype
 */
export function queryObject(
	params: URLSearchParams
): Record< string, string | string[] > {
	const out = Object.create( null ) as Record< string, string | string[] >;
	for ( const [ name, value ] of params ) {
		const prev = out[ name ];
		if ( prev === undefined ) {
			out[ name ] = value;
		} else if ( Array.isArray( prev ) ) {
			out[ name ] = [ ...prev, value ];
		} else {
			out[ name ] = [ prev, value ];
		}
	}
	return out;
}

/**
 * Copies request headers into a plain object (node already lowercases the names).
 * @param req the incoming request
 * @return header name → value(s), on an object without prototype
 */
export function headersObject(
	req: IncomingMessage
): Record< string, string | string[] > {
	const out = Object.create( null ) as Record< string, string | string[] >;
	for ( const [ name, value ] of Object.entries( req.headers ) ) {
		if ( value !== undefined ) {
			out[ name.toLowerCase() ] = value;
		}
	}
	return out;
}

/**
 * Sends a reply (unless the client is gone) and records its status in the request log entry.
 * @param ctx         the request context
 * @param status      HTTP status code
 * @param contentType value of the Content-Type header
 * @param body        the full response body
 * @param headers     extra response headers
 */
export function sendRaw(
	ctx: RequestContext,
	status: number,
	contentType: string,
	body: string,
	headers: Record< string, string > = {}
): void {
	if ( ctx.entry !== null ) {
		ctx.entry.status = status;
	}
	const { res } = ctx;
	if ( res.headersSent || res.destroyed || res.writableEnded ) {
		return;
	}
	res.writeHead( status, {
		'Content-Type': contentType,
		'Content-Length': String( Buffer.byteLength( body ) ),
		'Cache-Control': 'no-store',
		...headers,
	} );
	res.end( body );
}

/**
 * Sends a JSON reply.
 * @param ctx     the request context
 * @param status  HTTP status code
 * @param body    any JSON-encodable value
 * @param headers extra response headers
 */
export function sendJson(
	ctx: RequestContext,
	status: number,
	body: unknown,
	headers: Record< string, string > = {}
): void {
	sendRaw(
		ctx,
		status,
		'application/json; charset=utf-8',
		JSON.stringify( body ),
		headers
	);
}

/**
 * Sends an HTML reply.
 * @param ctx    the request context
 * @param status HTTP status code
 * @param html   the HTML document
 */
export function sendHtml(
	ctx: RequestContext,
	status: number,
	html: string
): void {
	sendRaw( ctx, status, 'text/html; charset=utf-8', html );
}
