<?php
/**
 * Keeps WooCommerce's unpaid-order cancellation away from Meum orders that may still be paid.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Hooks `woocommerce_cancel_unpaid_order` (WooCommerce's "Hold stock (minutes)" cancellation, run
 * when stock management is on). A Meum order is kept (false) when its current invoice is not final
 * as last known and has not expired, or when another of its invoices is still open or known paid;
 * every other order gets the filter's incoming value untouched (in WooCommerce 10.2.4 that value
 * is true only for `created_via` = `checkout`). The check reads the plugin's invoice table and the
 * order as WooCommerce loaded it, and writes nothing: saving the order would move it out of
 * WooCommerce's "not modified within the window" query. Cancelling on expiry is §A5's job
 * (Order_Updater), never this filter's.
 *
 * Contract: issue 10 ("WooCommerce's unpaid-order cancellation"), `meum-api.md` §A5.
 */
class Unpaid_Order_Guard {

	/**
	 * The order's Meum facts.
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * Creates the guard.
	 *
	 * @param Order_Payments $payments The order's Meum facts.
	 */
	public function __construct( Order_Payments $payments ) {
		$this->payments = $payments;
	}

	/**
	 * Hooks the filter.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_filter( 'woocommerce_cancel_unpaid_order', array( $this, 'filter_cancel' ), 10, 2 );
	}

	/**
	 * Whether WooCommerce may cancel the unpaid order.
	 *
	 * @param mixed $cancel The incoming value (WooCommerce's, or an earlier filter's).
	 * @param mixed $order  The order WooCommerce is about to cancel (a WC_Order; anything else is
	 *                      passed through).
	 * @return mixed False for a Meum order that may still be paid; else `$cancel`, untouched.
	 */
	public function filter_cancel( $cancel, $order = null ) {
		if ( ! $order instanceof \WC_Order || ! $this->payments->is_meum_order( $order ) ) {
			return $cancel;
		}
		return $this->may_still_be_paid( $order ) ? false : $cancel;
	}

	/**
	 * Whether one of the order's invoices (the current one or another) is still payable, or is
	 * known paid.
	 *
	 * @param \WC_Order $order A Meum order.
	 * @return bool True when cancelling it could lose a payment.
	 */
	private function may_still_be_paid( \WC_Order $order ): bool {
		foreach ( $this->payments->history( $order ) as $row ) {
			if ( $this->payments->is_paid( $row ) || $this->payments->is_payable( $row ) ) {
				return true;
			}
		}
		return false;
	}
}
