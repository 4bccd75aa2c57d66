<?php
/**
 * PHPUnit bootstrap: loads the real local WordPress started by `npm test` (bin/test.sh), with this
 * plugin active and its Meum base URL pointing at the sandbox.
 *
 * @package Meum\WooCommerce\Tests
 */

$wp_root = getenv( 'WP_ROOT' );
if ( ! $wp_root || ! is_readable( $wp_root . '/wp-load.php' ) ) {
	fwrite( STDERR, "WP_ROOT does not point at the local WordPress; run the PHP tests through `npm test`.\n" );
	exit( 1 );
}

$_SERVER['HTTP_HOST']   = (string) parse_url( (string) getenv( 'WP_URL' ), PHP_URL_HOST );
$_SERVER['SERVER_NAME'] = $_SERVER['HTTP_HOST'];
$_SERVER['REQUEST_URI'] = '/';

require $wp_root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

if ( ! class_exists( 'Meum\\WooCommerce\\Plugin' ) ) {
	fwrite( STDERR, "The Meum for WooCommerce plugin is not active in the test WordPress.\n" );
	exit( 1 );
}

require __DIR__ . '/Support/Test_Case.php';
require __DIR__ . '/Support/Sandbox.php';
require __DIR__ . '/Support/Browserless_Session.php';
require __DIR__ . '/Support/Error_Cases.php';
require __DIR__ . '/Support/Connection_States.php';
require __DIR__ . '/Support/Hooked_Instances.php';
require __DIR__ . '/Support/Webhook_Cases.php';
require __DIR__ . '/Support/Local_Invoices.php';
require __DIR__ . '/Support/Payment_Orders.php';
require __DIR__ . '/Support/Payments_Test_Case.php';
require __DIR__ . '/Support/Meum_Orders.php';
require __DIR__ . '/Support/Recorded_Outcomes.php';
