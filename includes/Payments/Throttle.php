<?php
/**
 * Rate limits enforced in the database.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Database\Tables;

defined( 'ABSPATH' ) || exit;

/**
 * Fixed-window rate limits kept in `{prefix}meum_wc_throttle` (one row per bucket: its window's
 * start and the hits counted in it). A hit is taken by ONE conditional UPDATE (start a new window
 * when the old one is over, else count one more while under the limit), so the limit holds across
 * PHP processes and web nodes on SQLite and MariaDB alike: the database serialises the updates of
 * one row, and the affected-row count says whether this request got the hit. No object cache and
 * no read-then-write is involved.
 *
 * Contract: issue 11 ("Live return page": at most one check per order per 10 s and 30 per minute
 * per site, enforced in the database).
 */
class Throttle {

	/**
	 * Takes one hit of a bucket when its limit allows it.
	 *
	 * @param string $bucket         Bucket name (at most 100 characters), e.g. `return_page:order:12`.
	 * @param int    $limit          Hits allowed per window (at least 1).
	 * @param int    $window_seconds Length of a window in seconds (at least 1).
	 * @param int    $now            Unix time.
	 * @return bool True when this call took a hit; false when the window's hits are used up (or the
	 *              database refused the write: fail closed, no check runs).
	 */
	public function hit( string $bucket, int $limit, int $window_seconds, int $now ): bool {
		global $wpdb;
		$table = Tables::name( Tables::THROTTLE );
		$start = gmdate( 'Y-m-d H:i:s', $now );
		$over  = gmdate( 'Y-m-d H:i:s', $now - max( 1, $window_seconds ) );
		$limit = max( 1, $limit );

		$suppress = $wpdb->suppress_errors( true );
		// The row exists from the first hit on; a concurrent insert of the same bucket is ignored.
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO $table (bucket, window_start, hits) VALUES (%s, %s, 0)", $bucket, $start ) );
		// `hits` is assigned before `window_start`, so both CASEs read the old window (MySQL assigns
		// left to right; SQLite reads old values everywhere).
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$taken = $wpdb->query( $wpdb->prepare( "UPDATE $table SET hits = CASE WHEN window_start <= %s THEN 1 ELSE hits + 1 END, window_start = CASE WHEN window_start <= %s THEN %s ELSE window_start END WHERE bucket = %s AND ( window_start <= %s OR hits < %d )", $over, $over, $start, $bucket, $over, $limit ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === (int) $taken;
	}

	/**
	 * Deletes the buckets whose window started before a time (their counts no longer matter).
	 *
	 * @param int $before Unix time.
	 * @return void
	 */
	public function prune( int $before ): void {
		global $wpdb;
		$table = Tables::name( Tables::THROTTLE );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE window_start < %s", gmdate( 'Y-m-d H:i:s', $before ) ) );
	}
}
