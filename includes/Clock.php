<?php
/**
 * The time, in one filterable place.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce;

defined( 'ABSPATH' ) || exit;

/**
 * Gives the current Unix time for the checks that depend on it (webhook timestamp window, secret
 * rotation grace), through the `meum_wc_current_time` filter so tests can move the clock.
 */
class Clock {

	/**
	 * The current time.
	 *
	 * @return int Unix time in seconds, as filtered by `meum_wc_current_time`.
	 */
	public function now(): int {
		/**
		 * Filters the time the plugin's time-window checks use.
		 *
		 * @param int $now Unix time in seconds.
		 */
		return (int) apply_filters( 'meum_wc_current_time', time() );
	}
}
