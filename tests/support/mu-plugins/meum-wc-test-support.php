<?php
/**
 * TEST-ONLY support for the Meum for WooCommerce test suite. Never shipped: the release zip
 * leaves out tests/, and only the test command links this file into mu-plugins.
 *
 * - Shortens the plugin's Meum request timeout to 2 seconds (the sandbox's slow scenario is slower).
 * - Imitates a firewall or a redirect in front of the webhook route, on request (below).
 * - Hands no e-mail to PHPMailer: the test machines have no mail transport (every send printed
 *   "sendmail: not found"); the tests count WooCommerce's e-mails where WooCommerce sends them
 *   (`woocommerce_email_sent`, tests/support/mu-plugins/meum-wc-order-effects.php).
 * - Keeps the scheduled Meum status checks out of the site's background runs unless a test asks
 *   for them, and turns WP-Cron's page-load spawning off on request (DISABLE_WP_CRON, below).
 * WooCommerce is never imitated: the test sites run the genuine WooCommerce, or none.
 *
 * @package Meum\WooCommerce\Tests
 */

add_filter(
	'meum_wc_http_timeout',
	static function () {
		return 2.0;
	}
);

add_filter(
	'pre_wp_mail',
	static function () { // A closure of its own: a test removing its own '__return_true' keeps it.
		return true;
	}
);

/*
 * Imitates something in front of WordPress that blocks or redirects the webhook route, when the
 * option `meum_wc_test_block_webhook` is "403" (a firewall page), "503" (a host in maintenance:
 * 503 with Retry-After) or "redirect" (a 301 elsewhere). Used by the tests of "Test webhook
 * delivery" and by the fault tests (tests/php/Faults).
 */
add_action(
	'init',
	static function () {
		$mode = get_option( 'meum_wc_test_block_webhook' );
		$uri  = isset( $_SERVER['REQUEST_URI'] ) ? (string) $_SERVER['REQUEST_URI'] : ''; // phpcs:ignore
		if ( ! $mode || false === strpos( $uri, 'meum/v1/webhook' ) || false !== strpos( $uri, 'webhook/test' ) ) {
			return;
		}
		if ( 'redirect' === $mode ) {
			header( 'Location: https://www.example.com/wp-json/meum/v1/webhook', true, 301 );
			exit;
		}
		if ( '503' === $mode ) {
			status_header( 503 );
			header( 'Retry-After: 60' );
			header( 'Content-Type: text/html' );
			echo '<html><body><h1>Briefly unavailable for scheduled maintenance.</h1></body></html>';
			exit;
		}
		status_header( 403 );
		header( 'Content-Type: text/html' );
		echo '<html><body><h1>Access denied</h1><p>Request blocked by the site firewall.</p></body></html>';
		exit;
	},
	0
);

/*
 * The scheduled status checks (`meum_wc_reconcile`) would read, from the site's WP-Cron and Action
 * Scheduler runs, the invoices every earlier test left behind, and add requests to the sandbox log
 * that other tests assert empty. They run only when the option `meum_wc_test_background_checks` is
 * "yes" or the process has MEUM_WC_TEST_BACKGROUND_CHECKS=1 in its environment; otherwise the hook
 * keeps a no-op callback (Action Scheduler fails an action whose hook has none).
 */
add_action(
	'plugins_loaded',
	static function () {
		if ( '1' === getenv( 'MEUM_WC_TEST_BACKGROUND_CHECKS' ) || 'yes' === get_option( 'meum_wc_test_background_checks' ) ) {
			return;
		}
		remove_all_actions( 'meum_wc_reconcile' );
		add_action( 'meum_wc_reconcile', '__return_null' );
	},
	20
);

/*
 * DISABLE_WP_CRON as a host sets it, when the option `meum_wc_test_disable_wp_cron` is "yes": page
 * loads no longer spawn WP-Cron; a request to wp-cron.php (a system cron) still runs it.
 */
if ( 'yes' === get_option( 'meum_wc_test_disable_wp_cron' ) && ! defined( 'DISABLE_WP_CRON' ) ) {
	define( 'DISABLE_WP_CRON', true );
}

/*
 * No Action Scheduler async request runner (what wp-admin page loads start, and what keeps itself
 * going while actions are due), when the option `meum_wc_test_no_async_runner` is "yes".
 */
if ( 'yes' === get_option( 'meum_wc_test_no_async_runner' ) ) {
	add_filter( 'action_scheduler_allow_async_request_runner', '__return_false' );
}
