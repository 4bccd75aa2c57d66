<?php
/**
 * Aggregated webhook counters.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use Meum\WooCommerce\Database\Tables;

defined( 'ABSPATH' ) || exit;

/**
 * One row per (source, counter) with an atomic increment, so a flood of refused deliveries costs
 * a fixed number of rows. Sources: `meum` (deliveries from Meum or anyone else) and `self_test`
 * (the site's own test deliveries). Counters: `accepted`, `duplicate`, `refused:<reason>`.
 */
class Health_Counters {

	/** Deliveries from Meum (and from anyone who is not the site's self-test). */
	public const SOURCE_MEUM = 'meum';

	/** The site's own test deliveries. */
	public const SOURCE_SELF_TEST = 'self_test';

	/**
	 * Adds one to a counter.
	 *
	 * @param string $source  SOURCE_* constant.
	 * @param string $counter `accepted`, `duplicate` or `refused:<reason>`.
	 * @param string $detail  Event type or reason, kept as the counter's latest detail.
	 * @param int    $now     Unix time.
	 * @return void
	 */
	public function increment( string $source, string $counter, string $detail, int $now ): void {
		global $wpdb;
		$table = Tables::name( Tables::COUNTERS );
		$at    = gmdate( 'Y-m-d H:i:s', $now );
		// An atomic upsert into the plugin's own table (Tables::name()).
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query(
			$wpdb->prepare(
				"INSERT INTO $table (source, counter, count, last_at, last_detail) VALUES (%s, %s, 1, %s, %s) ON DUPLICATE KEY UPDATE count = count + 1, last_at = VALUES(last_at), last_detail = VALUES(last_detail)",
				$source,
				substr( $counter, 0, 64 ),
				$at,
				substr( $detail, 0, 64 )
			)
		);
		// phpcs:enable
	}

	/**
	 * Every counter of a source.
	 *
	 * @param string $source SOURCE_* constant.
	 * @return array<string, array{count: int, last_at: int|null, last_detail: string|null}> Keyed by counter.
	 */
	public function all( string $source ): array {
		global $wpdb;
		$table = Tables::name( Tables::COUNTERS );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rows     = (array) $wpdb->get_results( $wpdb->prepare( "SELECT counter, count, last_at, last_detail FROM $table WHERE source = %s", $source ), ARRAY_A );
		$counters = array();
		foreach ( $rows as $row ) {
			$counters[ (string) $row['counter'] ] = array(
				'count'       => (int) $row['count'],
				'last_at'     => null !== $row['last_at'] ? (int) strtotime( $row['last_at'] . ' UTC' ) : null,
				'last_detail' => null !== $row['last_detail'] ? (string) $row['last_detail'] : null,
			);
		}
		return $counters;
	}

	/**
	 * Starts counting afresh (after a new handshake: "monitoring since").
	 *
	 * @return void
	 */
	public function reset(): void {
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Tables::name( Tables::COUNTERS ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- fixed table name.
	}
}
