<?php
/**
 * Tests of a webhook that arrives while the checkout's create call is running.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Payments\Checkout;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Lock;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Payments\Update_Result;
use Meum\WooCommerce\Tests\Support\Payments_Test_Case;
use Meum\WooCommerce\Tests\Support\Sandbox;

/**
 * Issue 11: "A webhook that arrives before process_payment() has stored its invoice (Meum can
 * deliver invoice.created while the create call is still returning) is not lost: it waits for the
 * order's lock (up to 5 s) and then finds the invoice, or answers 503 so Meum retries."
 */
class Webhook_During_Create_Test extends Payments_Test_Case {

	public function test_invoice_created_delivered_during_the_create_call_waits_and_finds_the_invoice(): void {
		Sandbox::set_store( home_url(), array( 'deliver_during_create' => true ) );
		$this->sandbox( 'DELETE', '/__sandbox/deliveries' );
		$order       = $this->make_order();
		$environment = new Environment();
		$client      = new Client( $environment, new Error_Mapper() );
		$clock       = new Clock();
		$checkout    = new Checkout( new Invoice_Api( $client, $this->store() ), new Invoice_Table(), new Order_Lock( $clock ), new Refusals(), $this->store(), new Status_Refresher( $client, $this->store(), $clock ), $client, new Plugin_Log( $environment ), $clock );

		$result = $checkout->pay( $order, 'classic' );

		$this->assertSame( 'success', $result['result'] ?? null, (string) wp_json_encode( $result ) );
		$stored  = $this->stored_order( $order->get_id() );
		$invoice = Order_Meta::current_invoice( $stored );
		$this->assertNotNull( $invoice );
		$deliveries = array();
		for ( $i = 0; $i < 100 && array() === $deliveries; $i++ ) {
			usleep( 100000 );
			$deliveries = array_values(
				array_filter(
					$this->sandbox( 'GET', '/__sandbox/deliveries' )['body']['deliveries'] ?? array(),
					static function ( $delivery ) use ( $invoice ) {
						return 'invoice.created' === ( $delivery['type'] ?? '' ) && $invoice === ( $delivery['invoice_id'] ?? '' ) && null !== ( $delivery['ms'] ?? null );
					}
				)
			);
		}
		$this->assertCount( 1, $deliveries, 'the sandbox delivered invoice.created during the create call' );
		$this->assertSame( 200, $deliveries[0]['status'], 'the webhook waited for the lock and found the invoice' );
		$this->assertTrue( $deliveries[0]['acknowledged'] );
		$this->assertSame( array( $invoice ), Order_Meta::invoice_ids( $this->stored_order( $order->get_id() ) ), 'one invoice, stored by the checkout: none added as a stray one' );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
	}

	/**
	 * Holds the order's lock in another PHP process for a second, under a holder's name.
	 *
	 * @param int    $order_id Order id.
	 * @param string $holder   Holder name.
	 * @return array{0: resource, 1: array<int, resource>} The process and its pipes.
	 */
	private function hold_lock_elsewhere( int $order_id, string $holder ): array {
		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$code    = '$lock = new Meum\WooCommerce\Payments\Order_Lock(); $token = $lock->acquire( ' . $order_id . ', 5, "' . $holder . '" ); echo $token ? "taken\n" : "missed\n"; fflush( STDOUT ); usleep( 1000000 ); $lock->release( ' . $order_id . ', (string) $token );';
		$process = proc_open( array( PHP_BINARY, $program, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		$this->assertSame( "taken\n", fgets( $pipes[1] ), 'the other process took the lock' );
		return array( $process, $pipes );
	}

	/**
	 * Waits for the other process.
	 *
	 * @param array{0: resource, 1: array<int, resource>} $other From {@see hold_lock_elsewhere()}.
	 * @return void
	 */
	private function join( array $other ): void {
		fclose( $other[1][1] );
		fclose( $other[1][2] );
		$this->assertSame( 0, proc_close( $other[0] ) );
	}

	public function test_an_invoice_still_unknown_after_waiting_for_a_checkout_answers_retry_later(): void {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order, 1, false ); // Created at Meum; the checkout has not stored it.
		$other   = $this->hold_lock_elsewhere( $order->get_id(), Checkout::LOCK_HOLDER );

		$result = $this->order_updater()->apply( $invoice, (string) $order->get_id(), array( 'type' => 'invoice.created' ), 'webhook', 8.0 );
		$this->join( $other );

		$this->assertSame( Update_Result::RETRY_LATER, $result->outcome() );
		$this->assertSame( 'checkout_in_flight', $result->reason() );
		$this->assertSame( array(), Order_Meta::invoice_ids( $this->stored_order( $order->get_id() ) ), 'not added as a stray invoice' );
		$this->assertNull( ( new Invoice_Table() )->find( $invoice ) );
	}

	public function test_an_unknown_invoice_after_waiting_for_another_update_is_confirmed_with_meum_as_before(): void {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order, 1, false );
		$other   = $this->hold_lock_elsewhere( $order->get_id(), '' );

		$result = $this->order_updater()->apply( $invoice, (string) $order->get_id(), array( 'type' => 'invoice.created' ), 'webhook', 8.0 );
		$this->join( $other );

		$this->assertNotSame( Update_Result::RETRY_LATER, $result->outcome(), $result->reason() );
		$this->assertSame( array( $invoice ), Order_Meta::invoice_ids( $this->stored_order( $order->get_id() ) ), '(d): confirmed by Meum, added to the history' );
	}

	public function test_the_lock_wait_of_an_update_is_at_most_five_seconds(): void {
		$lock  = new Order_Lock();
		$token = $lock->acquire( 424242, 0, Checkout::LOCK_HOLDER );
		$this->assertNotNull( $token );
		$started = microtime( true );
		$result  = $this->order_updater()->apply( 'inv_x', '424242', array( 'type' => 'invoice.paid' ), 'webhook', 8.0 );
		$waited  = microtime( true ) - $started;
		$lock->release( 424242, (string) $token );

		$this->assertSame( 'locked', $result->reason() );
		$this->assertGreaterThanOrEqual( 4.9, $waited );
		$this->assertLessThan( 7.5, $waited, 'about 5 s, not the whole 8 s budget' );
	}
}
