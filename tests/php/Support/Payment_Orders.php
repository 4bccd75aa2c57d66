<?php
/**
 * Test helper: real WooCommerce orders paid with Meum, their invoices and what happened to them.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Payments\Flags;
use Meum\WooCommerce\Payments\Invoice;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Lock;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Order_Updater;
use Meum\WooCommerce\Payments\Outcome_Log;
use WP_REST_Response;

/**
 * Orders are made through WooCommerce's CRUD in whatever storage the site uses (HPOS or posts),
 * with a stock-managed product, so stock and e-mails are WooCommerce's own. Effects are counted
 * by the test mu-plugin `meum-wc-order-effects.php`, which records them in the database, so they
 * are seen whichever PHP process caused them.
 *
 * For use in a {@see Test_Case}.
 */
trait Payment_Orders {

	use Local_Invoices;

	/**
	 * Products made by the test.
	 *
	 * @var int[]
	 */
	private array $test_products = array();

	/**
	 * Deletes the products made by the test.
	 *
	 * @return void
	 */
	protected function delete_test_products(): void {
		foreach ( $this->test_products as $product_id ) {
			wp_delete_post( $product_id, true );
		}
		$this->test_products = array();
	}

	/**
	 * A stock-managed product (10 in stock).
	 *
	 * @param string $price Regular price.
	 * @return \WC_Product_Simple
	 */
	protected function make_product( string $price = '25.00' ): \WC_Product_Simple {
		$product = new \WC_Product_Simple();
		$product->set_name( 'Meum test product ' . wp_generate_password( 6, false ) );
		$product->set_regular_price( $price );
		$product->set_manage_stock( true );
		$product->set_stock_quantity( 10 );
		$product->set_status( 'publish' );
		$product->save();
		$this->test_products[] = $product->get_id();
		return $product;
	}

	/**
	 * An order of one product, paid with Meum unless told otherwise.
	 *
	 * @param array<string, mixed> $options status (pending), payment_method (meum), created_via
	 *                                      (checkout), currency (USD), price (25.00).
	 * @return \WC_Order The saved order.
	 */
	protected function make_order( array $options = array() ): \WC_Order {
		$product = $this->make_product( (string) ( $options['price'] ?? '25.00' ) );
		$order   = wc_create_order( array( 'created_via' => (string) ( $options['created_via'] ?? 'checkout' ) ) );
		$this->assertInstanceOf( \WC_Order::class, $order );
		$order->add_product( $product, 1 );
		$order->set_currency( (string) ( $options['currency'] ?? 'USD' ) );
		$order->set_billing_email( 'buyer-' . wp_generate_password( 6, false, false ) . '@example.com' );
		$order->set_billing_first_name( 'Ada' );
		$order->set_payment_method( (string) ( $options['payment_method'] ?? 'meum' ) );
		$order->calculate_totals( false );
		$order->save();
		$status = (string) ( $options['status'] ?? 'pending' );
		if ( 'pending' !== $status ) {
			$order->update_status( $status );
		}
		$this->forget_effects_of( $order->get_id() );
		return $order;
	}

	/**
	 * Records an invoice of the order locally, as a checkout would have (the sandbox does not know it).
	 *
	 * @param \WC_Order            $order   The order.
	 * @param array<string, mixed> $options current (true), suffix (1), status (awaiting_payment),
	 *                                      currency (the order's), amount (the order's total).
	 * @return string Invoice id.
	 */
	protected function local_invoice( \WC_Order $order, array $options = array() ): string {
		$answer = array_intersect_key( $options, array_flip( array( 'status', 'currency', 'amount' ) ) );
		return $this->record_local_invoice( $order, array_map( 'strval', $answer ), (int) ( $options['suffix'] ?? 1 ), (bool) ( $options['current'] ?? true ) );
	}

	/**
	 * Starts a payments test: WooCommerce required (the declared skip without it), a connected
	 * site, no flags, and WooCommerce's e-mails counted by the effects mu-plugin, none sent out.
	 *
	 * @return void
	 */
	protected function start_payments_test(): void {
		$this->requires_woocommerce();
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->delete_flags();
		$this->add_test_filter( 'pre_wp_mail', '__return_true' );
	}

	/**
	 * Ends a payments test: its products and flags are deleted.
	 *
	 * @return void
	 */
	protected function finish_payments_test(): void {
		$this->delete_test_products();
		$this->delete_flags();
	}

