<?php
/**
 * BENCH-ONLY: appends the number of database queries of the request to front-end HTML pages as
 * `<!-- meum-bench-queries: N -->`, so bench/measure.ts can compare plugin on and off. Linked into
 * mu-plugins by bench/run.sh only; never shipped.
 *
 * @package Meum\WooCommerce\Bench
 */

add_action(
	'shutdown',
	static function () {
		if ( 'cli' === PHP_SAPI || is_admin() || wp_doing_ajax() || wp_doing_cron() || ( defined( 'REST_REQUEST' ) && REST_REQUEST ) ) {
			return;
		}
		echo "\n<!-- meum-bench-queries: " . (int) get_num_queries() . " -->\n"; // phpcs:ignore WordPress.Security.EscapeOutput
	},
	PHP_INT_MAX
);
