<?php
/**
 * The "Meum payment" box of the order screen.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the "Meum payment" box to the order screen, on HPOS (`wc-orders` page) and posts
 * (`shop_order`) storage alike: the current invoice's id and status, the order total, what was
 * paid, the difference, the settlement asset, the transaction hash and when it was paid, the
 * order's invoice history, and a "Check payment status with Meum" button. The button posts to
 * `meum/v1/orders/{id}/check` ({@see Order_Check_Controller}) with the REST nonce (api-fetch),
 * which applies §A5 through the same locked path as a webhook, and puts the box's new content
 * in place.
 *
 * The money and transaction fields come from a read of the current invoice from Meum when the box
 * is drawn (a short timeout; nothing is applied by viewing); without an answer the box says so and
 * shows the stored facts.
 *
 * Contract: issue 10 ("The order screen"), `meum-api.md` §A5 ("Reading an invoice").
 */
class Order_Box {

	/** The box's id (HTML id of the meta box). */
	public const BOX_ID = 'meum-wc-payment';

	/** The script handle of the button. */
	public const SCRIPT_HANDLE = 'meum-wc-order-box';

	/** Seconds a read from Meum may take while the box is drawn. */
	private const READ_TIMEOUT = 3.0;

	/**
	 * The order's Meum facts.
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * Reads invoices from Meum.
	 *
	 * @var Invoice_Api
	 */
	private Invoice_Api $api;

	/**
	 * Creates the box.
	 *
	 * @param Order_Payments $payments The order's Meum facts.
	 * @param Invoice_Api    $api      Reads invoices from Meum.
	 */
	public function __construct( Order_Payments $payments, Invoice_Api $api ) {
		$this->payments = $payments;
		$this->api      = $api;
	}

	/**
	 * Hooks the box and its script.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'add_meta_boxes', array( $this, 'add_box' ), 10, 2 );
	}

	/**
	 * Adds the box on an order screen when the order is a Meum order.
	 *
	 * @param mixed $screen_id     The post type (posts storage) or screen id (HPOS).
	 * @param mixed $post_or_order The post (posts storage) or the order (HPOS).
	 * @return void
	 */
	public function add_box( $screen_id = null, $post_or_order = null ): void {
		if ( ! in_array( $screen_id, $this->screen_ids(), true ) ) {
			return;
		}
		$order = $this->order_of( $post_or_order );
		if ( null === $order || ! $this->payments->is_meum_order( $order ) ) {
			return;
		}
		add_meta_box( self::BOX_ID, __( 'Meum payment', 'meum-woocommerce' ), array( $this, 'render' ), (string) $screen_id, 'normal', 'default' );
		$this->enqueue_script();
	}

