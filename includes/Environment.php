<?php
/**
 * Facts about this WordPress site that the connection depends on.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce;

use Meum\WooCommerce\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the site facts the plugin needs: WooCommerce presence and version, the capability that
 * guards the plugin's admin screens, and the URLs Meum must know.
 *
 * Nothing is cached: each answer comes from WordPress at the time of the call, so a WooCommerce
 * activation or a changed home URL is seen at once.
 */
class Environment {

	/**
	 * Whether WooCommerce is loaded on this request.
	 *
	 * @return bool True when the WooCommerce main class exists (WooCommerce is active).
	 */
	public function is_woocommerce_active(): bool {
		return class_exists( 'WooCommerce', false );
	}

	/**
	 * The active WooCommerce version.
	 *
	 * @return string|null Version string such as "9.9.0", or null when WooCommerce is inactive or
	 *                     does not say.
	 */
	public function woocommerce_version(): ?string {
		if ( ! $this->is_woocommerce_active() ) {
			return null;
		}
		if ( defined( 'WC_VERSION' ) && is_string( WC_VERSION ) && '' !== WC_VERSION ) {
			return WC_VERSION;
		}
		return null;
	}

	/**
	 * The WordPress version.
	 *
	 * @return string|null Version string such as "6.8.3", or null when unknown.
	 */
	public function wordpress_version(): ?string {
		$version = (string) get_bloginfo( 'version' );
		return '' !== $version ? $version : null;
	}

	/**
	 * The capability that guards the settings page and every admin REST route.
	 *
	 * Administrators lack `manage_woocommerce` when WooCommerce is inactive, so `manage_options` is
	 * used then.
	 *
	 * @return string `manage_woocommerce` or `manage_options`.
	 */
	public function management_capability(): string {
		return $this->is_woocommerce_active() ? 'manage_woocommerce' : 'manage_options';
	}

	/**
	 * The store's public home URL, sent to Meum as `site_url`.
	 *
	 * @return string Absolute URL from `home_url()`.
	 */
	public function home_url(): string {
		return home_url();
	}

	/**
	 * The URL Meum delivers webhooks to, sent as `webhook_url`.
	 *
	 * `rest_url()` gives the `?rest_route=` form on sites with plain permalinks, which works where
	 * `/wp-json/` does not.
	 *
	 * @return string Absolute URL of the `meum/v1/webhook` REST route.
	 */
	public function webhook_url(): string {
		return rest_url( Routes::path( Routes::WEBHOOK ) );
	}

	/**
	 * Whether the home URL uses https (payments over http are unsafe).
	 *
	 * @return bool True for an https home URL.
	 */
	public function home_url_is_https(): bool {
		return 'https' === wp_parse_url( $this->home_url(), PHP_URL_SCHEME );
	}
}
