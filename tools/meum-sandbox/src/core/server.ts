/** The sandbox HTTP server: routing, request log, shutdown. */
import { setMaxListeners } from 'node:events';
import {
	createServer,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleConnect } from '../api/connect';
import {
	controlPatternRoutes,
	controlRoutes,
	findRoute,
	type PatternRoute,
	type RouteHandler,
	type RouteTable,
} from '../control/routes';
import { handleCheckoutRequest } from '../invoices/checkout-page';
import {
	handleCreateInvoice,
	handleReadInvoice,
	INVOICE_PATH_RE,
	INVOICES_PATH,
} from '../invoices/routes';
import { InvoiceService } from '../invoices/service';
import { WebhookDispatcher } from '../webhooks/dispatch';
import { ERRORS } from './errors';
import {
	headersObject,
	queryObject,
	readBody,
	sendJson,
	sendRaw,
	type RequestContext,
} from './http';
import { handleDisconnect, handleStatus } from '../api/lifecycle';
import { failureBody, outagePage } from '../api/outage';
import { SandboxState, type RequestLogEntry } from './state';

/** Address the sandbox binds to by default: loopback only. */
export const HOST = '127.0.0.1';
/** Port used when neither `--port` nor `MEUM_SANDBOX_PORT` is given. */
export const DEFAULT_PORT = 8891;
/** Delay of the `slow` scenario when `MEUM_SANDBOX_SLOW_MS` is not set. */
export const DEFAULT_SLOW_MS = 20_000;
/** Path of the connect endpoint. */
export const CONNECT_PATH = '/v1/integration/woocommerce/connect';
/** Path of the disconnect endpoint. */
export const DISCONNECT_PATH = '/v1/integration/woocommerce/disconnect';
/** Path of the status endpoint. */
export const STATUS_PATH = '/v1/integration/woocommerce/status';
/** Prefix of the test-control routes. */
export const CONTROL_PREFIX = '/__sandbox/';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
	/** TCP port; 0 picks a free one. Default 8891. */
	port?: number;
	/** Delay of the `slow` scenario in ms. Default 20000. */
	slowMs?: number;
	/** Address to bind; default 127.0.0.1 (0.0.0.0 only for wp-env's containers). */
	host?: string;
	/** Port of the hosted checkout listener; default `port + 1`, or 0 (any free port) when `port` is 0. */
	checkoutPort?: number;
	/** Factor of the webhook retry waits (default 1: 60 s, 120 s, …). */
	timeScale?: number;
}

/** A running sandbox. */
export interface RunningSandbox {
	/** Base URL, e.g. `http://127.0.0.1:8891`. */
	readonly url: string;
	/** The port actually bound (useful with port 0). */
	readonly port: number;
	/** Origin of the hosted checkout (the connect answer's `checkout_base_url`), e.g. `http://127.0.0.1:8892`. */
	readonly checkoutUrl: string;
	/** The port the hosted checkout listener bound. */
	readonly checkoutPort: number;
	/** Stops accepting requests, cancels slow replies, drops open connections. Idempotent. */
	close: () => Promise< void >;
}

/**
 * Starts a sandbox instance with its own in-memory state: the API listener and the hosted
 * checkout listener (its own origin).
 * @param options `port` (0 = any free port), `slowMs` (delay of the slow scenario), `host`,
 *                `checkoutPort` (default port + 1; 0 = any free port), `timeScale` (retry waits)
 * @return once both listen: `{ url, port, checkoutUrl, checkoutPort, close() }`
 */
