<?php
/**
 * TEST-ONLY (run through `bin/wp-local.sh eval` on the two-site network): connects every site to
 * the Meum sandbox, leaves one probe of each kind of data the plugin may own, runs uninstall.php as
 * WordPress does, and checks that no trace is left on any site. Prints a JSON report; exits 1 when
 * something is left.
 *
 * @package Meum\WooCommerce\Tests
 */

// Never name a global-scope variable $blog_id here: it is WordPress's current-site global.
$report = array( 'sites' => array() );
foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $meum_site_id ) {
	switch_to_blog( (int) $meum_site_id );
	wp_set_current_user( 1 );
	// What the site's first request would do (the plugin's upgrade on init creates its tables),
	// before anything writes to them.
	do_action( 'activate_meum-woocommerce/meum-woocommerce.php' );
	$GLOBALS['wp_rest_server'] = null;
	$request = new WP_REST_Request( 'POST', '/meum/v1/connection' );
	$request->set_param( 'connection_key', 'sk_live_sandbox_ready' );
	$response = rest_do_request( $request );
	set_transient( 'meum_wc_probe', 'x', HOUR_IN_SECONDS );
	$report['sites'][ $meum_site_id ] = array(
		'home'      => home_url(),
		'connected' => 200 === $response->get_status() ? true : ( $response->get_data()['code'] ?? $response->get_status() ),
		'scheduled' => false !== wp_next_scheduled( 'meum_wc_refresh_status' ),
	);
	restore_current_blog();
}
update_site_option( 'meum_wc_probe', 'x' );
update_user_meta( 1, 'meum_wc_site_change_dismissed', 'x' );

define( 'WP_UNINSTALL_PLUGIN', 'meum-woocommerce/meum-woocommerce.php' );
// From inside a function, as WordPress's uninstall_plugin() includes it: the file sees no globals.
( static function () {
	include WP_PLUGIN_DIR . '/meum-woocommerce/uninstall.php'; // The installed copy (bin/release-tree.sh).
} )();
wp_cache_flush();

$left = array();
foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $meum_site_id ) {
	switch_to_blog( (int) $meum_site_id );
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery
	foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", '%meum%' ) ) as $name ) {
		$left[] = "site $meum_site_id option $name";
	}
	if ( false !== strpos( (string) wp_json_encode( _get_cron_array() ), 'meum' ) ) {
		$left[] = "site $meum_site_id cron";
	}
	restore_current_blog();
}
// phpcs:disable WordPress.DB.DirectDatabaseQuery
foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s", '%meum%' ) ) as $key ) {
	$left[] = "site meta $key";
}
foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", '%meum%' ) ) as $key ) {
	$left[] = "user meta $key";
}
foreach ( $wpdb->tables( 'all', true ) as $table ) {
	if ( false !== strpos( $table, 'meum' ) ) {
		$left[] = "table $table";
	}
}
// phpcs:enable

$report['left'] = $left;
echo wp_json_encode( $report, JSON_PRETTY_PRINT ), "\n";
$all_connected = count( $report['sites'] ) >= 2 && array( true ) === array_unique( array_column( $report['sites'], 'connected' ) ) && ! in_array( false, array_column( $report['sites'], 'scheduled' ), true );
exit( $all_connected && array() === $left ? 0 : 1 );
