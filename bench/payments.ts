/**
 * Payment figures, measured from outside the plugin over real HTTP on the bench store
 * (WooCommerce, connected to the sandbox with a store that has a payout wallet):
 * - Store API checkout with Meum against the same checkout with WooCommerce's Check payments,
 *   e-mails off in both arms, interleaved: both medians and the ratio (goal ≤ 1.2);
 * - `invoice.paid` acknowledgement for a real order: median and ratio to the empty REST route;
 *   orders paid per second at concurrency 8 (distinct orders);
 * - the client code the method adds to the checkout (script + its inline data), gzip (goal ≤ 2 KB);
 * - extra scripts, DB queries and outbound calls on the shop and product pages (goal 0 each).
 * Run through `npm run bench` (bench/run.sh). Usage: node --import tsx bench/payments.ts <label>
 */
/**
 * External dependencies
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Internal dependencies
 */
import {
	buyerAddress,
	median,
	pageCostOnOff,
	postInParallel,
	sandboxRequestCount,
	signedDelivery,
	since,
	timedPost,
	wpEval,
} from './lib';

const repo = path.resolve( __dirname, '..' );
const wpUrl = process.env.WP_URL as string;
const sandboxUrl = process.env.MEUM_SANDBOX_URL as string;
const label = process.argv[ 2 ] ?? 'MariaDB';
const CHECKOUT_SAMPLES = 40;
const ACK_SAMPLES = 60;
const PAID_ORDERS = 96;
const CONCURRENCY = 8;
const PAGE_VIEWS = 5;

const storeApi = `${ wpUrl }/wp-json/wc/store/v1`;

/** The bench store's sample product and settings, made ready for many orders. */
const store = JSON.parse(
	wpEval(
		`update_option( 'woocommerce_cheque_settings', array( 'enabled' => 'yes', 'title' => 'Check payments' ) );
		 $meum = get_option( 'woocommerce_meum_settings', array() );
		 update_option( 'woocommerce_meum_settings', array_merge( is_array( $meum ) ? $meum : array(), array( 'enabled' => 'yes' ) ) );
		 $post = get_page_by_path( 'meum-sample-product', OBJECT, 'product' );
		 $product = wc_get_product( $post->ID );
		 $product->set_manage_stock( true ); $product->set_stock_quantity( 1000000 ); $product->save();
		 echo wp_json_encode( array( 'product' => $post->ID, 'permalink' => get_permalink( $post->ID ), 'shop' => get_permalink( wc_get_page_id( 'shop' ) ) ) );`
	)
) as { product: number; permalink: string; shop: string };

/**
 * Makes a guest cart holding the sample product.
 *
 * @return The cart's token.
 */
async function cartWithProduct(): Promise< string > {
	const cart = await fetch( `${ storeApi }/cart` );
	await cart.text();
	const token = cart.headers.get( 'Cart-Token' ) as string;
	const add = await fetch( `${ storeApi }/cart/add-item`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Cart-Token': token },
		body: JSON.stringify( { id: store.product, quantity: 1 } ),
	} );
	if ( add.status !== 201 && add.status !== 200 ) {
		throw new Error(
			`add-item answered ${ add.status }: ${ await add.text() }`
		);
	}
	await add.text();
	return token;
}

const address = buyerAddress( 'Bench', 'bench@example.com' );

/**
 * Places a Store API checkout with a payment method and times the checkout request only.
 *
 * @param method Payment method id.
 * @return Milliseconds, the order id and the status.
 */
async function timedCheckout(
	method: string
): Promise< { ms: number; order: number; status: string } > {
	const token = await cartWithProduct();
	const start = process.hrtime.bigint();
	const response = await fetch( `${ storeApi }/checkout`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Cart-Token': token },
		body: JSON.stringify( {
			billing_address: address,
			shipping_address: address,
			payment_method: method,
		} ),
	} );
	const body = await response.json();
	const ms = since( start );
	if (
		response.status !== 200 ||
		body.payment_result?.payment_status !== 'success'
	) {
		throw new Error(
			`${ method } checkout answered ${ response.status }: ${ JSON.stringify( body ) }`
		);
	}
	return { ms, order: body.order_id, status: body.status };
}

