<?php
/**
 * TEST-ONLY (run through `bin/wp-local.sh eval`): turns the freshly installed single site into a
 * two-site network (sub-directory install) for the multisite uninstall test.
 *
 * @package Meum\WooCommerce\Tests
 */

require_once ABSPATH . 'wp-admin/includes/network.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if ( ! is_multisite() ) {
	// The installer guessed the address from the CLI; pin it to the network's domain.
	update_option( 'home', 'http://localhost' );
	update_option( 'siteurl', 'http://localhost' );
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed_table ) {
		$wpdb->$table = $prefixed_table;
	}
	install_network();
	$result = populate_network( 1, 'localhost', 'admin@example.com', 'Meum Test Network', '/', false );
	if ( is_wp_error( $result ) && 'no_wildcard_dns' !== $result->get_error_code() ) {
		fwrite( STDERR, 'populate_network: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "network created\n";
}
