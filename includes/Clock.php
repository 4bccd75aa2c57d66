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
 * Gives the current Unix time wherever the plugin compares or records a time (webhook timestamp
 * window, secret rotation grace, self-test token, connect and status-check times, the handshake
 * log, event pruning, log lines), through the `meum_wc_current_time` filter so tests can move the
 * clock. Every class that needs the time receives this object; none calls `time()` itself (the
 * scheduling of WP-Cron and Action Scheduler events alone uses the real time).
 */
class Clock {

	/**
	 * The current time.
	 *
	 * @return int Unix time in seconds, as filtered by `meum_wc_current_time`.
	 */
	public function now(): int {
		/**
		 * Filters the time the plugin compares and records.
		 *
		 * @param int $now Unix time in seconds.
		 */
		return (int) apply_filters( 'meum_wc_current_time', time() );
	}
}
