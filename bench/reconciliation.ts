/**
 * Reconciliation figures (issue 11), measured on the bench store (WooCommerce, connected to the
 * sandbox) by running the one recurring action's callback (`meum_wc_reconcile`) the way Action
 * Scheduler does, in a PHP process of the bench WordPress:
 * - open invoices at 100 and 1,000 (every one due): Meum requests per pass and per check (goal:
 *   one per due check), database queries per check and peak memory of a run (goal: flat in N),
 *   and the time for all due checks;
 * - every webhook dropped: time from the payment at Meum until the order is Processing (median,
 *   max), on the default schedule compressed by a factor, with its real-time equivalent (goal:
 *   max ≤ the first check delay + one runner interval);
 * - fault counts: webhooks sent, dropped, duplicated, delayed and reordered by the sandbox across
 *   re-issued invoices of many orders → orders not in the state their invoices' final states at
 *   Meum give (goal 0), and double `payment_complete` (goal 0; counted in the database by
 *   tests/support/mu-plugins/meum-wc-order-effects.php, which bench/run.sh links for this script);
 * - whether the recurring action was scheduled while bench/payments.ts measured the Store API
 *   checkout ratio.
 * Prints figures; asserts no timing. Run through `npm run bench` (bench/run.sh), or alone on a
 * connected site: node --import tsx bench/reconciliation.ts <label>
 * (BENCH_RECONCILE_SIZES=100,1000 BENCH_RECONCILE_DROPPED=20 BENCH_RECONCILE_FAULT_ORDERS=30
 * BENCH_RECONCILE_COMPRESSION=20).
 */
/**
 * Internal dependencies
 */
import { median, wpEval } from './lib';

const sandboxUrl = process.env.MEUM_SANDBOX_URL as string;
const label = process.argv[ 2 ] ?? 'MariaDB';
const SIZES = ( process.env.BENCH_RECONCILE_SIZES ?? '100,1000' )
	.split( ',' )
	.map( Number );
const DROPPED_ORDERS = Number( process.env.BENCH_RECONCILE_DROPPED ?? 20 );
const FAULT_ORDERS = Number( process.env.BENCH_RECONCILE_FAULT_ORDERS ?? 30 );
/**
 * Seconds of the default schedule per second of the bench (20: 300 s → 15 s, the 60 s runner →
 * 3 s). Due times are whole seconds, so each compressed second of lateness reads as COMPRESSION
 * real seconds: a larger factor overstates the real-time equivalent.
 */
const COMPRESSION = Number( process.env.BENCH_RECONCILE_COMPRESSION ?? 20 );
const FIRST_CHECK_SECONDS = 300;
const RUNNER_INTERVAL_SECONDS = 60;
const HOOK = 'meum_wc_reconcile';

/**
 * PHP shared by the snippets: makes orders of the sample product with invoices at the sandbox
 * (through the plugin's own Invoice_Api), recorded as a checkout records them; makes rows due.
 */
