<?php
/**
 * Tests of the order-received page's Meum section.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * What the order-received page says for a Meum order (waiting, paid, partly paid, not paid), the
 * "Pay now" link only while the order needs payment, nothing for a missing order, and nothing
 * where WooCommerce shows the visitor no order: in the classic shortcode and in the Order
 * Confirmation block of block themes.
 */
class Return_Page_Test extends Test_Case {
	use Meum_Orders;

	private const WAITING  = 'We are waiting for your payment to be confirmed.';
	private const PAID     = 'Your payment with Meum has been received. Thank you!';
	private const PARTLY   = 'Meum received part of the payment, or a payment the store must review. Please do not pay again: the store will review your order and contact you about what happens next.';
	private const NOT_PAID = 'Your payment with Meum was not completed.';
	private const PAY_NOW  = 'Not paid yet?';

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
	}

	protected function tearDown(): void {
		global $wp;
		unset( $wp->query_vars['order-received'], $_GET['key'] );
		set_query_var( 'order-received', '' );
		parent::tearDown();
	}

	/**
	 * The section WooCommerce's thank-you hook prints for the order id.
	 *
	 * @param mixed $order_id What WooCommerce passes.
	 * @return string HTML.
	 */
	private function section( $order_id ): string {
		ob_start();
		do_action( 'woocommerce_thankyou_meum', $order_id );
		return (string) ob_get_clean();
	}

	public function test_a_pending_order_with_an_open_invoice_is_waiting_with_a_pay_now_link(): void {
		$order = $this->make_order();
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );

		$html = $this->section( $order->get_id() );

		$this->assertStringContainsString( self::WAITING, $html );
		$this->assertStringContainsString( self::PAY_NOW, $html );
		$this->assertStringContainsString( esc_url( $order->get_checkout_payment_url() ), $html );
	}

	public function test_the_pay_now_link_shows_only_while_the_order_needs_payment(): void {
		$order = $this->make_order();
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$order->set_total( '0' );
		$order->save();

		$html = $this->section( $order->get_id() );

		$this->assertStringContainsString( self::WAITING, $html );
		$this->assertStringNotContainsString( self::PAY_NOW, $html, 'an order without payment due has no Pay now link' );
	}

	public function test_a_paid_order_says_paid_without_a_link(): void {
		$order = $this->make_order();
		$this->add_invoice( $order, 'paid', $this->iso_in( HOUR_IN_SECONDS ) );
		$order->payment_complete( 'inv_paid' );

		$html = $this->section( $order->get_id() );

		$this->assertStringContainsString( self::PAID, $html );
		$this->assertStringNotContainsString( self::PAY_NOW, $html );
		$this->assertStringNotContainsString( self::WAITING, $html );
	}

	public function test_an_order_held_for_review_says_partly_paid_and_what_happens_next(): void {
		$order = $this->make_order();
		$this->add_invoice( $order, 'underpaid', $this->iso_in( HOUR_IN_SECONDS ) );
		Order_Meta::set_review_hold( $order, true );
		$order->set_status( 'on-hold' );
		$order->save();

		$html = $this->section( $order->get_id() );

		$this->assertStringContainsString( self::PARTLY, $html );
		$this->assertStringNotContainsString( self::PAY_NOW, $html, 'the buyer must not pay again' );
	}

	public function test_an_order_on_hold_for_another_reason_shows_nothing(): void {
		$order = $this->make_order( 'checkout', 'on-hold' );

		$this->assertSame( '', $this->section( $order->get_id() ) );
	}

	public function test_an_order_whose_invoice_expired_or_failed_is_not_paid_and_payable_again(): void {
		foreach ( array( 'pending' => 'expired', 'failed' => 'failed' ) as $status => $invoice_status ) {
			$order = $this->make_order( 'checkout', $status );
			$this->add_invoice( $order, $invoice_status, $this->iso_in( -60 ) );

			$html = $this->section( $order->get_id() );

			$this->assertStringContainsString( self::NOT_PAID, $html, $status );
			$this->assertStringContainsString( self::PAY_NOW, $html, $status );
		}
		$cancelled = $this->make_order( 'checkout', 'cancelled' );
		$html      = $this->section( $cancelled->get_id() );
		$this->assertStringContainsString( self::NOT_PAID, $html );
		$this->assertStringNotContainsString( self::PAY_NOW, $html, 'a cancelled order cannot be paid' );
	}

	public function test_a_missing_order_or_another_payment_method_shows_nothing(): void {
		foreach ( array( null, 0, '', 'abc', PHP_INT_MAX ) as $order_id ) {
			$this->assertSame( '', $this->section( $order_id ), wp_json_encode( $order_id ) );
		}
		$other = $this->make_order( 'checkout', 'pending', 'cheque' );
		$this->assertSame( '', $this->section( $other->get_id() ) );
	}

	public function test_the_classic_page_shows_the_section_only_to_a_visitor_woocommerce_shows_the_order(): void {
		global $wp;
		$order = $this->make_order();
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$wp->query_vars['order-received'] = (string) $order->get_id();

		$_GET['key'] = 'wc_order_wrong';
		$this->assertStringNotContainsString( self::WAITING, $this->classic_page(), 'a wrong order key shows nothing' );

		$_GET['key'] = $order->get_order_key();
		$this->assertStringContainsString( self::WAITING, $this->classic_page(), 'the order key shows the section' );
	}

	public function test_the_block_page_shows_the_section_only_to_a_visitor_woocommerce_shows_the_order(): void {
		global $wp;
		$customer = $this->make_user( 'customer' );
		$order    = $this->make_order();
		$order->set_customer_id( $customer );
		$order->save();
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$wp->query_vars['order-received'] = (string) $order->get_id();
		set_query_var( 'order-received', (string) $order->get_id() );
		$_GET['key'] = $order->get_order_key();
		$block       = '<!-- wp:woocommerce/order-confirmation-additional-information /-->';

		wp_set_current_user( $this->make_user( 'customer' ) );
		$this->assertStringNotContainsString( self::WAITING, do_blocks( $block ), 'another customer sees nothing' );

		wp_set_current_user( $customer );
		$this->assertStringContainsString( self::WAITING, do_blocks( $block ), 'the buyer sees the section' );
	}

	/**
	 * The classic order-received page's content.
	 *
	 * @return string HTML.
	 */
	private function classic_page(): string {
		ob_start();
		\WC_Shortcode_Checkout::output( array() );
		return (string) ob_get_clean();
	}
}
