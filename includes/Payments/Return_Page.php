<?php
/**
 * The Meum section of the order-received page.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Clock;

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
 * While the order is waiting, the section is live: it carries the payment-state route's URL with
 * the order key and a {@see Return_Page_Token} (issued here, so only after WooCommerce's decision)
 * and the sentence of every state, and the `return-page` script polls the route every 5 s for up
 * to 10 minutes and replaces the sentence (a polite live region) without a reload.
 *
 * Contract: issue 10 ("The order-received page"), issue 11 ("Live return page"), `meum-api.md` §A5.
 */
class Return_Page {

	/** The states the section can show. */
	public const STATE_WAITING  = 'waiting';
	public const STATE_PAID     = 'paid';
	public const STATE_PARTLY   = 'partly-paid';
	public const STATE_NOT_PAID = 'not-paid';

	/** The handle of the polling script (`build/return-page.js`). */
	public const SCRIPT_HANDLE = 'meum-wc-return-page';

	/**
	 * The order's Meum facts.
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * The tokens of the payment-state route.
	 *
	 * @var Return_Page_Token
	 */
	private Return_Page_Token $tokens;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Absolute path of the plugin's main file (the script's location).
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * Creates the section.
	 *
	 * @param Order_Payments    $payments    The order's Meum facts.
	 * @param Return_Page_Token $tokens      The tokens of the payment-state route.
	 * @param Clock             $clock       The time.
	 * @param string            $plugin_file Absolute path of `meum-woocommerce.php`.
	 */
	public function __construct( Order_Payments $payments, Return_Page_Token $tokens, Clock $clock, string $plugin_file ) {
		$this->payments    = $payments;
		$this->tokens      = $tokens;
		$this->clock       = $clock;
		$this->plugin_file = $plugin_file;
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
		$live     = self::STATE_WAITING === $state && $this->enqueue_script() ? $this->live_attributes( $order ) : '';
		echo '<section class="meum-wc-order-status meum-wc-order-status--' . esc_attr( $state ) . '"' . $live . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- attributes escaped in live_attributes().
		echo '<h2 class="woocommerce-column__title">' . esc_html__( 'Payment with Meum', 'meum-woocommerce' ) . '</h2>';
		echo '<p class="meum-wc-order-status__message" role="status" aria-live="polite">' . esc_html( $this->message( $state ) ) . '</p>';
		if ( $pay_link ) {
			echo '<p class="meum-wc-order-status__pay">' . esc_html__( 'Not paid yet?', 'meum-woocommerce' ) . ' <a class="button" href="' . esc_url( $order->get_checkout_payment_url() ) . '">' . esc_html__( 'Pay now', 'meum-woocommerce' ) . '</a></p>';
		}
		echo '</section>';
	}

	/**
	 * The section's data attributes for the polling script: the payment-state URL (with the order
	 * key and a fresh token) and the sentence of each state.
	 *
	 * @param \WC_Order $order The order WooCommerce shows this visitor.
	 * @return string Escaped attributes, with a leading space.
	 */
	private function live_attributes( \WC_Order $order ): string {
		$order_id = (int) $order->get_id();
		$url      = add_query_arg(
			array(
				'key'   => rawurlencode( $order->get_order_key() ),
				'token' => rawurlencode( $this->tokens->issue( $order_id, $this->clock->now() ) ),
			),
			rest_url( Payment_State_Controller::path( $order_id ) )
		);
		$messages = array();
		foreach ( array( self::STATE_WAITING, self::STATE_PAID, self::STATE_PARTLY, self::STATE_NOT_PAID ) as $state ) {
			$messages[ $state ] = $this->message( $state );
		}
		return ' data-meum-state-url="' . esc_url( $url ) . '" data-meum-messages="' . esc_attr( (string) wp_json_encode( $messages ) ) . '"';
	}

	/**
	 * Enqueues the polling script (in the footer; block themes render the page's blocks before
	 * the head, classic themes print late-enqueued footer scripts too).
	 *
	 * @return bool True when the script is built and enqueued; false leaves the section static.
	 */
	private function enqueue_script(): bool {
		$file = plugin_dir_path( $this->plugin_file ) . 'build/return-page.asset.php';
		if ( ! is_readable( $file ) ) {
			return false;
		}
		$asset = require $file;
		if ( ! is_array( $asset ) || ! isset( $asset['dependencies'], $asset['version'] ) ) {
			return false;
		}
		wp_enqueue_script( self::SCRIPT_HANDLE, plugins_url( 'build/return-page.js', $this->plugin_file ), $asset['dependencies'], $asset['version'], true );
		return true;
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
