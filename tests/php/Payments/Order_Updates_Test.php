<?php
/**
 * Tests of orders updated from Meum's webhooks.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Automattic\WooCommerce\Utilities\OrderUtil;
use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Payments\Flags;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Lock;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Outcome_Log;
use Meum\WooCommerce\Payments\Outcome_Rules;
use Meum\WooCommerce\Payments\Update_Result;
use Meum\WooCommerce\Tests\Support\Payments_Test_Case;
use Meum\WooCommerce\Webhooks\Event_Handler;
use Meum\WooCommerce\Webhooks\Retry_Later;

/**
 * Meum API Part A §A5 "Finding the order for an event" and "Outcomes" through the webhook route,
 * on real orders in the site's storage (HPOS or posts, SQLite or MariaDB: the matrix runs this
 * class on each). The rows whose webhook figures are enough to decide (no read from Meum) are
 * here; the rows that read the invoice from Meum are in Meum_Read_Outcomes_Test.
 * Every test asserts the WooCommerce e-mails sent for the order, exactly.
 */
class Order_Updates_Test extends Payments_Test_Case {

	/**
	 * Asserts the receiver acknowledged a delivery.
	 *
	 * @param \WP_REST_Response $response Answer.
	 * @return void
	 */
	private function assertAcknowledged( \WP_REST_Response $response ): void {
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( array( 'received' => true ), $response->get_data() );
	}

	/**
	 * Order statuses from which a full payment completes the order, and WooCommerce's e-mails.
	 *
	 * @return array<string, array{0: string, 1: string[]}>
	 */
	public function payable_statuses(): array {
		return array(
			'pending'                 => array( 'pending', array( 'customer_processing_order', 'new_order' ) ),
			'failed'                  => array( 'failed', array( 'customer_processing_order', 'new_order' ) ),
			// WooCommerce sent New order at pending → on-hold already; on-hold → processing sends the customer's only.
			'on-hold, not for review' => array( 'on-hold', array( 'customer_processing_order' ) ),
		);
	}