const PHP_HELPERS = `
if ( ! function_exists( 'meum_bench_invoices' ) ) {
	function meum_bench_api() {
		$store = new \\Meum\\WooCommerce\\Connection\\Connection_Store( new \\Meum\\WooCommerce\\Security\\Encryption( new \\Meum\\WooCommerce\\Security\\Key_Material() ) );
		return new \\Meum\\WooCommerce\\Payments\\Invoice_Api( new \\Meum\\WooCommerce\\Api\\Client( new \\Meum\\WooCommerce\\Environment(), new \\Meum\\WooCommerce\\Api\\Error_Mapper() ), $store );
	}
	function meum_bench_invoices( int $orders, int $suffixes ): array {
		$api     = meum_bench_api();
		$table   = new \\Meum\\WooCommerce\\Payments\\Invoice_Table();
		$post    = get_page_by_path( 'meum-sample-product', OBJECT, 'product' );
		$product = wc_get_product( $post->ID );
		$made    = array();
		for ( $i = 0; $i < $orders; $i++ ) {
			$order = wc_create_order( array( 'created_via' => 'checkout' ) );
			$order->add_product( $product, 1 );
			$order->set_currency( 'USD' );
			$order->set_payment_method( 'meum' );
			$order->set_billing_email( 'bench@example.com' );
			$order->calculate_totals( false );
			$order->save();
			$ids = array();
			for ( $suffix = 1; $suffix <= $suffixes; $suffix++ ) {
				$invoice = $api->create(
					array(
						'external_order_id' => $order->get_id() . ( $suffix > 1 ? '-' . $suffix : '' ),
						'amount'            => (string) $order->get_total( 'edit' ),
						'currency'          => 'USD',
						'return_url'        => $order->get_checkout_order_received_url(),
					),
					10.0
				);
				if ( is_wp_error( $invoice ) ) {
					fwrite( STDERR, 'create failed: ' . $invoice->get_error_code() . "\\n" );
					exit( 1 );
				}
				$table->record( $order->get_id(), $suffix, $invoice, time() );
				\\Meum\\WooCommerce\\Payments\\Order_Meta::add_invoice( $order, $invoice->id() );
				\\Meum\\WooCommerce\\Payments\\Order_Meta::set_current_invoice( $order, $invoice->id() );
				\\Meum\\WooCommerce\\Payments\\Order_Meta::set_last_suffix( $order, $suffix );
				$ids[ $suffix ] = $invoice->id();
			}
			$order->save();
			$made[] = array( 'order' => $order->get_id(), 'invoices' => $ids );
		}
		return $made;
	}
	function meum_bench_make_due( array $invoice_ids ): void {
		global $wpdb;
		$table = \\Meum\\WooCommerce\\Database\\Tables::name( \\Meum\\WooCommerce\\Database\\Tables::INVOICES );
		foreach ( array_chunk( $invoice_ids, 200 ) as $chunk ) {
			$in = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
			$wpdb->query( $wpdb->prepare( "UPDATE $table SET next_check_at = %s, check_claim = NULL, claimed_until = NULL WHERE next_check_at IS NOT NULL AND invoice_id IN ( $in )", array_merge( array( gmdate( 'Y-m-d H:i:s', time() - 60 ) ), $chunk ) ) );
		}
	}
	function meum_bench_due( array $invoice_ids ): int {
		global $wpdb;
		$table = \\Meum\\WooCommerce\\Database\\Tables::name( \\Meum\\WooCommerce\\Database\\Tables::INVOICES );
		$due   = 0;
		foreach ( array_chunk( $invoice_ids, 200 ) as $chunk ) {
			$in   = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
			$due += (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM $table WHERE next_check_at <= %s AND invoice_id IN ( $in )", array_merge( array( gmdate( 'Y-m-d H:i:s' ) ), $chunk ) ) );
		}
		return $due;
	}
}
`;

/** One made order and its invoices by suffix. */
interface Made {
	order: number;
	invoices: Record< string, string >;
}

/** One pass of the runner. */
interface Pass {
	checked: number;
	errors: number;
	queries: number;
	peak_bytes: number;
	seconds: number;
	due_after: number;
	reads: number;
}

/**
 * Calls a sandbox control route.
 *
 * @param method HTTP method.
 * @param path   Path under `/__sandbox/`.
 * @param body   JSON body.
 * @return The decoded answer.
 */
async function control(
	method: string,
	path: string,
	body?: unknown
): Promise< Record< string, unknown > > {
	// A kept-alive socket the sandbox closed while a long PHP pass ran fails once: try again.
	for ( let attempt = 1; ; attempt++ ) {
		try {
			const response = await fetch(
				`${ sandboxUrl }/__sandbox/${ path }`,
				{
					method,
					...( body === undefined
						? {}
						: { body: JSON.stringify( body ) } ),
				}
			);
			return ( await response.json() ) as Record< string, unknown >;
		} catch ( error ) {
			if ( attempt >= 3 ) {
				throw error;
			}
		}
	}
}

/**
 * Invoice reads Meum received since the request log was last emptied.
 *
 * @return `GET /v1/invoices/{id}` count.
 */
