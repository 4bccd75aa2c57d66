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
 * It also keeps the payment facts Meum last gave for each invoice ({@see FACTS}), from every
 * invoice answer and every verified event, so the order screens show them without asking Meum.
 * Prepared `$wpdb` queries only; every datetime is UTC `Y-m-d H:i:s`. `next_check_at` stays NULL
 * until the scheduled checks (issue 11) fill it.
 */
class Invoice_Table {

	/** The columns a row is returned with. */
	private const COLUMNS = 'invoice_id, order_id, suffix, external_order_id, amount, currency, status, checkout_url, paid_amount, difference_amount, settlement_asset, transaction_hash, paid_at, expires_at, next_check_at, created_at, updated_at';

	/**
	 * The payment facts kept per invoice: column => the fields of Meum's invoice answer or event
	 * data it is taken from, the first one given wins (§A5 "Reading an invoice", §A4 event data:
	 * `tx_hash`, `output_asset`). A fact Meum does not give keeps its stored value.
	 */
	public const FACTS = array(
		'paid_amount'       => array( 'received_amount', 'paid_amount' ),
		'difference_amount' => array( 'difference_amount' ),
		'settlement_asset'  => array( 'settlement_asset', 'output_asset', 'asset' ),
		'transaction_hash'  => array( 'transaction_hash', 'tx_hash' ),
		'paid_at'           => array( 'paid_at' ),
	);

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
		$facts   = self::facts( self::fields_of( $invoice ) );
		$values  = array_merge( $values, $facts );
		$formats = array_merge( array( '%d', '%d' ), array_fill( 0, count( $values ) - 2, '%s' ) );
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
			$wpdb->update( $table, $values, array( 'invoice_id' => $invoice->id() ), array_slice( $formats, 0, count( $values ) ), array( '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
	}

	/**
	 * Stores the last known Meum status of an invoice, with the payment facts Meum gave with it.
	 *
	 * @param string               $invoice_id Invoice id.
	 * @param string               $status     Meum status.
	 * @param int                  $now        Unix time.
	 * @param array<string, mixed> $fields     Meum's fields seen with the status: an invoice answer
	 *                                         ({@see fields_of()}) or a verified event's `data`;
	 *                                         the {@see FACTS} among them are stored.
	 * @return void
	 */
	public function update_status( string $invoice_id, string $status, int $now, array $fields = array() ): void {
		global $wpdb;
		$values = array_merge(
			array(
				'status'     => strtolower( $status ),
				'updated_at' => gmdate( 'Y-m-d H:i:s', $now ),
			),
			self::facts( $fields )
		);
		$wpdb->update( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			Tables::name( Tables::INVOICES ),
			$values,
			array( 'invoice_id' => $invoice_id ),
			array_fill( 0, count( $values ), '%s' ),
			array( '%s' )
		);
	}

	/**
	 * The fields of an invoice answer that {@see FACTS} reads.
	 *
	 * @param Invoice $invoice Meum's answer.
	 * @return array<string, string> Field => value, for the fields Meum gave.
	 */
	public static function fields_of( Invoice $invoice ): array {
		$fields = array();
		foreach ( array_merge( ...array_values( self::FACTS ) ) as $field ) {
			$fields[ $field ] = $invoice->field( $field );
		}
		$fields['network'] = $invoice->field( 'network' );
		return array_filter( $fields, 'is_string' );
	}

	/**
	 * The payment facts among Meum's fields. An asset without a settlement asset is shown with its
	 * network when Meum names one ("USDC (base)"); `paid_at` is stored in UTC `Y-m-d H:i:s`.
	 *
	 * @param array<string, mixed> $fields Meum's fields (scalar values are used, others ignored).
	 * @return array<string, string> Column => value, only for the facts given.
	 */
	private static function facts( array $fields ): array {
		$facts = array();
		foreach ( self::FACTS as $column => $names ) {
			foreach ( $names as $name ) {
				$value = isset( $fields[ $name ] ) && is_scalar( $fields[ $name ] ) && ! is_bool( $fields[ $name ] ) ? trim( (string) $fields[ $name ] ) : '';
				if ( 'paid_at' === $column ) {
					$time  = '' === $value ? false : strtotime( $value );
					$value = false === $time ? '' : gmdate( 'Y-m-d H:i:s', $time );
				}
				if ( '' !== $value ) {
					$facts[ $column ] = 'asset' === $name && isset( $fields['network'] ) && is_string( $fields['network'] ) && '' !== $fields['network'] ? $value . ' (' . $fields['network'] . ')' : $value;
					break;
				}
			}
		}
		return $facts;
	}

	/**
	 * One invoice's row.
	 *
	 * @param string $invoice_id Invoice id.
	 * @return array<string, string|null>|null `invoice_id, order_id, suffix, external_order_id, amount,
	 *         currency, status, checkout_url`, the {@see FACTS} (null when Meum gave none yet),
	 *         `expires_at, next_check_at, created_at, updated_at`
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

	/**
	 * How many invoices are overdue for their scheduled status check.
	 *
	 * @param int $now           Unix time.
	 * @param int $grace_seconds How late a check may be before it counts (a runner interval or two).
	 * @return int Rows whose `next_check_at` is before `$now - $grace_seconds` (rows without a next
	 *             check, NULL, never count).
	 */
	public function overdue_count( int $now, int $grace_seconds ): int {
		global $wpdb;
		$table = Tables::name( Tables::INVOICES );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixed table name.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM $table WHERE next_check_at < %s", gmdate( 'Y-m-d H:i:s', $now - $grace_seconds ) ) );
	}
}
