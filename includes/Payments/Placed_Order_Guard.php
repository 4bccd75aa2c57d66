<?php
/**
 * Keeps Meum as the payment method of an order placed with it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use WP_REST_Request;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce's Store API reuses a pending order with an unchanged cart as the checkout's draft:
 * the Checkout block updates that draft with `PUT /wc/store/v1/checkout` whenever the buyer's
 * selected method changes, and every cart update (the customer's address, a shipping rate)
 * syncs it with the cart, setting the store's default payment method. Meum orders stay pending while their invoice is open (§A5), so a late
 * update from the checkout page (sent before the redirect to Meum, answered after the order was
 * placed, or read before the placing request saved it) would rewrite a placed Meum order's payment
 * method to the page's other method, and Meum's payment would then count as "paid another way"
 * (§A5 b). An update of that kind keeps Meum on an order stored as placed with Meum (decided on a
 * fresh read); placing the order again (`POST`) with another method still changes it, as
 * WooCommerce intends.
 */
class Placed_Order_Guard {

	/**
	 * Hooks the guard into the Store API's order update.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'woocommerce_store_api_checkout_update_order_from_request', array( $this, 'keep_meum' ), 10, 2 );
		add_action( 'woocommerce_store_api_cart_update_order_from_request', array( $this, 'keep_meum_after_cart_update' ) );
	}

	/**
	 * Puts Meum back as the method when a draft update changed it on a placed Meum order.
	 *
	 * @param mixed $order   The order the Store API is updating (a `WC_Order`, not saved yet).
	 * @param mixed $request The Store API request (a `WP_REST_Request`).
	 * @return void
	 */
	public function keep_meum( $order, $request ): void {
		if ( ! $order instanceof \WC_Order || ! $request instanceof WP_REST_Request || 'PUT' !== $request->get_method() || Gateway::ID === $order->get_payment_method( 'edit' ) ) {
			return;
		}
		// The order as stored now, not as this request read it: the placing request may have saved
		// it (pending, Meum) while this update was on its way.
		$stored = Order_Meta::fresh_order( $order->get_id() );
		if ( null !== $stored && Gateway::ID === $stored->get_payment_method( 'edit' ) && ! $stored->has_status( 'checkout-draft' ) ) {
			$this->restore( $order );
		}
	}

	/**
	 * The same after a cart update (address, shipping rate, coupon …): WooCommerce then syncs the
	 * "draft" with the cart, sets the store's default payment method and saves it (its
	 * `calculate_totals()` saves), so the stored method cannot tell; an order placed with Meum
	 * carries its current Meum invoice.
	 *
	 * @param mixed $order The order the Store API synced with the cart (a `WC_Order`, saved).
	 * @return void
	 */
	public function keep_meum_after_cart_update( $order ): void {
		if ( ! $order instanceof \WC_Order || Gateway::ID === $order->get_payment_method( 'edit' ) || $order->has_status( 'checkout-draft' ) || null === Order_Meta::current_invoice( $order ) ) {
			return;
		}
		$this->restore( $order );
		$order->save();
	}

	/**
	 * Puts Meum back as the order's method (not saved).
	 *
	 * @param \WC_Order $order The order.
	 * @return void
	 */
	private function restore( \WC_Order $order ): void {
		$order->set_payment_method( Gateway::ID );
		$gateway = WC()->payment_gateways()->payment_gateways()[ Gateway::ID ] ?? null;
		$order->set_payment_method_title( $gateway instanceof \WC_Payment_Gateway ? $gateway->get_title() : Gateway::default_title() );
	}
}
