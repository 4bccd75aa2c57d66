/** Command-line and environment configuration of the sandbox process. */
import { DEFAULT_PORT, DEFAULT_SLOW_MS, HOST } from './server';

/** Resolved process configuration. */
export interface SandboxConfig {
	port: number;
	slowMs: number;
	host: string;
}

/** Thrown for a bad flag or environment value; the message is meant for the user. */
export class ConfigError extends Error {}

/**
 * Parses a port number (0-65535; 0 means "any free port").
 * @param value  the text to parse
 * @param source where the value came from, for the error message
 * @return the port
 * @throws ConfigError when the value is not a valid port
 */
export function parsePort( value: string, source: string ): number {
	const port = /^\d{1,5}$/.test( value.trim() )
		? Number( value.trim() )
		: NaN;
	if ( ! Number.isInteger( port ) || port > 65535 ) {
		throw new ConfigError(
			`${ source }: invalid port "${ value }" (expected an integer 0-65535)`
		);
	}
	return port;
}

/**
 * Parses a non-negative millisecond delay.
 * @param value  the text to parse
 * @param source where the value came from, for the error message
 * @return the delay in ms
 * @throws ConfigError when the value is not a non-negative integer
 */
export function parseMs( value: string, source: string ): number {
	if ( ! /^\d{1,9}$/.test( value.trim() ) ) {
		throw new ConfigError(
			`${ source }: invalid delay "${ value }" (expected milliseconds, an integer >= 0)`
		);
	}
	return Number( value.trim() );
}

/**
 * Resolves the configuration: `--port N` / `--port=N` beats `MEUM_SANDBOX_PORT`, default 8891;
 * `MEUM_SANDBOX_SLOW_MS`, default 20000; `MEUM_SANDBOX_HOST`, default 127.0.0.1.
 * @param argv the arguments after the script name
 * @param env  the process environment
 * @return the configuration
 * @throws ConfigError for unknown flags or invalid values
 */
export function resolveConfig(
	argv: readonly string[],
	env: NodeJS.ProcessEnv
): SandboxConfig {
	let port: number | undefined;
	for ( let i = 0; i < argv.length; i++ ) {
		const arg = argv[ i ] ?? '';
		if ( arg === '--port' ) {
			const next = argv[ i + 1 ];
			if ( next === undefined ) {
				throw new ConfigError( '--port needs a value' );
			}
			port = parsePort( next, '--port' );
			i++;
		} else if ( arg.startsWith( '--port=' ) ) {
			port = parsePort( arg.slice( '--port='.length ), '--port' );
		} else {
			throw new ConfigError(
				`unknown argument "${ arg }" (usage: main.ts [--port N])`
			);
		}
	}
	const envPort = env.MEUM_SANDBOX_PORT;
	if ( port === undefined && envPort !== undefined && envPort !== '' ) {
		port = parsePort( envPort, 'MEUM_SANDBOX_PORT' );
	}
	const envSlow = env.MEUM_SANDBOX_SLOW_MS;
	const slowMs =
		envSlow !== undefined && envSlow !== ''
			? parseMs( envSlow, 'MEUM_SANDBOX_SLOW_MS' )
			: DEFAULT_SLOW_MS;
	const host =
		env.MEUM_SANDBOX_HOST !== undefined && env.MEUM_SANDBOX_HOST !== ''
			? env.MEUM_SANDBOX_HOST
			: HOST;
	return { port: port ?? DEFAULT_PORT, slowMs, host };
}
