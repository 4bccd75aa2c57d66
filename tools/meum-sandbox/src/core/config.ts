/** Command-line and environment configuration of the sandbox process. */
import { DEFAULT_PORT, DEFAULT_SLOW_MS, HOST } from './server';

/** Resolved process configuration. */
export interface SandboxConfig {
	port: number;
	slowMs: number;
	host: string;
	/** Port of the hosted checkout listener; undefined = API port + 1 (0 when the API port is 0). */
	checkoutPort?: number;
	/** Factor applied to webhook retry delays; undefined = 1 (Meum's 60 s, 120 s, …). */
	timeScale?: number;
}

/**
 * Parses a webhook time scale: a positive decimal number (e.g. `0.001` turns 60 s into 60 ms).
 * @param value  the text to parse
 * @param source where the value came from, for the error message
 * @return the factor
 * @throws ConfigError when the value is not a positive number up to 1000
 */
export function parseTimeScale( value: string, source: string ): number {
	const scale = /^\d+(\.\d+)?([eE]-?\d+)?$/.test( value.trim() )
		? Number( value.trim() )
		: NaN;
	if ( ! Number.isFinite( scale ) || scale <= 0 || scale > 1000 ) {
		throw new ConfigError(
			`${ source }: invalid time scale "${ value }" (expected a number > 0 and <= 1000)`
		);
	}
	return scale;
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

/** Flags taking a value: name → environment variable it beats. */
const VALUE_FLAGS = {
	'--port': 'MEUM_SANDBOX_PORT',
	'--checkout-port': 'MEUM_SANDBOX_CHECKOUT_PORT',
	'--time-scale': 'MEUM_SANDBOX_TIME_SCALE',
} as const;

type ValueFlag = keyof typeof VALUE_FLAGS;

/**
 * Reads `--flag N` / `--flag=N` arguments.
 * @param argv the arguments after the script name
 * @return flag → raw value (the last one wins)
 * @throws ConfigError for unknown flags or a missing value
 */
function readFlags( argv: readonly string[] ): Map< ValueFlag, string > {
	const flags = new Map< ValueFlag, string >();
	const names = Object.keys( VALUE_FLAGS ) as ValueFlag[];
	for ( let i = 0; i < argv.length; i++ ) {
		const arg = argv[ i ] ?? '';
		const name = names.find(
			( n ) => arg === n || arg.startsWith( `${ n }=` )
		);
		if ( name === undefined ) {
			throw new ConfigError(
				`unknown argument "${ arg }" (usage: main.ts [--port N] [--checkout-port N] [--time-scale X])`
			);
		}
		if ( arg === name ) {
			const next = argv[ i + 1 ];
			if ( next === undefined ) {
				throw new ConfigError( `${ name } needs a value` );
			}
			flags.set( name, next );
			i++;
		} else {
			flags.set( name, arg.slice( name.length + 1 ) );
		}
	}
	return flags;
}

/**
 * Resolves the configuration: `--port N` / `--port=N` beats `MEUM_SANDBOX_PORT`, default 8891;
 * `--checkout-port N` beats `MEUM_SANDBOX_CHECKOUT_PORT`, default port + 1 (0 with port 0);
 * `--time-scale X` beats `MEUM_SANDBOX_TIME_SCALE`, default 1;
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
	const flags = readFlags( argv );
	const raw = ( flag: ValueFlag ): [ string, string ] | undefined => {
		const fromFlag = flags.get( flag );
		if ( fromFlag !== undefined ) {
			return [ fromFlag, flag ];
		}
		const fromEnv = env[ VALUE_FLAGS[ flag ] ];
		return fromEnv !== undefined && fromEnv !== ''
			? [ fromEnv, VALUE_FLAGS[ flag ] ]
			: undefined;
	};
	const portValue = raw( '--port' );
	const port =
		portValue === undefined ? undefined : parsePort( ...portValue );
	const checkoutValue = raw( '--checkout-port' );
	const scaleValue = raw( '--time-scale' );
	const envSlow = env.MEUM_SANDBOX_SLOW_MS;
	const slowMs =
		envSlow !== undefined && envSlow !== ''
			? parseMs( envSlow, 'MEUM_SANDBOX_SLOW_MS' )
			: DEFAULT_SLOW_MS;
	const host =
		env.MEUM_SANDBOX_HOST !== undefined && env.MEUM_SANDBOX_HOST !== ''
			? env.MEUM_SANDBOX_HOST
			: HOST;
	const config: SandboxConfig = { port: port ?? DEFAULT_PORT, slowMs, host };
	if ( scaleValue !== undefined ) {
		config.timeScale = parseTimeScale( ...scaleValue );
	}
	if ( checkoutValue !== undefined ) {
		config.checkoutPort = parsePort( ...checkoutValue );
	}
	return config;
}
