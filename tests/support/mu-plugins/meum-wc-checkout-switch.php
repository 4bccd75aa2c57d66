<?php
/**
 * Tests only: block and classic checkout side by side on one site. A request that carries the
 * cookie `meum_wc_checkout=classic` (or the query flag `?meum_wc_checkout=classic`, which also sets
 * the cookie) gets the shortcode Cart and Checkout pages made by bin/lib/woocommerce-setup.php; every
 * other request gets WooCommerce's default block pages. No setting changes, so no order is ever
 * carried across a switch.
 *
 * @package Meum\WooCommerce
 */

defined( 'ABSPATH' ) || exit;

/**
 * Whether this request asked for the classic (shortcode) cart and checkout.
 *
 * @return bool
 */
function meum_wc_test_wants_classic_checkout(): bool {
	// phpcs:disable WordPress.Security.NonceVerification.Recommended -- a test switch, no state change.
	$flag = isset( $_GET['meum_wc_checkout'] ) ? sanitize_key( wp_unslash( $_GET['meum_wc_checkout'] ) )
		: ( isset( $_COOKIE['meum_wc_checkout'] ) ? sanitize_key( wp_unslash( $_COOKIE['meum_wc_checkout'] ) ) : '' );
	// phpcs:enable
	return 'classic' === $flag;
}

add_action(
	'init',
	static function () {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a test switch, no state change.
		if ( isset( $_GET['meum_wc_checkout'] ) && ! headers_sent() ) {
			setcookie( 'meum_wc_checkout', meum_wc_test_wants_classic_checkout() ? 'classic' : 'block', 0, COOKIEPATH ? COOKIEPATH : '/' );
		}
	}
);

foreach ( array( 'checkout', 'cart' ) as $meum_wc_page ) {
	add_filter(
		"woocommerce_get_{$meum_wc_page}_page_id",
		static function ( $page_id ) use ( $meum_wc_page ) {
			if ( ! meum_wc_test_wants_classic_checkout() ) {
				return $page_id;
			}
			$classic = (int) get_option( "meum_wc_local_classic_{$meum_wc_page}_page_id" );
			return $classic > 0 ? $classic : $page_id;
		}
	);
}
unset( $meum_wc_page );
