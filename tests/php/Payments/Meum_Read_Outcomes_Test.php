<?php
/**
 * Tests of the outcomes decided on Meum's answer.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Outcome_Log;
use Meum\WooCommerce\Payments\Outcome_Rules;
use Meum\WooCommerce\Payments\Update_Result;
use Meum\WooCommerce\Tests\Support\Payments_Test_Case;

/**
 * Invoices created at the Meum sandbox and moved there (`/__sandbox/invoices/{id}/{action}`), which
 * sends the signed webhook to the running site over real HTTP, as Meum does: the rows whose
 * decision needs a read of the invoice (underpaid, overpaid, another currency, expired/cancelled,
 * an invoice the order does not know yet, a status read) run end to end, in another PHP process.
 * E-mails and other effects are counted in the database by the effects mu-plugin.
 */
class Meum_Read_Outcomes_Test extends Payments_Test_Case {

	public function test_paid_at_meum_completes_the_order_through_the_real_webhook(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );
		$stock      = $this->stock_of( $order );

		$this->move( $invoice_id, 'pay' );

		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $order->get_id() ) );
		$this->assertSame( $stock - 1, $this->stock_of( $order ) );
	}

	public function test_underpaid_puts_the_order_on_hold_for_review_with_a_flag_and_a_customer_note(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );

		$this->move( $invoice_id, 'underpay', array( 'amount' => '10.00' ) );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'on-hold', $stored->get_status() );
		$this->assertTrue( Order_Meta::is_review_hold( $stored ) );
		$this->assertSame( array(), $this->effects( $order->get_id(), 'payment_complete' ) );
		$this->assertSame( array( 'customer_note', 'customer_on_hold_order', 'new_order' ), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_UNDERPAID ), $this->flag_kinds( $order->get_id() ) );
		$this->assertCount( 1, (array) preg_grep( '/^Meum payment too low: 10\.00 USD paid of an order total of 25\.00 USD \(difference 15\.00 USD/', $this->effects( $order->get_id(), 'note' ) ) );
	}

	public function test_an_overpayment_completes_the_order_and_is_flagged_with_the_excess(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );

		$this->move( $invoice_id, 'overpay', array( 'amount' => '30.00' ) );

		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_OVERPAID ), $this->flag_kinds( $order->get_id() ) );
		$this->assertCount( 1, (array) preg_grep( '/excess 5\.00 USD/', $this->effects( $order->get_id(), 'note' ) ) );
	}

	public function test_a_payment_in_another_currency_puts_the_order_on_hold_for_review_with_a_flag(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order, 1, true, 'EUR' );

		$this->move( $invoice_id, 'pay' );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'on-hold', $stored->get_status() );
		$this->assertTrue( Order_Meta::is_review_hold( $stored ) );
		$this->assertSame( array( 'customer_on_hold_order', 'new_order' ), $this->emails( $order->get_id() ) );
		$this->assertSame( array( Outcome_Rules::FLAG_CURRENCY ), $this->flag_kinds( $order->get_id() ) );
	}

	public function test_expired_cancels_an_unpaid_checkout_order_with_woocommerces_emails_for_that_transition(): void {
		$order      = $this->make_order( array( 'created_via' => 'store-api' ) );
		$invoice_id = $this->meum_invoice( $order );

		$this->move( $invoice_id, 'expire' );

		$this->assertSame( 'cancelled', $this->stored_order( $order->get_id() )->get_status() );
		// WooCommerce 10.2.4 sends its admin "Cancelled order" e-mail only from processing or
		// on-hold (class-wc-email-cancelled-order.php); pending → cancelled sends none, and the
		// plugin adds none of its own.
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertCount( 1, (array) preg_grep( '/^Meum invoice ' . $invoice_id . ' is expired and the order was not paid: order cancelled\. /', $this->effects( $order->get_id(), 'note' ) ) );
	}

	/**
	 * The order of the two final events (the current invoice's expiry, the superseded one's).
	 *
	 * @return array<string, array{bool}>
	 */
	public function expiry_orders(): array {
		return array(
			'the superseded invoice expires first' => array( true ),
			'the current invoice expires first'    => array( false ),
		);
	}

	/**
	 * @dataProvider expiry_orders
	 */
	public function test_an_order_whose_two_invoices_expire_is_cancelled_whichever_expires_last( bool $superseded_first ): void {
		$order      = $this->make_order( array( 'created_via' => 'store-api' ) );
		$superseded = $this->meum_invoice( $order );
		$current    = $this->meum_invoice( $order, 2 );

		$this->move( $superseded_first ? $superseded : $current, 'expire' );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'the other invoice is still open' );
		$this->move( $superseded_first ? $current : $superseded, 'expire' );

		$this->assertSame( 'cancelled', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
	}

	public function test_an_order_created_in_wp_admin_whose_invoice_expires_stays_payable(): void {
		$order      = $this->make_order( array( 'created_via' => 'admin' ) );
		$invoice_id = $this->meum_invoice( $order );

		$this->move( $invoice_id, 'expire' );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'pending', $stored->get_status() );
		$this->assertTrue( $stored->needs_payment() );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertSame( array( 'note:Meum invoice ' . $invoice_id . ' is expired. The order stays payable.' ), $this->effects( $order->get_id() ) );
	}

	public function test_expired_for_an_invoice_meum_now_says_is_paid_applies_the_payment(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );
		$this->move( $invoice_id, 'pay', array(), false );

		$response = $this->send_event( 'invoice.expired', $order, $invoice_id );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertTrue( ( new Outcome_Log() )->has( $invoice_id, 'paid' ) );
		$this->assertFalse( ( new Outcome_Log() )->has( $invoice_id, 'expired' ) );
	}

	public function test_cancelled_while_meum_says_the_invoice_is_still_open_changes_nothing(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );

		$response = $this->send_event( 'invoice.cancelled', $order, $invoice_id );

		$this->assertSame( 200, $response->get_status() );
		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'pending', $stored->get_status(), 'cancelled only when Meum still says so' );
		$this->assertTrue( $stored->needs_payment() );
		$this->assertSame( array(), $this->emails( $order->get_id() ) );
		$this->assertFalse( ( new Outcome_Log() )->has( $invoice_id, 'cancelled' ) );
	}

	public function test_an_event_type_meum_may_add_later_is_acknowledged_and_changes_no_order(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );

		$response = $this->send_event( 'invoice.disputed', $order, $invoice_id );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array(), $this->effects( $order->get_id() ), 'no note, no e-mail, no stock change' );
	}

	public function test_an_invoice_the_order_does_not_know_is_added_to_its_history_when_meum_confirms_it(): void {
		$order   = $this->make_order();
		$current = $this->meum_invoice( $order );
		$unknown = $this->meum_invoice( $this->stored_order( $order->get_id() ), 2, false );

		$this->move( $unknown, 'pay' );

		$stored = $this->stored_order( $order->get_id() );
		$this->assertSame( 'processing', $stored->get_status() );
		$this->assertContains( $unknown, Order_Meta::invoice_ids( $stored ) );
		$this->assertSame( $current, Order_Meta::current_invoice( $stored ), 'never made current' );
		$this->assertSame( $order->get_id(), (int) ( new Invoice_Table() )->find( $unknown )['order_id'] );
	}

	public function test_an_invoice_of_another_order_named_in_a_payload_changes_nothing(): void {
		$paid_order  = $this->make_order();
		$invoice_id  = $this->meum_invoice( $paid_order );
		$other_order = $this->make_order();
		$this->meum_invoice( $other_order );
		$this->move( $invoice_id, 'pay', array(), false );

		$response = $this->send_event( 'invoice.paid', $paid_order, $invoice_id, array( 'external_order_id' => (string) $other_order->get_id() ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'pending', $this->stored_order( $other_order->get_id() )->get_status() );
		$this->assertSame( array(), $this->effects( $other_order->get_id() ) );
		$this->assertNotContains( $invoice_id, Order_Meta::invoice_ids( $this->stored_order( $other_order->get_id() ) ) );
	}

	public function test_the_status_check_applies_a_payment_whose_webhook_was_lost(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );
		$this->move( $invoice_id, 'pay', array(), false );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );

		$result = $this->order_updater()->check_order( $order->get_id(), 'admin' );
		$again  = $this->order_updater()->check_order( $order->get_id(), 'admin' );

		$this->assertSame( Update_Result::APPLIED, $result->outcome() );
		$this->assertSame( Outcome_Rules::ROW_COMPLETE, $result->row() );
		$this->assertSame( Update_Result::NOTHING, $again->outcome() );
		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertCount( 1, $this->effects( $order->get_id(), 'payment_complete' ) );
	}

	public function test_the_status_check_of_an_open_invoice_changes_nothing(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );

		$result = $this->order_updater()->check_order( $order, 'admin' );

		$this->assertSame( Update_Result::NOTHING, $result->outcome() );
		$this->assertSame( Outcome_Rules::ROW_OPEN, $result->row() );
		$this->assertSame( array(), $this->effects( $order->get_id() ) );
		$this->assertNotEmpty( $invoice_id );
	}

	public function test_when_meum_cannot_be_read_the_delivery_answers_503_and_the_retry_decides(): void {
		$order      = $this->make_order();
		$invoice_id = $this->meum_invoice( $order );
		$this->move( $invoice_id, 'underpay', array( 'amount' => '10.00' ), false );
		$delivery = $this->event_delivery(
			'invoice.underpaid',
			$order,
			$invoice_id,
			array(
				'received_amount' => '10.00',
				'paid_amount'     => '10.00',
			)
		);
		$armed = $this->sandbox(
			'POST',
			'/__sandbox/fail-next',
			array(
				'path'   => '/v1/invoices/{id}',
				'status' => 503,
			)
		);
		$this->assertSame( 200, $armed['status'], (string) wp_json_encode( $armed['body'] ) );

		$first = $this->deliver( $delivery );

		$this->assertSame( 503, $first->get_status() );
		$this->assertSame( array( 'received' => false, 'error' => 'retry_later' ), $first->get_data() );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'the outcome is never guessed' );
		$this->assertSame( array(), $this->effects( $order->get_id() ) );

		$retry = $this->deliver( $delivery );

		$this->assertSame( 200, $retry->get_status() );
		$this->assertSame( 'on-hold', $this->stored_order( $order->get_id() )->get_status() );
	}
}
