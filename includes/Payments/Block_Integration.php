<?php
/**
 * The Meum payment method in the Cart and Checkout blocks.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the method with the Checkout block (issue 10, "Block checkout"), as WooCommerce's own
 * methods do: the script `build/checkout.js` (from `src/checkout/index.tsx`, dependencies from the
 * generated `build/checkout.asset.php`), its translations, and the data it reads with
 * `getSetting( 'meum_data' )`.
 *
 * {@see is_active()} holds every availability rule that does not depend on the cart
 * ({@see Availability::setup_reasons()}); the total is applied by WooCommerce's per-cart list of
 * available gateways, which calls {@see Gateway::is_available()}. Payment itself goes through the
 * Store API to the gateway's `process_payment()`.
 */
class Block_Integration extends AbstractPaymentMethodType {

	/** The script handle of the registration. */
	public const HANDLE = 'meum-wc-checkout';

	/**
	 * The payment method's name (the gateway id).
	 *
	 * @var string
	 */
	protected $name = Gateway::ID;

	/**
	 * The availability rules.
	 *
	 * @var Availability
	 */
	private Availability $availability;

	/**
	 * Absolute path of the plugin's main file.
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * Absolute URL of the method's icon.
	 *
	 * @var string
	 */
	private string $icon_url;

	/**
	 * Creates the integration.
	 *
	 * @param Availability $availability The availability rules.
	 * @param string       $plugin_file  Absolute path of the plugin's main file.
	 * @param string       $icon_url     Absolute URL of the method's icon.
	 */
	public function __construct( Availability $availability, string $plugin_file, string $icon_url ) {
		$this->availability = $availability;
		$this->plugin_file  = $plugin_file;
		$this->icon_url     = $icon_url;
	}

	/**
	 * Loads the gateway's settings (called by WooCommerce's payment method registry).
	 *
	 * @return void
	 */
	public function initialize() {
		$this->settings = Availability::gateway_settings();
	}

	/**
	 * Whether the Checkout block loads the method at all: every availability rule that does not
	 * depend on the cart.
	 *
	 * WooCommerce 10.2.4 asks this on every front-end page (`Blocks\Payments\Api::
	 * verify_payment_methods_dependencies()` on `wp_print_scripts`, and the Mini-Cart block), so it
	 * reads only autoloaded options: the gateway's settings, the public connection facts with the
	 * key fingerprint and the refusals, never the secrets. No query once WordPress has loaded them.
	 *
	 * @return bool True when nothing but the cart can stop the method.
	 */
	public function is_active() {
		return $this->availability->is_enabled() && array() === $this->availability->setup_reasons();
	}

	/**
	 * Registers the method's script and its translations.
	 *
	 * @return string[] The script handle, or none when the script is not built.
	 */
	public function get_payment_method_script_handles() {
		$dir  = plugin_dir_path( $this->plugin_file );
		$file = $dir . 'build/checkout.asset.php';
		if ( ! is_readable( $file ) ) {
			return array();
		}
		$asset = require $file;
		if ( ! is_array( $asset ) || ! isset( $asset['dependencies'], $asset['version'] ) ) {
			return array();
		}
		/**
		 * The script's URL (plugins_url() always answers a URL).
		 *
		 * @var non-empty-string $src
		 */
		$src = plugins_url( 'build/checkout.js', $this->plugin_file );
		wp_register_script( self::HANDLE, $src, $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'meum-woocommerce', $dir . 'languages' );
		return array( self::HANDLE );
	}

	/**
	 * The data the script reads (`getSetting( 'meum_data' )`).
	 *
	 * @return array{title: string, description: string, icon: string, placeOrderButtonLabel: string, supports: string[]}
	 *         Plain texts (no markup), the icon URL, the place-order label and the supported features.
	 */
	public function get_payment_method_data() {
		return array(
			'title'                 => $this->plain( (string) $this->get_setting( 'title', Gateway::default_title() ) ),
			'description'           => $this->plain( (string) $this->get_setting( 'description', Gateway::default_description() ) ),
			'icon'                  => $this->icon_url,
			'placeOrderButtonLabel' => Gateway::place_order_label(),
			'supports'              => array( 'products' ),
		);
	}

	/**
	 * A stored text as plain text, for React to escape.
	 *
	 * @param string $text Title or description as the merchant stored it.
	 * @return string Without tags, entities decoded.
	 */
	private function plain( string $text ): string {
		return html_entity_decode( wp_strip_all_tags( $text ), ENT_QUOTES, 'UTF-8' );
	}
}