	/**
	 * Prints the box (the meta box callback).
	 *
	 * @param mixed $post_or_order The post (posts storage) or the order (HPOS).
	 * @return void
	 */
	public function render( $post_or_order = null ): void {
		$order = $this->order_of( $post_or_order );
		if ( null === $order ) {
			return;
		}
		echo '<div class="meum-wc-order-box" data-order-id="' . esc_attr( (string) $order->get_id() ) . '">';
		echo '<div class="meum-wc-order-box__content">' . $this->content( $order ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- content() escapes every value.
		echo '<p><button type="button" class="button meum-wc-order-box__check">' . esc_html__( 'Check payment status with Meum', 'meum-woocommerce' ) . '</button></p>';
		echo '<p class="meum-wc-order-box__message" role="status" aria-live="polite"></p>';
		echo '</div>';
	}

	/**
	 * The box's facts as HTML (every value escaped): also the `box` of the check route's answer.
	 *
	 * @param \WC_Order $order A Meum order.
	 * @return string HTML.
	 */
	public function content( \WC_Order $order ): string {
		$history = $this->payments->history( $order );
		$current = $this->payments->current( $order, $history );
		if ( null === $current ) {
			return '<p>' . esc_html__( 'No Meum invoice was created for this order yet.', 'meum-woocommerce' ) . '</p>';
		}
		$invoice = $this->api->read( (string) $current['invoice_id'], self::READ_TIMEOUT );
		$status  = $invoice instanceof Invoice ? $invoice->status() : (string) $current['status'];
		$facts   = array(
			__( 'Invoice', 'meum-woocommerce' )        => '<code>' . esc_html( (string) $current['invoice_id'] ) . '</code>',
			__( 'Status at Meum', 'meum-woocommerce' ) => esc_html( $status ),
			__( 'Order total', 'meum-woocommerce' )    => wp_kses_post( wc_price( (float) $order->get_total(), array( 'currency' => $order->get_currency() ) ) ),
		);
		$fields  = array(
			'paid_amount'       => __( 'Paid', 'meum-woocommerce' ),
			'difference_amount' => __( 'Difference', 'meum-woocommerce' ),
			'settlement_asset'  => __( 'Settlement asset', 'meum-woocommerce' ),
			'transaction_hash'  => __( 'Transaction hash', 'meum-woocommerce' ),
			'paid_at'           => __( 'Paid at', 'meum-woocommerce' ),
		);
		foreach ( $fields as $field => $label ) {
			$value           = $invoice instanceof Invoice ? $this->field( $invoice, $field ) : null;
			$facts[ $label ] = null === $value ? '&#8212;' : ( 'transaction_hash' === $field ? '<code>' . esc_html( $value ) . '</code>' : esc_html( $value ) );
		}

		$html = '<dl class="meum-wc-order-box__facts">';
		foreach ( $facts as $label => $value ) {
			$html .= '<dt>' . esc_html( $label ) . '</dt><dd>' . $value . '</dd>';
		}
		$html .= '</dl>';
		if ( ! $invoice instanceof Invoice ) {
			$html .= '<p class="meum-wc-order-box__read-error">' . esc_html__( 'The payment details could not be read from Meum: the status shown is the last one known.', 'meum-woocommerce' ) . '</p>';
		}
		return $html . $this->history_table( $history, (string) $current['invoice_id'] );
	}

	/**
	 * A money or transaction field of the invoice; amounts carry the invoice's currency.
	 *
	 * @param Invoice $invoice The invoice read from Meum.
	 * @param string  $field   `paid_amount` (received, else paid), `difference_amount`,
	 *                         `settlement_asset` (else asset / network), `transaction_hash`, `paid_at`.
	 * @return string|null The value as shown, or null when Meum gave none.
	 */
	private function field( Invoice $invoice, string $field ): ?string {
		switch ( $field ) {
			case 'paid_amount':
				$value = $invoice->field( 'received_amount' ) ?? $invoice->field( 'paid_amount' );
				return null === $value ? null : $value . ' ' . $invoice->currency();
			case 'difference_amount':
				$value = $invoice->field( 'difference_amount' );
				return null === $value ? null : $value . ' ' . $invoice->currency();
			case 'settlement_asset':
				$asset = $invoice->field( 'settlement_asset' ) ?? $invoice->field( 'asset' );
				$chain = $invoice->field( 'network' );
				return null === $asset ? $chain : ( null === $chain || null !== $invoice->field( 'settlement_asset' ) ? $asset : $asset . ' (' . $chain . ')' );
			default:
				return $invoice->field( $field );
		}
	}

	/**
	 * The order's invoice history, oldest first.
	 *
	 * @param array<int, array<string, mixed>> $history Rows of the invoice table.
	 * @param string                           $current The current invoice id.
	 * @return string HTML table.
	 */
	private function history_table( array $history, string $current ): string {
		$html  = '<table class="widefat striped meum-wc-order-box__history"><caption>' . esc_html__( 'Invoice history', 'meum-woocommerce' ) . '</caption>';
		$html .= '<thead><tr><th scope="col">' . esc_html__( 'Invoice', 'meum-woocommerce' ) . '</th><th scope="col">' . esc_html__( 'Amount', 'meum-woocommerce' ) . '</th><th scope="col">' . esc_html__( 'Last known status', 'meum-woocommerce' ) . '</th><th scope="col">' . esc_html__( 'Created (UTC)', 'meum-woocommerce' ) . '</th></tr></thead><tbody>';
		foreach ( $history as $row ) {
			$id    = (string) $row['invoice_id'];
			$html .= '<tr><td><code>' . esc_html( $id ) . '</code>' . ( $id === $current ? ' ' . esc_html__( '(current)', 'meum-woocommerce' ) : '' ) . '</td>';
			$html .= '<td>' . esc_html( $row['amount'] . ' ' . $row['currency'] ) . '</td>';
			$html .= '<td>' . esc_html( (string) $row['status'] ) . '</td>';
			$html .= '<td>' . esc_html( (string) $row['created_at'] ) . '</td></tr>';
		}
		return $html . '</tbody></table>';
	}

	/**
	 * Enqueues the button's script (api-fetch sends the REST nonce).
	 *
	 * @return void
	 */
	private function enqueue_script(): void {
		wp_register_script( self::SCRIPT_HANDLE, false, array( 'wp-api-fetch' ), MEUM_WC_VERSION, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.NotInFooter
		$texts = array(
			'checking' => __( 'Checking the payment status with Meum…', 'meum-woocommerce' ),
			'failed'   => __( 'The check failed. Try again in a minute.', 'meum-woocommerce' ),
		);
		wp_add_inline_script( self::SCRIPT_HANDLE, 'window.meumWcOrderBox = ' . wp_json_encode( $texts ) . ';' . self::script(), 'after' );
		wp_enqueue_script( self::SCRIPT_HANDLE );
	}

	/**
	 * The button's code: posts to the check route, shows the message and the new facts.
	 *
	 * @return string JavaScript.
	 */
	private static function script(): string {
		return <<<'JS'
( function () {
	document.addEventListener( 'click', function ( event ) {
		var button = event.target.closest && event.target.closest( '.meum-wc-order-box__check' );
		if ( ! button ) {
			return;
		}
		var box = button.closest( '.meum-wc-order-box' );
		var message = box.querySelector( '.meum-wc-order-box__message' );
		button.disabled = true;
		button.setAttribute( 'aria-busy', 'true' );
		message.textContent = window.meumWcOrderBox.checking;
		window.wp.apiFetch( { path: '/meum/v1/orders/' + box.dataset.orderId + '/check', method: 'POST' } )
			.then( function ( answer ) {
				box.querySelector( '.meum-wc-order-box__content' ).innerHTML = answer.box;
				message.textContent = answer.message;
			} )
			.catch( function ( error ) {
				message.textContent = ( error && error.message ) || window.meumWcOrderBox.failed;
			} )
			.finally( function () {
				button.disabled = false;
				button.removeAttribute( 'aria-busy' );
			} );
	} );
} )();
JS;
	}

	/**
	 * The screen ids of the order screen in both storages.
	 *
	 * @return array<int, string> `shop_order` and WooCommerce's HPOS order screen id.
	 */
	private function screen_ids(): array {
		$ids = array( 'shop_order' );
		if ( function_exists( 'wc_get_page_screen_id' ) ) {
			$ids[] = wc_get_page_screen_id( 'shop-order' );
		}
		return $ids;
	}

	/**
	 * The order of a meta box callback's argument.
	 *
	 * @param mixed $post_or_order A WC_Order (HPOS), a WP_Post (posts storage) or anything else.
	 * @return \WC_Order|null The order, or null.
	 */
	private function order_of( $post_or_order ): ?\WC_Order {
		if ( $post_or_order instanceof \WC_Order ) {
			return $post_or_order;
		}
		$order = $post_or_order instanceof \WP_Post ? wc_get_order( $post_or_order->ID ) : false;
		return $order instanceof \WC_Order ? $order : null;
	}
}
