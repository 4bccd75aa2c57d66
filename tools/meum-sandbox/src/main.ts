/**
 * Entry point: `npx tsx tools/meum-sandbox/src/main.ts [--port N] [--checkout-port N] [--time-scale X]`.
 * Env: MEUM_SANDBOX_PORT (default 8891, 0 = any free port), MEUM_SANDBOX_CHECKOUT_PORT (default
 * port + 1), MEUM_SANDBOX_TIME_SCALE (default 1), MEUM_SANDBOX_SLOW_MS (default 20000).
 */
import { ConfigError, resolveConfig, type SandboxConfig } from './core/config';
import { startSandbox } from './core/server';

function fail( message: string ): never {
	process.stderr.write( `meum-sandbox: ${ message }\n` );
	process.exit( 1 );
}

let config: SandboxConfig;
try {
	config = resolveConfig( process.argv.slice( 2 ), process.env );
} catch ( err ) {
	fail( err instanceof ConfigError ? err.message : String( err ) );
}

startSandbox( config ).then(
	( sandbox ) => {
		process.stdout.write(
			`Meum sandbox listening on ${ sandbox.url }\nMeum sandbox hosted checkout on ${ sandbox.checkoutUrl }\n`
		);
		let stopping = false;
		const stop = (): void => {
			if ( stopping ) {
				process.exit( 1 ); // second signal: give up waiting
			}
			stopping = true;
			sandbox.close().then(
				() => process.exit( 0 ),
				() => process.exit( 1 )
			);
		};
		process.on( 'SIGTERM', stop );
		process.on( 'SIGINT', stop );
	},
	( err: unknown ) => {
		const failure = err as
			( NodeJS.ErrnoException & { port?: number } ) | undefined;
		fail(
			failure?.code === 'EADDRINUSE'
				? `port ${ failure.port ?? config.port } is already in use`
				: String( err )
		);
	}
);
