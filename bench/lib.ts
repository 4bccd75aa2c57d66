/**
 * What the bench scripts share: PHP run inside the bench WordPress, timing, and signed webhook
 * deliveries made the way Meum signs them (HMAC-SHA256 of `timestamp.body` with the webhook
 * secret, Part B §5).
 */
/**
 * External dependencies
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';

const repo = path.resolve( __dirname, '..' );

/**
 * Runs PHP inside the bench WordPress (bin/wp-local.sh eval).
 *
 * @param code PHP code without the opening tag.
 * @return What it printed.
 */
export function wpEval( code: string ): string {
	return execFileSync(
		path.join( repo, 'bin/wp-local.sh' ),
		[ 'eval', code ],
		{ encoding: 'utf8' }
	);
}

/**
 * Median of numbers (the upper one of an even count).
 *
 * @param values Numbers.
 * @return The median.
 */
export function median( values: number[] ): number {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	return sorted[ Math.floor( sorted.length / 2 ) ];
}

/**
 * Milliseconds since a start mark.
 *
 * @param start process.hrtime.bigint() at the start.
 * @return Elapsed milliseconds.
 */
export function since( start: bigint ): number {
	return Number( process.hrtime.bigint() - start ) / 1e6;
}

/**
 * Times one POST, the answer read to its end.
 *
 * @param url     Target.
 * @param headers Headers.
 * @param body    Body.
 * @return Milliseconds and the HTTP status.
 */
export async function timedPost(
	url: string,
	headers: Record< string, string >,
	body: string
): Promise< { ms: number; status: number } > {
	const start = process.hrtime.bigint();
	const response = await fetch( url, { method: 'POST', headers, body } );
	await response.text();
	return { ms: since( start ), status: response.status };
}

/** The bench site's webhook secret and integration id, read once (a bench tool may read them). */
let connection: { secret: string; integration: string } | null = null;

/**
 * A signed delivery of an event with a fresh event id.
 *
 * @param type Event type, e.g. `invoice.paid`.
 * @param data The event's `data`.
 * @return Headers and body, ready to POST to /wp-json/meum/v1/webhook.
 */
export function signedDelivery(
	type: string,
	data: Record< string, string >
): { headers: Record< string, string >; body: string } {
	connection ??= JSON.parse(
		wpEval(
			`$s = new Meum\\WooCommerce\\Connection\\Connection_Store( new Meum\\WooCommerce\\Security\\Encryption( new Meum\\WooCommerce\\Security\\Key_Material() ) );
			 $f = get_option( 'meum_wc_connection' );
			 echo wp_json_encode( array( 'secret' => $s->credentials()['webhook_secret'], 'integration' => $f['integration_public_id'] ) );`
		)
	) as { secret: string; integration: string };
	const id = `evt_bench_${ crypto.randomBytes( 10 ).toString( 'hex' ) }`;
	const body = JSON.stringify( {
		id,
		type,
		createdAt: new Date().toISOString(),
		data,
	} );
	const timestamp = String( Math.floor( Date.now() / 1000 ) );
	const signature = crypto
		.createHmac( 'sha256', connection.secret )
		.update( `${ timestamp }.${ body }` )
		.digest( 'hex' );
	return {
		body,
		headers: {
			'Content-Type': 'application/json',
			'X-Meum-Event': type,
			'X-Meum-Event-Id': id,
			'X-Meum-Timestamp': timestamp,
			'X-Meum-Signature': `v1=${ signature }`,
			'X-Meum-Integration-Id': connection.integration,
		},
	};
}

/**
 * POSTs prepared deliveries with a fixed number of connections in parallel.
 *
 * @param url         Target.
 * @param deliveries  The deliveries (consumed).
 * @param concurrency Parallel connections.
 * @return Seconds for all, and how many were not answered 200.
 */
export async function postInParallel(
	url: string,
	deliveries: { headers: Record< string, string >; body: string }[],
	concurrency: number
): Promise< { seconds: number; failures: number } > {
	let failures = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from( { length: concurrency }, async () => {
			for ( let next = deliveries.pop(); next; next = deliveries.pop() ) {
				if (
					( await timedPost( url, next.headers, next.body ) )
						.status !== 200
				) {
					failures++;
				}
			}
		} )
	);
	return { seconds: since( started ) / 1000, failures };
}