/** The invoice facts of Meum orders, read from the store. */
interface OrderInvoice {
	order: number;
	invoice: string;
	total: string;
	currency: string;
}

/**
 * Reads the current invoice of orders.
 *
 * @param orders Order ids.
 * @return Their invoices.
 */
function invoicesOf( orders: number[] ): OrderInvoice[] {
	return JSON.parse(
		wpEval(
			`$out = array(); foreach ( array( ${ orders.join( ',' ) } ) as $id ) { $o = wc_get_order( $id );
			 $out[] = array( 'order' => $id, 'invoice' => (string) $o->get_meta( '_meum_wc_current_invoice' ), 'total' => $o->get_total(), 'currency' => $o->get_currency() ); }
			 echo wp_json_encode( $out );`
		)
	);
}

/**
 * A signed `invoice.paid` delivery for an order's invoice, paid in full.
 *
 * @param paid The order and its invoice.
 * @return Headers and body.
 */
function paidDelivery( paid: OrderInvoice ): {
	headers: Record< string, string >;
	body: string;
} {
	return signedDelivery( 'invoice.paid', {
		invoice_id: paid.invoice,
		external_order_id: String( paid.order ),
		status: 'paid',
		amount: paid.total,
		currency: paid.currency,
		received_amount: paid.total,
		paid_amount: paid.total,
		transaction_hash: `0x${ crypto.randomBytes( 32 ).toString( 'hex' ) }`,
	} );
}

/**
 * Places Meum checkouts, one after the other.
 *
 * @param count How many.
 * @return The orders' invoices.
 */
async function meumOrders( count: number ): Promise< OrderInvoice[] > {
	const orders: number[] = [];
	for ( let i = 0; i < count; i++ ) {
		orders.push( ( await timedCheckout( 'meum' ) ).order );
	}
	return invoicesOf( orders );
}

/**
 * Measures and prints.
 */
