<?php
/**
 * TEST-ONLY support for the Meum for WooCommerce test suite. Never shipped: the release zip
 * leaves out tests/, and only the test command links this file into mu-plugins.
 *
 * - Shortens the plugin's Meum request timeout to 2 seconds (the sandbox's slow scenario is slower).
 * - When the option `meum_wc_test_woocommerce_shim` is set, or the environment variable
 *   MEUM_WC_TEST_WOOCOMMERCE is "1", imitates exactly what the plugin reads of WooCommerce, because
 *   WooCommerce itself cannot be installed offline: the `WooCommerce` class, `WC_VERSION`, the
 *   `manage_woocommerce` capability (administrator and shop manager), the "woocommerce" admin menu,
 *   the three Action Scheduler functions the plugin calls (recorded in a global, not run) and
 *   wc_get_logger() (lines recorded in a global).
 *   It is not WooCommerce and does nothing else.
 *
 * @package Meum\WooCommerce\Tests
 */

add_filter(
	'meum_wc_http_timeout',
	static function () {
		return 2.0;
	}
);

if ( '1' === getenv( 'MEUM_WC_TEST_WOOCOMMERCE' ) || get_option( 'meum_wc_test_woocommerce_shim' ) ) {
	define( 'WC_VERSION', '9.9.0' );

	// phpcs:ignore Generic.Files.OneObjectStructurePerFile.MultipleFound -- test shim.
	class WooCommerce {
		/**
		 * Imitated version.
		 *
		 * @var string
		 */
		public $version = WC_VERSION;
	}

	add_action(
		'init',
		static function () {
			if ( ! get_role( 'shop_manager' ) ) {
				add_role( 'shop_manager', 'Shop manager', array( 'read' => true, 'manage_woocommerce' => true ) );
			}
			$admin = get_role( 'administrator' );
			if ( $admin && ! $admin->has_cap( 'manage_woocommerce' ) ) {
				$admin->add_cap( 'manage_woocommerce' );
			}
		},
		1
	);

	$GLOBALS['meum_wc_test_scheduled_actions'] = array();
	$GLOBALS['meum_wc_test_wc_log']            = array();

	/**
	 * Imitation of wc_get_logger(): records lines in a global instead of WooCommerce's log files.
	 *
	 * @return object With log( $level, $message, $context ).
	 */
	function wc_get_logger() {
		return new class() {
			/**
			 * Records a line.
			 *
			 * @param string $level   Level.
			 * @param string $message Message.
			 * @param array  $context Context.
			 * @return void
			 */
			public function log( $level, $message, $context = array() ) {
				$GLOBALS['meum_wc_test_wc_log'][] = array( $level, $message, $context );
			}
		};
	}

	/**
	 * Imitation of Action Scheduler's as_has_scheduled_action().
	 *
	 * @param string $hook  Hook.
	 * @param array  $args  Arguments.
	 * @param string $group Group.
	 * @return bool
	 */
	function as_has_scheduled_action( $hook, $args = null, $group = '' ) {
		return isset( $GLOBALS['meum_wc_test_scheduled_actions'][ $group . '/' . $hook ] );
	}

	/**
	 * Imitation of Action Scheduler's as_schedule_recurring_action().
	 *
	 * @param int    $timestamp First run.
	 * @param int    $interval  Seconds between runs.
	 * @param string $hook      Hook.
	 * @param array  $args      Arguments.
	 * @param string $group     Group.
	 * @return int Action id.
	 */
	function as_schedule_recurring_action( $timestamp, $interval, $hook, $args = array(), $group = '' ) {
		$GLOBALS['meum_wc_test_scheduled_actions'][ $group . '/' . $hook ] = array( $timestamp, $interval );
		return count( $GLOBALS['meum_wc_test_scheduled_actions'] );
	}

	/**
	 * Imitation of Action Scheduler's as_unschedule_all_actions().
	 *
	 * @param string $hook  Hook.
	 * @param array  $args  Arguments.
	 * @param string $group Group.
	 * @return void
	 */
	function as_unschedule_all_actions( $hook, $args = array(), $group = '' ) {
		foreach ( array_keys( $GLOBALS['meum_wc_test_scheduled_actions'] ) as $key ) {
			if ( substr( $key, -strlen( '/' . $hook ) ) === '/' . $hook ) {
				unset( $GLOBALS['meum_wc_test_scheduled_actions'][ $key ] );
			}
		}
	}

	add_action(
		'admin_menu',
		static function () {
			add_menu_page( 'WooCommerce', 'WooCommerce', 'manage_woocommerce', 'woocommerce', '__return_null', 'dashicons-cart', 55 );
		},
		9
	);
}

/*
 * Imitates something in front of WordPress that blocks or redirects the webhook route, when the
 * option `meum_wc_test_block_webhook` is "403" (a firewall page) or "redirect" (a 301 elsewhere).
 * Used by the tests of "Test webhook delivery".
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
		status_header( 403 );
		header( 'Content-Type: text/html' );
		echo '<html><body><h1>Access denied</h1><p>Request blocked by the site firewall.</p></body></html>';
		exit;
	},
	0
);
