<?php
/**
 * Reading Meum's webhook headers.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use WP_REST_Request;

defined( 'ABSPATH' ) || exit;

/**
 * Reads each webhook header as `X-Meum-<Name>`, falling back to `X-Stablecoin-<Name>` (both
 * schemes are documented). WordPress normalises header names from every server (`php -S`,
 * nginx/PHP-FPM, Apache), so any letter case works.
 */
class Webhook_Headers {

	/** Headers every delivery must carry. */
	public const REQUIRED = array( 'Event', 'Event-Id', 'Timestamp', 'Signature' );

	/** Every header read. */
	public const ALL = array( 'Event', 'Event-Id', 'Timestamp', 'Signature', 'Integration-Id' );

	/** Prefixes, in order of preference. */
	private const PREFIXES = array( 'X-Meum-', 'X-Stablecoin-' );

	/**
	 * Reads the headers.
	 *
	 * @param WP_REST_Request $request The delivery.
	 * @return array<string, string|null> Name (see ALL) → trimmed value, or null when absent.
	 */
	public static function read( WP_REST_Request $request ): array {
		$values = array();
		foreach ( self::ALL as $name ) {
			$values[ $name ] = null;
			foreach ( self::PREFIXES as $prefix ) {
				$value = $request->get_header( $prefix . $name );
				if ( is_string( $value ) && '' !== trim( $value ) ) {
					$values[ $name ] = trim( $value );
					break;
				}
			}
		}
		return $values;
	}
}
