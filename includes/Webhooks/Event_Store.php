<?php
/**
 * Processed webhook events, with the database as the idempotency guard.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Database\Tables;

defined( 'ABSPATH' ) || exit;

/**
 * Claims an event id by inserting its row; the table's unique key on `event_id` makes exactly one
 * of any number of concurrent claims (in any number of PHP processes) succeed. A claim is released
 * when a handler fails, so Meum's retry is processed. Rows are kept at least 30 days.
 */
class Event_Store {

	/** Claim succeeded: this process handles the event. */
	public const CLAIMED = 'claimed';

	/** The event was claimed before: a duplicate. */
	public const DUPLICATE = 'duplicate';

	/** The claim could not be written (database error). */
	public const FAILED = 'failed';

	/** How long records are kept at least, in seconds. */
	public const RETENTION = 30 * DAY_IN_SECONDS;

	/** The daily pruning event's hook. */
	public const PRUNE_HOOK = 'meum_wc_prune_webhook_events';

	/** Rows deleted per pruning query. */
	public const PRUNE_BATCH = 500;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the store.
	 *
	 * @param Clock|null $clock The time (default: the real one).
	 */
	public function __construct( ?Clock $clock = null ) {
		$this->clock = $clock ?? new Clock();
	}

	/**
	 * Claims an event.
	 *
	 * @param array $event The event's facts: `event_id`, `event_type`, `invoice_id`, `external_order_id`, `source`.
	 * @param int   $now   Unix time of receipt.
	 * @return string CLAIMED, DUPLICATE or FAILED.
	 *
	 * @phpstan-param array{event_id: string, event_type: string, invoice_id: string|null, external_order_id: string|null, source: string} $event
	 */
	public function claim( array $event, int $now ): string {
		global $wpdb;
		$table    = Tables::name( Tables::EVENTS );
		$suppress = $wpdb->suppress_errors( true );
		// The unique key is the lock. The table name is the plugin's own (Tables::name()).
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$inserted = $wpdb->query(
			$wpdb->prepare(
				"INSERT IGNORE INTO $table (event_id, event_type, invoice_id, external_order_id, source, received_at) VALUES (%s, %s, %s, %s, %s, %s)",
				$event['event_id'],
				$event['event_type'],
				$event['invoice_id'],
				$event['external_order_id'],
				$event['source'],
				gmdate( 'Y-m-d H:i:s', $now )
			)
		);
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		if ( false === $inserted ) {
			return self::FAILED;
		}
		return 1 === (int) $inserted ? self::CLAIMED : self::DUPLICATE;
	}

	/**
	 * Releases a claim (after a failed handler), so a retry is processed.
	 *
	 * @param string $event_id Event id.
	 * @return void
	 */
	public function release( string $event_id ): void {
		global $wpdb;
		$wpdb->delete( Tables::name( Tables::EVENTS ), array( 'event_id' => $event_id ), array( '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	/**
	 * Finds an event's record.
	 *
	 * @param string $event_id Event id.
	 * @return array<string, string|null>|null The row, or null.
	 */
	public function find( string $event_id ): ?array {
		global $wpdb;
		$table = Tables::name( Tables::EVENTS );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT event_id, event_type, invoice_id, external_order_id, source, received_at FROM $table WHERE event_id = %s", $event_id ), ARRAY_A );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * The daily event's job: prunes as of now.
	 *
	 * @return void
	 */
	public function prune_expired(): void {
		$this->prune( $this->clock->now() );
	}

	/**
	 * Deletes records older than the retention period, in batches.
	 *
	 * @param int $now         Unix time.
	 * @param int $max_batches Most batches in one run (the daily event comes back tomorrow).
	 * @return int Rows deleted.
	 */
	public function prune( int $now, int $max_batches = 20 ): int {
		global $wpdb;
		$table   = Tables::name( Tables::EVENTS );
		$cutoff  = gmdate( 'Y-m-d H:i:s', $now - self::RETENTION );
		$deleted = 0;
		for ( $batch = 0; $batch < $max_batches; $batch++ ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$ids = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM $table WHERE received_at < %s ORDER BY id LIMIT %d", $cutoff, self::PRUNE_BATCH ) );
			if ( array() === $ids ) {
				break;
			}
			$list     = implode( ',', array_map( 'intval', $ids ) );
			$deleted += (int) $wpdb->query( "DELETE FROM $table WHERE id IN ($list)" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- integers only.
		}
		return $deleted;
	}
}