async function main(): Promise< void > {
	// 1. Store API checkout, Meum vs Check payments, e-mails off, interleaved.
	wpEval( `update_option( 'meum_bench_emails_off', 1 );` );
	for ( let i = 0; i < 3; i++ ) {
		await timedCheckout( 'meum' );
		await timedCheckout( 'cheque' );
	}
	const meumMs: number[] = [];
	const chequeMs: number[] = [];
	for ( let i = 0; i < CHECKOUT_SAMPLES; i++ ) {
		meumMs.push( ( await timedCheckout( 'meum' ) ).ms );
		chequeMs.push( ( await timedCheckout( 'cheque' ) ).ms );
	}
	wpEval( `delete_option( 'meum_bench_emails_off' );` );

	// 2. invoice.paid for real orders: ack time vs the empty route, then orders paid per second.
	const webhookUrl = `${ wpUrl }/wp-json/meum/v1/webhook`;
	const emptyUrl = `${ wpUrl }/wp-json/meum-bench/v1/empty`;
	const ackOrders = await meumOrders( ACK_SAMPLES );
	const ackMs: number[] = [];
	const emptyMs: number[] = [];
	for ( const order of ackOrders ) {
		const delivery = paidDelivery( order );
		const hook = await timedPost(
			webhookUrl,
			delivery.headers,
			delivery.body
		);
		if ( hook.status !== 200 ) {
			throw new Error( `delivery answered ${ hook.status }` );
		}
		ackMs.push( hook.ms );
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
		( await meumOrders( PAID_ORDERS ) ).map( paidDelivery ),
		CONCURRENCY
	);
	const paidPerSecond = PAID_ORDERS / seconds;
	const processing = Number(
		wpEval(
			`echo count( wc_get_orders( array( 'status' => 'processing', 'payment_method' => 'meum', 'limit' => -1, 'return' => 'ids' ) ) );`
		)
	);

	// 3. Client code the method adds to the checkout: its script and its inline settings.
	const gz = ( b: Buffer | string ) =>
		zlib.gzipSync( b, { level: 9 } ).length;
	const script = fs.readFileSync( path.join( repo, 'build/checkout.js' ) );
	const inline = wpEval(
		`$registry = Automattic\\WooCommerce\\Blocks\\Package::container()->get( Automattic\\WooCommerce\\Blocks\\Payments\\PaymentMethodRegistry::class );
		 $method = $registry->get_registered( 'meum' );
		 echo wp_json_encode( array( 'meum_data' => $method ? $method->get_payment_method_data() : null ) );`
	);

	// 4. Shop and product pages: plugin active vs inactive.
	// Only the request log is emptied: the store's connection stays for reconciliation.ts.
	await fetch( `${ sandboxUrl }/__sandbox/requests`, { method: 'DELETE' } );
	const shop = await pageCostOnOff( wpUrl, store.shop, PAGE_VIEWS );
	const product = await pageCostOnOff( wpUrl, store.permalink, PAGE_VIEWS );
	const outbound = await sandboxRequestCount( sandboxUrl );
	const [ shopOn, shopOff, productOn, productOff ] = [
		shop.on,
		shop.off,
		product.on,
		product.off,
	];
	const extraScripts = ( on: string[], off: string[] ) =>
		on.filter( ( s ) => ! off.includes( s ) ).length;

	const rows: [ string, string, string ][] = [
		[
			`Store API checkout, Meum, median (${ CHECKOUT_SAMPLES })`,
			`${ median( meumMs ).toFixed( 1 ) } ms`,
			'',
		],
		[
			`Store API checkout, Check payments, median (${ CHECKOUT_SAMPLES })`,
			`${ median( chequeMs ).toFixed( 1 ) } ms`,
			'',
		],
		[
			'ratio Meum / Check payments',
			( median( meumMs ) / median( chequeMs ) ).toFixed( 2 ),
			'≤ 1.2',
		],
		[
			`invoice.paid ack for a real order, median (${ ACK_SAMPLES })`,
			`${ median( ackMs ).toFixed( 1 ) } ms`,
			'',
		],
		[
			'empty public REST route, median',
			`${ median( emptyMs ).toFixed( 1 ) } ms`,
			'',
		],
		[
			'ratio ack / empty route',
			( median( ackMs ) / median( emptyMs ) ).toFixed( 2 ),
			'',
		],
		[
			`orders paid per second, concurrency ${ CONCURRENCY }`,
			`${ paidPerSecond.toFixed( 1 ) } (${ PAID_ORDERS } orders, ${ failures } not 200)`,
			'',
		],
		[
			'Meum orders now Processing',
			String( processing ),
			`${ ACK_SAMPLES + PAID_ORDERS }`,
		],
		[
			'checkout client code, gzip (build/checkout.js + inline data)',
			`${ gz( script ) + gz( inline ) } bytes (${ gz( script ) } + ${ gz( inline ) })`,
			'≤ 2048',
		],
		[
			'extra scripts, shop / product page',
			`${ extraScripts( shopOn.scripts, shopOff.scripts ) } / ${ extraScripts( productOn.scripts, productOff.scripts ) }`,
			'0',
		],
		[
			'extra DB queries, shop / product page (median)',
			`${ shopOn.queries - shopOff.queries } / ${ productOn.queries - productOff.queries }`,
			'0',
		],
		[
			`outbound calls to Meum, ${ 4 * PAGE_VIEWS } shop and product views (plugin active)`,
			String( outbound ),
			'0',
		],
	];
	console.log( `\nPayments on ${ label }\n` );
	for ( const [ name, value, goal ] of rows ) {
		console.log(
			`  ${ name.padEnd( 62 ) } ${ value.padEnd( 30 ) } ${ goal ? 'goal ' + goal : '' }`
		);
	}
}

main().catch( ( error ) => {
	console.error( error );
	process.exitCode = 1;
} );
