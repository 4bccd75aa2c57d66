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
 * WooCommerce's Store API syncs a pending order with an unchanged cart as the checkout's draft and
 * sets the store's default method on it: while it syncs, an order stored with Meum keeps Meum;
 * a later `PUT /checkout` selection may change a draft but not a placed order. Placing the order
 * (again) with another method, and every save outside the Store API, change it. The same requests
 * over real HTTP: tests/e2e/payments-store-api.spec.ts.
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
	 * A checkout draft on which the buyer selected Meum, stored.
	 *
	 * @return \WC_Order The draft, read again.
	 */
	private function meum_draft(): \WC_Order {
		$draft = wc_create_order( array( 'created_via' => 'store-api' ) );
		$draft->set_payment_method( Gateway::ID );
		$draft->set_status( 'checkout-draft' );
		$draft->save();
		return wc_get_order( $draft->get_id() );
	}

	/**
	 * Saves the order with Check payments as its method inside a REST request as WordPress
	 * dispatches it (the filters around a route's callback), before or after the Store API said
	 * it synced the draft.
	 *
	 * @param \WC_Order   $order      The order.
	 * @param string|null $method     HTTP method, or null for a save outside any REST request.
	 * @param string      $route      REST route.
	 * @param bool        $after_sync Save after `woocommerce_store_api_checkout_update_order_meta`.
	 * @return \WC_Order The order after the save, read again.
	 */
	private function save_with_cheque( \WC_Order $order, ?string $method, string $route = '/wc/store/v1/checkout', bool $after_sync = false ): \WC_Order {
		$request = null === $method ? null : new WP_REST_Request( $method, $route );
		if ( null !== $request ) {
			apply_filters( 'rest_request_before_callbacks', null, array(), $request );
		}
		if ( $after_sync ) {
			do_action( 'woocommerce_store_api_checkout_update_order_meta', $order );
		}
		$order->set_payment_method( 'cheque' );
		$order->set_payment_method_title( 'Check payments' );
		$order->save();
		if ( null !== $request ) {
			apply_filters( 'rest_request_after_callbacks', null, array(), $request );
		}
		return Order_Meta::fresh_order( $order->get_id() );
	}

	/**
	 * The Store API requests (and phases) that only sync the checkout's draft.
	 *
	 * @return array<string, array{string, string}>
	 */
	public function draft_syncs(): array {
		return array(
			'address update'               => array( 'POST', '/wc/store/v1/cart/update-customer' ),
			'shipping rate'                => array( 'POST', '/wc/store/v1/cart/select-shipping-rate' ),
			'a batch of cart updates'      => array( 'POST', '/wc/store/v1/batch' ),
			'unversioned route'            => array( 'POST', '/wc/store/cart/update-customer' ),
			'read of the checkout'         => array( 'GET', '/wc/store/v1/checkout' ),
			'sync before a selection'      => array( 'PUT', '/wc/store/v1/checkout' ),
			'sync before placing an order' => array( 'POST', '/wc/store/v1/checkout' ),
		);
	}

	/**
	 * @dataProvider draft_syncs
	 */
	public function test_a_draft_sync_keeps_meum_on_a_placed_meum_order_and_a_meum_draft( string $method, string $route ): void {
		$this->requires_woocommerce();
		$order = $this->save_with_cheque( $this->placed_meum_order(), $method, $route );
		$this->assertSame( Gateway::ID, $order->get_payment_method() );
		$this->assertSame( 'Pay with crypto (Meum)', $order->get_payment_method_title() );
		$this->assertSame( Gateway::ID, $this->save_with_cheque( $this->meum_draft(), $method, $route )->get_payment_method(), 'a draft of a request that raced the placing one' );
	}

	public function test_the_checkout_page_hydration_keeps_meum(): void {
		$this->requires_woocommerce();
		$order   = $this->placed_meum_order();
		$request = new WP_REST_Request( 'GET', '/wc/store/v1/checkout' );
		apply_filters( 'woocommerce_hydration_dispatch_request', null, $request, '/wc/store/v1/checkout', array() );
		$order->set_payment_method( 'cheque' );
		$order->save();
		apply_filters( 'woocommerce_hydration_request_after_callbacks', null, array(), $request );
		$this->assertSame( Gateway::ID, Order_Meta::fresh_order( $order->get_id() )->get_payment_method() );
	}

	public function test_a_selection_changes_a_draft_but_not_a_placed_order(): void {
		$this->requires_woocommerce();
		$this->assertSame( Gateway::ID, $this->save_with_cheque( $this->placed_meum_order(), 'PUT', '/wc/store/v1/checkout', true )->get_payment_method(), 'placed' );
		$this->assertSame( 'cheque', $this->save_with_cheque( $this->meum_draft(), 'PUT', '/wc/store/v1/checkout', true )->get_payment_method(), 'draft' );
	}

	/**
	 * The saves that may change the method.
	 *
	 * @return array<string, array{string|null, string, bool}>
	 */
	public function placing_and_other_saves(): array {
		return array(
			'placing the order (again)'          => array( 'POST', '/wc/store/v1/checkout', true ),
			'pay-for-order in the block'         => array( 'POST', '/wc/store/v1/checkout/123', false ),
			'the REST API of wp-admin'           => array( 'PUT', '/wc/v3/orders/123', false ),
			'outside REST (wp-admin, cron, CLI)' => array( null, '', false ),
		);
	}

	/**
	 * @dataProvider placing_and_other_saves
	 */
	public function test_placing_and_every_other_save_change_the_method( ?string $method, string $route, bool $after_sync ): void {
		$this->requires_woocommerce();
		$this->assertSame( 'cheque', $this->save_with_cheque( $this->placed_meum_order(), $method, $route, $after_sync )->get_payment_method() );
	}

	public function test_a_sync_that_read_the_order_before_it_was_placed_keeps_meum(): void {
		$this->requires_woocommerce();
		$draft = wc_create_order( array( 'created_via' => 'store-api' ) );
		$draft->set_status( 'checkout-draft' );
		$draft->save();
		$read_by_the_sync = wc_get_order( $draft->get_id() ); // Read while still a draft, without a method.

		$placed = wc_get_order( $draft->get_id() ); // The placing request saves it: pending, Meum, invoice.
		$placed->set_payment_method( Gateway::ID );
		$placed->set_status( 'pending' );
		Order_Meta::set_current_invoice( $placed, 'inv_guard_late' );
		$placed->save();

		$this->assertSame( Gateway::ID, $this->save_with_cheque( $read_by_the_sync, 'POST', '/wc/store/v1/batch' )->get_payment_method(), 'decided on the order as stored' );
	}

	public function test_orders_stored_with_another_method_are_left_alone(): void {
		$this->requires_woocommerce();
		$other = $this->placed_meum_order();
		$other->set_payment_method( 'bacs' );
		$other->save();
		$this->assertSame( 'cheque', $this->save_with_cheque( wc_get_order( $other->get_id() ), 'POST', '/wc/store/v1/cart/update-customer' )->get_payment_method() );
	}

	public function test_the_guard_ends_with_the_request_and_nested_requests_decide_for_themselves(): void {
		$this->requires_woocommerce();
		$outer = new WP_REST_Request( 'POST', '/wc/store/v1/batch' );
		apply_filters( 'rest_request_before_callbacks', null, array(), $outer );
		$placing = $this->save_with_cheque( $this->placed_meum_order(), 'POST', '/wc/store/v1/checkout', true );
		$this->assertSame( 'cheque', $placing->get_payment_method(), 'a checkout inside a batch places the order' );
		$order = $this->placed_meum_order();
		$order->set_payment_method( 'cheque' );
		$order->save();
		$this->assertSame( Gateway::ID, Order_Meta::fresh_order( $order->get_id() )->get_payment_method(), 'the batch itself syncs' );
		apply_filters( 'rest_request_after_callbacks', null, array(), $outer );

		$this->assertSame( 'cheque', $this->save_with_cheque( $this->placed_meum_order(), null )->get_payment_method(), 'after the request' );
	}
}
