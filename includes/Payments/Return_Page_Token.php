<?php
/**
 * The return page's token for the payment-state route.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * A short-lived proof that WooCommerce showed this order to the visitor: `<expiry>.<mac>`, where
 * mac = HMAC-SHA256 over the order id and the expiry (Unix time, 15 minutes after issue), keyed
 * with a key derived from `wp_salt( 'auth' )` (server-side, never stored in the database by this
 * plugin, never the webhook secret). The return page embeds it only after WooCommerce decided to
 * show the order; the payment-state route accepts it with the order key only until it expires.
 *
 * Contract: issue 11 ("Live return page").
 */
class Return_Page_Token {

	/** How long a token is valid, in seconds. */
	public const LIFETIME = 15 * MINUTE_IN_SECONDS;

	/** Separates this key from every other use of the auth salt. */
	private const CONTEXT = 'meum-woocommerce/return-page-token/v1';

	/**
	 * Issues a token for an order.
	 *
	 * @param int $order_id The order id.
	 * @param int $now      Unix time of issue.
	 * @return string `<expiry>.<64 hex digits>`.
	 */
	public function issue( int $order_id, int $now ): string {
		$expires = $now + self::LIFETIME;
		return $expires . '.' . $this->mac( $order_id, $expires );
	}

	/**
	 * Whether a token is valid for an order now (constant-time comparison of the MAC).
	 *
	 * @param int   $order_id The order id the request names.
	 * @param mixed $token    The token the request carries (anything; a non-string is invalid).
	 * @param int   $now      Unix time.
	 * @return bool True for a token issued for this order that has not expired.
	 */
	public function verify( int $order_id, $token, int $now ): bool {
		if ( ! is_string( $token ) || 1 !== preg_match( '/^(\d{1,12})\.([0-9a-f]{64})$/D', $token, $parts ) ) {
			return false;
		}
		$expires = (int) $parts[1];
		$valid   = hash_equals( $this->mac( $order_id, $expires ), $parts[2] );
		return $valid && $expires >= $now;
	}

	/**
	 * The MAC of an order id and an expiry.
	 *
	 * @param int $order_id The order id.
	 * @param int $expires  Unix time of expiry.
	 * @return string 64 hex digits.
	 */
	private function mac( int $order_id, int $expires ): string {
		$key = hash_hmac( 'sha256', self::CONTEXT, wp_salt( 'auth' ), true );
		return hash_hmac( 'sha256', $order_id . '|' . $expires, $key );
	}
}
