<?php
/**
 * Tests of the Site Health checks of the scheduled status checks and of the paid invoices' webhooks.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Admin;

use Meum\WooCommerce\Admin\Site_Health;
use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Payments\Order_Bulk_Check;
use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Recorded_Outcomes;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * "Meum status checks run" (the recurring action, the last run, the invoices overdue) and "Meum
 * webhooks arrive for paid invoices" (paid by webhook vs. found paid by a status check), each
 * status brought about from the stored facts they read.
 */
class Operations_Health_Test extends Test_Case {

	use Meum_Orders;
	use Recorded_Outcomes;

	/**
	 * Whether the recurring action was scheduled before the test.
	 *
	 * @var bool
	 */
	private bool $was_scheduled = false;

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
		$this->was_scheduled = as_has_scheduled_action( Site_Health::RECONCILE_HOOK );
		as_unschedule_all_actions( Site_Health::RECONCILE_HOOK );
		delete_option( Site_Health::LAST_RUN_OPTION );
	}

	protected function tearDown(): void {
		if ( class_exists( 'WooCommerce', false ) ) {
			as_unschedule_all_actions( Site_Health::RECONCILE_HOOK );
			if ( $this->was_scheduled ) {
				as_schedule_recurring_action( time() + MINUTE_IN_SECONDS, MINUTE_IN_SECONDS, Site_Health::RECONCILE_HOOK, array(), Order_Bulk_Check::GROUP );
			}
		}
		delete_option( Site_Health::LAST_RUN_OPTION );
		parent::tearDown();
	}

	/**
	 * Runs one of the plugin's Site Health tests.
	 *
	 * @param string $name Check name without the prefix.
	 * @return array<string, mixed> The result.
	 */
	private function check( string $name ): array {
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array() ) );
		$this->assertArrayHasKey( 'meum_wc_' . $name, $tests['direct'] );
		return call_user_func( $tests['direct'][ 'meum_wc_' . $name ]['test'] );
	}

	/**
	 * Brings about the facts of the status checks. The clock is frozen 400 days back, so the
	 * invoices of other tests (checks due after the real now) are never overdue here.
	 *
	 * @param bool     $scheduled     Whether the recurring action exists.
	 * @param int|null $last_finished Seconds since the last run finished, null for no run yet.
	 * @param int      $late_seconds  How late the one open invoice's check is (negative: not due).
	 * @param bool     $connected     Whether the site is connected to Meum.
	 * @return void
	 */
	private function status_checks_facts( bool $scheduled, ?int $last_finished, int $late_seconds, bool $connected = true ): void {
		global $wpdb;
		if ( $connected ) {
			$this->connect_with( 'sk_live_sandbox_ready' );
		}
		$now = time() - 400 * DAY_IN_SECONDS;
		$this->freeze_clock( $now );
		if ( $scheduled ) {
			as_schedule_recurring_action( time() + MINUTE_IN_SECONDS, MINUTE_IN_SECONDS, Site_Health::RECONCILE_HOOK, array(), Order_Bulk_Check::GROUP );
		}
		if ( null !== $last_finished ) {
			update_option(
				Site_Health::LAST_RUN_OPTION,
				array(
					'started_at'  => $now - $last_finished - 3,
					'finished_at' => $now - $last_finished,
					'checked'     => 3,
					'errors'      => 1,
				),
				false
			);
		}
		$invoice_id = $this->add_invoice( $this->make_order(), 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$wpdb->update( Tables::name( Tables::INVOICES ), array( 'next_check_at' => gmdate( 'Y-m-d H:i:s', $now - $late_seconds ) ), array( 'invoice_id' => $invoice_id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	public function test_a_missing_recurring_action_is_critical(): void {
		$this->status_checks_facts( false, 2 * MINUTE_IN_SECONDS, -60 );

		$result = $this->check( 'status_checks' );

		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'Meum status checks are not scheduled', $result['label'] );
		$this->assertStringContainsString( 'meum_wc_reconcile is not scheduled', $result['description'] );
		$this->assertStringContainsString( 'tab=action-scheduler', $result['actions'] );
	}

	public function test_scheduled_checks_with_none_overdue_are_good_and_say_the_last_run(): void {
		$this->status_checks_facts( true, 2 * MINUTE_IN_SECONDS, 5 * MINUTE_IN_SECONDS );

		$result = $this->check( 'status_checks' );

		$this->assertSame( 'good', $result['status'], 'a check 5 minutes late is within the grace' );
		$this->assertSame( 'Meum status checks run', $result['label'] );
		$this->assertStringContainsString( 'The last run finished 2 minutes ago (invoices checked: 3, errors: 1). No invoice is overdue for its status check.', $result['description'] );
		$this->assertSame( '', $result['actions'] );
	}

	public function test_overdue_checks_after_a_recent_run_are_recommended(): void {
		$this->status_checks_facts( true, 5 * MINUTE_IN_SECONDS, 20 * MINUTE_IN_SECONDS );

		$result = $this->check( 'status_checks' );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( '1 invoice is overdue for its status check.', $result['description'] );
		$this->assertStringContainsString( 'wp-cron.php', $result['description'] );
	}

	/**
	 * Seconds since the last run finished (null: none yet).
	 *
	 * @return array<string, array{0: int|null}>
	 */
	public function stale_runs(): array {
		return array(
			'no run yet'         => array( null ),
			'last run 2 h since' => array( 2 * HOUR_IN_SECONDS ),
		);
	}

	/**
	 * @dataProvider stale_runs
	 *
	 * @param int|null $last_finished Seconds since the last run finished.
	 */
	public function test_overdue_checks_without_a_run_in_the_last_hour_are_critical( ?int $last_finished ): void {
		$this->status_checks_facts( true, $last_finished, 20 * MINUTE_IN_SECONDS );

		$result = $this->check( 'status_checks' );

		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'Meum status checks are not running', $result['label'] );
		$this->assertStringContainsString( null === $last_finished ? 'No run of the status checks has finished yet.' : 'The last run finished 2 hours ago', $result['description'] );
	}

	public function test_overdue_checks_while_meum_is_not_connected_are_paused_not_critical(): void {
		$this->status_checks_facts( true, 2 * HOUR_IN_SECONDS, 20 * MINUTE_IN_SECONDS, false );

		$result = $this->check( 'status_checks' );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'Meum status checks are paused', $result['label'] );
		$this->assertStringContainsString( 'No status check runs while Meum is not connected: ', $result['description'] );
		$this->assertStringContainsString( '1 invoice is overdue for its status check.', $result['description'] );
	}

	public function test_paid_invoices_reached_by_webhook_are_good(): void {
		$this->record_outcome( 'webhook' );
		$this->record_outcome( 'webhook', 2 * DAY_IN_SECONDS );
		$this->record_outcome( 'reconciliation', 31 * DAY_IN_SECONDS );
		$this->record_outcome( 'reconciliation', HOUR_IN_SECONDS, 'expired' );
		$this->record_outcome( 'return_page' );

		$result = $this->check( 'paid_webhooks' );

		$this->assertSame( 'good', $result['status'], 'only payments a scheduled check found in the last 30 days count' );
		$this->assertSame( 'Meum webhooks arrive for paid invoices', $result['label'] );
		$this->assertStringContainsString( 'Paid invoices of the last 30 days: 2 reached their orders by webhook, 0 only through a scheduled status check', $result['description'] );
	}

	public function test_a_payment_found_only_by_a_status_check_is_recommended(): void {
		$this->record_outcome( 'webhook' );
		$this->record_outcome( 'reconciliation', 29 * DAY_IN_SECONDS );

		$result = $this->check( 'paid_webhooks' );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'Paid invoices of the last 30 days: 1 reached their orders by webhook, 1 only through a scheduled status check because their webhook never arrived', $result['description'] );
		$this->assertStringContainsString( 'Your webhook URL may be blocked', $result['description'] );
		$this->assertStringContainsString( 'page=meum-woocommerce', $result['actions'] );
	}
}