export async function startSandbox(
	options: SandboxOptions = {}
): Promise< RunningSandbox > {
	const port = options.port ?? DEFAULT_PORT;
	const slowMs = options.slowMs ?? DEFAULT_SLOW_MS;
	const host = options.host ?? HOST;
	if ( ! Number.isInteger( port ) || port < 0 || port > 65535 ) {
		throw new RangeError( `Invalid port: ${ String( port ) }` );
	}
	if ( ! Number.isFinite( slowMs ) || slowMs < 0 ) {
		throw new RangeError( `Invalid slowMs: ${ String( slowMs ) }` );
	}
	const checkoutPort = options.checkoutPort ?? ( port === 0 ? 0 : port + 1 );
	if (
		! Number.isInteger( checkoutPort ) ||
		checkoutPort < 0 ||
		checkoutPort > 65535
	) {
		throw new RangeError(
			`Invalid checkout port: ${ String( checkoutPort ) }`
		);
	}
	const timeScale = options.timeScale ?? 1;
	if ( ! Number.isFinite( timeScale ) || timeScale <= 0 ) {
		throw new RangeError( `Invalid timeScale: ${ String( timeScale ) }` );
	}
	const shown = host === '0.0.0.0' ? HOST : host;

	const state = new SandboxState();
	const pending = new Set< {
		timer: NodeJS.Timeout;
		resolve: ( elapsed: boolean ) => void;
	} >();
	let closing = false;

	const delay = ( ms: number ): Promise< boolean > =>
		new Promise( ( resolve ) => {
			if ( closing ) {
				resolve( false );
				return;
			}
			const item = {
				timer: setTimeout( () => {
					pending.delete( item );
					resolve( true );
				}, ms ),
				resolve,
			};
			pending.add( item );
		} );

	const closingSignal = new AbortController();
	// Every delivery in flight listens on it (up to 200 per deliver call; removed when each ends).
	setMaxListeners( 0, closingSignal.signal );
	let checkoutOrigin = '';
	const dispatcher = new WebhookDispatcher(
		state,
		closingSignal.signal,
		timeScale
	);
	const invoices = new InvoiceService(
		state,
		dispatcher,
		() => checkoutOrigin
	);

	const apiRoutes: RouteTable = new Map<
		string,
		ReadonlyMap< string, RouteHandler >
	>( [
		[
			CONNECT_PATH,
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) =>
						handleConnect( ctx, {
							state,
							slowMs,
							delay,
							checkoutBaseUrl: checkoutOrigin,
						} ),
				],
			] ),
		],
		[
			DISCONNECT_PATH,
			new Map< string, RouteHandler >( [
				[ 'POST', ( ctx ) => handleDisconnect( ctx, state ) ],
			] ),
		],
		[
			STATUS_PATH,
			new Map< string, RouteHandler >( [
				[ 'GET', ( ctx ) => handleStatus( ctx, state ) ],
			] ),
		],
		[
			INVOICES_PATH,
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) => handleCreateInvoice( ctx, state, invoices ),
				],
			] ),
		],
	] );
	const apiPatterns: PatternRoute[] = [
		{
			re: INVOICE_PATH_RE,
			methods: new Map< string, RouteHandler >( [
				[ 'GET', ( ctx ) => handleReadInvoice( ctx, state, invoices ) ],
			] ),
		},
	];
	const controlOptions = {
		signal: closingSignal.signal,
		invoices,
		dispatcher,
	};
	const api = {
		routes: apiRoutes,
		patterns: apiPatterns,
	};
	const control = {
		routes: controlRoutes( state, controlOptions ),
		patterns: controlPatternRoutes( state, controlOptions ),
	};

	const server = httpServer( ( req, res ) =>
		handleRequest( req, res, state, api, control, delay )
	);
	const checkoutServer = httpServer( ( req, res ) =>
		handleCheckoutRequest( req, res, invoices )
	);

	// The checkout origin is known before the API answers anything (connect returns it).
	await listen( checkoutServer, checkoutPort, host );
	const actualCheckoutPort = ( checkoutServer.address() as AddressInfo ).port;
	checkoutOrigin = `http://${ shown }:${ actualCheckoutPort }`;
	try {
		await listen( server, port, host );
	} catch ( err ) {
		await new Promise< void >( ( resolve ) =>
			checkoutServer.close( () => resolve() )
		);
		throw err;
	}
	const actualPort = ( server.address() as AddressInfo ).port;

	let closed: Promise< void > | null = null;
	const close = (): Promise< void > => {
		closed ??= new Promise< void >( ( resolve ) => {
			closing = true;
			closingSignal.abort( new Error( 'The sandbox is closing.' ) );
			for ( const item of pending ) {
				clearTimeout( item.timer );
				item.resolve( false );
			}
			pending.clear();
			dispatcher.close();
			let open = 2;
			const done = (): void => {
				open -= 1;
				if ( open === 0 ) {
					resolve();
				}
			};
			server.close( done );
			checkoutServer.close( done );
			server.closeAllConnections();
			checkoutServer.closeAllConnections();
		} );
		return closed;
	};

	return {
		url: `http://${ shown }:${ actualPort }`,
		port: actualPort,
		checkoutUrl: checkoutOrigin,
		checkoutPort: actualCheckoutPort,
		close,
	};
}

/**
 * Creates an HTTP server whose handler failures become a 500 (the process keeps running) and
 * whose malformed requests get a bare 400.
 * @param handle the request handler
 * @return the server (not listening yet)
 */
function httpServer(
	handle: ( req: IncomingMessage, res: ServerResponse ) => Promise< void >
): Server {
	const server = createServer( ( req, res ) => {
		handle( req, res ).catch( ( err: unknown ) => {
			process.stderr.write(
				`meum-sandbox: internal error: ${ err instanceof Error ? ( err.stack ?? err.message ) : String( err ) }\n`
			);
			if ( ! res.headersSent && ! res.destroyed ) {
				const body = JSON.stringify( ERRORS.internal() );
				res.writeHead( 500, {
					'Content-Type': 'application/json; charset=utf-8',
					'Content-Length': String( Buffer.byteLength( body ) ),
				} );
				res.end( body );
			} else {
				res.destroy();
			}
		} );
	} );
	server.on( 'clientError', ( _err, socket ) => {
		if ( socket.writable && ! socket.destroyed ) {
			socket.end(
				'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
			);
		} else {
			socket.destroy();
		}
	} );
	return server;
}

/**
 * Binds the server.
 * @param server the HTTP server
 * @param port   TCP port (0 = any free port)
 * @param host   address to bind
 * @return once listening
 */
