<?php
/**
 * The Meum section of the order-received page.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Says on the order-received page what is true for a Meum order: waiting for the payment to be
 * confirmed (with "Not paid yet? Pay now" while the order needs payment), paid, partly paid (what
 * happens next), or not paid. It hooks `woocommerce_thankyou_meum`, which WooCommerce fires only
 * after it has decided to show the order to this visitor, both in the classic template
 * (`checkout/thankyou.php`) and in the Order Confirmation block of block themes; so the section
 * never shows what WooCommerce would not show that visitor. It reads stored facts only (no call to
 * Meum, no write).
 *
 * Contract: issue 10 ("The order-received page"), `meum-api.md` §A5.
 */
class Return_Page {

	/** The states the section can show. */
	public const STATE_WAITING  = 'waiting';
	public const STATE_PAID     = 'paid';
	public const STATE_PARTLY   = 'partly-paid';
	public const STATE_NOT_PAID = 'not-paid';

	/**
	 * The order's Meum facts.
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * Creates the section.
	 *
	 * @param Order_Payments $payments The order's Meum facts.
	 */
	public function __construct( Order_Payments $payments ) {
		$this->payments = $payments;
	}

	/**
	 * Hooks the section.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'woocommerce_thankyou_' . Order_Payments::GATEWAY_ID, array( $this, 'render' ) );
	}

	/**
	 * Prints the section for the order WooCommerce shows.
	 *
	 * @param mixed $order_id The order id WooCommerce passes; a missing order (null, 0, an id of
	 *                        no order) prints nothing.
	 * @return void
	 */
	public function render( $order_id = null ): void {
		$order = is_numeric( $order_id ) ? wc_get_order( (int) $order_id ) : false;
		if ( ! $order instanceof \WC_Order || ! $this->payments->is_meum_order( $order ) ) {
			return;
		}
		$state = $this->state( $order );
		if ( null === $state ) {
			return;
		}
		$pay_link = $order->needs_payment() && self::STATE_PAID !== $state && self::STATE_PARTLY !== $state;
		echo '<section class="meum-wc-order-status meum-wc-order-status--' . esc_attr( $state ) . '">';
		echo '<h2 class="woocommerce-column__title">' . esc_html__( 'Payment with Meum', 'meum-woocommerce' ) . '</h2>';
		echo '<p role="status">' . esc_html( $this->message( $state ) ) . '</p>';
		if ( $pay_link ) {
			echo '<p>' . esc_html__( 'Not paid yet?', 'meum-woocommerce' ) . ' <a class="button" href="' . esc_url( $order->get_checkout_payment_url() ) . '">' . esc_html__( 'Pay now', 'meum-woocommerce' ) . '</a></p>';
		}
		echo '</section>';
	}

	/**
	 * What is true for the order's payment, from its status and its invoices as last known.
	 *
	 * @param \WC_Order $order A Meum order.
	 * @return string|null One of the STATE_* constants; null when the section has nothing to say
	 *                     (e.g. an order on hold that this plugin did not put there, or refunded).
	 */
	public function state( \WC_Order $order ): ?string {
		if ( $order->is_paid() ) {
			return self::STATE_PAID;
		}
		if ( $order->has_status( 'on-hold' ) ) {
			return Order_Meta::is_review_hold( $order ) ? self::STATE_PARTLY : null;
		}
		if ( ! $order->has_status( array( 'pending', 'failed', 'cancelled' ) ) ) {
			return null;
		}
		$current = $this->payments->current( $order, $this->payments->history( $order ) );
		if ( $order->has_status( 'pending' ) && null !== $current && $this->payments->is_payable( $current ) ) {
			return self::STATE_WAITING;
		}
		return self::STATE_NOT_PAID;
	}

	/**
	 * The sentence of a state.
	 *
	 * @param string $state One of the STATE_* constants.
	 * @return string Translated sentence for the buyer.
	 */
	private function message( string $state ): string {
		switch ( $state ) {
			case self::STATE_WAITING:
				return __( 'We are waiting for your payment to be confirmed.', 'meum-woocommerce' );
			case self::STATE_PAID:
				return __( 'Your payment with Meum has been received. Thank you!', 'meum-woocommerce' );
			case self::STATE_PARTLY:
				return __( 'Meum received part of the payment, or a payment the store must review. Please do not pay again: the store will review your order and contact you about what happens next.', 'meum-woocommerce' );
			default:
				return __( 'Your payment with Meum was not completed.', 'meum-woocommerce' );
		}
	}
}
