<?php
/**
 * PHPStan stubs (scanned, never loaded): the PHP polyfills of wp-includes/compat.php that the
 * plugin relies on and that php-stubs/wordpress-stubs leaves out. PHPStan analyses for PHP 7.4, where
 * these functions exist only through WordPress (Requires at least: 6.6).
 *
 * @package Meum\WooCommerce
 */

if ( ! function_exists( 'array_is_list' ) ) {
	/**
	 * Polyfill of PHP 8.1's array_is_list(), in WordPress since 6.5.
	 *
	 * @param array<mixed> $arr The array being evaluated.
	 * @return bool True if the array's keys are 0, 1, 2, ... in order.
	 */
	function array_is_list( $arr ) {
		return array() === $arr || array_keys( $arr ) === range( 0, count( $arr ) - 1 );
	}
}
