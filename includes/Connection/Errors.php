<?php
/**
 * The plugin's own connection errors.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the `meum_<reason>` errors that do not come from Meum, in the same shape as the mapped
 * Meum errors: data `{ status, upstream_status: null, meum_code: null, details: {} }`.
 */
class Errors {

	/**
	 * No key material outside the database: secrets cannot be stored (fail closed).
	 *
	 * @return WP_Error `meum_no_key_material`, status 409.
	 */
	public static function no_key_material(): WP_Error {
		return self::make(
			'meum_no_key_material',
			__( 'The Meum credentials cannot be stored safely: this site has no encryption key outside the database. Add a MEUM_WC_ENCRYPTION_KEY line to wp-config.php (the settings page shows one to copy), or define the WordPress salts there, then connect again.', 'meum-woocommerce' ),
			409
		);
	}

	/**
	 * The database refused a write.
	 *
	 * @return WP_Error `meum_storage_failed`, status 500.
	 */
	public static function storage_failed(): WP_Error {
		return self::make(
			'meum_storage_failed',
			__( 'The connection could not be saved in the WordPress database. Check the database and connect again.', 'meum-woocommerce' ),
			500
		);
	}

	/**
	 * The action needs a usable stored connection.
	 *
	 * @return WP_Error `meum_not_connected`, status 409.
	 */
	public static function not_connected(): WP_Error {
		return self::make(
			'meum_not_connected',
			__( 'This site has no usable connection to Meum. Connect with a connection key first.', 'meum-woocommerce' ),
			409
		);
	}

	/**
	 * The site's address changed since connect; the stored key must not be used.
	 *
	 * @param array<string, mixed> $extra Extra data, e.g. `can_forget`.
	 * @return WP_Error `meum_site_changed`, status 409.
	 */
	public static function site_changed( array $extra = array() ): WP_Error {
		return self::make(
			'meum_site_changed',
			__( 'This site\'s address changed since it was connected to Meum. Choose "This is a new site" or "Same site, new address" first.', 'meum-woocommerce' ),
			409,
			$extra
		);
	}

	/**
	 * Builds an error.
	 *
	 * @param string               $code    Error code.
	 * @param string               $message Message.
	 * @param int                  $status  HTTP status of the route.
	 * @param array<string, mixed> $extra   Extra data.
	 * @return WP_Error
	 */
	private static function make( string $code, string $message, int $status, array $extra = array() ): WP_Error {
		return new WP_Error(
			$code,
			$message,
			array_merge(
				array(
					'status'          => $status,
					'upstream_status' => null,
					'meum_code'       => null,
					'details'         => (object) array(),
				),
				$extra
			)
		);
	}
}
