<?php
/**
 * TEST-ONLY (run through `bin/wp-local.sh eval` once the network constants are set): adds a
 * second site at /second/ and activates the plugin network-wide.
 *
 * @package Meum\WooCommerce\Tests
 */

$domain = (string) wp_parse_url( network_home_url(), PHP_URL_HOST );
if ( ! domain_exists( $domain, '/second/' ) ) {
	$meum_site_id = wpmu_create_blog( $domain, '/second/', 'Second Store', 1 );
	if ( is_wp_error( $meum_site_id ) ) {
		fwrite( STDERR, 'wpmu_create_blog: ' . $meum_site_id->get_error_message() . "\n" );
		exit( 1 );
	}
}
$result = activate_plugin( 'meum-woocommerce/meum-woocommerce.php', '', true );
echo is_wp_error( $result ) ? 'activate: ' . $result->get_error_message() : 'sites: ' . count( get_sites() ), "\n";
