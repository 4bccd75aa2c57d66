/**
 * Two web nodes on one MariaDB with Redis as the persistent object cache (issue 11, "Many web
 * nodes"), over real HTTP. Run by bin/two-nodes.sh, which starts the topology and exports
 * NODE_A_URL, NODE_B_URL, MEUM_SANDBOX_URL, TEST_REDIS_PORT and the bin/wp-local.sh environment.
 *
 * 1. Both nodes use the object cache (wp_using_ext_object_cache()), Redis counts more hits at the
 *    end than at the start, and both nodes served requests (their `X-Meum-Node` header).
 * 2. One Meum order paid at Meum with its webhook dropped, then at once: a signed `invoice.paid` to
 *    node A and another to node B (distinct event ids), a reconciliation run on node B and the
 *    return page's check on node A → one payment_complete, one Processing e-mail to the customer,
 *    one New order e-mail to the store, one payment note (counted by the effects mu-plugin, in
 *    the database). The reconciliation run and the return page's check are feature-checked: absent
 *    (this branch alone), the test says it skipped them.
 * 3. The same with Redis flushed (FLUSHALL) between the parallel requests.
 * 4. One cart (one Cart-Token) on the checkout page (GET /checkout made its draft order, as the
 *    block checkout does), then submitted at once to node A and to node B → exactly one
 *    `POST /v1/invoices` at Meum, both answers send the buyer to the same invoice. (Without a draft
 *    order, WooCommerce itself makes two orders of one cart submitted twice at once, each with its
 *    own invoice: that is not this test's case.)
 * Prints one line per check and exits 1 when any failed.
 */
/**
 * External dependencies
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

/**
 * Internal dependencies
 */
import { buyerAddress, signedDelivery, wpEval } from '../../bench/lib';

const nodes = {
	a: process.env.NODE_A_URL as string,
	b: process.env.NODE_B_URL as string,
};
const sandboxUrl = process.env.MEUM_SANDBOX_URL as string;
const redisPort = process.env.TEST_REDIS_PORT as string;

/** Node names seen in the `X-Meum-Node` header of the answers. */
const served = new Set< string >();

/** An answer: status, parsed JSON body (or the text), the node that answered. */
interface Answer {
	status: number;
	body: any; // JSON of several routes
	node: string | null;
}

/**
 * One request to a node (or the sandbox), its answer read to the end.
 *
 * @param url  Address.
 * @param init Method, headers, body.
 * @return The answer.
 */
async function call( url: string, init: RequestInit = {} ): Promise< Answer > {
	const response = await fetch( url, { redirect: 'manual', ...init } );
	const text = await response.text();
	const node = response.headers.get( 'x-meum-node' );
	if ( node ) {
		served.add( node );
	}
	let body: unknown = text;
	try {
		body = JSON.parse( text );
	} catch {}
	return { status: response.status, body, node };
}

/**
 * A JSON POST.
 *
 * @param url     Address.
 * @param body    Body (JSON-encoded here).
 * @param headers More headers.
 * @return The answer.
 */
function postJson(
	url: string,
	body: unknown,
	headers: Record< string, string > = {}
): Promise< Answer > {
	return call( url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify( body ),
	} );
}

/**
 * Runs redis-cli against the test's Redis.
 *
 * @param args Command and arguments.
 * @return What it printed.
 */
function redis( ...args: string[] ): string {
	return execFileSync(
		'redis-cli',
		[ '-h', '127.0.0.1', '-p', redisPort, ...args ],
		{ encoding: 'utf8' }
	);
}

/**
 * Redis's keyspace_hits (INFO stats).
 *
 * @return Count.
 */
function keyspaceHits(): number {
	const match = redis( 'INFO', 'stats' ).match( /keyspace_hits:(\d+)/ );
	assert.ok( match, 'Redis INFO stats has no keyspace_hits' );
	return Number( match[ 1 ] );
}

/**
 * Waits.
 *
 * @param ms Milliseconds.
 * @return Resolves after them.
 */
function sleep( ms: number ): Promise< void > {
	return new Promise( ( resolve ) => setTimeout( resolve, ms ) );
}

let failures = 0;

/**
 * Runs one check and prints its outcome.
 *
 * @param name What it checks.
 * @param fn   The check (throws on failure).
 */
async function check(
	name: string,
	fn: () => Promise< void >
): Promise< void > {
	const started = Date.now();
	try {
		await fn();
		console.log( `ok    ${ name } (${ Date.now() - started } ms)` );
	} catch ( error ) {
		failures++;
		console.log(
			`FAIL  ${ name }\n      ${ String( ( error as Error ).stack ?? error ).replace( /\n/g, '\n      ' ) }`
		);
	}
}

