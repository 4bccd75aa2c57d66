<?php
/**
 * Tests of one payment delivered many times at once, over real HTTP.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Flags;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `invoice.paid` for one invoice with 20 distinct event ids, sent in parallel (curl_multi) to the
 * running site, which serves them with at least 8 PHP worker processes on MariaDB: the event-id
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
		$this->requires_woocommerce();
		if ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) {
			$this->markTestSkipped( 'needs MariaDB and parallel PHP workers: runs on the MariaDB sites of the matrix' );
		}
		$this->assertGreaterThanOrEqual( 8, (int) getenv( 'WP_WORKERS' ), 'the test site must run at least 8 PHP workers (bin/test-site.sh sets WP_WORKERS=8 on MariaDB)' );
		$this->connect_with( 'sk_live_sandbox_ready' );
	}

	protected function tearDown(): void {
		$this->delete_test_products();
		delete_option( Flags::OPTION );
		parent::tearDown();
	}

	public function test_20_paid_events_with_distinct_ids_in_parallel_complete_the_payment_once(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		$stock      = $this->stock_of( $order );

		$answers = $this->post_in_parallel( $this->paid_deliveries( $order, $invoice_id ) );

		$this->assertSame( array_fill( 0, self::DELIVERIES, 200 ), array_column( $answers, 'status' ), (string) wp_json_encode( $answers ) );
		foreach ( $answers as $answer ) {
			$this->assertSame( array( 'received' => true ), json_decode( $answer['body'], true ), 'each distinct event is acknowledged as new' );
		}
		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'processing', $stored->get_status() );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'payment_complete' ), 'one payment_complete' );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $order->get_id() ), 'one customer e-mail, one admin e-mail' );
		$this->assertCount( 1, (array) preg_grep( '/^Meum payment received: /', $this->effects( $order->get_id(), 'note' ) ), 'one payment note' );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'stock_reduced' ), 'stock reduced once' );
		$this->assertSame( $stock - 1, $this->stock_of( $order ) );
		$this->assertSame( 'processing', $stored->get_status() );
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
			$event_id     = 'evt_parallel_' . $i . '_' . bin2hex( random_bytes( 6 ) );
			$deliveries[] = $this->delivery(
				array(
					'event_id' => $event_id,
					'body'     => (string) wp_json_encode(
						array(
							'id'        => $event_id,
							'type'      => 'invoice.paid',
							'createdAt' => gmdate( 'Y-m-d\TH:i:s.000\Z' ),
							'data'      => array(
								'invoice_id'        => $invoice_id,
								'external_order_id' => (string) $order->get_id(),
								'amount'            => (string) $order->get_total( 'edit' ),
								'received_amount'   => (string) $order->get_total( 'edit' ),
								'paid_amount'       => (string) $order->get_total( 'edit' ),
								'currency'          => $order->get_currency( 'edit' ),
								'output_asset'      => 'usdc',
								'tx_hash'           => '0xparallel',
								'status'            => 'paid',
							),
						)
					),
				)
			);
		}
		return $deliveries;
	}

	/**
	 * POSTs every delivery to the site's webhook route at once, one connection each.
	 *
	 * @param array<int, array{headers: array<string, string>, body: string}> $deliveries Deliveries.
	 * @return array<int, array{status: int, body: string}> Answers, in the deliveries' order.
	 */
	private function post_in_parallel( array $deliveries ): array {
		// phpcs:disable WordPress.WP.AlternativeFunctions -- parallel requests need curl_multi; WordPress's HTTP API is sequential.
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $deliveries as $delivery ) {
			$headers = array();
			foreach ( $delivery['headers'] as $name => $value ) {
				$headers[] = $name . ': ' . $value;
			}
			$handle = curl_init( rest_url( 'meum/v1/webhook' ) );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST           => true,
					CURLOPT_POSTFIELDS     => $delivery['body'],
					CURLOPT_HTTPHEADER     => $headers,
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 60,
					CURLOPT_FORBID_REUSE   => true,
				)
			);
			curl_multi_add_handle( $multi, $handle );
			$handles[] = $handle;
		}
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
