<?php
/**
 * Must-use plugin of the local WordPress (bin/wp-local.sh `build` copies it into wp-content/mu-plugins):
 * offline, api.wordpress.org (update and translation checks) answers with a quiet 503 instead of a
 * logged warning. Never shipped.
 *
 * @package Meum\WooCommerce\Tools
 */

add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		unset( $args );
		if ( 'api.wordpress.org' === wp_parse_url( $url, PHP_URL_HOST ) ) {
			return array(
				'headers'  => array(),
				'body'     => '',
				'response' => array(
					'code'    => 503,
					'message' => 'Offline',
				),
				'cookies'  => array(),
				'filename' => null,
			);
		}
		return $pre;
	},
	10,
	3
);
