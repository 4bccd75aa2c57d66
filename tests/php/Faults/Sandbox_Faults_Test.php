<?php
/**
 * Faults of Meum and of the way to the site, made by the sandbox, on real WooCommerce orders.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Faults;

use Meum\WooCommerce\Payments\Gateway;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Issue 11, "Faults, through the sandbox", the two that need no reconciliation run: Meum times out
 * on create after having created the invoice (the retried checkout reuses it), and the webhook
 * endpoint answers 5xx for a while (the sandbox's time-scaled retries of Part B §5.9 deliver later,
 * once). Webhooks go over real HTTP to the running site; effects are counted in the database by
 * tests/support/mu-plugins/meum-wc-order-effects.php.
 */
class Sandbox_Faults_Test extends Test_Case {

	use Payment_Orders;

	/** The factor of the sandbox's retry waits here: 60 s → 1.2 s, then 2.4 s, 4.8 s … */
	private const TIME_SCALE = 0.02;

	protected function setUp(): void {
		parent::setUp();
		$this->start_payments_test();
		Sandbox::reset_requests();
	}

	protected function tearDown(): void {
		delete_option( 'meum_wc_test_block_webhook' );
		Sandbox::reset();
		wc_clear_notices();
		$this->finish_payments_test();
		parent::tearDown();
	}

	/**
	 * How the create call fails after Meum made the invoice.
	 *
	 * @return array<string, array{0: array<string, mixed>}>
	 */
	public function lost_create_answers(): array {
		return array(
			'answer later than the timeout'  => array(
				array(
					'after_processing' => 'late',
					'delay_ms'         => 6000,
				),
			),
			'connection closed, no answer' => array( array( 'after_processing' => 'close' ) ),
		);
	}

	/**
	 * @dataProvider lost_create_answers
	 *
	 * @param array<string, mixed> $fault The sandbox's fail-next arming of `POST /v1/invoices`.
	 */
	public function test_a_create_that_times_out_after_meum_created_the_invoice_is_reused_by_the_retried_checkout( array $fault ): void {
		$order   = $this->make_order();
		$gateway = $this->gateway();
		$this->add_test_filter( 'meum_wc_http_timeout', static fn () => 2.0 );
		Sandbox::fail_next_with( '/v1/invoices', $fault );

		$first = $gateway->process_payment( $order->get_id() );

		$this->assertSame( 'failure', $first['result'], 'the buyer is told to try again: no answer came' );
		$at_meum = Sandbox::invoices();
		$this->assertCount( 1, $at_meum, 'Meum made the invoice before the answer was lost' );
		$this->assertSame( (string) $order->get_id(), $at_meum[0]['external_order_id'] );
		$this->assertNull( Order_Meta::current_invoice( $this->stored_order( $order->get_id() ) ), 'the order cannot know it yet' );

		$second = $gateway->process_payment( $order->get_id() );
		$third  = $gateway->process_payment( $order->get_id() );

		$this->assertSame( 'success', $second['result'], (string) wp_json_encode( $second ) );
		$this->assertSame( $at_meum[0]['checkout_url'], $second['redirect'], 'the retried checkout goes to the invoice made during the timeout' );
		$this->assertSame( $second, $third, 'the same redirect again' );
		$this->assertCount( 1, Sandbox::invoices(), 'one invoice at Meum' );
		$this->assertSame( array( (string) $order->get_id(), (string) $order->get_id() ), $this->create_ids(), 'the same external_order_id was asked for again, once' );
		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( $at_meum[0]['id'], Order_Meta::current_invoice( $stored ) );
		$this->assertSame( 1, Order_Meta::last_suffix( $stored ) );
		$this->assertSame( 'pending', $stored->get_status() );
	}

	public function test_a_webhook_endpoint_answering_503_for_a_while_gets_the_event_later_by_meums_retries_once(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );
		Sandbox::delivery_policy( array( 'time_scale' => self::TIME_SCALE ) );
		update_option( 'meum_wc_test_block_webhook', '503' );

		$moved = $this->move( $invoice_id, 'pay' );

		$this->assertSame( 503, $moved['webhook']['first_attempt']['status'] ?? null, (string) wp_json_encode( $moved ) );
		$this->wait_for(
			fn (): bool => count( Sandbox::invoice_deliveries( $invoice_id ) ) >= 2,
			'a retry while the endpoint is down'
		);
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'nothing changes while the site answers 503' );
		$this->assertSame( array(), $this->effects( $order->get_id(), 'payment_complete' ) );

		delete_option( 'meum_wc_test_block_webhook' );
		$this->wait_for(
			fn (): bool => array() !== array_filter( Sandbox::invoice_deliveries( $invoice_id ), static fn ( $d ) => true === $d['acknowledged'] ),
			'an acknowledged retry once the endpoint is back'
		);
		usleep( 3 * (int) ( 60 * self::TIME_SCALE * 1000000 ) ); // Longer than the next retry wait would be.

		$deliveries = Sandbox::invoice_deliveries( $invoice_id );
		$this->assertSame( array( $moved['webhook']['event_id'] ), array_values( array_unique( array_column( $deliveries, 'event_id' ) ) ), 'one event, retried' );
		$this->assertSame( array( true ), array_values( array_filter( array_column( $deliveries, 'acknowledged' ) ) ), 'acknowledged once, then no more attempts' );
		$this->assertTrue( end( $deliveries )['acknowledged'], 'the acknowledged attempt was the last' );
		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $order->get_id() ) );
	}

	/**
	 * WooCommerce's own instance of the gateway.
	 *
	 * @return Gateway
	 */
	private function gateway(): Gateway {
		$gateway = WC()->payment_gateways()->payment_gateways()[ Gateway::ID ] ?? null;
		$this->assertInstanceOf( Gateway::class, $gateway );
		return $gateway;
	}

	/**
	 * The external_order_id of every `POST /v1/invoices` the sandbox received.
	 *
	 * @return string[]
	 */
	private function create_ids(): array {
		$ids = array();
		foreach ( Sandbox::requests() as $request ) {
			if ( 'POST' === $request['method'] && '/v1/invoices' === $request['path'] ) {
				$ids[] = (string) ( $request['json']['external_order_id'] ?? '' );
			}
		}
		return $ids;
	}

	/**
	 * Polls until a condition holds (60 s at most: the machine may be loaded).
	 *
	 * @param callable(): bool $done What to wait for.
	 * @param string           $what Its description, for the failure.
	 * @return void
	 */
	private function wait_for( callable $done, string $what ): void {
		$until = microtime( true ) + 60.0;
		while ( ! $done() ) {
			if ( microtime( true ) > $until ) {
				$this->fail( "Waited 60 s for $what." );
			}
			usleep( 200000 );
		}
	}
}
