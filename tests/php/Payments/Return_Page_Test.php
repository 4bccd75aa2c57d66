<?php
/**
 * Tests of the order-received page's Meum section.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Return_Page;
use Meum\WooCommerce\Payments\Return_Page_Token;
use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * What the order-received page says for a Meum order (waiting, paid, partly paid, not paid), the
 * "Pay now" link only while the order needs payment, nothing for a missing order, and nothing
 * where WooCommerce shows the visitor no order: in the classic shortcode and in the Order
 * Confirmation block of block themes. A waiting section is live (issue 11): it carries the
 * payment-state URL with the order key and a token of that order, the sentence of each state, and
 * enqueues the polling script; only where WooCommerce shows the order.
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
		wp_dequeue_script( Return_Page::SCRIPT_HANDLE );
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

	/**
	 * The live data of a section: the payment-state URL's parts and the sentences.
	 *
	 * @param string $html The section.
	 * @return array{path: string, query: array<string, string>, messages: array<string, string>}|null
	 *         Null when the section is not live.
	 */
	private function live_data( string $html ): ?array {
		if ( 1 !== preg_match( '/data-meum-state-url="([^"]+)" data-meum-messages="([^"]+)"/', $html, $found ) ) {
			return null;
		}
		$url = html_entity_decode( $found[1] );
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
		$path = isset( $query['rest_route'] ) ? (string) $query['rest_route'] : (string) wp_parse_url( $url, PHP_URL_PATH );
		return array(
			'path'     => $path,
			'query'    => $query,
			'messages' => json_decode( html_entity_decode( $found[2] ), true ),
		);
	}

	public function test_a_waiting_section_is_live_with_a_token_of_the_order_and_enqueues_its_script(): void {
		$order = $this->make_order();
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );

		$html = $this->section( $order->get_id() );
		$live = $this->live_data( $html );

		$this->assertNotNull( $live, $html );
		$this->assertStringEndsWith( '/meum/v1/orders/' . $order->get_id() . '/payment-state', $live['path'] );
		$this->assertSame( $order->get_order_key(), $live['query']['key'] );
		$this->assertTrue( ( new Return_Page_Token() )->verify( $order->get_id(), $live['query']['token'], time() ), 'a token of this order' );
		$this->assertFalse( ( new Return_Page_Token() )->verify( $order->get_id(), $live['query']['token'], time() + 15 * MINUTE_IN_SECONDS + 1 ), 'valid 15 minutes' );
		$this->assertSame(
			array(
				'waiting'     => self::WAITING,
				'paid'        => self::PAID,
				'partly-paid' => self::PARTLY,
				'not-paid'    => self::NOT_PAID,
			),
			$live['messages']
		);
		$this->assertStringContainsString( '<p class="meum-wc-order-status__message" role="status" aria-live="polite">' . self::WAITING . '</p>', $html );
		$this->assertTrue( wp_script_is( Return_Page::SCRIPT_HANDLE, 'enqueued' ), 'the polling script' );
		$this->assertTrue( wp_scripts()->get_data( Return_Page::SCRIPT_HANDLE, 'group' ) === 1, 'in the footer' );
	}

	public function test_a_section_that_is_not_waiting_is_not_live(): void {
		$order = $this->make_order();
		$this->add_invoice( $order, 'paid', $this->iso_in( HOUR_IN_SECONDS ) );
		$order->payment_complete( 'inv_paid' );
		$expired = $this->make_order();
		$this->add_invoice( $expired, 'expired', $this->iso_in( -60 ) );

		foreach ( array( $order, $expired ) as $shown ) {
			$html = $this->section( $shown->get_id() );
			$this->assertNotSame( '', $html );
			$this->assertNull( $this->live_data( $html ) );
			$this->assertStringNotContainsString( 'token', $html );
		}
		$this->assertFalse( wp_script_is( Return_Page::SCRIPT_HANDLE, 'enqueued' ) );
	}

	public function test_the_classic_page_embeds_the_token_only_for_a_visitor_woocommerce_shows_the_order(): void {
		global $wp;
		$order = $this->make_order();
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$wp->query_vars['order-received'] = (string) $order->get_id();

		$_GET['key'] = 'wc_order_wrong';
		$page        = $this->classic_page();
		$this->assertNull( $this->live_data( $page ), 'a wrong order key gets no token' );
		$this->assertStringNotContainsString( 'payment-state', $page );
		$this->assertFalse( wp_script_is( Return_Page::SCRIPT_HANDLE, 'enqueued' ), 'nor the script' );

		$_GET['key'] = $order->get_order_key();
		$live        = $this->live_data( $this->classic_page() );
		$this->assertNotNull( $live, 'the order key shows the live section' );
		$this->assertTrue( ( new Return_Page_Token() )->verify( $order->get_id(), $live['query']['token'], time() ) );
		$this->assertTrue( wp_script_is( Return_Page::SCRIPT_HANDLE, 'enqueued' ) );
	}
}
