<?php
/**
 * The scheduled status checks.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments\Reconciliation;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Updater;

defined( 'ABSPATH' ) || exit;

/**
 * One run of the scheduled checks (issue 11 "Reconciliation"): claims due invoice rows in batches
 * ({@see Invoice_Table::claim_due()}), reads each invoice from Meum and applies its status through
 * the §A5 path ({@see Order_Updater::apply()} with source `reconciliation`), then sets the row's
 * next check ({@see Invoice_Table::finish_check()}). It never throws: Action Scheduler gives up on
 * a recurring action that fails five times in a row, so an error is recorded on its row and the
 * run moves on. It stops at once while the credential guard ({@see Invoice_Api::ready()}) says no:
 * a staging copy never completes the live store's orders; the rows stay due and are checked once
 * the site is confirmed.
 */
class Reconciler {

	/** Option (never autoloaded) with the last run: started_at, finished_at, checked, errors. */
	public const LAST_RUN_OPTION = 'meum_wc_reconcile_last_run';

	/** Rows claimed at once. */
	public const BATCH = 25;

	/** Seconds a run starts new checks for. */
	public const TIME_BUDGET = 20.0;

	/** Budget of one check: the lock wait plus the read from Meum. */
	public const CHECK_BUDGET = 5.0;

	/** How long a claim holds: longer than a whole run, so a live runner never loses its rows. */
	public const CLAIM_SECONDS = 120;

	/**
	 * The invoice table.
	 *
	 * @var Invoice_Table
	 */
	private Invoice_Table $invoices;

	/**
	 * The order updater.
	 *
	 * @var Order_Updater
	 */
	private Order_Updater $updater;

	/**
	 * Meum's invoice endpoints (the credential guard).
	 *
	 * @var Invoice_Api
	 */
	private Invoice_Api $api;

	/**
	 * Plugin log.
	 *
	 * @var Plugin_Log
	 */
	private Plugin_Log $log;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Seconds a run starts new checks for.
	 *
	 * @var float
	 */
	private float $time_budget;

	/**
	 * Creates the runner.
	 *
	 * @param Invoice_Table $invoices    The invoice table.
	 * @param Order_Updater $updater     The order updater.
	 * @param Invoice_Api   $api         Meum's invoice endpoints (the credential guard).
	 * @param Plugin_Log    $log         Plugin log.
	 * @param Clock         $clock       The time.
	 * @param float         $time_budget Seconds a run starts new checks for.
	 */
	public function __construct( Invoice_Table $invoices, Order_Updater $updater, Invoice_Api $api, Plugin_Log $log, Clock $clock, float $time_budget = self::TIME_BUDGET ) {
		$this->invoices    = $invoices;
		$this->updater     = $updater;
		$this->api         = $api;
		$this->log         = $log;
		$this->clock       = $clock;
		$this->time_budget = $time_budget;
	}

	/**
	 * Runs the due checks (the `meum_wc_reconcile` action's callback).
	 *
	 * @return array{started_at: int, finished_at: int, checked: int, errors: int} What the run did,
	 *         as also stored in {@see LAST_RUN_OPTION}. Throws nothing.
	 */
	public function run(): array {
		$run      = array(
			'started_at'  => $this->clock->now(),
			'finished_at' => 0,
			'checked'     => 0,
			'errors'      => 0,
		);
		$deadline = microtime( true ) + $this->time_budget;
		try {
			while ( microtime( true ) < $deadline && $this->guard_open() ) {
				$rows = $this->invoices->claim_due( $this->clock->now(), self::BATCH, self::CLAIM_SECONDS );
				if ( array() === $rows ) {
					break;
				}
				foreach ( $rows as $row ) {
					if ( microtime( true ) >= $deadline || ! $this->guard_open() ) {
						// Out of time, or the guard said no meanwhile: the rest stays due as it was.
						$this->invoices->release_claim( (string) $row['check_claim'] );
						break 2;
					}
					$error = $this->check( $row );
					++$run['checked'];
					$run['errors'] += null === $error ? 0 : 1;
				}
				self::free_runtime_cache();
			}
		} catch ( \Throwable $error ) {
			++$run['errors'];
			$this->log->log( 'error', sprintf( 'The scheduled Meum status checks stopped (%s); they run again later.', get_class( $error ) ), $this->clock->now() );
		}
		$run['finished_at'] = $this->clock->now();
		update_option( self::LAST_RUN_OPTION, $run, false );
		return $run;
	}

	/**
	 * Whether the credential guard lets checks run now (asked again before each check: a
	 * reconnect or a site-address change can happen during a run).
	 *
	 * @phpstan-impure
	 * @return bool True when {@see Invoice_Api::ready()} says yes.
	 */
	private function guard_open(): bool {
		return true === $this->api->ready();
	}

	/**
	 * Checks one claimed row and ends its claim.
	 *
	 * @param array<string, string|null> $row Claimed row.
	 * @return string|null Null when the check succeeded; else its short reason (also stored on the
	 *                     row as `last_check_error`).
	 */
	private function check( array $row ): ?string {
		$invoice_id = (string) $row['invoice_id'];
		try {
			$result = $this->updater->apply( $invoice_id, (string) $row['external_order_id'], null, 'reconciliation', self::CHECK_BUDGET );
			$error  = $result->is_retry_later() ? $result->reason() : null;
		} catch ( \Throwable $thrown ) {
			$error = get_class( $thrown );
		}
		try {
			$this->invoices->finish_check( $invoice_id, (string) $row['check_claim'], $error, $this->clock->now() );
		} catch ( \Throwable $thrown ) {
			$error = $error ?? get_class( $thrown );
		}
		return $error;
	}

	/**
	 * Empties this process's in-memory object cache after a batch, so the orders a run loaded do
	 * not pile up and its memory stays flat however many invoices are due (a persistent object
	 * cache keeps its data; only the process's own copy goes).
	 *
	 * @return void
	 */
	private static function free_runtime_cache(): void {
		if ( function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		} elseif ( ! wp_using_ext_object_cache() ) {
			wp_cache_flush();
		}
	}
}
