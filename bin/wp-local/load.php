<?php
/**
 * Loads the local WordPress for a command-line program of bin/wp-local/ (install.php, eval.php):
 * the tree is $WP_ROOT, the address $WP_URL. Never shipped.
 *
 * @package Meum\WooCommerce\Tools
 */

// phpcs:disable WordPress.WP.AlternativeFunctions.parse_url_parse_url,WordPress.NamingConventions.PrefixAllGlobals,WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- WordPress is not loaded yet; globals of the command-line programs.

$wp_local_root = getenv( 'WP_ROOT' );
if ( ! $wp_local_root || ! is_readable( $wp_local_root . '/wp-load.php' ) ) {
	fwrite( STDERR, "WP_ROOT does not name the local WordPress; run this through bin/wp-local.sh.\n" );
	exit( 2 );
}
// As a request for the site's front page: WordPress guesses its address from these when WP_SITEURL
// is not pinned (a multisite network).
$_SERVER['HTTP_HOST']       = (string) parse_url( (string) getenv( 'WP_URL' ), PHP_URL_HOST );
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $wp_local_root . '/index.php';
if ( ! empty( $wp_local_installing ) ) {
	define( 'WP_INSTALLING', true );
}
require $wp_local_root . '/wp-load.php';