	/**
	 * Row "paid, paid ≥ total".
	 *
	 * @dataProvider payable_statuses
	 *
	 * @param string   $status Order status before.
	 * @param string[] $emails Expected e-mails.
	 */
	public function test_paid_in_full_completes_the_payment_once_with_the_emails_of_the_transition( string $status, array $emails ): void {
		$order      = $this->make_order( array( 'status' => $status ) );
		$invoice_id = $this->local_invoice( $order );
		$stock      = $this->stock_of( $order );
		if ( 'on-hold' === $status ) {
			$stock += 1; // WooCommerce reduced it when the order went on hold.
		}
		sort( $emails );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );
		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'processing', $stored->get_status() );
		$this->assertSame( $invoice_id, $stored->get_transaction_id() );
		$this->assertSame( $invoice_id, Order_Meta::paid_invoice( $stored ) );
		$this->assertSame( array( '' ), $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( $emails, $this->emails( $order->get_id() ) );
		$this->assertSame( $stock - 1, $this->stock_of( $order ), 'stock reduced once' );
		$received = preg_grep( '/^Meum payment received: 25\.00 USD \(invoice ' . preg_quote( $invoice_id, '/' ) . ', settlement asset usdc, transaction 0xabc123\)\.$/', $this->effects( $order->get_id(), 'note' ) );
		$this->assertCount( 1, (array) $received, implode( "\n", $this->effects( $order->get_id(), 'note' ) ) );
		$this->assertTrue( ( new Outcome_Log() )->has( $invoice_id, 'paid' ) );
		$this->assertSame( 'paid', ( new Invoice_Table() )->find( $invoice_id )['status'] );
		$this->assertSame( array(), $this->flag_kinds( $order->get_id() ) );
	}

	public function test_a_webhook_amount_that_differs_from_the_total_is_checked_with_meum_before_anything_changes(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id, array( 'received_amount' => '30.00', 'paid_amount' => '30.00' ) ) );

		// A webhook's paid amount that differs from the total is checked with Meum, which does
		// not know this local invoice: nothing is guessed.
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
	}

	public function test_created_and_open_statuses_change_nothing_on_the_order(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );

		$this->assertAcknowledged( $this->send_event( 'invoice.created', $order, $invoice_id ) );

		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array(), $this->effects( $order->get_id() ) );
		$this->assertFalse( ( new Outcome_Log() )->has( $invoice_id, 'created' ) );
	}

	public function test_a_payment_for_an_order_paid_already_is_flagged_without_a_status_change(): void {
		$order = $this->make_order();
		$first = $this->local_invoice( $order, array( 'current' => false ) );
		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $first ) );
		$second = $this->local_invoice( $this->stored_order( $order->get_id() ), array( 'suffix' => 2 ) );
		$this->forget_effects_of( $order->get_id() );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $second, array( 'external_order_id' => $order->get_id() . '-2' ) ) );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'processing', $stored->get_status() );
		$this->assertSame( $first, Order_Meta::paid_invoice( $stored ) );
		$this->assertSame( array(), $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_PAID_TWICE ), $this->flag_kinds( $order->get_id() ) );
		$this->assertCount( 1, (array) preg_grep( '/^Meum received another payment \(25\.00 USD, invoice ' . $second . '\)/', $this->effects( $order->get_id(), 'note' ) ) );
	}

	/**
	 * Order statuses outside pending / failed / on-hold, whether the order can be put on hold, and the e-mails.
	 *
	 * @return array<string, array{0: string, 1: string, 2: string[]}>
	 */
	public function unpayable_statuses(): array {
		return array(
			'cancelled' => array( 'cancelled', 'on-hold', array( 'customer_on_hold_order', 'new_order' ) ),
			'trash'     => array( 'trash', 'trash', array() ),
		);
	}

	/**
	 * Row "paid or underpaid, cancelled, trash, or any status not listed below".
	 *
	 * @dataProvider unpayable_statuses
	 *
	 * @param string   $status Order status before.
	 * @param string   $after  Order status after.
	 * @param string[] $emails Expected e-mails.
	 */
	public function test_a_payment_for_a_cancelled_order_puts_it_on_hold_for_review_and_never_revives_it_silently( string $status, string $after, array $emails ): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		if ( 'trash' === $status ) {
			$order_id = $order->get_id();
			$order->delete( false ); // WooCommerce zeroes the id of the object it trashed.
			$order = $this->stored_order( $order_id );
		} else {
			$order->update_status( $status );
		}
		$this->forget_effects_of( $order->get_id() );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( $after, $stored->get_status() );
		$this->assertSame( 'on-hold' === $after, Order_Meta::is_review_hold( $stored ) );
		$this->assertSame( array(), $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( $emails, $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_NOT_PAYABLE ), $this->flag_kinds( $order->get_id() ) );
	}

	public function test_an_order_on_hold_for_review_is_never_completed_automatically(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		Order_Meta::set_review_hold( $order, true );
		$order->update_status( 'on-hold' );
		$this->forget_effects_of( $order->get_id() );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'on-hold', $stored->get_status() );
		$this->assertNull( $stored->get_date_paid() );
		$this->assertSame( array(), $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_UNDER_REVIEW ), $this->flag_kinds( $order->get_id() ) );
	}

	public function test_failed_for_the_current_invoice_fails_the_pending_order_with_the_admin_email(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );

		$this->assertAcknowledged( $this->send_event( 'invoice.failed', $order, $invoice_id ) );
		$this->assertAcknowledged( $this->send_event( 'invoice.failed', $order, $invoice_id ) );

		$this->assertSame( 'failed', $this->stored_order( $order->get_id() )->get_status() );
		// WooCommerce 10.2.4 sends its admin "Failed order" and, new in 10.x, the customer's
		// "Failed order" for pending → failed; the plugin adds none.
		$this->assertSame( array( 'customer_failed_order', 'failed_order' ), $this->emails( $order->get_id() ) );
		$this->assertCount( 1, (array) preg_grep( '/^Meum payment failed \(invoice ' . $invoice_id . '\)\. The customer can pay again\. /', $this->effects( $order->get_id(), 'note' ) ) );
	}

	/**
	 * Failed for a superseded invoice, for an order with another live invoice, for an order not
	 * pending: the default row (note only).
	 *
	 * @return array<string, array{0: string}>
	 */
	public function failed_default_cases(): array {
		return array(
			'superseded invoice'     => array( 'superseded' ),
			'another invoice open'   => array( 'other_open' ),
			'order processing'       => array( 'processing' ),
		);
	}

	/**
	 * @dataProvider failed_default_cases
	 *
	 * @param string $case Case.
	 */
	public function test_failed_in_any_other_case_only_adds_a_note( string $case ): void {
		$order      = $this->make_order( 'processing' === $case ? array( 'status' => 'processing' ) : array() );
		$invoice_id = $this->local_invoice( $order, array( 'current' => 'superseded' !== $case ) );
		if ( 'superseded' === $case || 'other_open' === $case ) {
			$this->local_invoice( $this->stored_order( $order->get_id() ), array( 'suffix' => 2, 'current' => 'superseded' === $case ) );
		}
		$before = $this->stored_order( $order->get_id() )->get_status();
		$this->forget_effects_of( $order->get_id() );

		$this->assertAcknowledged( $this->send_event( 'invoice.failed', $order, $invoice_id ) );

		$this->assertSame( $before, $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertSame( array( 'note:Meum reports invoice ' . $invoice_id . ' as failed; the order status was not changed.' ), $this->effects( $order->get_id() ) );
	}

	public function test_refunded_only_adds_a_note(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );
		$this->forget_effects_of( $order->get_id() );

		$this->assertAcknowledged( $this->send_event( 'invoice.refunded', $order, $invoice_id ) );

		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array( 'note:Meum reports invoice ' . $invoice_id . ' as refunded. If the refund is not recorded in WooCommerce yet, record it as a manual refund.' ), $this->effects( $order->get_id() ) );
	}

	public function test_a_payment_for_an_order_of_another_payment_method_is_flagged_and_changes_nothing(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		$order->set_payment_method( 'cheque' );
		$order->save();

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );
		$this->assertAcknowledged( $this->send_event( 'invoice.expired', $order, $invoice_id ) );

		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_OTHER_METHOD ), $this->flag_kinds( $order->get_id() ) );
		$this->assertSame( array( 'note:Meum payment received for an order paid another way (invoice ' . $invoice_id . '): return it outside Meum or reconcile it.' ), $this->effects( $order->get_id() ) );
	}

	public function test_a_payload_naming_another_order_changes_neither_order(): void {
		$paid_order  = $this->make_order();
		$invoice_id  = $this->local_invoice( $paid_order );
		$other_order = $this->make_order();
		$this->local_invoice( $other_order );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $paid_order, $invoice_id, array( 'external_order_id' => (string) $other_order->get_id() ) ) );

		$this->assertSame( 'pending', $this->stored_order( $paid_order->get_id() )->get_status() );
		$this->assertSame( 'pending', $this->stored_order( $other_order->get_id() )->get_status() );
		$this->assertSame( array(), $this->effects( $paid_order->get_id() ) );
		$this->assertSame( array(), $this->effects( $other_order->get_id() ) );
		$this->assertNotContains( $invoice_id, Order_Meta::invoice_ids( $this->stored_order( $other_order->get_id() ) ) );
	}

	public function test_an_event_naming_no_order_is_acknowledged_and_logged(): void {
		$log = $this->logged_while(
			function (): void {
				$order = $this->make_order();
				$id    = $order->get_id();
				$order->delete( true );
				$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, 'inv_gone', array( 'external_order_id' => (string) $id ) ) );
			}
		);

		$this->assertStringContainsString( 'which does not exist; nothing changed.', $log );
	}

	public function test_the_decision_uses_the_database_not_a_stale_cached_copy_of_the_order(): void {
		global $wpdb;
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		$cached     = wc_get_order( $order->get_id() );
		$this->assertSame( 'pending', $cached->get_status() );
		// Another process cancels the order behind this process's caches.
		if ( OrderUtil::custom_orders_table_usage_is_enabled() ) {
			$wpdb->update( $wpdb->prefix . 'wc_orders', array( 'status' => 'wc-cancelled' ), array( 'id' => $order->get_id() ) ); // phpcs:ignore WordPress.DB
		} else {
			$wpdb->update( $wpdb->posts, array( 'post_status' => 'wc-cancelled' ), array( 'ID' => $order->get_id() ) ); // phpcs:ignore WordPress.DB
		}
		$this->assertSame( 'pending', wc_get_order( $order->get_id() )->get_status(), 'the cache is primed with the stale copy' );

		$this->assertAcknowledged( $this->send_event( 'invoice.paid', $order, $invoice_id ) );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'on-hold', $stored->get_status(), 'decided on the cancelled order of the database' );
		$this->assertSame( array(), $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( array( 'customer_on_hold_order', 'new_order' ), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_NOT_PAYABLE ), $this->flag_kinds( $order->get_id() ) );
	}

	public function test_a_locked_order_answers_503_after_the_5_second_lock_wait_and_the_retry_applies_it(): void {
		$order      = $this->make_order();
		$invoice_id = $this->local_invoice( $order );
		$lock       = new Order_Lock( new Clock() );
		$token      = $lock->acquire( $order->get_id(), 1.0 );
		$this->assertIsString( $token );

		$delivery = $this->event_delivery( 'invoice.paid', $order, $invoice_id );
		$started  = microtime( true );
		$response = $this->deliver( $delivery );
		$elapsed  = microtime( true ) - $started;
		$lock->release( $order->get_id(), (string) $token );

		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( array( 'received' => false, 'error' => 'retry_later' ), $response->get_data() );
		$this->assertGreaterThanOrEqual( 4.9, $elapsed, 'issue 11: the lock is waited for up to 5 s' );
		$this->assertLessThan( 7.5, $elapsed, 'not the whole 8 s budget' );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );

		// Meum's retry of the same event is not a duplicate: the claim was released.
		$this->assertAcknowledged( $this->deliver( $delivery ) );
		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
	}

	public function test_retry_later_from_any_invoice_handler_releases_the_claim_and_answers_503(): void {
		$this->add_test_filter(
			'meum_wc_webhook_handlers',
			static function ( $handlers ) {
				$handlers['invoice.paid'] = new class() implements Event_Handler {
					public function handle( array $event, string $source ): void {
						throw new Retry_Later( 'meum_unreachable' );
					}
				};
				return $handlers;
			},
			20
		);
		$delivery = $this->delivery( array( 'event_id' => 'evt_retry_' . bin2hex( random_bytes( 6 ) ) ) );

		$first  = $this->deliver( $delivery );
		$second = $this->deliver( $delivery );

		$this->assertSame( 503, $first->get_status() );
		$this->assertSame( array( 'received' => false, 'error' => 'retry_later' ), $first->get_data() );
		$this->assertSame( 503, $second->get_status(), 'not answered as a duplicate' );
	}

	public function test_the_updater_gives_up_within_its_budget_when_the_lock_is_held(): void {
		$order   = $this->make_order();
		$invoice = $this->local_invoice( $order );
		$lock    = new Order_Lock( new Clock() );
		$token   = (string) $lock->acquire( $order->get_id(), 1.0 );
		$updater = $this->order_updater( $lock );

		$started = microtime( true );
		$result  = $updater->apply( $invoice, (string) $order->get_id(), null, 'admin', 0.5 );
		$lock->release( $order->get_id(), $token );

		$this->assertSame( Update_Result::RETRY_LATER, $result->outcome() );
		$this->assertSame( 'locked', $result->reason() );
		$this->assertLessThan( 1.5, microtime( true ) - $started );
	}

	public function test_flags_are_capped_at_50_and_updated_per_order_and_kind(): void {
		$flags = new Flags();
		for ( $i = 1; $i <= 55; $i++ ) {
			$flags->raise( $i, Outcome_Rules::FLAG_OVERPAID, "message $i", 1000 + $i );
		}
		$again = $flags->raise( 55, Outcome_Rules::FLAG_OVERPAID, 'updated', 2000 );

		$all = $flags->all();
		$this->assertCount( 50, $all );
		$this->assertSame( 6, $all[0]['order_id'] );
		$this->assertSame( 'updated', $all[49]['message'] );
		$this->assertTrue( $flags->dismiss( $again ) );
		$this->assertFalse( $flags->dismiss( $again ) );
		$this->assertCount( 49, $flags->all() );
	}
}
