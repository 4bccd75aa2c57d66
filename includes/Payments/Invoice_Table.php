<?php
/**
 * The plugin's table of Meum invoices.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Payments\Reconciliation\Check_Schedule;

defined( 'ABSPATH' ) || exit;

/**
 * Repository over `{prefix}meum_wc_invoices` (issue 10: "an indexed plugin table maps each invoice
 * id (unique) to its order, suffix, amount, currency, last known status and next check time").
 * It also keeps the payment facts Meum last gave for each invoice ({@see FACTS}), from every
 * invoice answer and every verified event, so the order screens show them without asking Meum.
 * Prepared `$wpdb` queries only; every datetime is UTC `Y-m-d H:i:s`. `next_check_at` is the
 * invoice's next scheduled status check ({@see Check_Schedule}, issue 11): set when the invoice is
 * recorded, re-computed on every status update, NULL once the status is final. The scheduled
 * checks claim due rows with one atomic UPDATE ({@see claim_due()}), so two runners on two web
 * nodes never check one row twice.
 */
class Invoice_Table {

	/** The columns a row is returned with. */
	private const COLUMNS = 'invoice_id, order_id, suffix, external_order_id, amount, currency, status, checkout_url, paid_amount, difference_amount, settlement_asset, transaction_hash, paid_at, expires_at, next_check_at, checks_done, check_claim, claimed_until, last_checked_at, last_check_error, created_at, updated_at';

	/** Seconds after a failed check before it is tried again (never later than the next point). */
	public const RETRY_AFTER = 300;

	/**
	 * The check schedule (the filtered one when null, resolved on first use).
	 *
	 * @var Check_Schedule|null
	 */
	private ?Check_Schedule $schedule;

