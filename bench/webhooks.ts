/**
 * Webhook figures, measured from outside the plugin over real HTTP:
 * - median time to acknowledge a verified delivery, as a ratio to an empty public REST route on the
 *   same WordPress in the same run (goal ≤ 1.3);
 * - deliveries per second at concurrency 8.
 * Run through `npm run bench` (bench/run.sh), which starts WordPress and connects it to the sandbox.
 * Usage: node --import tsx bench/webhooks.ts <label>
 */
/**
 * External dependencies
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';

const repo = path.resolve( __dirname, '..' );
const wpUrl = process.env.WP_URL as string;
const label = process.argv[ 2 ] ?? 'sqlite';
const SAMPLES = 200;
const CONCURRENT_TOTAL = 400;
const CONCURRENCY = 8;

/**
 * Runs PHP inside the bench WordPress.
 *
 * @param code PHP code.
 * @return What it printed.
 */
function wpEval( code: string ): string {
	return execFileSync(
		path.join( repo, 'bin/wp-local.sh' ),
		[ 'eval', code ],
		{ encoding: 'utf8' }
	);
}

/** Secret and integration id of the bench site's connection (a bench tool may read them). */
const { secret, integration } = JSON.parse(
	wpEval(
		`$s = new Meum\\WooCommerce\\Connection\\Connection_Store( new Meum\\WooCommerce\\Security\\Encryption( new Meum\\WooCommerce\\Security\\Key_Material() ) );
		 $f = get_option( 'meum_wc_connection' );
		 echo wp_json_encode( array( 'secret' => $s->credentials()['webhook_secret'], 'integration' => $f['integration_public_id'] ) );`
	)
);

/**
 * Builds a signed delivery with a fresh event id.
 *
 * @return Headers and body.
 */
function signedDelivery(): { headers: Record< string, string >; body: string } {
	const id = `evt_bench_${ crypto.randomBytes( 10 ).toString( 'hex' ) }`;
	const body = JSON.stringify( {
		id,
		type: 'invoice.paid',
		createdAt: new Date().toISOString(),
		data: {
			invoice_id: `inv_${ crypto.randomBytes( 10 ).toString( 'hex' ) }`,
			external_order_id: '1048',
			amount: '100.00',
			status: 'paid',
		},
	} );
	const timestamp = String( Math.floor( Date.now() / 1000 ) );
	const signature = crypto
		.createHmac( 'sha256', secret )
		.update( `${ timestamp }.${ body }` )
		.digest( 'hex' );
	return {
		body,
		headers: {
			'Content-Type': 'application/json',
			'X-Meum-Event': 'invoice.paid',
			'X-Meum-Event-Id': id,
			'X-Meum-Timestamp': timestamp,
			'X-Meum-Signature': `v1=${ signature }`,
			'X-Meum-Integration-Id': integration,
		},
	};
}

/**
 * Times one POST.
 *
 * @param url     Target.
 * @param headers Headers.
 * @param body    Body.
 * @return Milliseconds and status.
 */
async function timedPost(
	url: string,
	headers: Record< string, string >,
	body: string
): Promise< { ms: number; status: number } > {
	const start = process.hrtime.bigint();
	const response = await fetch( url, { method: 'POST', headers, body } );
	await response.text();
	return {
		ms: Number( process.hrtime.bigint() - start ) / 1e6,
		status: response.status,
	};
}

/**
 * Median of numbers.
 *
 * @param values Numbers.
 * @return The median.
 */
function median( values: number[] ): number {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	return sorted[ Math.floor( sorted.length / 2 ) ];
}

/**
 * Measures and prints.
 */
async function main(): Promise< void > {
	const webhookUrl = `${ wpUrl }/wp-json/meum/v1/webhook`;
	const emptyUrl = `${ wpUrl }/wp-json/meum-bench/v1/empty`;
	const webhookMs: number[] = [];
	const emptyMs: number[] = [];
	for ( let i = 0; i < 10; i++ ) {
		await timedPost(
			emptyUrl,
			{ 'Content-Type': 'application/json' },
			'{}'
		); // warm-up
	}
	// Interleaved, so both see the same machine load.
	for ( let i = 0; i < SAMPLES; i++ ) {
		const delivery = signedDelivery();
		const hook = await timedPost(
			webhookUrl,
			delivery.headers,
			delivery.body
		);
		if ( hook.status !== 200 ) {
			throw new Error( `delivery answered ${ hook.status }` );
		}
		webhookMs.push( hook.ms );
		emptyMs.push(
			(
				await timedPost(
					emptyUrl,
					{ 'Content-Type': 'application/json' },
					delivery.body
				)
			).ms
		);
	}

	const queue = Array.from( { length: CONCURRENT_TOTAL }, signedDelivery );
	let failures = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from( { length: CONCURRENCY }, async () => {
			for ( let next = queue.pop(); next; next = queue.pop() ) {
				if (
					( await timedPost( webhookUrl, next.headers, next.body ) )
						.status !== 200
				) {
					failures++;
				}
			}
		} )
	);
	const seconds = Number( process.hrtime.bigint() - started ) / 1e9;

	const ratio = median( webhookMs ) / median( emptyMs );
	console.log(
		`\nWebhook receiver on ${ label } (${ SAMPLES } interleaved samples each)\n`
	);
	console.log(
		`  median ack of a verified delivery      ${ median( webhookMs ).toFixed( 1 ) } ms`
	);
	console.log(
		`  median empty public REST route         ${ median( emptyMs ).toFixed( 1 ) } ms`
	);
	console.log(
		`  ratio                                  ${ ratio.toFixed( 2 ) }   goal ≤ 1.3`
	);
	console.log(
		`  deliveries per second, concurrency ${ CONCURRENCY }   ${ ( CONCURRENT_TOTAL / seconds ).toFixed( 1 ) } (${ CONCURRENT_TOTAL } deliveries, ${ failures } not 200)`
	);
}

main().catch( ( error ) => {
	console.error( error );
	process.exitCode = 1;
} );
