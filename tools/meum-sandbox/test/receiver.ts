/** A tiny HTTP receiver standing in for the plugin's webhook route in the sandbox tests. */
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach } from 'node:test';

/** One request as the test receiver saw it. */
export interface Received {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** Header names as spelled on the wire. */
	rawHeaderNames: string[];
	body: Buffer;
	/** When it arrived (`performance.now()`). */
	at: number;
}

/** What the receiver answers; may hold the reply until `release()`. */
export type Responder = (
	req: IncomingMessage,
	res: ServerResponse,
	received: Received
) => void;

/** A tiny HTTP receiver on a free port that records raw bytes and headers. */
export class Receiver {
	readonly received: Received[] = [];
	responder: Responder = ( _req, res ) => {
		res.writeHead( 200, { 'Content-Type': 'application/json' } );
		res.end( '{"received":true}' );
	};
	private server: Server = createServer( ( req, res ) => {
		const chunks: Buffer[] = [];
		req.on( 'data', ( c: Buffer ) => chunks.push( c ) );
		req.on( 'end', () => {
			const rawHeaderNames = req.rawHeaders.filter(
				( _, i ) => i % 2 === 0
			);
			const entry: Received = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				rawHeaderNames,
				body: Buffer.concat( chunks ),
				at: performance.now(),
			};
			this.received.push( entry );
			this.responder( req, res, entry );
		} );
	} );
	port = 0;

	async start(): Promise< void > {
		await new Promise< void >( ( resolve ) =>
			this.server.listen( 0, '127.0.0.1', resolve )
		);
		this.port = ( this.server.address() as AddressInfo ).port;
	}

	url( path = '/wp-json/meum/v1/webhook' ): string {
		return `http://127.0.0.1:${ this.port }${ path }`;
	}

	/**
	 * Waits until at least `count` requests arrived.
	 * @param count     how many
	 * @param timeoutMs give up after this long (the assertion then fails)
	 * @return the requests received so far
	 */
	async waitFor( count: number, timeoutMs = 5000 ): Promise< Received[] > {
		const until = performance.now() + timeoutMs;
		while ( this.received.length < count && performance.now() < until ) {
			await new Promise( ( resolve ) => setTimeout( resolve, 10 ) );
		}
		if ( this.received.length < count ) {
			throw new Error(
				`expected ${ count } requests, got ${ this.received.length }`
			);
		}
		return [ ...this.received ];
	}

	reset(): void {
		this.received.length = 0;
		this.responder = ( _req, res ) => {
			res.writeHead( 200, { 'Content-Type': 'application/json' } );
			res.end( '{"received":true}' );
		};
	}

	close(): Promise< void > {
		return new Promise( ( resolve ) => {
			this.server.close( () => resolve() );
			this.server.closeAllConnections();
		} );
	}
}

/**
 * Registers the hooks that start a receiver for the enclosing suite, clear it before each test
 * and close it afterwards.
 * @return the receiver, started once the `before` hook has run
 */
export function receiverForSuite(): Receiver {
	const rx = new Receiver();
	before( () => rx.start() );
	after( () => rx.close() );
	beforeEach( () => rx.reset() );
	return rx;
}
