import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ConfigError, resolveConfig } from '../src/core/config';

const REPO = fileURLToPath( new URL( '../../../', import.meta.url ) );
const MAIN = fileURLToPath( new URL( '../src/main.ts', import.meta.url ) );

interface Run {
	firstLine: Promise< string >;
	/** The second line of stdout (the hosted checkout origin). */
	secondLine: Promise< string >;
	exited: Promise< { code: number | null; stderr: string } >;
	kill: ( signal: NodeJS.Signals ) => void;
}

function run( args: string[], env: Record< string, string > = {} ): Run {
	const child = spawn(
		process.execPath,
		[ '--import', 'tsx', MAIN, ...args ],
		{
			cwd: REPO,
			env: {
				...process.env,
				MEUM_SANDBOX_PORT: '',
				MEUM_SANDBOX_SLOW_MS: '',
				MEUM_SANDBOX_CHECKOUT_PORT: '',
				MEUM_SANDBOX_TIME_SCALE: '',
				...env,
			},
			stdio: [ 'ignore', 'pipe', 'pipe' ],
		}
	);
	let stdout = '';
	let stderr = '';
	child.stderr.on( 'data', ( d: Buffer ) => ( stderr += d.toString() ) );
	const firstLine = new Promise< string >( ( resolve, reject ) => {
		child.stdout.on( 'data', ( d: Buffer ) => {
			stdout += d.toString();
			const nl = stdout.indexOf( '\n' );
			if ( nl >= 0 ) {
				resolve( stdout.slice( 0, nl ) );
			}
		} );
		child.on( 'exit', () =>
			reject( new Error( `exited before printing; stderr: ${ stderr }` ) )
		);
	} );
	firstLine.catch( () => undefined );
	const secondLine = new Promise< string >( ( resolve, reject ) => {
		child.stdout.on( 'data', () => {
			const lines = stdout.split( '\n' );
			if ( lines.length > 2 ) {
				resolve( lines[ 1 ] ?? '' );
			}
		} );
		child.on( 'exit', () => reject( new Error( 'exited' ) ) );
	} );
	secondLine.catch( () => undefined );
	const exited = new Promise< { code: number | null; stderr: string } >(
		( resolve ) => {
			child.on( 'exit', ( code ) => resolve( { code, stderr } ) );
		}
	);
	return {
		firstLine,
		secondLine,
		exited,
		kill: ( signal ) => child.kill( signal ),
	};
}

describe( 'main.ts process', () => {
	for ( const signal of [ 'SIGTERM', 'SIGINT' ] as const ) {
		it( `--port 0 prints the actual port, serves, and exits 0 on ${ signal }`, async () => {
			const p = run( [ '--port', '0' ] );
			const line = await p.firstLine;
			const m =
				/^Meum sandbox listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(
					line
				);
			assert.ok( m, line );
			assert.notEqual( Number( m[ 1 ] ), 0 );
			const res = await fetch(
				`http://127.0.0.1:${ m[ 1 ] }/__sandbox/health`
			);
			assert.deepEqual( await res.json(), { ok: true } );
			p.kill( signal );
			assert.equal( ( await p.exited ).code, 0 );
		} );
	}

	it( 'prints the hosted checkout origin on a second line; the connect answer names it', async () => {
		const p = run( [ '--port', '0', '--time-scale', '0.01' ] );
		const url = ( await p.firstLine ).replace(
			'Meum sandbox listening on ',
			''
		);
		const m =
			/^Meum sandbox hosted checkout on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(
				await p.secondLine
			);
		assert.ok( m );
		assert.notEqual( m[ 1 ], url );
		const res = await fetch(
			`${ url }/v1/integration/woocommerce/connect`,
			{
				method: 'POST',
				headers: {
					authorization: 'Bearer sk_live_sandbox_ready',
					'content-type': 'application/json',
				},
				body: JSON.stringify( {
					site_url: 'https://shop.example.com',
					webhook_url:
						'https://shop.example.com/wp-json/meum/v1/webhook',
				} ),
			}
		);
		const body = ( await res.json() ) as Record< string, unknown >;
		assert.equal( body.checkout_base_url, m[ 1 ] );
		const policy = ( await (
			await fetch( `${ url }/__sandbox/delivery-policy` )
		).json() ) as Record< string, unknown >;
		assert.equal( policy.time_scale, 0.01 );
		p.kill( 'SIGTERM' );
		assert.equal( ( await p.exited ).code, 0 );
	} );

	it( 'MEUM_SANDBOX_PORT=0 works; MEUM_SANDBOX_SLOW_MS sets the slow delay', async () => {
		const p = run( [], {
			MEUM_SANDBOX_PORT: '0',
			MEUM_SANDBOX_SLOW_MS: '250',
		} );
		const url = ( await p.firstLine ).replace(
			'Meum sandbox listening on ',
			''
		);
		const started = performance.now();
		const res = await fetch(
			`${ url }/v1/integration/woocommerce/connect`,
			{
				method: 'POST',
				headers: {
					authorization: 'Bearer sk_live_sandbox_slow',
					'content-type': 'application/json',
				},
				body: JSON.stringify( {
					site_url: 'https://a.example',
					webhook_url: 'https://a.example/w',
				} ),
			}
		);
		assert.equal( res.status, 200 );
		assert.ok( performance.now() - started >= 250 );
		p.kill( 'SIGTERM' );
		assert.equal( ( await p.exited ).code, 0 );
	} );

	it( 'an invalid port exits 1 with a message', async () => {
		const p = run( [ '--port', 'abc' ] );
		const { code, stderr } = await p.exited;
		assert.equal( code, 1 );
		assert.match( stderr, /invalid port/ );
	} );
} );

