<?php
/**
 * Must-use plugin of the local WordPress on SQLite with WooCommerce (bin/wp-local.sh `build` copies it;
 * the demo and the tests, never in the plugin zip): works around
 * three upstream incompatibilities between WooCommerce 10.2.4 and the SQLite database drop-in, so
 * that debug.log stays empty and a stock-managed product can be bought. On MariaDB none applies and
 * this file is not installed.
 *
 * 1. HPOS queries with `limit => -1` end in `LIMIT n, 18446744073709551615` (MySQL's largest
 *    unsigned BIGINT), which SQLite refuses ("datatype mismatch"). Fixed in WooCommerce after 10.2.4
 *    (woocommerce/woocommerce PR #64396); here the largest signed 64-bit integer means the same.
 * 2. `CONCAT_WS()` (Analytics customer queries) does not exist in Debian's SQLite 3.40: registered on
 *    the PDO connection with MySQL's semantics (NULL arguments skipped, NULL separator gives NULL).
 * 3. Stock reservations (ReserveStock, used for every stock-managed product at checkout) compute
 *    `( NOW() + INTERVAL n MINUTE )`, which the drop-in cannot translate; `DATE_ADD( NOW(), INTERVAL
 *    n MINUTE )` is the same value in MySQL and is translated.
 *
 * @package Meum\WooCommerce\Tools
 */

if ( ! defined( 'ABSPATH' ) || ! defined( 'DB_ENGINE' ) || 'sqlite' !== DB_ENGINE ) {
	return;
}

add_filter(
	'woocommerce_orders_table_query_clauses',
	static function ( $clauses ) {
		if ( isset( $clauses['limits'] ) && is_string( $clauses['limits'] ) ) {
			$clauses['limits'] = str_replace( '18446744073709551615', (string) PHP_INT_MAX, $clauses['limits'] );
		}
		return $clauses;
	}
);

add_filter(
	'query',
	static function ( $query ) {
		if ( is_string( $query ) && false !== stripos( $query, 'INTERVAL' ) ) {
			$query = (string) preg_replace( '/\(\s*NOW\(\)\s*\+\s*INTERVAL\s+(\d+)\s+MINUTE\s*\)/i', 'DATE_ADD( NOW(), INTERVAL $1 MINUTE )', $query );
		}
		return $query;
	}
);

( static function () {
	global $wpdb;
	if ( ! is_object( $wpdb ) || ! method_exists( $wpdb, 'get_driver' ) ) {
		return;
	}
	$pdo = $wpdb->get_driver()->get_connection()->get_pdo();
	$pdo->sqliteCreateFunction(
		'CONCAT_WS',
		static function ( $separator, ...$values ) {
			if ( null === $separator ) {
				return null;
			}
			return implode( (string) $separator, array_filter( $values, static fn( $value ) => null !== $value ) );
		},
		-1
	);
} )();