	/**
	 * A signed invoice event as Meum sends it, with the order's own figures.
	 *
	 * @param string               $type       Event type, e.g. invoice.paid.
	 * @param \WC_Order            $order      The order the payload names.
	 * @param string               $invoice_id Invoice id.
	 * @param array<string, mixed> $data       Data fields to change (amounts, currency, external_order_id …).
	 * @param string|null          $event_id   Event id (default: a new one).
	 * @return array{headers: array<string, string>, body: string}
	 */
	protected function event_delivery( string $type, \WC_Order $order, string $invoice_id, array $data = array(), ?string $event_id = null ): array {
		$event_id = $event_id ?? 'evt_' . bin2hex( random_bytes( 10 ) );
		$total    = (string) $order->get_total( 'edit' );
		$paid     = array(
			'invoice.paid'      => $total,
			'invoice.underpaid' => '1.00',
			'invoice.refunded'  => $total,
		)[ $type ] ?? '0.00';
		$body     = (string) wp_json_encode(
			array(
				'id'        => $event_id,
				'type'      => $type,
				'createdAt' => gmdate( 'Y-m-d\TH:i:s.000\Z' ),
				'data'      => array_merge(
					array(
						'invoice_id'        => $invoice_id,
						'external_order_id' => (string) $order->get_id(),
						'amount'            => $total,
						'expected_amount'   => $total,
						'received_amount'   => $paid,
						'paid_amount'       => $paid,
						'currency'          => $order->get_currency( 'edit' ),
						'output_asset'      => 'usdc',
						'tx_hash'           => '0xabc123',
						'status'            => substr( $type, 8 ),
					),
					$data
				),
			)
		);
		return $this->delivery(
			array(
				'body'     => $body,
				'type'     => $type,
				'event_id' => $event_id,
			)
		);
	}

	/**
	 * Creates an invoice of the order at the sandbox and, unless told otherwise, records it as the
	 * order's current invoice as a checkout would.
	 *
	 * @param \WC_Order $order    The order.
	 * @param int       $suffix   Suffix of the external order id.
	 * @param bool      $record   Whether the order knows the invoice.
	 * @param string    $currency Currency sent (default: the order's).
	 * @return string Invoice id.
	 */
	protected function meum_invoice( \WC_Order $order, int $suffix = 1, bool $record = true, string $currency = '' ): string {
		$invoice = ( new Invoice_Api( new Client( new Environment(), new Error_Mapper() ), $this->store() ) )->create(
			array(
				'external_order_id' => $order->get_id() . ( $suffix > 1 ? '-' . $suffix : '' ),
				'amount'            => (string) $order->get_total( 'edit' ),
				'currency'          => '' === $currency ? $order->get_currency( 'edit' ) : $currency,
				'return_url'        => $order->get_checkout_order_received_url(),
				'metadata'          => array( 'order_number' => $order->get_order_number() ),
			),
			10.0
		);
		$this->assertInstanceOf( Invoice::class, $invoice, $invoice instanceof \WP_Error ? $invoice->get_error_message() : '' );
		if ( $record ) {
			( new Invoice_Table() )->record( $order->get_id(), $suffix, $invoice, time() );
			Order_Meta::add_invoice( $order, $invoice->id() );
			Order_Meta::set_current_invoice( $order, $invoice->id() );
			Order_Meta::set_last_suffix( $order, $suffix );
			$order->save();
		}
		return $invoice->id();
	}

	/**
	 * Moves an invoice at the sandbox; the sandbox delivers the webhook to the site unless dropped.
	 *
	 * @param string               $invoice_id Invoice id.
	 * @param string               $action     pay, underpay, overpay, fail, expire.
	 * @param array<string, mixed> $body       amount, force.
	 * @param bool                 $deliver    False: the webhook is dropped (Meum moved, the site did not hear).
	 * @return array<string, mixed> The sandbox's answer.
	 */
	protected function move( string $invoice_id, string $action, array $body = array(), bool $deliver = true ): array {
		if ( ! $deliver ) {
			$policy = $this->sandbox( 'POST', '/__sandbox/delivery-policy', array( 'drop' => true ) );
			$this->assertSame( 200, $policy['status'], (string) wp_json_encode( $policy['body'] ) );
		}
		$moved = $this->sandbox( 'POST', '/__sandbox/invoices/' . rawurlencode( $invoice_id ) . '/' . $action, $body );
		$this->assertSame( 200, $moved['status'], (string) wp_json_encode( $moved['body'] ) );
		return $moved['body'];
	}

	/**
	 * Delivers a signed invoice event to the webhook route in this process.
	 *
	 * @param string               $type       Event type, e.g. invoice.paid.
	 * @param \WC_Order            $order      The order the payload names.
	 * @param string               $invoice_id Invoice id.
	 * @param array<string, mixed> $data       Data fields to change.
	 * @return WP_REST_Response The receiver's answer.
	 */
	protected function send_event( string $type, \WC_Order $order, string $invoice_id, array $data = array() ): WP_REST_Response {
		return $this->deliver( $this->event_delivery( $type, $order, $invoice_id, $data ) );
	}

