<?php
/**
 * The plugin's log.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Logging;

use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Writes to WooCommerce's logger (source `meum-woocommerce`) when WooCommerce is active, otherwise
 * to a capped table in the database. Never to files of its own, and callers never pass a secret,
 * a signature or a full body.
 */
class Plugin_Log {

	/** Most rows kept in the database log. */
	public const CAP = 200;

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Creates the log.
	 *
	 * @param Environment $environment Site facts.
	 */
	public function __construct( Environment $environment ) {
		$this->environment = $environment;
	}

	/**
	 * Logs a line.
	 *
	 * @param string $level   "info", "warning" or "error".
	 * @param string $message Plain text without secrets (cut to 500 characters).
	 * @param int    $now     Unix time.
	 * @return void
	 */
	public function log( string $level, string $message, int $now ): void {
		$message = (string) substr( $message, 0, 500 ); // PHP 7.4's substr() gives false for ''.
		if ( $this->environment->is_woocommerce_active() && function_exists( 'wc_get_logger' ) ) {
			wc_get_logger()->log( $level, $message, array( 'source' => 'meum-woocommerce' ) );
			return;
		}
		global $wpdb;
		$table = Tables::name( Tables::LOG );
		$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$table,
			array(
				'logged_at' => gmdate( 'Y-m-d H:i:s', $now ),
				'level'     => $level,
				'message'   => $message,
			),
			array( '%s', '%s', '%s' )
		);
		$id = (int) $wpdb->insert_id;
		if ( $id > self::CAP ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE id <= %d", $id - self::CAP ) );
		}
	}

	/**
	 * The latest lines of the database log.
	 *
	 * @param int $limit Most lines.
	 * @return array<int, array{logged_at: string, level: string, message: string}> Newest first.
	 */
	public function latest( int $limit = 20 ): array {
		global $wpdb;
		$table = Tables::name( Tables::LOG );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT logged_at, level, message FROM $table ORDER BY id DESC LIMIT %d", $limit ), ARRAY_A );
	}
}
