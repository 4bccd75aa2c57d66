<?php
/**
 * The Meum payment method of WooCommerce.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Admin\Settings_Page;

defined( 'ABSPATH' ) || exit;

/**
 * The WooCommerce payment gateway `meum` (issue 10, "The gateway"). A thin adapter: whether it is
 * offered is {@see Availability}'s answer, and what a payment does is {@see Checkout::pay()}
 * (contract `meum-api.md` Part A §A5); this class only translates between WooCommerce and them.
 *
 * Its form keeps only enabled, title and description: the connection is made on the Meum settings
 * page, which {@see get_settings_url()} names for WooCommerce's Payments screen. It declares no
 * refund support (Meum has no merchant refund API).
 *
 * Loaded only when WooCommerce is active: it extends `WC_Payment_Gateway`, and is built by
 * {@see Gateway_Registration} when WooCommerce asks for its gateways.
 */
class Gateway extends \WC_Payment_Gateway {

	/** The gateway id: the order's `payment_method`, and the key of its settings. */
	public const ID = 'meum';

	/** The hook Store API checkout runs `process_payment()` in (WooCommerce's `StoreApi\Legacy`). */
	private const STORE_API_PAYMENT_HOOK = 'woocommerce_rest_checkout_process_payment_with_context';

	/**
	 * Whether checkout may offer the method.
	 *
	 * @var Availability
	 */
	private Availability $rules;

	/**
	 * What a payment does.
	 *
	 * @var Checkout
	 */
	private Checkout $checkout;

