<?php
/**
 * Test helper: outcomes recorded as the order updater records them, at chosen times.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Payments\Outcome_Log;

/**
 * Records outcomes through {@see Outcome_Log::record()} (until the reconciliation runner exists in
 * a test's branch, its `reconciliation` outcomes are made this way) and deletes them after the
 * test. The clock is frozen far in the future (`meum_wc_current_time`), so the outcomes of other
 * tests, recorded at the real time, are older than any window the test looks at.
 *
 * For use in a {@see Test_Case}.
 */
trait Recorded_Outcomes {

	/**
	 * Invoice ids of the outcomes recorded by the test.
	 *
	 * @var string[]
	 */
	private array $recorded_invoices = array();

	/**
	 * The frozen "now" of the test, set by the first outcome recorded.
	 *
	 * @var int|null
	 */
	private ?int $outcomes_now = null;

	/**
	 * Deletes the outcomes recorded by the test.
	 *
	 * @after
	 */
	public function delete_recorded_outcomes(): void {
		global $wpdb;
		foreach ( $this->recorded_invoices as $invoice_id ) {
			$wpdb->delete( Tables::name( Tables::OUTCOMES ), array( 'invoice_id' => $invoice_id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
		$this->recorded_invoices = array();
		$this->outcomes_now      = null;
	}

	/**
	 * Freezes the clock a year ahead (once per test) and records an outcome some time before it.
	 *
	 * @param string $source      Outcome source, e.g. `webhook`, `reconciliation`.
	 * @param int    $age_seconds How long before the frozen now it was applied.
	 * @param string $status      Meum invoice status.
	 * @return void
	 */
	protected function record_outcome( string $source, int $age_seconds = HOUR_IN_SECONDS, string $status = 'paid' ): void {
		if ( null === $this->outcomes_now ) {
			$this->outcomes_now = time() + YEAR_IN_SECONDS;
			$this->freeze_clock( $this->outcomes_now );
		}
		$invoice_id                = 'inv_outcome_' . bin2hex( random_bytes( 8 ) );
		$this->recorded_invoices[] = $invoice_id;
		$this->assertTrue( ( new Outcome_Log() )->record( $invoice_id, $status, 4242, $source, $this->outcomes_now - $age_seconds ) );
	}
}