/**
 * The store: connected to the sandbox, Meum enabled, the sample product without stock management:
 * on MariaDB WooCommerce's stock reservation refuses the second of two placings of one draft order
 * within the same second ("Not enough units", 403, before any payment method runs; see
 * tests/e2e/payments-store-api.spec.ts), and scenario 4 submits one checkout twice at once.
 */
const store = JSON.parse(
	wpEval(
		`wp_set_current_user( 1 );
		 $r = new WP_REST_Request( 'POST', '/meum/v1/connection' );
		 $r->set_param( 'connection_key', 'sk_live_sandbox_ready' );
		 $a = rest_do_request( $r );
		 if ( 200 !== $a->get_status() ) { echo 'connect failed: ', wp_json_encode( $a->get_data() ); exit( 1 ); }
		 $meum = get_option( 'woocommerce_meum_settings', array() );
		 update_option( 'woocommerce_meum_settings', array_merge( is_array( $meum ) ? $meum : array(), array( 'enabled' => 'yes' ) ) );
		 $post = get_page_by_path( 'meum-sample-product', OBJECT, 'product' );
		 $product = wc_get_product( $post->ID );
		 $product->set_manage_stock( false ); $product->set_stock_status( 'instock' ); $product->save();
		 echo wp_json_encode( array( 'product' => $post->ID, 'reconcile' => (bool) has_action( 'meum_wc_reconcile' ) ) );`
	)
) as { product: number; reconcile: boolean };

/**
 * A guest cart with the sample product, made on a node.
 *
 * @param node Node URL.
 * @return Its Cart-Token.
 */
async function cart( node: string ): Promise< string > {
	const response = await fetch( `${ node }/wp-json/wc/store/v1/cart` );
	await response.text();
	const token = response.headers.get( 'Cart-Token' );
	assert.ok( token, 'GET /cart answered no Cart-Token' );
	const add = await postJson(
		`${ node }/wp-json/wc/store/v1/cart/add-item`,
		{ id: store.product, quantity: 1 },
		{ 'Cart-Token': token }
	);
	assert.ok(
		add.status === 200 || add.status === 201,
		`add-item answered ${ add.status }: ${ JSON.stringify( add.body ) }`
	);
	return token;
}

const address = buyerAddress( 'Node', 'nodes@example.com' );

/**
 * The Store API checkout of a cart with Meum, on a node.
 *
 * @param node  Node URL.
 * @param token Cart-Token.
 * @return The answer.
 */
function checkout( node: string, token: string ): Promise< Answer > {
	return postJson(
		`${ node }/wp-json/wc/store/v1/checkout`,
		{
			billing_address: address,
			shipping_address: address,
			payment_method: 'meum',
		},
		{ 'Cart-Token': token }
	);
}

/** An order and its current invoice, as the store has them. */
interface PlacedOrder {
	order: number;
	invoice: string;
	total: string;
	currency: string;
	receivedUrl: string;
}

/**
 * Places one Meum order through node A.
 *
 * @return The order and its invoice.
 */
async function placeOrder(): Promise< PlacedOrder > {
	const answer = await checkout( nodes.a, await cart( nodes.a ) );
	assert.equal(
		answer.status,
		200,
		`checkout answered ${ answer.status }: ${ JSON.stringify( answer.body ) }`
	);
	return JSON.parse(
		wpEval(
			`$o = wc_get_order( ${ Number( answer.body.order_id ) } );
			 echo wp_json_encode( array( 'order' => $o->get_id(), 'invoice' => (string) $o->get_meta( '_meum_wc_current_invoice' ), 'total' => $o->get_total(), 'currency' => $o->get_currency(), 'receivedUrl' => $o->get_checkout_order_received_url() ) );`
		)
	);
}

/**
 * What the effects mu-plugin recorded for an order, and its status.
 *
 * @param order Order id.
 * @return Status; counts of payment_complete, e-mails by id, notes about the payment.
 */
