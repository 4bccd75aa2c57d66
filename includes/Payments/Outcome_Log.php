<?php
/**
 * The applied outcomes.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Database\Tables;

defined( 'ABSPATH' ) || exit;

/**
 * Meum API §A5 "Outcomes": each outcome is keyed by (invoice id, invoice status) and applied at most
 * once, whatever its source. `{prefix}meum_wc_outcomes` holds that key as a UNIQUE index, so the
 * database, not memory, refuses a second record.
 */
class Outcome_Log {

	/** The sources an outcome is recorded from. */
	public const SOURCES = array( 'webhook', 'checkout', 'admin', 'check', 'reconciliation', 'return_page' );

	/**
	 * Whether the outcome was recorded.
	 *
	 * @param string $invoice_id Invoice id.
	 * @param string $status     Meum invoice status.
	 * @return bool True when (invoice id, status) is recorded.
	 */
	public function has( string $invoice_id, string $status ): bool {
		global $wpdb;
		$table = Tables::name( Tables::OUTCOMES );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		return null !== $wpdb->get_var( $wpdb->prepare( "SELECT id FROM $table WHERE invoice_id = %s AND status = %s", $invoice_id, strtolower( $status ) ) );
	}

	/**
	 * Records an outcome (after the order change it stands for succeeded).
	 *
	 * @param string $invoice_id Invoice id.
	 * @param string $status     Meum invoice status.
	 * @param int    $order_id   Order id.
	 * @param string $source     One of SOURCES.
	 * @param int    $now        Unix time.
	 * @return bool True when this call recorded it; false when the unique key already held it (or
	 *              the write failed).
	 */
	public function record( string $invoice_id, string $status, int $order_id, string $source, int $now ): bool {
		global $wpdb;
		$table    = Tables::name( Tables::OUTCOMES );
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO $table (invoice_id, status, order_id, source, applied_at) VALUES (%s, %s, %d, %s, %s)", $invoice_id, strtolower( $status ), $order_id, $source, gmdate( 'Y-m-d H:i:s', $now ) ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === (int) $inserted;
	}
}
