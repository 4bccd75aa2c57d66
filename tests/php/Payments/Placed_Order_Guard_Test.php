<?php
/**
 * Tests of the guard that keeps Meum on a placed Meum order.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Gateway;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Tests\Support\Test_Case;
use WP_REST_Request;

/**
 * The Checkout block's late `PUT /wc/store/v1/checkout` (the buyer's method selection, answered
 * after the order was placed) must not move a pending Meum order to another method; placing the
 * order again with another method still does.
 */
class Placed_Order_Guard_Test extends Test_Case {

	/**
	 * A pending order placed with Meum, with its current invoice, stored.
	 *
	 * @return \WC_Order The order, read again from the database.
	 */
	private function placed_meum_order(): \WC_Order {
		$order = wc_create_order( array( 'created_via' => 'store-api' ) );
		$order->set_payment_method( Gateway::ID );
		$order->set_payment_method_title( 'Pay with crypto (Meum)' );
		$order->set_status( 'pending' );
		Order_Meta::set_current_invoice( $order, 'inv_guard_' . wp_generate_password( 8, false ) );
		$order->save();
		return wc_get_order( $order->get_id() );
	}

	/**
	 * What the Store API does to the order for a request naming Check payments.
	 *
	 * @param \WC_Order $order  The order.
	 * @param string    $method HTTP method of the Store API request.
	 * @return \WC_Order The order after the update was saved, read again.
	 */
	private function store_api_update( \WC_Order $order, string $method ): \WC_Order {
		$order->set_payment_method( 'cheque' );
		$order->set_payment_method_title( 'Check payments' );
		do_action( 'woocommerce_store_api_checkout_update_order_from_request', $order, new WP_REST_Request( $method, '/wc/store/v1/checkout' ) );
		$order->save();
		return wc_get_order( $order->get_id() );
	}

	public function test_a_late_draft_update_keeps_meum_on_a_placed_meum_order(): void {
		$this->requires_woocommerce();
		$order = $this->store_api_update( $this->placed_meum_order(), 'PUT' );
		$this->assertSame( Gateway::ID, $order->get_payment_method() );
		$this->assertNotSame( 'Check payments', $order->get_payment_method_title() );
	}

	public function test_a_late_cart_update_keeps_meum_on_a_placed_meum_order(): void {
		$this->requires_woocommerce();
		$order = $this->placed_meum_order();
		$order->set_payment_method( 'cheque' ); // What WooCommerce's update_order_from_cart() does, and
		$order->save();                         // its calculate_totals() saves it; nothing saves after the action.
		do_action( 'woocommerce_store_api_cart_update_order_from_request', $order, new WP_REST_Request( 'POST', '/wc/store/v1/cart/update-customer' ) );
		$this->assertSame( Gateway::ID, wc_get_order( $order->get_id() )->get_payment_method() );
	}

	public function test_placing_the_order_again_with_another_method_changes_it(): void {
		$this->requires_woocommerce();
		$this->assertSame( 'cheque', $this->store_api_update( $this->placed_meum_order(), 'POST' )->get_payment_method() );
	}

	public function test_an_update_that_read_the_order_before_it_was_placed_keeps_meum(): void {
		$this->requires_woocommerce();
		$draft = wc_create_order( array( 'created_via' => 'store-api' ) );
		$draft->set_status( 'checkout-draft' );
		$draft->save();
		$read_by_the_update = wc_get_order( $draft->get_id() ); // Read while still a draft.

		$placed = wc_get_order( $draft->get_id() ); // The placing request saves it: pending, Meum.
		$placed->set_payment_method( Gateway::ID );
		$placed->set_status( 'pending' );
		$placed->save();

		$this->assertSame( Gateway::ID, $this->store_api_update( $read_by_the_update, 'PUT' )->get_payment_method(), 'decided on the order as stored' );
	}

	public function test_drafts_and_orders_placed_with_another_method_are_left_alone(): void {
		$this->requires_woocommerce();
		$draft = $this->placed_meum_order();
		$draft->set_status( 'checkout-draft' );
		$draft->save();
		$this->assertSame( 'cheque', $this->store_api_update( wc_get_order( $draft->get_id() ), 'PUT' )->get_payment_method(), 'a draft is still being chosen' );

		$other = $this->placed_meum_order();
		$other->set_payment_method( 'bacs' );
		$other->save();
		$this->assertSame( 'cheque', $this->store_api_update( wc_get_order( $other->get_id() ), 'PUT' )->get_payment_method(), 'placed again with another method' );
	}
}