function effects( order: number ): {
	status: string;
	payments: number;
	emails: Record< string, number >;
	paymentNotes: string[];
} {
	return JSON.parse(
		wpEval(
			`global $wpdb; $t = $wpdb->prefix . 'meum_wc_test_effects';
			 $rows = $wpdb->get_results( $wpdb->prepare( "SELECT kind, detail FROM $t WHERE order_id = %d ORDER BY id", ${ order } ), ARRAY_A );
			 $out = array( 'status' => wc_get_order( ${ order } )->get_status(), 'payments' => 0, 'emails' => array(), 'paymentNotes' => array() );
			 foreach ( $rows as $row ) {
				if ( 'payment_complete' === $row['kind'] ) { $out['payments']++; }
				if ( 'email' === $row['kind'] ) { $out['emails'][ $row['detail'] ] = ( $out['emails'][ $row['detail'] ] ?? 0 ) + 1; }
				if ( 'note' === $row['kind'] && ( 0 === strpos( $row['detail'], 'Meum payment' ) || 0 === strpos( $row['detail'], 'Meum received' ) ) ) { $out['paymentNotes'][] = $row['detail']; }
			 }
			 echo wp_json_encode( $out );`
		)
	);
}

/**
 * The return page's check, when this build has it: the payment-state URL the order-received page
 * embeds (its token is only there), requested on a node.
 *
 * @param placed The order.
 * @return A request to make, or null (then a notice is printed).
 */