describe( 'resolveConfig', () => {
	it( 'defaults', () => {
		assert.deepEqual( resolveConfig( [], {} ), {
			port: 8891,
			slowMs: 20000,
			host: '127.0.0.1',
		} );
	} );
	it( 'MEUM_SANDBOX_HOST sets the bound address (for wp-env containers)', () => {
		assert.equal(
			resolveConfig( [], { MEUM_SANDBOX_HOST: '0.0.0.0' } ).host,
			'0.0.0.0'
		);
	} );
	it( '--port beats MEUM_SANDBOX_PORT; both forms of --port', () => {
		assert.deepEqual(
			resolveConfig( [ '--port', '9000' ], { MEUM_SANDBOX_PORT: '9001' } )
				.port,
			9000
		);
		assert.deepEqual( resolveConfig( [ '--port=0' ], {} ).port, 0 );
		assert.deepEqual(
			resolveConfig( [], { MEUM_SANDBOX_PORT: '9001' } ).port,
			9001
		);
	} );
	it( '--checkout-port and --time-scale beat their env variables; both forms', () => {
		assert.equal(
			resolveConfig( [ '--checkout-port', '9100' ], {
				MEUM_SANDBOX_CHECKOUT_PORT: '9200',
			} ).checkoutPort,
			9100
		);
		assert.equal(
			resolveConfig( [], { MEUM_SANDBOX_CHECKOUT_PORT: '0' } )
				.checkoutPort,
			0
		);
		assert.equal(
			resolveConfig( [ '--checkout-port=9300' ], {} ).checkoutPort,
			9300
		);
		assert.equal(
			resolveConfig( [ '--time-scale=0.001' ], {
				MEUM_SANDBOX_TIME_SCALE: '2',
			} ).timeScale,
			0.001
		);
		assert.equal(
			resolveConfig( [], { MEUM_SANDBOX_TIME_SCALE: '1e-3' } ).timeScale,
			0.001
		);
		for ( const argv of [
			[ '--checkout-port', 'x' ],
			[ '--time-scale', '0' ],
			[ '--time-scale', '-1' ],
			[ '--time-scale' ],
		] ) {
			assert.throws(
				() => resolveConfig( argv, {} ),
				ConfigError,
				argv.join( ' ' )
			);
		}
	} );
	it( 'MEUM_SANDBOX_SLOW_MS', () => {
		assert.equal(
			resolveConfig( [], { MEUM_SANDBOX_SLOW_MS: '300' } ).slowMs,
			300
		);
	} );
	it( 'rejects bad values', () => {
		for ( const argv of [
			[ '--port' ],
			[ '--port', '-1' ],
			[ '--port', '65536' ],
			[ '--port', '1.5' ],
			[ '--bogus' ],
		] ) {
			assert.throws(
				() => resolveConfig( argv, {} ),
				ConfigError,
				argv.join( ' ' )
			);
		}
		assert.throws(
			() => resolveConfig( [], { MEUM_SANDBOX_SLOW_MS: 'soon' } ),
			ConfigError
		);
	} );
} );