	/**
	 * Creates the gateway and loads its settings.
	 *
	 * @param Availability $availability The availability rules.
	 * @param Checkout     $checkout     Creates or reuses the order's Meum invoice.
	 * @param string       $icon_url     Absolute URL of the method's icon.
	 */
	public function __construct( Availability $availability, Checkout $checkout, string $icon_url ) {
		$this->rules              = $availability;
		$this->checkout           = $checkout;
		$this->id                 = self::ID;
		$this->icon               = $icon_url;
		$this->has_fields         = false;
		$this->supports           = array( 'products' );
		$this->method_title       = __( 'Meum', 'meum-woocommerce' );
		$this->method_description = __( 'Crypto payments through Meum: the buyer pays on Meum\'s hosted checkout page, and the order is updated when Meum confirms the payment.', 'meum-woocommerce' );
		$this->order_button_text  = self::place_order_label();

		$this->init_form_fields();
		$this->init_settings();
		$this->title       = (string) $this->get_option( 'title' );
		$this->description = (string) $this->get_option( 'description' );

		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	/**
	 * The label of the place-order button while Meum is chosen (classic checkout, pay-for-order and,
	 * through the block integration, block checkout).
	 *
	 * @return string Translated label.
	 */
	public static function place_order_label(): string {
		return __( 'Continue to Meum', 'meum-woocommerce' );
	}

	/**
	 * The gateway's form: enabled, title, description, and where the connection is managed.
	 *
	 * @return void
	 */
	public function init_form_fields() {
		$this->form_fields = array(
			'enabled'     => array(
				'title'   => __( 'Enable/Disable', 'meum-woocommerce' ),
				'type'    => 'checkbox',
				'label'   => __( 'Offer Meum crypto payments at checkout', 'meum-woocommerce' ),
				'default' => 'no',
			),
			'title'       => array(
				'title'       => __( 'Title', 'meum-woocommerce' ),
				'type'        => 'safe_text',
				'description' => __( 'The name of the payment method buyers see at checkout.', 'meum-woocommerce' ),
				'default'     => self::default_title(),
				'desc_tip'    => true,
			),
			'description' => array(
				'title'       => __( 'Description', 'meum-woocommerce' ),
				'type'        => 'textarea',
				'description' => __( 'What buyers read when they choose the method at checkout.', 'meum-woocommerce' ),
				'default'     => self::default_description(),
				'desc_tip'    => true,
			),
			'connection'  => array(
				'title'       => __( 'Connection to Meum', 'meum-woocommerce' ),
				'type'        => 'title',
				'description' => sprintf(
					'<a href="%1$s">%2$s</a>',
					esc_url( $this->get_settings_url() ),
					esc_html__( 'Connect the store and see whether payments are available on the Meum settings page.', 'meum-woocommerce' )
				),
			),
		);
	}

	/**
	 * Whether checkout offers Meum now: WooCommerce's own rules and every rule of
	 * {@see Availability}, with the pay-for-order order's total when there is one, else the
	 * cart's. Makes no network call and needs no cart, session or order.
	 *
	 * @return bool True when the method may be offered.
	 */
	public function is_available() {
		return 'yes' === $this->enabled && array() === $this->rules->reasons( $this->pay_for_order() );
	}

	/**
	 * Whether the merchant must finish something before the method can work (WooCommerce's
	 * Payments screen). Switching it on and a currency refusal are not setup.
	 *
	 * @return bool True when not connected, or when the connection cannot take payments.
	 */
	public function needs_setup() {
		$reasons = $this->rules->setup_reasons();
		unset( $reasons['disabled'], $reasons['currency_refused'] );
		return array() !== $reasons;
	}

	/**
	 * Whether a usable connection to Meum is stored (WooCommerce's Payments screen).
	 *
	 * @return bool False when not connected, when a reconnect is required, or while a site-address
	 *              change waits for the merchant.
	 */
	public function is_account_connected(): bool {
		return array() === array_intersect_key( $this->rules->setup_reasons(), array_flip( array( 'not_connected', 'reconnect_required', 'site_changed' ) ) );
	}

	/**
	 * Where the merchant manages the method: the Meum settings page (WooCommerce's Payments screen
	 * links there for setup and management).
	 *
	 * @return string Absolute admin URL.
	 */
	public function get_settings_url(): string {
		return admin_url( 'admin.php?page=' . Settings_Page::SLUG );
	}

	/**
	 * The method's name at checkout until the merchant sets one.
	 *
	 * @return string Translated default title.
	 */
	public static function default_title(): string {
		return __( 'Pay with crypto (Meum)', 'meum-woocommerce' );
	}

	/**
	 * What buyers read under the method until the merchant sets a description.
	 *
	 * @return string Translated default description.
	 */
	public static function default_description(): string {
		return __( 'You will be sent to Meum\'s secure checkout page to pay with crypto, then back to this store.', 'meum-woocommerce' );
	}

	/**
	 * Sends the buyer to Meum's hosted checkout (§A5 through {@see Checkout::pay()}).
	 *
	 * On failure the buyer's message is in the result; in classic checkout and pay-for-order it is
	 * also added once as an error notice, which WooCommerce shows there. Under the Store API no
	 * notice is added: the message travels in the result only.
	 *
	 * @param int $order_id The order being paid.
	 * @return array{result: string, redirect?: string, message?: string} `success` with the
	 *         redirect, or `failure` with the message; never null or `pending`.
	 */
	public function process_payment( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			$result = array(
				'result'  => 'failure',
				'message' => __( 'This order cannot be paid with Meum right now. Please try again.', 'meum-woocommerce' ),
			);
		} else {
			$result = $this->checkout->pay( $order, $this->context() );
		}

		if ( 'success' !== $result['result'] && 'store-api' !== $this->context() && isset( $result['message'] ) ) {
			wc_add_notice( $result['message'], 'error' );
		}
		return $result;
	}

	/**
	 * Which flow runs `process_payment()`.
	 *
	 * @return string `store-api` inside the Store API's payment hook (block checkout),
	 *                `pay-for-order` inside WooCommerce's pay action, else `classic`.
	 */
	public function context(): string {
		if ( doing_action( self::STORE_API_PAYMENT_HOOK ) ) {
			return 'store-api';
		}
		if ( did_action( 'woocommerce_before_pay_action' ) > did_action( 'woocommerce_after_pay_action' ) ) {
			return 'pay-for-order';
		}
		return 'classic';
	}

	/**
	 * The order of the pay-for-order page this request shows or submits, if any.
	 *
	 * @return \WC_Order|null The order named by the `order-pay` query variable, or null.
	 */
	private function pay_for_order(): ?\WC_Order {
		$order_id = absint( get_query_var( 'order-pay' ) );
		if ( 0 === $order_id ) {
			return null;
		}
		$order = wc_get_order( $order_id );
		return $order instanceof \WC_Order ? $order : null;
	}
}
