<?php
/**
 * TEST-ONLY support for the Meum for WooCommerce test suite. Never shipped: the release zip
 * leaves out tests/, and only the test command links this file into mu-plugins.
 *
 * - Shortens the plugin's Meum request timeout to 2 seconds (the sandbox's slow scenario is slower).
 * - Imitates a firewall or a redirect in front of the webhook route, on request (below).
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
