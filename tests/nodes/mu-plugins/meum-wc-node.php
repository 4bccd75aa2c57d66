<?php
/**
 * TEST-ONLY: one web node of the two-node test (bin/two-nodes.sh). Never shipped: the release zip
 * leaves out tests/, and only that harness links this file into mu-plugins.
 *
 * - Every response of a node carries `X-Meum-Node: <name>`, the name the harness gives the node's
 *   PHP server in the environment variable MEUM_WC_TEST_NODE (`a` or `b`).
 * - `GET /wp-json/meum-test/v1/node`: the node's name and whether WordPress uses the persistent
 *   object cache (wp_using_ext_object_cache()).
 * - `POST /wp-json/meum-test/v1/reconcile` `{ invoice_id }`: the invoice made due (its next_check_at
 *   a minute ago), then one reconciliation run, as Action Scheduler would start it
 *   (do_action( 'meum_wc_reconcile' )), when the plugin has a callback for that hook; else
 *   `{ "available": false }`, so the test says it skipped that part.
 * Open routes: the test site is local and never reachable from elsewhere.
 *
 * @package Meum\WooCommerce\Tests
 */

$meum_wc_test_node = (string) getenv( 'MEUM_WC_TEST_NODE' );
if ( '' !== $meum_wc_test_node && ! headers_sent() ) {
	header( 'X-Meum-Node: ' . preg_replace( '/[^a-z0-9-]/', '', $meum_wc_test_node ) );
}

add_action(
	'rest_api_init',
	static function () use ( $meum_wc_test_node ) {
		register_rest_route(
			'meum-test/v1',
			'/node',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => static function () use ( $meum_wc_test_node ) {
					return array(
						'node'             => $meum_wc_test_node,
						'ext_object_cache' => (bool) wp_using_ext_object_cache(),
					);
				},
			)
		);
		register_rest_route(
			'meum-test/v1',
			'/reconcile',
			array(
				'methods'             => 'POST',
				'permission_callback' => '__return_true',
				'callback'            => static function ( WP_REST_Request $request ) {
					global $wpdb;
					if ( ! has_action( 'meum_wc_reconcile' ) ) {
						return array( 'available' => false );
					}
					// phpcs:ignore WordPress.DB
					$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->prefix}meum_wc_invoices SET next_check_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE invoice_id = %s", (string) $request->get_param( 'invoice_id' ) ) );
					do_action( 'meum_wc_reconcile' );
					return array(
						'available' => true,
						'last_run'  => get_option( 'meum_wc_reconcile_last_run' ),
					);
				},
			)
		);
	}
);
