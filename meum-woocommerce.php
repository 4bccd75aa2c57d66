<?php
/**
 * Plugin Name:       Meum for WooCommerce
 * Plugin URI:        https://meum.io
 * Description:       Takes crypto payments in your WooCommerce store with Meum, the USD-invoiced crypto payment service: buyers pay on Meum's hosted checkout page.
 * Version:           0.1.0
 * Requires at least: 6.6
 * Requires PHP:      7.4
 * WC requires at least: 8.0
 * WC tested up to:      10.2
 * Author:            Meum
 * Author URI:        https://meum.io
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       meum-woocommerce
 * Domain Path:       /languages
 *
 * WooCommerce: tested up to 10.2 (the genuine 10.2.4 runs in the WooCommerce configurations of the tests). Nothing the
 * plugin calls needs a newer WooCommerce than 8.0: FeaturesUtil, Action Scheduler's as_*() functions
 * and wc_get_logger() are each feature-detected before use.
 *
 * No "Requires Plugins: woocommerce" header on purpose: connecting the store to Meum works without
 * WooCommerce (the payment gateway is registered only when WooCommerce is active), and that header
 * would block activation until WooCommerce is installed.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

define( 'MEUM_WC_VERSION', '0.1.0' );
define( 'MEUM_WC_FILE', __FILE__ );
define( 'MEUM_WC_MIN_PHP', '7.4' );

/**
 * Shows an admin notice explaining why the plugin did not start.
 *
 * The message is built, and so translated, only when the notice is printed: translating while
 * WordPress loads plugins makes WordPress 6.7+ log "translation loading was triggered too early".
 *
 * @param callable(): string $message Returns the plain-text message; it is escaped here.
 * @return void
 */
function meum_wc_requirement_notice( callable $message ): void {
	add_action(
		'admin_notices',
		static function () use ( $message ): void {
			printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html( $message() ) );
		}
	);
}

if ( version_compare( PHP_VERSION, MEUM_WC_MIN_PHP, '<' ) ) {
	meum_wc_requirement_notice(
		static function (): string {
			return sprintf(
				/* translators: 1: required PHP version, 2: current PHP version. */
				__( 'Meum for WooCommerce needs PHP %1$s or newer; this site runs PHP %2$s.', 'meum-woocommerce' ),
				MEUM_WC_MIN_PHP,
				PHP_VERSION
			);
		}
	);
	return;
}

if ( ! is_readable( __DIR__ . '/vendor/autoload.php' ) ) {
	meum_wc_requirement_notice(
		static function (): string {
			return __( 'Meum for WooCommerce is incomplete: its vendor/autoload.php file is missing. Reinstall the plugin from its release zip, or run "composer dump-autoload" in a development copy.', 'meum-woocommerce' );
		}
	);
	return;
}
require_once __DIR__ . '/vendor/autoload.php';

( new Meum\WooCommerce\Plugin( __FILE__ ) )->register_hooks();
