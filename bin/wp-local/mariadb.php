<?php
/**
 * `php bin/wp-local/mariadb.php check|recreate`: reaches the MariaDB database of the local
 * WordPress as WordPress does (user wp / password wp at $WP_DB_HOST), without a MariaDB client.
 * check: the database `wordpress` exists; recreate: drops it and creates it empty. Exits 1 with
 * the reason on stderr. Never shipped.
 *
 * @package Meum\WooCommerce\Tools
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals,WordPress.DB.RestrictedClasses,WordPress.DB.RestrictedFunctions,WordPress.WP.AlternativeFunctions,WordPress.WP.CapitalPDangit -- WordPress is not loaded: plain mysqli; `wordpress` is the database's name.

mysqli_report( MYSQLI_REPORT_OFF );
$wp_local_host                         = (string) getenv( 'WP_DB_HOST' );
list( $wp_local_name, $wp_local_port ) = array_pad( explode( ':', $wp_local_host, 2 ), 2, '' );
$wp_local_socket                       = ( '' !== $wp_local_port && ! ctype_digit( $wp_local_port ) ) ? $wp_local_port : null;
$wp_local_db                           = @new mysqli( $wp_local_name, 'wp', 'wp', '', ctype_digit( $wp_local_port ) ? (int) $wp_local_port : 3306, $wp_local_socket ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- the error is reported below.
if ( $wp_local_db->connect_errno ) {
	fwrite( STDERR, 'MariaDB at ' . $wp_local_host . ' not reachable as wp: ' . $wp_local_db->connect_error . "\n" );
	exit( 1 );
}
$wp_local_ok = 'recreate' === ( $argv[1] ?? '' )
	? $wp_local_db->query( 'DROP DATABASE IF EXISTS wordpress' ) && $wp_local_db->query( 'CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci' )
	: $wp_local_db->select_db( 'wordpress' );
if ( ! $wp_local_ok ) {
	fwrite( STDERR, 'MariaDB at ' . $wp_local_host . ': ' . $wp_local_db->error . "\n" );
	exit( 1 );
}