	/**
	 * What the mu-plugin recorded for an order.
	 *
	 * @param int         $order_id Order id.
	 * @param string|null $kind     payment_complete, email, note, stock_reduced; null for all.
	 * @return string[] Details (e-mail ids, note texts …) in order; one entry per effect.
	 */
	protected function effects( int $order_id, ?string $kind = null ): array {
		global $wpdb;
		$table = $wpdb->prefix . 'meum_wc_test_effects';
		// phpcs:ignore WordPress.DB
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT kind, detail FROM $table WHERE order_id = %d ORDER BY id", $order_id ), ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			if ( null === $kind || $row['kind'] === $kind ) {
				$out[] = null === $kind ? $row['kind'] . ':' . $row['detail'] : $row['detail'];
			}
		}
		return $out;
	}

	/**
	 * The WooCommerce e-mails sent for an order, sorted.
	 *
	 * @param int $order_id Order id.
	 * @return string[] E-mail ids.
	 */
	protected function emails( int $order_id ): array {
		$emails = $this->effects( $order_id, 'email' );
		sort( $emails );
		return $emails;
	}

	/**
	 * Forgets what was recorded for an order (its creation sends nothing, but status set-up may).
	 *
	 * @param int $order_id Order id.
	 * @return void
	 */
	protected function forget_effects_of( int $order_id ): void {
		global $wpdb;
		if ( function_exists( 'meum_wc_test_record_effect' ) ) {
			meum_wc_test_record_effect( 0, 'ready' );
		}
		// phpcs:ignore WordPress.DB
		$wpdb->delete( $wpdb->prefix . 'meum_wc_test_effects', array( 'order_id' => $order_id ) );
	}

	/**
	 * The order as stored now.
	 *
	 * @param int $order_id Order id.
	 * @return \WC_Order
	 */
	protected function stored_order( int $order_id ): \WC_Order {
		$order = Order_Meta::fresh_order( $order_id );
		$this->assertInstanceOf( \WC_Order::class, $order );
		return $order;
	}

	/**
	 * The stock of the order's (only) product.
	 *
	 * @param \WC_Order $order The order.
	 * @return int Stock quantity.
	 */
	protected function stock_of( \WC_Order $order ): int {
		$items = $order->get_items();
		$item  = reset( $items );
		$this->assertInstanceOf( \WC_Order_Item_Product::class, $item );
		wp_cache_flush();
		$product = wc_get_product( $item->get_product_id() );
		$this->assertInstanceOf( \WC_Product::class, $product );
		return (int) $product->get_stock_quantity();
	}

	/**
	 * Calls a sandbox control route.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $path   Path.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array{status: int, body: array<string, mixed>}
	 */
	protected function sandbox( string $method, string $path, ?array $body = null ): array {
		$args = array(
			'method'  => $method,
			'timeout' => 30,
		);
		if ( null !== $body ) {
			$args['headers'] = array( 'Content-Type' => 'application/json' );
			$args['body']    = (string) wp_json_encode( (object) $body );
		}
		$response = wp_remote_request( Sandbox::url() . $path, $args );
		$this->assertNotWPError( $response );
		return array(
			'status' => (int) wp_remote_retrieve_response_code( $response ),
			'body'   => (array) json_decode( wp_remote_retrieve_body( $response ), true ),
		);
	}

	/**
	 * The order updater as the plugin builds it.
	 *
	 * @param Order_Lock|null $lock The lock (default: a new one).
	 * @return Order_Updater
	 */
	protected function order_updater( ?Order_Lock $lock = null ): Order_Updater {
		$environment = new Environment();
		return new Order_Updater( new Invoice_Api( new Client( $environment, new Error_Mapper() ), $this->store() ), new Invoice_Table(), $lock ?? new Order_Lock( new Clock() ), new Outcome_Log(), new Flags(), new Plugin_Log( $environment ), new Clock() );
	}

	/**
	 * The flag kinds raised for an order, as stored now (another process may have written them).
	 *
	 * @param int $order_id Order id.
	 * @return string[]
	 */
	protected function flag_kinds( int $order_id ): array {
		$kinds = array();
		foreach ( ( new Flags() )->all() as $flag ) {
			if ( $flag['order_id'] === $order_id ) {
				$kinds[] = $flag['kind'];
			}
		}
		return $kinds;
	}

	/**
	 * Asserts a value is not a WP_Error.
	 *
	 * @param mixed $value Value.
	 * @return void
	 */
	protected function assertNotWPError( $value ): void {
		$this->assertNotInstanceOf( \WP_Error::class, $value, $value instanceof \WP_Error ? $value->get_error_message() : '' );
	}
}