	/**
	 * Creates the repository.
	 *
	 * @param Check_Schedule|null $schedule The check schedule; null: the site's filtered schedule.
	 */
	public function __construct( ?Check_Schedule $schedule = null ) {
		$this->schedule = $schedule;
	}

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
		$known   = $this->find( $invoice->id() );
		$created = null === $known ? $now : self::unix( $known['created_at'] ) ?? $now;
		$values  = array(
			'order_id'          => $order_id,
			'suffix'            => $suffix,
			'external_order_id' => $invoice->external_order_id(),
			'amount'            => $invoice->amount(),
			'currency'          => $invoice->currency(),
			'status'            => $invoice->status(),
			'checkout_url'      => $invoice->checkout_url(),
			'expires_at'        => $expires,
			'next_check_at'     => $this->next_check( $created, $invoice->expires_at(), $now, $invoice->status() ),
			'updated_at'        => $time,
		);
		$facts   = self::facts( self::fields_of( $invoice ) );
		$values  = array_merge( $values, $facts );
		$formats = array_merge( array( '%d', '%d' ), array_fill( 0, count( $values ) - 2, '%s' ) );
		if ( null !== $known ) {
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
	 * Stores the last known Meum status of an invoice, with the payment facts Meum gave with it,
	 * and re-computes its next check (none once the status is final).
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
		$row    = $this->find( $invoice_id );
		$values = array_merge(
			array(
				'status'     => strtolower( $status ),
				'updated_at' => gmdate( 'Y-m-d H:i:s', $now ),
			),
			null === $row ? array() : array( 'next_check_at' => $this->next_check( self::unix( $row['created_at'] ) ?? $now, self::unix( $row['expires_at'] ), $now, $status ) ),
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
	 *         `expires_at, next_check_at, checks_done, check_claim, claimed_until, last_checked_at,
	 *         last_check_error, created_at, updated_at` (as the database returns them: strings, NULL datetimes as null), or null when unknown.
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
	 * Claims due rows for one batch of scheduled checks: ONE atomic UPDATE stamps a fresh claim
	 * token on the rows whose check is due and that no live claim holds (ORDER BY next_check_at,
	 * LIMIT), then the rows are read back by that token. On MariaDB the UPDATE locks the rows it
	 * stamps and a concurrent claim re-reads them after the commit; on SQLite writes are
	 * serialised. Either way two runners get disjoint rows.
	 *
	 * @param int $now           Unix time.
	 * @param int $limit         Most rows to claim.
	 * @param int $claim_seconds How long the claim holds (a runner that dies frees its rows then).
	 * @return array<int, array<string, string|null>> Claimed rows as {@see find()} returns them
	 *         (`check_claim` is the token {@see finish_check()} needs), most overdue first.
	 */
	public function claim_due( int $now, int $limit, int $claim_seconds ): array {
		global $wpdb;
		$table   = Tables::name( Tables::INVOICES );
		$columns = self::COLUMNS;
		$token   = bin2hex( random_bytes( 16 ) );
		$time    = gmdate( 'Y-m-d H:i:s', $now );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixed table and column names.
		$claimed = $wpdb->query( $wpdb->prepare( "UPDATE $table SET check_claim = %s, claimed_until = %s WHERE next_check_at IS NOT NULL AND next_check_at <= %s AND ( check_claim IS NULL OR claimed_until IS NULL OR claimed_until < %s ) ORDER BY next_check_at ASC LIMIT %d", $token, gmdate( 'Y-m-d H:i:s', $now + max( 1, $claim_seconds ) ), $time, $time, max( 1, $limit ) ) );
		if ( ! is_int( $claimed ) || $claimed < 1 ) {
			return array();
		}
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT $columns FROM $table WHERE check_claim = %s ORDER BY next_check_at ASC", $token ), ARRAY_A );
		// phpcs:enable
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Ends one claimed check: clears the claim, counts the check, and sets the next one: the next
	 * schedule point for the row's (possibly just updated) status, or, after an error, a retry in
	 * {@see RETRY_AFTER} seconds, never later than the next point (none once the status is final).
	 *
	 * @param string      $invoice_id Invoice id.
	 * @param string      $token      The claim token from {@see claim_due()}.
	 * @param string|null $error      Short reason the check failed, or null when it succeeded.
	 * @param int         $now        Unix time.
	 * @return bool False when the claim no longer holds the row (it expired and another runner
	 *              took it): the row is left to that runner.
	 */
	public function finish_check( string $invoice_id, string $token, ?string $error, int $now ): bool {
		global $wpdb;
		$row = $this->find( $invoice_id );
		if ( null === $row || $token !== $row['check_claim'] ) {
			return false;
		}
		$created = self::unix( $row['created_at'] ) ?? $now;
		$next    = $this->next_check( $created, self::unix( $row['expires_at'] ), $now, (string) $row['status'] );
		if ( null !== $error && ! Check_Schedule::is_final( (string) $row['status'] ) ) {
			$retry = gmdate( 'Y-m-d H:i:s', $now + self::RETRY_AFTER );
			$next  = null === $next ? $retry : min( $next, $retry );
		}
		$sets   = array( 'check_claim = NULL', 'claimed_until = NULL', 'checks_done = checks_done + 1', 'last_checked_at = %s' );
		$args   = array( gmdate( 'Y-m-d H:i:s', $now ) );
		$sets[] = null === $next ? 'next_check_at = NULL' : 'next_check_at = %s';
		$args   = null === $next ? $args : array_merge( $args, array( $next ) );
		$sets[] = null === $error ? 'last_check_error = NULL' : 'last_check_error = %s';
		$args   = null === $error ? $args : array_merge( $args, array( substr( $error, 0, 191 ) ) );
		$table  = Tables::name( Tables::INVOICES );
		$set    = implode( ', ', $sets );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- fixed table and column names, one placeholder per value.
		return 1 === (int) $wpdb->query( $wpdb->prepare( "UPDATE $table SET $set WHERE invoice_id = %s AND check_claim = %s", array_merge( $args, array( $invoice_id, $token ) ) ) );
	}

	/**
	 * Frees the rows of a claim without checking them (they stay due, with their due time).
	 *
	 * @param string $token The claim token.
	 * @return int Rows freed.
	 */
	public function release_claim( string $token ): int {
		global $wpdb;
		$table = Tables::name( Tables::INVOICES );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixed table name.
		return (int) $wpdb->query( $wpdb->prepare( "UPDATE $table SET check_claim = NULL, claimed_until = NULL WHERE check_claim = %s", $token ) );
	}

	/**
	 * How many checks are overdue (Site Health's figure: no runner ran them).
	 *
	 * @param int $now           Unix time.
	 * @param int $grace_seconds Lateness that still counts as on time.
	 * @return int Rows whose next check is before `$now - $grace_seconds`.
	 */
	public function overdue_count( int $now, int $grace_seconds ): int {
		global $wpdb;
		$table = Tables::name( Tables::INVOICES );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixed table name.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM $table WHERE next_check_at IS NOT NULL AND next_check_at < %s", gmdate( 'Y-m-d H:i:s', $now - max( 0, $grace_seconds ) ) ) );
	}

	/**
	 * The next check time of an invoice, for the database.
	 *
	 * @param int      $created_at Unix time the invoice was recorded.
	 * @param int|null $expires_at Unix expiry, or null.
	 * @param int      $now        Unix time.
	 * @param string   $status     Its status.
	 * @return string|null UTC `Y-m-d H:i:s`, or null when it is never checked again.
	 */
	private function next_check( int $created_at, ?int $expires_at, int $now, string $status ): ?string {
		$this->schedule = $this->schedule ?? Check_Schedule::filtered();
		$next           = $this->schedule->next( $created_at, $expires_at, $now, $status );
		return null === $next ? null : gmdate( 'Y-m-d H:i:s', $next );
	}

	/**
	 * A stored UTC datetime as Unix time.
	 *
	 * @param string|null $datetime UTC `Y-m-d H:i:s`, or null.
	 * @return int|null Unix time, or null when empty or unreadable.
	 */
	private static function unix( ?string $datetime ): ?int {
		$time = null === $datetime || '' === $datetime ? false : strtotime( $datetime . ' UTC' );
		return false === $time ? null : $time;
	}
}