async function returnPageCheck(
	placed: PlacedOrder
): Promise< ( () => Promise< Answer > ) | null > {
	const index = await call( `${ nodes.a }/wp-json/meum/v1` );
	const routes = Object.keys( index.body?.routes ?? {} );
	if ( ! routes.some( ( route ) => route.includes( 'payment-state' ) ) ) {
		console.log(
			'      notice: no payment-state route in this build; the return page check is skipped'
		);
		return null;
	}
	const page = await call( placed.receivedUrl );
	const html = typeof page.body === 'string' ? page.body : '';
	const found = html
		.replace( /\\\//g, '/' )
		.match( /https?:[^"'\s<>]*payment-state[^"'\s<>]*/ );
	assert.ok(
		found,
		`the order-received page (${ page.status }) embeds no payment-state URL`
	);
	// The page escapes the URL for an HTML attribute (esc_url: `&#038;`, or `&amp;`).
	const url = found[ 0 ]
		.replace( /&#0?38;|&amp;/g, '&' )
		.replace( /\\u0026/g, '&' );
	return () => call( url );
}

/**
 * One reconciliation run on a node with an invoice made due just before, when this build has the
 * hook; null otherwise (notice).
 *
 * @param node   Node URL.
 * @param placed The order.
 * @return A request to make, or null.
 */
function reconciliationRun(
	node: string,
	placed: PlacedOrder
): ( () => Promise< Answer > ) | null {
	if ( ! store.reconcile ) {
		console.log(
			'      notice: no meum_wc_reconcile hook in this build; the reconciliation run is skipped'
		);
		return null;
	}
	return () =>
		postJson( `${ node }/wp-json/meum-test/v1/reconcile`, {
			invoice_id: placed.invoice,
		} );
}

/**
 * A signed `invoice.paid` for an order's invoice, paid in full, with a fresh event id, to a node.
 *
 * @param node   Node URL.
 * @param placed The order.
 * @return The answer.
 */
function paidWebhook( node: string, placed: PlacedOrder ): Promise< Answer > {
	const delivery = signedDelivery( 'invoice.paid', {
		invoice_id: placed.invoice,
		external_order_id: String( placed.order ),
		status: 'paid',
		amount: placed.total,
		currency: placed.currency,
		received_amount: placed.total,
		paid_amount: placed.total,
	} );
	return call( `${ node }/wp-json/meum/v1/webhook`, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	} );
}

/**
 * Scenario 2 (and 3 with flush): one paid invoice, its webhook dropped, then four paths at once.
 *
 * @param flush Flush Redis between the parallel requests.
 */
async function paidOnceAcrossNodes( flush: boolean ): Promise< void > {
	const placed = await placeOrder();
	assert.match( placed.invoice, /\S/, 'the order has no Meum invoice' );
	const policy = await postJson(
		`${ sandboxUrl }/__sandbox/delivery-policy`,
		{
			drop: true,
			count: 10,
		}
	);
	assert.equal( policy.status, 200, JSON.stringify( policy.body ) );
	try {
		const pay = await postJson(
			`${ sandboxUrl }/__sandbox/invoices/${ encodeURIComponent(
				placed.invoice
			) }/pay`,
			{ wait: false }
		);
		assert.equal( pay.status, 200, JSON.stringify( pay.body ) );
	} finally {
		await postJson( `${ sandboxUrl }/__sandbox/delivery-policy`, {
			clear: true,
		} );
	}
	const reconcile = reconciliationRun( nodes.b, placed );
	const returnPage = await returnPageCheck( placed );

	const first = [ paidWebhook( nodes.a, placed ) ];
	if ( reconcile ) {
		first.push( reconcile() );
	}
	if ( flush ) {
		await sleep( 100 );
		assert.equal( redis( 'FLUSHALL' ).trim(), 'OK' );
	}
	const second = [ paidWebhook( nodes.b, placed ) ];
	if ( returnPage ) {
		second.push( returnPage() );
	}
	const answers = await Promise.all( [ ...first, ...second ] );
	for ( const answer of answers ) {
		assert.ok(
			answer.status === 200,
			`a request answered ${ answer.status } (node ${ answer.node }): ${ JSON.stringify(
				answer.body
			) }`
		);
	}
	const seen = effects( placed.order );
	assert.equal( seen.status, 'processing', 'the order is not Processing' );
	assert.equal( seen.payments, 1, 'payment_complete count' );
	assert.equal(
		seen.emails.customer_processing_order ?? 0,
		1,
		`customer Processing e-mails (${ JSON.stringify( seen.emails ) })`
	);
	assert.equal(
		seen.emails.new_order ?? 0,
		1,
		`admin New order e-mails (${ JSON.stringify( seen.emails ) })`
	);
	assert.equal(
		seen.paymentNotes.length,
		1,
		`payment notes: ${ JSON.stringify( seen.paymentNotes ) }`
	);
}

/**
 * Scenario 4: one cart checked out at once on both nodes.
 */
async function oneInvoiceForTwoSubmits(): Promise< void > {
	const token = await cart( nodes.a );
	const draft = await call( `${ nodes.a }/wp-json/wc/store/v1/checkout`, {
		headers: { 'Cart-Token': token },
	} );
	assert.ok(
		draft.status === 200 && draft.body.order_id > 0,
		`GET /checkout made no draft order: ${ JSON.stringify( draft.body ) }`
	);
	await call( `${ sandboxUrl }/__sandbox/requests`, { method: 'DELETE' } );
	const answers = await Promise.all( [
		checkout( nodes.a, token ),
		checkout( nodes.b, token ),
	] );
	const log = await call( `${ sandboxUrl }/__sandbox/requests` );
	const creates = (
		log.body.requests as { method: string; path: string }[]
	 ).filter( ( r ) => r.method === 'POST' && r.path === '/v1/invoices' );
	assert.equal(
		creates.length,
		1,
		`POST /v1/invoices at Meum: ${ creates.length }`
	);
	for ( const answer of answers ) {
		assert.equal(
			answer.status,
			200,
			`a checkout (node ${ answer.node }) answered ${ answer.status }: ${ JSON.stringify(
				answer.body
			) }`
		);
	}
	const redirects = answers.map(
		( answer ) => answer.body.payment_result?.redirect_url
	);
	assert.ok( redirects[ 0 ], 'no redirect_url' );
	assert.equal(
		redirects[ 0 ],
		redirects[ 1 ],
		'the two checkouts send the buyer to different places'
	);
	assert.equal( answers[ 0 ].body.order_id, draft.body.order_id );
	assert.equal( answers[ 1 ].body.order_id, draft.body.order_id );
}

/**
 * Runs every check.
 */
async function main(): Promise< void > {
	const hitsAtStart = keyspaceHits();
	await check(
		'both nodes use Redis as the persistent object cache',
		async () => {
			for ( const [ name, url ] of Object.entries( nodes ) ) {
				const answer = await call(
					`${ url }/wp-json/meum-test/v1/node`
				);
				assert.equal( answer.status, 200, `node ${ name }` );
				assert.equal( answer.node, name, `X-Meum-Node of ${ url }` );
				assert.deepEqual( answer.body, {
					node: name,
					ext_object_cache: true,
				} );
			}
		}
	);
	await check(
		'invoice.paid to A and B, reconciliation and the return page at once → one payment',
		() => paidOnceAcrossNodes( false )
	);
	await check(
		'the same with Redis flushed between the parallel requests → one payment',
		() => paidOnceAcrossNodes( true )
	);
	await check(
		'one cart checked out on A and on B at once → one invoice at Meum',
		oneInvoiceForTwoSubmits
	);
	await check( 'Redis hits rose and both nodes served requests', async () => {
		const hits = keyspaceHits();
		assert.ok(
			hits > hitsAtStart,
			`keyspace_hits ${ hitsAtStart } → ${ hits }`
		);
		assert.deepEqual( [ ...served ].sort(), [ 'a', 'b' ] );
	} );
	if ( failures > 0 ) {
		console.log( `${ failures } check(s) failed` );
		process.exit( 1 );
	}
	console.log( 'all two-node checks passed' );
}

main().catch( ( error ) => {
	console.error( error );
	process.exit( 1 );
} );
