<?php
/**
 * The per-order lock.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Database\Tables;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Meum API §A5 "the per-order lock": one row per order in `{prefix}meum_wc_order_locks`, taken by
 * one atomic statement (an `INSERT IGNORE`, or an `UPDATE` of an expired row), so it holds across
 * PHP processes and web nodes on SQLite and MariaDB alike. A lock expires after 30 s, so a process
 * that died holding it blocks the order for 30 s at most. Never a transient's get-then-set.
 * A holder may name itself (its token starts with `<holder>.`), so a process that had to wait
 * learns who held the order: a webhook that waited for a checkout knows the checkout may not have
 * stored its new invoice (issue 11).
 */
class Order_Lock {

	/** Seconds after which a held lock may be taken by another process. */
	public const EXPIRY = 30;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the lock.
	 *
	 * @param Clock|null $clock The time (default: the real one).
	 */
	public function __construct( ?Clock $clock = null ) {
		$this->clock = $clock ?? new Clock();
	}

	/**
	 * Takes the order's lock, waiting for it up to the given time.
	 *
	 * @param int         $order_id     Order id.
	 * @param float       $wait_seconds Longest wait; 0 tries once.
	 * @param string      $holder       Who takes it (`checkout`, …; lowercase letters), or ''.
	 * @param string|null $waited_for   Set to the named holder this call found holding the lock
	 *                                  (the last one seen), '' for an unnamed one, null when it
	 *                                  was free at the first try.
	 * @return string|null The token that releases it, or null when it was not taken in time.
	 */
	public function acquire( int $order_id, float $wait_seconds, string $holder = '', ?string &$waited_for = null ): ?string {
		$token      = ( '' === $holder ? '' : preg_replace( '/[^a-z_]/', '', $holder ) . '.' ) . bin2hex( random_bytes( 16 ) );
		$deadline   = microtime( true ) + max( 0.0, $wait_seconds );
		$waited_for = null;
		while ( true ) {
			if ( $this->try_take( $order_id, $token ) ) {
				return $token;
			}
			$waited_for = $this->holder_of( $order_id ) ?? $waited_for;
			$left       = $deadline - microtime( true );
			if ( $left <= 0 ) {
				return null;
			}
			usleep( (int) min( $left * 1000000, wp_rand( 50000, 150000 ) ) );
		}
	}

	/**
	 * Releases the lock, if the token still holds it.
	 *
	 * @param int    $order_id Order id.
	 * @param string $token    Token from {@see acquire()}.
	 * @return void
	 */
	public function release( int $order_id, string $token ): void {
		global $wpdb;
		$wpdb->delete( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			Tables::name( Tables::ORDER_LOCKS ),
			array(
				'order_id' => $order_id,
				'token'    => $token,
			),
			array( '%d', '%s' )
		);
	}

	/**
	 * Runs work under the order's lock, releasing it in `finally`.
	 *
	 * @param int      $order_id     Order id.
	 * @param float    $wait_seconds Longest wait for the lock.
	 * @param callable $work         Work; gets the holder it waited for (see {@see acquire()}'s
	 *                               `$waited_for`: string, or null when the lock was free).
	 * @param string   $holder       Who takes it (`checkout`, …), or ''.
	 * @return mixed|WP_Error What the work returned, or `meum_order_locked` (status 409) when the
	 *                        lock was not taken in time (the work did not run). Exceptions of the
	 *                        work pass through after the release.
	 */
	public function run( int $order_id, float $wait_seconds, callable $work, string $holder = '' ) {
		$waited_for = null;
		$token      = $this->acquire( $order_id, $wait_seconds, $holder, $waited_for );
		if ( null === $token ) {
			return new WP_Error( 'meum_order_locked', __( 'This order is being updated by another request. Try again in a moment.', 'meum-woocommerce' ), array( 'status' => 409 ) );
		}
		try {
			return $work( $waited_for );
		} finally {
			$this->release( $order_id, $token );
		}
	}

	/**
	 * Who holds the order's lock now.
	 *
	 * @param int $order_id Order id.
	 * @return string|null The holder's name ('' for an unnamed holder), or null when it is free.
	 */
	private function holder_of( int $order_id ): ?string {
		global $wpdb;
		$table = Tables::name( Tables::ORDER_LOCKS );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$token = $wpdb->get_var( $wpdb->prepare( "SELECT token FROM $table WHERE order_id = %d", $order_id ) );
		if ( ! is_string( $token ) ) {
			return null;
		}
		$dot = strpos( $token, '.' );
		return false === $dot ? '' : substr( $token, 0, $dot );
	}

	/**
	 * One atomic attempt: insert the row, else take it over when it has expired.
	 *
	 * @param int    $order_id Order id.
	 * @param string $token    This holder's token.
	 * @return bool Whether this holder now has the lock.
	 */
	private function try_take( int $order_id, string $token ): bool {
		global $wpdb;
		$table    = Tables::name( Tables::ORDER_LOCKS );
		$now      = $this->clock->now();
		$expires  = gmdate( 'Y-m-d H:i:s', $now + self::EXPIRY );
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO $table (order_id, token, expires_at) VALUES (%d, %s, %s)", $order_id, $token, $expires ) );
		if ( 1 !== (int) $inserted ) {
			$inserted = $wpdb->query( $wpdb->prepare( "UPDATE $table SET token = %s, expires_at = %s WHERE order_id = %d AND expires_at < %s", $token, $expires, $order_id, gmdate( 'Y-m-d H:i:s', $now ) ) );
		}
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		return 1 === (int) $inserted;
	}
}
