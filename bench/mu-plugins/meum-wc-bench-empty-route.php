<?php
/**
 * BENCH-ONLY: an empty public REST route (`POST /wp-json/meum-bench/v1/empty`), the baseline the
 * webhook receiver's acknowledgement time is compared with. Linked into mu-plugins by
 * bench/run.sh only; never shipped.
 *
 * @package Meum\WooCommerce\Bench
 */

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'meum-bench/v1',
			'/empty',
			array(
				'methods'             => 'POST',
				'permission_callback' => '__return_true',
				'callback'            => static function () {
					return array( 'received' => true );
				},
			)
		);
	}
);
