/**
 * Validates .wp-env.json with wp-env's own configuration parser (the code `wp-env start` runs),
 * without Docker and without network: the @wordpress/env package is fetched once with `npm pack`
 * into .wp-local/cache (only its lib/ is used, not its dependencies), and the single function that
 * would ask wordpress.org for the latest version is replaced by a fixed answer.
 *
 * Also checks what this project needs from the file: WooCommerce and this plugin, and
 * MEUM_API_BASE_URL pointing at the sandbox through host.docker.internal. Then proves the check
 * can fail: an unknown key and a wrong type must be rejected. Exit code 1 on any failure.
 *
 * Usage: node tests/release/wp-env-check.cjs
 */
const { execFileSync } = require( 'node:child_process' );
const fs = require( 'node:fs' );
const Module = require( 'node:module' );
const os = require( 'node:os' );
const path = require( 'node:path' );

const WP_ENV_VERSION = '11.16.0';
const repo = path.resolve( __dirname, '../..' );
const cache = path.join(
	repo,
	'.wp-local',
	'cache',
	`wp-env-${ WP_ENV_VERSION }`
);

/**
 * Fetches and unpacks @wordpress/env once.
 *
 * @return {string} Path of the unpacked package.
 */
function wpEnvPackage() {
	const unpacked = path.join( cache, 'package' );
	if (
		! fs.existsSync(
			path.join( unpacked, 'lib', 'config', 'parse-config.js' )
		)
	) {
		fs.mkdirSync( cache, { recursive: true } );
		const tarball = execFileSync(
			'npm',
			[ 'pack', '-q', `@wordpress/env@${ WP_ENV_VERSION }` ],
			{ cwd: cache, encoding: 'utf8' }
		).trim();
		execFileSync( 'tar', [ 'xzf', tarball ], { cwd: cache } );
	}
	return unpacked;
}

/**
 * Loads wp-env's parseConfig with its network lookup replaced.
 *
 * @param {string} pkg Unpacked package path.
 * @return {Function} parseConfig( configDirectoryPath, cacheDirectoryPath ).
 */
function loadParser( pkg ) {
	const wordpressModule = path.join( pkg, 'lib', 'wordpress.js' );
	const originalLoad = Module._load;
	Module._load = function ( request, parent, isMain ) {
		if (
			parent &&
			Module._resolveFilename( request, parent ) === wordpressModule
		) {
			return { getLatestWordPressVersion: async () => '6.8.12' };
		}
		return originalLoad.call( this, request, parent, isMain );
	};
	return require( path.join( pkg, 'lib', 'config', 'parse-config.js' ) )
		.parseConfig;
}

/**
 * Parses a directory's .wp-env.json.
 *
 * @param {Function} parseConfig wp-env's parser.
 * @param {string}   dir         Directory with .wp-env.json.
 * @return {Promise<Object>} The parsed config.
 */
async function parse( parseConfig, dir ) {
	const work = fs.mkdtempSync( path.join( os.tmpdir(), 'wp-env-check-' ) );
	try {
		return await parseConfig( dir, work );
	} finally {
		fs.rmSync( work, { recursive: true, force: true } );
	}
}

/**
 * Expects wp-env to reject a config.
 *
 * @param {Function} parseConfig wp-env's parser.
 * @param {Object}   config      Raw config.
 * @param {string}   what        Description.
 * @return {Promise<void>}
 */
async function expectRejected( parseConfig, config, what ) {
	const dir = fs.mkdtempSync( path.join( os.tmpdir(), 'wp-env-bad-' ) );
	fs.writeFileSync(
		path.join( dir, '.wp-env.json' ),
		JSON.stringify( config )
	);
	try {
		await parse( parseConfig, dir );
	} catch ( error ) {
		console.log( `ok   rejects ${ what }: ${ error.message }` );
		return;
	} finally {
		fs.rmSync( dir, { recursive: true, force: true } );
	}
	throw new Error( `wp-env accepted ${ what }` );
}

( async () => {
	const parseConfig = loadParser( wpEnvPackage() );
	const config = await parse( parseConfig, repo );
	const checks = [
		[
			'WooCommerce is installed',
			config.pluginSources.some( ( source ) =>
				/\/woocommerce\.[^/]*\.zip$/.test( source.url || '' )
			),
		],
		[
			'this plugin is mounted and activated',
			config.pluginSources.some(
				( source ) => 'local' === source.type && source.path === repo
			),
		],
		[
			'WordPress 6.8',
			config.coreSource && config.coreSource.ref === '6.8',
		],
		[
			'MEUM_API_BASE_URL points at the sandbox on the host',
			config.config.MEUM_API_BASE_URL ===
				'http://host.docker.internal:8891',
		],
		[
			'an encryption key outside the database',
			typeof config.config.MEUM_WC_ENCRYPTION_KEY === 'string' &&
				config.config.MEUM_WC_ENCRYPTION_KEY.length >= 32,
		],
	];
	let failed = false;
	for ( const [ name, ok ] of checks ) {
		console.log( `${ ok ? 'ok  ' : 'FAIL' } .wp-env.json: ${ name }` );
		failed = failed || ! ok;
	}
	await expectRejected(
		parseConfig,
		{ plugins: [ '.' ], unknownOption: true },
		'an unknown option'
	);
	await expectRejected(
		parseConfig,
		{ port: 'eighty' },
		'a port that is not a number'
	);
	if ( failed ) {
		process.exitCode = 1;
	}
} )().catch( ( error ) => {
	console.error( `FAIL .wp-env.json: ${ error.message }` );
	process.exitCode = 1;
} );
