<?php
/**
 * The plugin's table of Meum invoices.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Database\Tables;

defined( 'ABSPATH' ) || exit;

/**
 * Repository over `{prefix}meum_wc_invoices` (issue 10: "an indexed plugin table maps each invoice
 * id (unique) to its order, suffix, amount, currency, last known status and next check time").
 * Prepared `$wpdb` queries only; every datetime is UTC `Y-m-d H:i:s`. `next_check_at` stays NULL
 * until the scheduled checks (issue 11) fill it.
 */
class Invoice_Table {

	/** The columns a row is returned with. */
	private const COLUMNS = 'invoice_id, order_id, suffix, external_order_id, amount, currency, status, checkout_url, expires_at, next_check_at, created_at, updated_at';

	/**
	 * Inserts the invoice, or updates its row when the invoice id is known.
	 *
	 * @param int     $order_id Order id.
	 * @param int     $suffix   1 for "1234", 2 for "1234-2", and so on.
	 * @param Invoice $invoice  Meum's answer.
	 * @param int     $now      Unix time.
	 * @return void
	 */
	public function record( int $order_id, int $suffix, Invoice $invoice, int $now ): void {
		global $wpdb;
		$table   = Tables::name( Tables::INVOICES );
		$time    = gmdate( 'Y-m-d H:i:s', $now );
		$expires = null === $invoice->expires_at() ? null : gmdate( 'Y-m-d H:i:s', $invoice->expires_at() );
		$values  = array(
			'order_id'          => $order_id,
			'suffix'            => $suffix,
			'external_order_id' => $invoice->external_order_id(),
			'amount'            => $invoice->amount(),
			'currency'          => $invoice->currency(),
			'status'            => $invoice->status(),
			'checkout_url'      => $invoice->checkout_url(),
			'expires_at'        => $expires,
			'updated_at'        => $time,
		);
		$formats = array( '%d', '%d', '%s', '%s', '%s', '%s', '%s', '%s', '%s' );
		if ( null !== $this->find( $invoice->id() ) ) {
			$wpdb->update( $table, $values, array( 'invoice_id' => $invoice->id() ), $formats, array( '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			return;
		}
		$values['invoice_id'] = $invoice->id();
		$values['created_at'] = $time;
		$formats[]            = '%s';
		$formats[]            = '%s';
		$suppress             = $wpdb->suppress_errors( true );
		$inserted             = $wpdb->insert( $table, $values, $formats ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->suppress_errors( $suppress );
		if ( false === $inserted ) {
			// Another process inserted it in between (unique invoice_id): update that row instead.
			unset( $values['invoice_id'], $values['created_at'] );
			$wpdb->update( $table, $values, array( 'invoice_id' => $invoice->id() ), array_slice( $formats, 0, 9 ), array( '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
	}

	/**
	 * Stores the last known Meum status of an invoice.
	 *
	 * @param string $invoice_id Invoice id.
	 * @param string $status     Meum status.
	 * @param int    $now        Unix time.
	 * @return void
	 */
	public function update_status( string $invoice_id, string $status, int $now ): void {
		global $wpdb;
		$wpdb->update( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			Tables::name( Tables::INVOICES ),
			array(
				'status'     => strtolower( $status ),
				'updated_at' => gmdate( 'Y-m-d H:i:s', $now ),
			),
			array( 'invoice_id' => $invoice_id ),
			array( '%s', '%s' ),
			array( '%s' )
		);
	}

	/**
	 * One invoice's row.
	 *
	 * @param string $invoice_id Invoice id.
	 * @return array<string, string|null>|null `invoice_id, order_id, suffix, external_order_id, amount,
	 *         currency, status, checkout_url, expires_at, next_check_at, created_at, updated_at`
	 *         (as the database returns them: strings, NULL datetimes as null), or null when unknown.
	 */
	public function find( string $invoice_id ): ?array {
		global $wpdb;
		$table   = Tables::name( Tables::INVOICES );
		$columns = self::COLUMNS;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixed table and column names.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT $columns FROM $table WHERE invoice_id = %s", $invoice_id ), ARRAY_A );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * The order's invoice history.
	 *
	 * @param int $order_id Order id.
	 * @return array<int, array<string, string|null>> Rows as {@see find()} returns them, oldest first.
	 */
	public function for_order( int $order_id ): array {
		global $wpdb;
		$table   = Tables::name( Tables::INVOICES );
		$columns = self::COLUMNS;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixed table and column names.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT $columns FROM $table WHERE order_id = %d ORDER BY id ASC", $order_id ), ARRAY_A );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * How many orders wait for Meum.
	 *
	 * @return int Distinct orders with at least one invoice whose last known status is open.
	 */
	public function orders_waiting(): int {
		global $wpdb;
		$table   = Tables::name( Tables::INVOICES );
		$open    = Invoice::OPEN_STATUSES;
		$holders = implode( ', ', array_fill( 0, count( $open ), '%s' ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- fixed table name, one placeholder per status.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT( DISTINCT order_id ) FROM $table WHERE status IN ( $holders )", $open ) );
	}
}
