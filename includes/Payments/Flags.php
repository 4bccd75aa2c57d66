<?php
/**
 * Payment flags for the merchant.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Database\Tables;

defined( 'ABSPATH' ) || exit;

/**
 * The "flag" of Meum API Part A §A5: a payment the merchant must look at (paid another way, paid
 * twice, overpaid, underpaid, another currency, a cancelled order). The order gets a note from
 * {@see Order_Updater}; this class keeps the settings-page item until it is dismissed.
 *
 * One row per (order, kind) in `{prefix}meum_wc_flags`, written by one atomic statement, so flags
 * raised by parallel webhook deliveries on several web nodes are all kept (a read-modify-write of
 * one option would lose all but one). Raising a flag again updates its message and time ("flag
 * updated"). At most 50 are kept: raising a 51st drops the oldest.
 */
class Flags {

	/** The option of plugin versions before data version 5 (moved into the table by the upgrade). */
	public const LEGACY_OPTION = 'meum_wc_payment_flags';

	/** Most items kept. */
	public const CAP = 50;

	/**
	 * Raises (or updates) a flag.
	 *
	 * @param int    $order_id Order id.
	 * @param string $kind     Flag kind (see Outcome_Rules::FLAG_*).
	 * @param string $message  What the merchant should do, already translated.
	 * @param int    $now      Unix time.
	 * @return string The flag's id (stable per order and kind).
	 */
	public function raise( int $order_id, string $kind, string $message, int $now ): string {
		global $wpdb;
		$id    = substr( md5( $order_id . ':' . $kind ), 0, 12 );
		$table = Tables::name( Tables::FLAGS );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table; one atomic upsert.
		$wpdb->query( $wpdb->prepare( "INSERT INTO $table (flag_id, order_id, kind, message, raised_at) VALUES (%s, %d, %s, %s, %d) ON DUPLICATE KEY UPDATE message = VALUES(message), raised_at = VALUES(raised_at)", $id, $order_id, $kind, $message, $now ) );
		$this->drop_beyond_cap();
		return $id;
	}

	/**
	 * Drops the flags older than the newest CAP (they would never be listed).
	 *
	 * @return void
	 */
	private function drop_beyond_cap(): void {
		global $wpdb;
		$table = Tables::name( Tables::FLAGS );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$first_dropped = $wpdb->get_row( $wpdb->prepare( "SELECT id, raised_at FROM $table ORDER BY raised_at DESC, id DESC LIMIT 1 OFFSET %d", self::CAP ), ARRAY_A );
		if ( is_array( $first_dropped ) ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE raised_at < %d OR ( raised_at = %d AND id <= %d )", $first_dropped['raised_at'], $first_dropped['raised_at'], $first_dropped['id'] ) );
		}
		// phpcs:enable
	}

	/**
	 * The newest flags, oldest first.
	 *
	 * @return array<int, array{id: string, order_id: int, kind: string, message: string, at: int}>
	 *         At most CAP items; empty when there are none (or the table is missing).
	 */
	public function all(): array {
		global $wpdb;
		$table = Tables::name( Tables::FLAGS );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table, read fresh (no cache to go stale across web nodes).
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT flag_id, order_id, kind, message, raised_at FROM $table ORDER BY raised_at DESC, id DESC LIMIT %d", self::CAP ), ARRAY_A );
		$flags = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$flags[] = array(
				'id'       => (string) $row['flag_id'],
				'order_id' => (int) $row['order_id'],
				'kind'     => (string) $row['kind'],
				'message'  => (string) $row['message'],
				'at'       => (int) $row['raised_at'],
			);
		}
		return array_reverse( $flags );
	}

	/**
	 * Dismisses a flag.
	 *
	 * @param string $id Flag id.
	 * @return bool True when it existed.
	 */
	public function dismiss( string $id ): bool {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
		return (int) $wpdb->delete( Tables::name( Tables::FLAGS ), array( 'flag_id' => $id ), array( '%s' ) ) > 0;
	}

	/**
	 * Moves the flags of the option used before data version 5 into the table, then deletes it.
	 *
	 * @return void
	 */
	public function move_legacy_option(): void {
		$stored = get_option( self::LEGACY_OPTION, array() );
		foreach ( is_array( $stored ) ? $stored : array() as $flag ) {
			if ( is_array( $flag ) && isset( $flag['order_id'], $flag['kind'], $flag['message'], $flag['at'] ) ) {
				$this->raise( (int) $flag['order_id'], (string) $flag['kind'], (string) $flag['message'], (int) $flag['at'] );
			}
		}
		delete_option( self::LEGACY_OPTION );
	}
}
