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
import crypto from 'node:crypto';

/**
 * Internal dependencies
 */
import { median, postInParallel, signedDelivery, timedPost } from './lib';

const wpUrl = process.env.WP_URL as string;
const label = process.argv[ 2 ] ?? 'sqlite';
const SAMPLES = 200;
const CONCURRENT_TOTAL = 400;
const CONCURRENCY = 8;

/**
 * A signed `invoice.paid` delivery for an invoice unknown to the store (acknowledged, no order).
 *
 * @return Headers and body.
 */
function unknownInvoicePaid(): {
	headers: Record< string, string >;
	body: string;
} {
	return signedDelivery( 'invoice.paid', {
		invoice_id: `inv_${ crypto.randomBytes( 10 ).toString( 'hex' ) }`,
		external_order_id: '1048',
		amount: '100.00',
		status: 'paid',
	} );
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
		const delivery = unknownInvoicePaid();
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

	const { seconds, failures } = await postInParallel(
		webhookUrl,
		Array.from( { length: CONCURRENT_TOTAL }, unknownInvoicePaid ),
		CONCURRENCY
	);

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