async function invoiceReads(): Promise< number > {
	const { requests } = ( await control( 'GET', 'requests' ) ) as {
		requests: { method: string; path: string }[];
	};
	return requests.filter(
		( r ) => r.method === 'GET' && r.path.startsWith( '/v1/invoices/' )
	).length;
}

/**
 * Makes orders with invoices at the sandbox.
 *
 * @param orders   How many orders.
 * @param suffixes Invoices per order (the last one current).
 * @return The orders and their invoice ids.
 */
function makeOrders( orders: number, suffixes: number ): Made[] {
	return JSON.parse(
		wpEval(
			`${ PHP_HELPERS } echo wp_json_encode( meum_bench_invoices( ${ orders }, ${ suffixes } ) );`
		)
	) as Made[];
}

/**
 * Runs the recurring action's callback until none of the invoices is due, one PHP process per
 * pass (as Action Scheduler runs one action per claim), measuring each pass.
 *
 * @param ids Invoice ids.
 * @return The passes.
 */
async function runUntilDone( ids: string[] ): Promise< Pass[] > {
	const passes: Pass[] = [];
	const list = JSON.stringify( ids ).replace( /'/g, '' );
	for ( let i = 0; i < 200; i++ ) {
		await control( 'DELETE', 'requests' );
		const pass = JSON.parse(
			wpEval(
				`${ PHP_HELPERS }
				$ids = json_decode( '${ list }', true );
				delete_option( 'meum_wc_reconcile_last_run' );
				$memory  = memory_get_usage();
				memory_reset_peak_usage();
				$queries = get_num_queries();
				$start   = microtime( true );
				do_action( '${ HOOK }' );
				$seconds = microtime( true ) - $start;
				$queries = get_num_queries() - $queries;
				$peak    = memory_get_peak_usage() - $memory;
				wp_cache_delete( 'meum_wc_reconcile_last_run', 'options' );
				$run = (array) get_option( 'meum_wc_reconcile_last_run', array() );
				echo wp_json_encode( array( 'checked' => (int) ( $run['checked'] ?? 0 ), 'errors' => (int) ( $run['errors'] ?? 0 ), 'queries' => $queries, 'peak_bytes' => $peak, 'seconds' => $seconds, 'due_after' => meum_bench_due( $ids ) ) );`
			)
		) as Omit< Pass, 'reads' >;
		passes.push( { ...pass, reads: await invoiceReads() } );
		if ( pass.due_after === 0 || pass.checked === 0 ) {
			break;
		}
	}
	return passes;
}

/**
 * Formats bytes as KiB.
 *
 * @param bytes Bytes.
 * @return E.g. "812 KiB".
 */
function kib( bytes: number ): string {
	return `${ Math.round( bytes / 1024 ) } KiB`;
}

/**
 * Open invoices at each size, all due: requests, queries, memory and time of the checks.
 */
async function openInvoices(): Promise< void > {
	for ( const size of SIZES ) {
		const made = makeOrders( size, 1 );
		const ids = made.map( ( m ) => m.invoices[ '1' ] as string );
		wpEval(
			`${ PHP_HELPERS } meum_bench_make_due( json_decode( '${ JSON.stringify( ids ) }', true ) );`
		);
		const passes = await runUntilDone( ids );
		const checked = passes.reduce( ( s, p ) => s + p.checked, 0 );
		const reads = passes.reduce( ( s, p ) => s + p.reads, 0 );
		const queries = passes.reduce( ( s, p ) => s + p.queries, 0 );
		const seconds = passes.reduce( ( s, p ) => s + p.seconds, 0 );
		const errors = passes.reduce( ( s, p ) => s + p.errors, 0 );
		const due = passes[ passes.length - 1 ]?.due_after ?? size;
		console.log(
			`  ${ size } open invoices, all due: ${ passes.length } pass(es), ${ checked } checked (${ errors } errors, ${ due } still due)`
		);
		console.log(
			`    Meum requests: ${ passes.map( ( p ) => p.reads ).join( ' + ' ) } per pass = ${ ( reads / Math.max( 1, checked ) ).toFixed( 2 ) } per due check (goal 1)`
		);
		console.log(
			`    DB queries per check: ${ ( queries / Math.max( 1, checked ) ).toFixed( 1 ) }; peak memory of a run: ${ kib( Math.max( ...passes.map( ( p ) => p.peak_bytes ) ) ) } (goal: flat in N)`
		);
		console.log(
			`    time for all due checks: ${ seconds.toFixed( 1 ) } s (${ ( ( 1000 * seconds ) / Math.max( 1, checked ) ).toFixed( 0 ) } ms per check)`
		);
	}
}

/**
 * Every webhook dropped: time from payment to Processing by the checks alone, on the compressed
 * default schedule, the runner driven at the compressed interval.
 */
async function droppedWebhooks(): Promise< void > {
	const factor = 1 / COMPRESSION;
	const out = JSON.parse(
		wpEval(
			`${ PHP_HELPERS }
			add_filter( 'meum_wc_check_schedule', static fn ( $offsets ) => array_map( static fn ( $s ) => max( 1, (int) round( $s * ${ factor } ) ), (array) $offsets ) );
			$completed = array();
			add_action( 'woocommerce_payment_complete', static function ( $order_id ) use ( &$completed ) { $completed[ (int) $order_id ] = microtime( true ); } );
			$made = meum_bench_invoices( ${ DROPPED_ORDERS }, 1 );
			wp_remote_post( '${ sandboxUrl }/__sandbox/delivery-policy', array( 'body' => wp_json_encode( array( 'drop' => true, 'count' => ${ DROPPED_ORDERS } ) ) ) );
			$paid = array();
			foreach ( $made as $m ) {
				wp_remote_post( '${ sandboxUrl }/__sandbox/invoices/' . $m['invoices'][1] . '/pay', array( 'body' => '{"wait":false}' ) );
				$paid[ $m['order'] ] = microtime( true );
			}
			$deadline = microtime( true ) + 20 * ${ ( FIRST_CHECK_SECONDS + RUNNER_INTERVAL_SECONDS ) * factor } + 30;
			$interval = ${ RUNNER_INTERVAL_SECONDS * factor };
			while ( count( $completed ) < count( $paid ) && microtime( true ) < $deadline ) {
				$next = microtime( true ) + $interval;
				do_action( '${ HOOK }' );
				usleep( (int) max( 0, ( $next - microtime( true ) ) * 1000000 ) );
			}
			$elapsed = array();
			foreach ( $paid as $order_id => $at ) {
				$elapsed[] = isset( $completed[ $order_id ] ) ? $completed[ $order_id ] - $at : null;
			}
			echo wp_json_encode( array( 'elapsed' => $elapsed ) );`
		)
	) as { elapsed: ( number | null )[] };
	const done = out.elapsed.filter( ( e ): e is number => e !== null );
	const med = median( done );
	const max = Math.max( ...done );
	console.log(
		`  every webhook dropped, ${ DROPPED_ORDERS } paid orders: ${ done.length } reached Processing by the checks alone`
	);
	console.log(
		`    schedule compressed ${ COMPRESSION }× (first check ${ FIRST_CHECK_SECONDS / COMPRESSION } s, runner every ${ RUNNER_INTERVAL_SECONDS / COMPRESSION } s): median ${ med.toFixed( 2 ) } s, max ${ max.toFixed( 2 ) } s`
	);
	console.log(
		`    real-time equivalent: median ${ ( med * COMPRESSION ).toFixed( 0 ) } s, max ${ ( max * COMPRESSION ).toFixed( 0 ) } s (goal: max ≤ ${ FIRST_CHECK_SECONDS } + ${ RUNNER_INTERVAL_SECONDS } = ${ FIRST_CHECK_SECONDS + RUNNER_INTERVAL_SECONDS } s)`
	);
}

/** Moves of one order's invoices (suffix, action), by plan; invoice 2 is current. */
const PLANS: [ number, string ][][] = [
	[
		[ 2, 'pay' ],
		[ 1, 'expire' ],
	],
	[ [ 1, 'pay' ] ],
	[
		[ 1, 'expire' ],
		[ 2, 'expire' ],
	],
	[ [ 1, 'expire' ] ],
	[
		[ 2, 'pay' ],
		[ 1, 'pay' ],
	],
];

/** Delivery policies armed in turn, each for a few events. */
const POLICIES: Record< string, unknown >[] = [
	{ reorder: true, count: 4 },
	{ duplicate: true, count: 3 },
	{ drop: true, count: 3 },
	{ delay_ms: 800, count: 2 },
];

/**
 * Webhook faults across re-issued invoices of many orders, then a reconciliation run: orders in
 * the wrong state, and double `payment_complete`.
 */
async function faultCounts(): Promise< void > {
	const effects = wpEval(
		`if ( function_exists( 'meum_wc_test_record_effect' ) ) { meum_wc_test_record_effect( 0, 'ready' ); echo 'yes'; }`
	).trim();
	const made = makeOrders( FAULT_ORDERS, 2 );
	await control( 'DELETE', 'delivery-counts' );
	await control( 'POST', 'delivery-policy', { time_scale: 0.02 } );
	// Round-robin over the orders so events of different orders interleave.
	let step = 0;
	for ( let round = 0; round < 2; round++ ) {
		for ( const [ k, m ] of made.entries() ) {
			const move = PLANS[ k % PLANS.length ]?.[ round ];
			if ( move === undefined ) {
				continue;
			}
			if ( step % 3 === 0 ) {
				await control(
					'POST',
					'delivery-policy',
					POLICIES[ ( step / 3 ) % POLICIES.length ]
				);
			}
			step++;
			await control(
				'POST',
				`invoices/${ m.invoices[ String( move[ 0 ] ) ] }/${ move[ 1 ] }`,
				{ wait: false }
			);
		}
	}
	await control( 'POST', 'delivery-policy', { clear: true } );
	// Settle: every event dropped or acknowledged, or 60 s.
	const until = Date.now() + 60_000;
	let counts: Record< string, number > = {};
	for (;;) {
		counts = ( await control( 'GET', 'delivery-counts' ) ).counts as Record<
			string,
			number
		>;
		const log = ( await control( 'GET', 'deliveries' ) ).deliveries as {
			event_id: string;
			acknowledged?: boolean;
		}[];
		const acked = new Set(
			log.filter( ( d ) => d.acknowledged ).map( ( d ) => d.event_id )
		).size;
		if ( acked + counts.dropped >= counts.events || Date.now() > until ) {
			break;
		}
		await new Promise( ( r ) => setTimeout( r, 250 ) );
	}
	await new Promise( ( r ) => setTimeout( r, 1000 ) );
	const wrongAfterDeliveries = await wrongOrders( made );
	const ids = made.flatMap( ( m ) => Object.values( m.invoices ) );
	wpEval(
		`${ PHP_HELPERS } meum_bench_make_due( json_decode( '${ JSON.stringify( ids ) }', true ) );`
	);
	await runUntilDone( ids );
	const wrong = await wrongOrders( made );
	console.log(
		`  webhook faults, ${ FAULT_ORDERS } orders of 2 invoices each (${ counts.events } events): sent ${ counts.sent } attempts, dropped ${ counts.dropped }, duplicated ${ counts.duplicated }, reordered ${ counts.reordered }, delayed ${ counts.delayed }, retried ${ counts.retried }`
	);
	console.log(
		`    orders wrong: ${ wrongAfterDeliveries.wrong } after the deliveries (dropped ones unrepaired yet), ${ wrong.wrong } after a reconciliation run (goal 0); double payment_complete: ${
			effects === 'yes'
				? wrong.double
				: 'not counted (the effects mu-plugin is not active)'
		} (goal 0)`
	);
	for ( const line of wrong.details ) {
		console.log( `      ${ line }` );
	}
}

/**
 * Compares each order with the oracle written here from the sandbox's final invoice states: any
 * invoice paid → processing (one payment_complete); the current (suffix 2) expired and the other
 * not open → cancelled; else pending.
 *
 * @param made The orders.
 * @return How many are wrong, how many had payment_complete twice, and what was wrong.
 */
async function wrongOrders(
	made: Made[]
): Promise< { wrong: number; double: number; details: string[] } > {
	const { invoices } = ( await control( 'GET', 'invoices' ) ) as {
		invoices: { id: string; status: string }[];
	};
	const status = new Map( invoices.map( ( i ) => [ i.id, i.status ] ) );
	const stored = JSON.parse(
		wpEval(
			`global $wpdb; $out = array();
			$effects = $wpdb->prefix . 'meum_wc_test_effects';
			$suppress = $wpdb->suppress_errors( true );
			$has_effects = null !== $wpdb->get_var( "SELECT COUNT(*) FROM $effects" );
			$wpdb->suppress_errors( $suppress );
			foreach ( json_decode( '${ JSON.stringify( made.map( ( m ) => m.order ) ) }', true ) as $id ) {
				$order = \\Meum\\WooCommerce\\Payments\\Order_Meta::fresh_order( (int) $id );
				$out[ $id ] = array( 'status' => $order ? $order->get_status() : 'missing', 'completes' => $has_effects ? (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM $effects WHERE order_id = %d AND kind = 'payment_complete'", $id ) ) : -1 );
			}
			echo wp_json_encode( $out );`
		)
	) as Record< string, { status: string; completes: number } >;
	let wrong = 0;
	let double = 0;
	const details: string[] = [];
	for ( const m of made ) {
		const first = status.get( m.invoices[ '1' ] as string ) ?? '';
		const current = status.get( m.invoices[ '2' ] as string ) ?? '';
		const open = [ 'pending', 'quoted', 'awaiting_payment' ];
		let expected = 'pending';
		if ( first === 'paid' || current === 'paid' ) {
			expected = 'processing';
		} else if ( current === 'expired' && ! open.includes( first ) ) {
			expected = 'cancelled';
		}
		const got = stored[ String( m.order ) ];
		if ( got?.status !== expected ) {
			wrong++;
			details.push(
				`order ${ m.order }: ${ got?.status } (expected ${ expected }; at Meum ${ first } / ${ current })`
			);
		}
		if ( ( got?.completes ?? 0 ) > 1 ) {
			double++;
		}
	}
	return { wrong, double, details };
}

/**
 * Whether the recurring action is scheduled (bench/payments.ts measured the checkout with it).
 */
function scheduling(): void {
	const next = wpEval(
		`$next = function_exists( 'as_next_scheduled_action' ) ? as_next_scheduled_action( '${ HOOK }', array(), 'meum-woocommerce' ) : false; echo false === $next ? 'none' : ( true === $next ? 'running' : gmdate( 'c', (int) $next ) );`
	).trim();
	console.log(
		`  recurring action ${ HOOK }: next run ${ next } (the Store API checkout ratio above was measured with it scheduled${ next === 'none' ? ': NOT scheduled' : '' })`
	);
}

async function main(): Promise< void > {
	console.log( `\nReconciliation (${ label })` );
	wpEval( `update_option( 'meum_bench_emails_off', 1 );` );
	try {
		scheduling();
		// The site's own background runs stay out of the measured passes; the action is
		// ensured again at the end.
		wpEval(
			`as_unschedule_all_actions( '${ HOOK }', array(), 'meum-woocommerce' );`
		);
		await control( 'DELETE', 'delivery-counts' );
		await openInvoices();
		await droppedWebhooks();
		await faultCounts();
	} finally {
		wpEval(
			`delete_option( 'meum_bench_emails_off' ); delete_option( 'meum_wc_reconcile_ensured_at' ); do_action( 'action_scheduler_init' );`
		);
		await control( 'POST', 'delivery-policy', { clear: true } );
	}
}

main().catch( ( error: unknown ) => {
	console.error( error );
	process.exit( 1 );
} );
