<?php
/**
 * WooCommerce feature compatibility declarations.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Compat;

defined( 'ABSPATH' ) || exit;

/**
 * Tells WooCommerce that the plugin works with High-Performance Order Storage
 * (`custom_order_tables`) and with the Cart and Checkout blocks (`cart_checkout_blocks`), so
 * WooCommerce does not list it as incompatible. Does nothing when WooCommerce is not active.
 */
class WooCommerce_Features {

	/** The WooCommerce hook on which declarations must be made. */
	public const HOOK = 'before_woocommerce_init';

	/** WooCommerce's declaration API. */
	public const FEATURES_UTIL = '\Automattic\WooCommerce\Utilities\FeaturesUtil';

	/** The features this plugin is compatible with. */
	public const COMPATIBLE_FEATURES = array( 'custom_order_tables', 'cart_checkout_blocks' );

	/**
	 * Absolute path of the plugin's main file (MEUM_WC_FILE).
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * Creates the declarations.
	 *
	 * @param string $plugin_file Absolute path of the plugin's main file.
	 */
	public function __construct( string $plugin_file ) {
		$this->plugin_file = $plugin_file;
	}

	/**
	 * Hooks the declarations into WooCommerce's bootstrap.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( self::HOOK, array( $this, 'declare_compatibility' ) );
	}

	/**
	 * Declares each compatible feature through `FeaturesUtil::declare_compatibility()`, when that
	 * class exists (WooCommerce 7.1 and later).
	 *
	 * @return void
	 */
	public function declare_compatibility(): void {
		if ( ! class_exists( self::FEATURES_UTIL ) ) {
			return;
		}
		foreach ( self::COMPATIBLE_FEATURES as $feature ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( $feature, $this->plugin_file, true );
		}
	}
}
