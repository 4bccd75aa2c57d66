<?php
/**
 * The plugin's database tables.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Creates and upgrades the plugin's tables with `dbDelta()`:
 *
 * - `{prefix}meum_wc_webhook_events`: one row per accepted event, unique on `event_id`. Inserting
 *   the row is the claim that makes processing idempotent across PHP processes.
 * - `{prefix}meum_wc_webhook_counters`: one row per (source, counter), incremented atomically, so
 *   refusals from anonymous callers cannot grow the database.
 * - `{prefix}meum_wc_log`: a capped log, used when WooCommerce's logger is not available.
 * - `{prefix}meum_wc_invoices`: one row per Meum invoice (unique `invoice_id`) with its order,
 *   suffix, amount, currency, last known status, the payment facts Meum last gave (paid amount,
 *   difference, settlement asset, transaction hash, paid at) and next check time (Meum API §A5),
 *   with the scheduled checks' claim (token, until), count, last check time and last error.
 * - `{prefix}meum_wc_order_locks`: the §A5 per-order lock, one row per locked order.
 * - `{prefix}meum_wc_outcomes`: each applied (invoice id, status) outcome, unique in the database.
 */
class Tables {

	/** Events table, without prefix. */
	public const EVENTS = 'meum_wc_webhook_events';

	/** Counters table, without prefix. */
	public const COUNTERS = 'meum_wc_webhook_counters';

	/** Log table, without prefix. */
	public const LOG = 'meum_wc_log';

	/** Invoices table, without prefix. */
	public const INVOICES = 'meum_wc_invoices';

	/** Per-order locks table, without prefix. */
	public const ORDER_LOCKS = 'meum_wc_order_locks';

	/** Applied outcomes table, without prefix. */
	public const OUTCOMES = 'meum_wc_outcomes';

	/** Every table of the plugin, without prefix. */
	public const ALL = array( self::EVENTS, self::COUNTERS, self::LOG, self::INVOICES, self::ORDER_LOCKS, self::OUTCOMES );

	/**
	 * A table's full name.
	 *
	 * @param string $table One of the constants.
	 * @return string Name with the site's table prefix.
	 */
	public static function name( string $table ): string {
		global $wpdb;
		return $wpdb->prefix . $table;
	}

	/**
	 * Creates or upgrades the tables.
	 *
	 * @return void
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$collate = $wpdb->get_charset_collate();
		$events  = self::name( self::EVENTS );
		$counter = self::name( self::COUNTERS );
		$log     = self::name( self::LOG );
		$invoice = self::name( self::INVOICES );
		$locks   = self::name( self::ORDER_LOCKS );
		$outcome = self::name( self::OUTCOMES );
		dbDelta(
			"CREATE TABLE $events (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  event_id varchar(191) NOT NULL,
  event_type varchar(64) NOT NULL,
  invoice_id varchar(191) DEFAULT NULL,
  external_order_id varchar(191) DEFAULT NULL,
  source varchar(16) NOT NULL DEFAULT 'meum',
  received_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY event_id (event_id),
  KEY received_at (received_at)
) $collate;
CREATE TABLE $counter (
  source varchar(16) NOT NULL,
  counter varchar(64) NOT NULL,
  count bigint(20) unsigned NOT NULL DEFAULT 0,
  last_at datetime DEFAULT NULL,
  last_detail varchar(64) DEFAULT NULL,
  PRIMARY KEY  (source,counter)
) $collate;
CREATE TABLE $log (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  logged_at datetime NOT NULL,
  level varchar(16) NOT NULL,
  message varchar(500) NOT NULL,
  PRIMARY KEY  (id)
) $collate;
CREATE TABLE $invoice (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  invoice_id varchar(191) NOT NULL,
  order_id bigint(20) unsigned NOT NULL,
  suffix int(10) unsigned NOT NULL DEFAULT 1,
  external_order_id varchar(191) NOT NULL,
  amount varchar(32) NOT NULL,
  currency char(3) NOT NULL,
  status varchar(32) NOT NULL,
  checkout_url text NOT NULL,
  paid_amount varchar(32) DEFAULT NULL,
  difference_amount varchar(32) DEFAULT NULL,
  settlement_asset varchar(191) DEFAULT NULL,
  transaction_hash varchar(191) DEFAULT NULL,
  paid_at datetime DEFAULT NULL,
  expires_at datetime DEFAULT NULL,
  next_check_at datetime DEFAULT NULL,
  checks_done smallint(5) unsigned NOT NULL DEFAULT 0,
  check_claim varchar(32) DEFAULT NULL,
  claimed_until datetime DEFAULT NULL,
  last_checked_at datetime DEFAULT NULL,
  last_check_error varchar(191) DEFAULT NULL,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY invoice_id (invoice_id),
  KEY order_id (order_id),
  KEY next_check_at (next_check_at)
) $collate;
CREATE TABLE $locks (
  order_id bigint(20) unsigned NOT NULL,
  token varchar(64) NOT NULL,
  expires_at datetime NOT NULL,
  PRIMARY KEY  (order_id)
) $collate;
CREATE TABLE $outcome (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  invoice_id varchar(191) NOT NULL,
  status varchar(32) NOT NULL,
  order_id bigint(20) unsigned NOT NULL,
  source varchar(16) NOT NULL,
  applied_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY invoice_status (invoice_id,status),
  KEY order_id (order_id)
) $collate;"
		);
	}

	/**
	 * Drops the tables (uninstall).
	 *
	 * @return void
	 */
	public static function drop(): void {
		global $wpdb;
		foreach ( self::ALL as $table ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . self::name( $table ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- fixed table names.
		}
	}
}
