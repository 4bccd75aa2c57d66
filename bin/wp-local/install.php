<?php
/**
 * `bin/wp-local.sh install`: installs the local WordPress without questions (what `wp core install`
 * does): admin / password, pretty permalinks, then activates meum-woocommerce. Prints what it did;
 * does nothing on an installed site. Never shipped.
 *
 * @package Meum\WooCommerce\Tools
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals,WordPress.Security.EscapeOutput -- a command-line program; its output is plain text.

$wp_local_installing = true;
require __DIR__ . '/load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( is_blog_installed() ) {
	echo "already installed\n";
	exit( 0 );
}
wp_install( 'Meum Demo Store', 'admin', 'admin@example.com', true, '', 'password' );
update_option( 'permalink_structure', '/%postname%/' );
flush_rewrite_rules( false );
$wp_local_activated = activate_plugin( 'meum-woocommerce/meum-woocommerce.php' );
echo 'activate meum-woocommerce: ', is_wp_error( $wp_local_activated ) ? $wp_local_activated->get_error_message() : 'ok', "\n";
echo 'installed WordPress ', get_bloginfo( 'version' ), ' on PHP ', PHP_VERSION, "\n";