/**
 * Number of requests the Meum sandbox has logged since its last reset.
 *
 * @param sandboxUrl The sandbox's base URL.
 * @return Count.
 */
export async function sandboxRequestCount(
	sandboxUrl: string
): Promise< number > {
	return (
		await ( await fetch( `${ sandboxUrl }/__sandbox/requests` ) ).json()
	).requests.length;
}

/**
 * Views a front-end page several times after one warm-up view: its DB queries (the bench
 * mu-plugin prints `meum-bench-queries: N` into the page) and its script tags.
 *
 * @param url   Page.
 * @param views Measured views.
 * @return The median query count and the script tags of the last view.
 */
export async function pageCost(
	url: string,
	views: number
): Promise< { queries: number; scripts: string[] } > {
	const counts: number[] = [];
	let scripts: string[] = [];
	for ( let i = 0; i <= views; i++ ) {
		const html = await (
			await fetch( url, { redirect: 'follow' } )
		).text();
		const match = html.match( /meum-bench-queries: (\d+)/ );
		if ( ! match ) {
			throw new Error( `${ url } carries no query count` );
		}
		if ( i > 0 ) {
			counts.push( Number( match[ 1 ] ) );
		}
		scripts = [ ...html.matchAll( /<script[^>]*>/g ) ].map(
			( m ) => m[ 0 ]
		);
	}
	return { queries: median( counts ), scripts };
}

/** The plugin's basename in the bench WordPress. */
export const PLUGIN_BASENAME = 'meum-woocommerce/meum-woocommerce.php';

/**
 * Activates or deactivates the plugin, then settles what the switch leaves behind in
 * WooCommerce: its Jetpack connection package flags every change of `active_plugins` and keeps
 * looking the flag up on each request until a POST request clears it, so without this the two
 * arms of an on/off comparison would differ by that lookup, not by the plugin.
 *
 * @param wpUrl  The bench site's URL.
 * @param active Activate (true) or deactivate (false).
 * @return Resolves when the site is settled.
 */
export async function setPluginActive(
	wpUrl: string,
	active: boolean
): Promise< void > {
	wpEval(
		active
			? `activate_plugin( '${ PLUGIN_BASENAME }' );`
			: `deactivate_plugins( '${ PLUGIN_BASENAME }' );`
	);
	await ( await fetch( `${ wpUrl }/`, { method: 'POST' } ) ).text();
}

/**
 * What a page costs with the plugin active and inactive, in interleaved rounds (on, off, on, off …)
 * so that background work of the site (Action Scheduler, cron, caches warming) falls on both arms
 * alike. Each round switches the plugin, then views the page once to warm up and once to measure.
 *
 * @param wpUrl  The bench site's URL.
 * @param url    The page.
 * @param rounds Rounds.
 * @return Per arm: the median query count and the script tags of its last view. Leaves the plugin active.
 */
export async function pageCostOnOff(
	wpUrl: string,
	url: string,
	rounds: number
): Promise< Record< 'on' | 'off', { queries: number; scripts: string[] } > > {
	const queries = { on: [] as number[], off: [] as number[] };
	const scripts = { on: [] as string[], off: [] as string[] };
	for ( let round = 0; round < rounds; round++ ) {
		for ( const arm of [ 'on', 'off' ] as const ) {
			await setPluginActive( wpUrl, arm === 'on' );
			const cost = await pageCost( url, 1 );
			queries[ arm ].push( cost.queries );
			scripts[ arm ] = cost.scripts;
		}
	}
	await setPluginActive( wpUrl, true );
	return {
		on: { queries: median( queries.on ), scripts: scripts.on },
		off: { queries: median( queries.off ), scripts: scripts.off },
	};
}

/**
 * A US billing and shipping address for Store API checkouts of the bench and the two-node test.
 *
 * @param firstName The buyer's first name.
 * @param email     The buyer's e-mail.
 * @return The address.
 */
export function buyerAddress(
	firstName: string,
	email: string
): Record< string, string > {
	return {
		first_name: firstName,
		last_name: 'Buyer',
		address_1: '1 Test Street',
		city: 'Testville',
		postcode: '10001',
		country: 'US',
		state: 'NY',
		email,
	};
}
