<?php
/**
 * Hands the Meum payment method to WooCommerce.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the gateway with WooCommerce's list of gateways and the block integration with the
 * Checkout block's payment method registry. Its hooks are added only when WooCommerce is active
 * (`Plugin::register_gateway()` checks on `plugins_loaded`); the gateway object is built when
 * WooCommerce loads its gateways, when `WC_Payment_Gateway` exists.
 */
class Gateway_Registration {

	/** Where the icon lives, relative to the plugin's folder. */
	public const ICON = 'assets/meum-icon.svg';

	/**
	 * The availability rules.
	 *
	 * @var Availability
	 */
	private Availability $availability;

	/**
	 * What a payment does.
	 *
	 * @var Checkout
	 */
	private Checkout $checkout;

	/**
	 * Absolute path of the plugin's main file.
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * Creates the registration.
	 *
	 * @param Availability $availability The availability rules.
	 * @param Checkout     $checkout     What a payment does.
	 * @param string       $plugin_file  Absolute path of the plugin's main file.
	 */
	public function __construct( Availability $availability, Checkout $checkout, string $plugin_file ) {
		$this->availability = $availability;
		$this->checkout     = $checkout;
		$this->plugin_file  = $plugin_file;
	}

	/**
	 * Hooks the gateway and the block integration into WooCommerce.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_filter( 'woocommerce_payment_gateways', array( $this, 'add_gateway' ) );
		add_action( 'woocommerce_blocks_payment_method_type_registration', array( $this, 'register_block_integration' ) );
	}

	/**
	 * Adds the gateway to WooCommerce's gateways.
	 *
	 * @param mixed $gateways Class names or objects, as WooCommerce passes them.
	 * @return array<int|string, mixed> The list with the Meum gateway appended.
	 */
	public function add_gateway( $gateways ): array {
		$gateways   = is_array( $gateways ) ? $gateways : array();
		$gateways[] = $this->gateway();
		return $gateways;
	}

	/**
	 * Registers the block integration.
	 *
	 * @param PaymentMethodRegistry $registry The Checkout block's payment method registry.
	 * @return void
	 */
	public function register_block_integration( PaymentMethodRegistry $registry ): void {
		$registry->register( new Block_Integration( $this->availability, $this->plugin_file, $this->icon_url() ) );
	}

	/**
	 * A new gateway, with the settings stored now (WooCommerce builds its own gateways afresh each
	 * time it loads its list, too).
	 *
	 * @return Gateway The `meum` gateway.
	 */
	public function gateway(): Gateway {
		return new Gateway( $this->availability, $this->checkout, $this->icon_url() );
	}

	/**
	 * The icon's plain URL.
	 *
	 * @return string Absolute URL.
	 */
	private function icon_url(): string {
		return plugins_url( self::ICON, $this->plugin_file );
	}
}