function listen( server: Server, port: number, host: string ): Promise< void > {
	return new Promise( ( resolve, reject ) => {
		const onError = ( err: Error ): void => reject( err );
		server.once( 'error', onError );
		server.listen( port, host, () => {
			server.off( 'error', onError );
			resolve();
		} );
	} );
}

/** Exact and parameterised routes of one listener part. */
interface Routes {
	routes: RouteTable;
	patterns: readonly PatternRoute[];
}

async function handleRequest(
	req: IncomingMessage,
	res: ServerResponse,
	state: SandboxState,
	api: Routes,
	control: Routes,
	delay: ( ms: number ) => Promise< boolean >
): Promise< void > {
	const method = ( req.method ?? 'GET' ).toUpperCase();
	let url: URL;
	try {
		url = new URL( req.url ?? '/', `http://${ HOST }` );
	} catch {
		const ctx = bareContext( req, res, method );
		sendJson( ctx, 400, ERRORS.badRequest(), { Connection: 'close' } );
		return;
	}
	const path = url.pathname;
	const isControl =
		path.startsWith( CONTROL_PREFIX ) ||
		path === CONTROL_PREFIX.slice( 0, -1 );

	const body = await readBody( req );
	if ( body === null ) {
		return; // client went away mid-upload
	}

	let entry: RequestLogEntry | null = null;
	if ( ! isControl ) {
		entry = {
			method,
			path,
			query: queryObject( url.searchParams ),
			headers: headersObject( req ),
			body: body.text,
			json: parseForLog( body.text ),
			status: null,
			received_at: new Date().toISOString(),
		};
		state.logRequest( entry );
	}
	const ctx: RequestContext = {
		req,
		res,
		method,
		path,
		query: queryObject( url.searchParams ),
		rawBody: body.text,
		entry,
	};

	if ( body.tooLarge ) {
		sendJson( ctx, 413, ERRORS.payloadTooLarge(), { Connection: 'close' } );
		return;
	}

	// An armed `/__sandbox/fail-next` answers first, whatever the method or key (Meum is "down"
	// or slow). A delay without a status answers normally afterwards.
	// One armed `after_processing` answers normally, but late or never (the call took effect).
	const failure = isControl ? undefined : state.takeFailure( path );
	if ( failure?.afterProcessing !== undefined ) {
		holdAnswer( res, failure.afterProcessing, failure.delayMs, delay );
	} else if ( failure !== undefined ) {
		if ( failure.delayMs > 0 && ! ( await delay( failure.delayMs ) ) ) {
			return; // closing
		}
		if ( failure.status !== null ) {
			const answer = failureBody( failure, failure.status );
			sendRaw( ctx, failure.status, answer.contentType, answer.body );
			return;
		}
	}

	// A path switched down by `/__sandbox/down` answers its outage page until it is up again.
	const down = isControl ? undefined : state.takeDown( path, Date.now() );
	if ( down !== undefined ) {
		sendRaw( ctx, down, 'text/html; charset=utf-8', outagePage( down ) );
		return;
	}

	const part = isControl ? control : api;
	const methods = findRoute( part.routes, part.patterns, path );
	if ( methods === undefined ) {
		sendJson( ctx, 404, ERRORS.notFound() );
		return;
	}
	const handler = methods.get( method );
	if ( handler === undefined ) {
		sendJson( ctx, 405, ERRORS.methodNotAllowed(), {
			Allow: [ ...methods.keys() ].join( ', ' ),
		} );
		return;
	}
	await handler( ctx );
}

/**
 * Makes a response end late or never: the handler runs and its effects stay, but its answer is
 * sent `ms` later (`late`) or replaced by a closed connection (`close`).
 * @param res   the response the handler will end
 * @param mode  `late` or `close`
 * @param ms    the wait of `late`
 * @param delay the sandbox's cancellable wait (false when the sandbox closes)
 */
function holdAnswer(
	res: ServerResponse,
	mode: 'late' | 'close',
	ms: number,
	delay: ( ms: number ) => Promise< boolean >
): void {
	const end = res.end.bind( res ) as ( ...args: unknown[] ) => void;
	const held = ( ...args: unknown[] ): ServerResponse => {
		if ( mode === 'close' ) {
			res.destroy();
			return res;
		}
		void delay( ms ).then( ( elapsed ) => {
			if ( elapsed && ! res.destroyed ) {
				end( ...args );
			} else {
				res.destroy();
			}
		} );
		return res;
	};
	res.end = held as ServerResponse[ 'end' ];
}

function bareContext(
	req: IncomingMessage,
	res: ServerResponse,
	method: string
): RequestContext {
	return { req, res, method, path: '', query: {}, rawBody: '', entry: null };
}

/**
 * Parses a body for the log; null when empty, not JSON, or not re-encodable (e.g. absurdly deep).
 * @param text The body text.
 */
function parseForLog( text: string ): unknown {
	if ( text === '' ) {
		return null;
	}
	try {
		const value: unknown = JSON.parse( text );
		JSON.stringify( value );
		return value;
	} catch {
		return null;
	}
}
