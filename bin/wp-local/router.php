<?php
/**
 * Router of PHP's built-in server for the local WordPress (bin/wp-local.sh `start`): an existing
 * file, or a folder with an index.php, is served as it is; everything else goes to WordPress.
 * Runs before WordPress loads, so only plain PHP functions are available. Never shipped.
 *
 * @package Meum\WooCommerce\Tools
 */

// phpcs:disable WordPress.WP.AlternativeFunctions.parse_url_parse_url,WordPress.Security.ValidatedSanitizedInput,WordPress.NamingConventions.PrefixAllGlobals -- runs before WordPress, on a local test server.

$wp_local_root = $_SERVER['DOCUMENT_ROOT'];
$wp_local_path = urldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );

if ( '/' !== $wp_local_path && is_file( $wp_local_root . $wp_local_path ) ) {
	return false;
}
if ( '/' !== $wp_local_path && is_dir( $wp_local_root . $wp_local_path ) && file_exists( rtrim( $wp_local_root . $wp_local_path, '/' ) . '/index.php' ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $wp_local_root . '/index.php';
require $wp_local_root . '/index.php';
