<?php
/**
 * The refund notice of a Meum order's screen.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Meum has no merchant refund API and the gateway does not declare refund support, so
 * WooCommerce offers only "Refund manually" for a Meum order. Beside the order's "Refund" button
 * (`woocommerce_order_item_add_action_buttons`, on the HPOS and posts order screens alike) this
 * says that Meum cannot send refunds, and how to refund outside Meum and record it here.
 *
 * Contract: `meum-api.md` §A5 ("Refunds"), issue 10 ("Refunds").
 */
class Refund_Notice {

	/**
	 * The order's Meum facts.
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * Creates the notice.
	 *
	 * @param Order_Payments $payments The order's Meum facts.
	 */
	public function __construct( Order_Payments $payments ) {
		$this->payments = $payments;
	}

	/**
	 * Hooks the notice.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'woocommerce_order_item_add_action_buttons', array( $this, 'render' ) );
	}

	/**
	 * Prints the notice for a Meum order that has something left to refund.
	 *
	 * @param mixed $order The order WooCommerce passes (anything else prints nothing).
	 * @return void
	 */
	public function render( $order = null ): void {
		if ( ! $order instanceof \WC_Order || ! $this->payments->is_meum_order( $order ) ) {
			return;
		}
		if ( (float) $order->get_total() - (float) $order->get_total_refunded() <= 0 ) {
			return;
		}
		echo '<span class="meum-wc-refund-notice description" style="display:block;margin:0.5em 0;text-align:left;white-space:normal;">';
		echo esc_html__( 'Meum cannot send refunds. To refund this order, send the money back to the buyer outside Meum (for example from your own wallet), then record it here with "Refund" and "Refund manually".', 'meum-woocommerce' );
		echo '</span>';
	}
}
