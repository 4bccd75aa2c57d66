<?php
/**
 * Tests of one payment delivered many times at once, over real HTTP.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Update_Result;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `invoice.paid` for one invoice with 20 distinct event ids, sent in parallel (curl_multi) to the
 * running site, which serves them with at least 8 PHP worker processes on MariaDB, while the buyer
 * reloads the order-received page and the merchant's status check runs in this process: the event-id
 * claim cannot deduplicate them, so only the order lock and the outcome key keep the effects
 * single. The effects are counted by the test mu-plugin `meum-wc-order-effects.php` in the
 * database, since they happen in several processes. On the SQLite sites the test skips (declared
 * in tests/php/expected-skips.php): the matrix runs it on posts-mariadb and hpos-mariadb.
 */
class Payment_Concurrency_Test extends Test_Case {

	use Payment_Orders;

	/** Parallel deliveries. */
	private const DELIVERIES = 20;

	protected function setUp(): void {
		parent::setUp();
		$this->start_payments_test();
		if ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) {
			$this->markTestSkipped( 'needs MariaDB and parallel PHP workers: runs on the MariaDB sites of the matrix' );
		}
		$this->assertGreaterThanOrEqual( 8, (int) getenv( 'WP_WORKERS' ), 'the test site must run at least 8 PHP workers (bin/test-site.sh sets WP_WORKERS=8 on MariaDB)' );
	}

	protected function tearDown(): void {
		$this->finish_payments_test();
		parent::tearDown();
	}

	public function test_20_paid_events_with_distinct_ids_in_parallel_complete_the_payment_once(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );
		$stock      = $this->stock_of( $order );
		// Meum has the payment; its webhooks arrive below, all at once.
		$this->move( $invoice_id, 'pay', array(), false );
		$requests = array();
		foreach ( $this->paid_deliveries( $order, $invoice_id ) as $delivery ) {
			$requests[] = array(
				'url'     => rest_url( 'meum/v1/webhook' ),
				'headers' => $delivery['headers'],
				'body'    => $delivery['body'],
			);
		}
		// The buyer reloads the order-received page meanwhile.
		for ( $i = 0; $i < 3; $i++ ) {
			$requests[] = array(
				'url'     => $order->get_checkout_order_received_url(),
				'headers' => array(),
				'body'    => null,
			);
		}

		// And the merchant presses "Check payment status with Meum" (the same locked path).
		$check   = null;
		$answers = $this->send_in_parallel(
			$requests,
			function () use ( $order, &$check ): void {
				$check = $this->order_updater()->check_order( $order->get_id(), 'admin' );
			}
		);

		$webhooks = array_slice( $answers, 0, self::DELIVERIES );
		$this->assertSame( array_fill( 0, self::DELIVERIES, 200 ), array_column( $webhooks, 'status' ), (string) wp_json_encode( $webhooks ) );
		foreach ( $webhooks as $answer ) {
			$this->assertSame( array( 'received' => true ), json_decode( $answer['body'], true ), 'each distinct event is acknowledged as new' );
		}
		$this->assertInstanceOf( Update_Result::class, $check );
		$this->assertNotSame( Update_Result::RETRY_LATER, $check->outcome(), $check->reason() );
		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'processing', $stored->get_status() );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'payment_complete' ), 'one payment_complete' );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $order->get_id() ), 'one customer e-mail, one admin e-mail' );
		$this->assertCount( 1, (array) preg_grep( '/^Meum payment received: /', $this->effects( $order->get_id(), 'note' ) ), 'one payment note' );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'stock_reduced' ), 'stock reduced once' );
		$this->assertSame( $stock - 1, $this->stock_of( $order ) );
	}

	/**
	 * The deliveries: the same payment, each with its own event id.
	 *
	 * @param \WC_Order $order      The order.
	 * @param string    $invoice_id Invoice id.
	 * @return array<int, array{headers: array<string, string>, body: string}>
	 */
	private function paid_deliveries( \WC_Order $order, string $invoice_id ): array {
		$deliveries = array();
		for ( $i = 0; $i < self::DELIVERIES; $i++ ) {
			$deliveries[] = $this->event_delivery( 'invoice.paid', $order, $invoice_id, array( 'tx_hash' => '0xparallel' ), 'evt_parallel_' . $i . '_' . bin2hex( random_bytes( 6 ) ) );
		}
		return $deliveries;
	}

	/**
	 * Sends every request at once, one connection each, and runs `$meanwhile` in this process
	 * while they are in flight.
	 *
	 * @param array<int, array{url: string, headers: array<string, string>, body: string|null}> $requests  POST when a body is given, else GET.
	 * @param callable                                                                         $meanwhile Runs once, after the requests started.
	 * @return array<int, array{status: int, body: string}> Answers, in the requests' order.
	 */
	private function send_in_parallel( array $requests, callable $meanwhile ): array {
		// phpcs:disable WordPress.WP.AlternativeFunctions -- parallel requests need curl_multi; WordPress's HTTP API is sequential.
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $requests as $request ) {
			$headers = array();
			foreach ( $request['headers'] as $name => $value ) {
				$headers[] = $name . ': ' . $value;
			}
			$handle  = curl_init( $request['url'] );
			$options = array(
				CURLOPT_HTTPHEADER     => $headers,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 60,
				CURLOPT_FORBID_REUSE   => true,
			);
			if ( null !== $request['body'] ) {
				$options[ CURLOPT_POST ]       = true;
				$options[ CURLOPT_POSTFIELDS ] = $request['body'];
			}
			curl_setopt_array( $handle, $options );
			curl_multi_add_handle( $multi, $handle );
			$handles[] = $handle;
		}
		// Let the requests reach the site before the work of this process starts.
		$started = microtime( true );
		do {
			curl_multi_exec( $multi, $running );
			curl_multi_select( $multi, 0.05 );
		} while ( $running && microtime( true ) - $started < 0.3 );
		$meanwhile();
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$answers = array();
		foreach ( $handles as $handle ) {
			$answers[] = array(
				'status' => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
				'body'   => (string) curl_multi_getcontent( $handle ),
			);
			curl_multi_remove_handle( $multi, $handle );
			curl_close( $handle );
		}
		curl_multi_close( $multi );
		// phpcs:enable
		return $answers;
	}
}
