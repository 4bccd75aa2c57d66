<?php
/**
 * Tests of what runs the scheduled checks when WP-Cron is not spawned by page loads.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Reconciliation\Reconciliation_Schedule;
use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Issue 11 "Operations": with `DISABLE_WP_CRON`, both triggers run the checks: a request to
 * wp-cron.php (what a system cron does) and a wp-admin page load (Action Scheduler's async request
 * runner, `ActionScheduler_AsyncRequest_QueueRunner`). With neither, the checks stay due and
 * {@see Invoice_Table::overdue_count()} (Site Health's figure) counts them. Real HTTP requests to
 * the running test site, whose test mu-plugin defines DISABLE_WP_CRON on request.
 */
class Reconciliation_Triggers_Test extends Test_Case {

	use Payment_Orders;

	protected function setUp(): void {
		parent::setUp();
		$this->start_payments_test();
		Reconciliation_Test::forget_due_checks();
		update_option( 'meum_wc_test_background_checks', 'yes', false );
		update_option( 'meum_wc_test_disable_wp_cron', 'yes', false );
		delete_transient( 'doing_cron' );
		delete_option( 'action_scheduler_lock_async-request-runner' );
	}

	protected function tearDown(): void {
		delete_option( 'meum_wc_test_background_checks' );
		delete_option( 'meum_wc_test_disable_wp_cron' );
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
			as_schedule_recurring_action( time() + 60, 60, Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
		}
		$this->finish_payments_test();
		parent::tearDown();
	}

	/**
	 * An order paid at Meum whose webhook was dropped, its check due, and the recurring action due.
	 *
	 * @param int $cron_in Seconds until Action Scheduler's WP-Cron event is due (negative: due).
	 * @return \WC_Order The order (pending).
	 */
	private function paid_order_due_now( int $cron_in ): \WC_Order {
		global $wpdb;
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$this->move( $invoice, 'pay', array(), false );
		$wpdb->update( $wpdb->prefix . 'meum_wc_invoices', array( 'next_check_at' => gmdate( 'Y-m-d H:i:s', time() - 120 ) ), array( 'invoice_id' => $invoice ) ); // phpcs:ignore WordPress.DB
		as_unschedule_all_actions( Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
		as_schedule_recurring_action( time() - 1, 60, Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
		wp_clear_scheduled_hook( 'action_scheduler_run_queue', array( 'WP Cron' ) );
		wp_schedule_event( time() + $cron_in, 'every_minute', 'action_scheduler_run_queue', array( 'WP Cron' ) );
		$this->assertSame( 1, ( new Invoice_Table() )->overdue_count( time(), 60 ) );
		return $order;
	}

	/**
	 * Waits for the order's status, as stored by another process.
	 *
	 * @param int    $order_id Order id.
	 * @param string $status   Awaited status.
	 * @param int    $seconds  Longest wait.
	 * @return string The last status seen.
	 */
	private function status_within( int $order_id, string $status, int $seconds ): string {
		$deadline = microtime( true ) + $seconds;
		do {
			$seen = $this->stored_order( $order_id )->get_status();
			if ( $seen === $status ) {
				return $seen;
			}
			usleep( 250000 );
		} while ( microtime( true ) < $deadline );
		return $seen;
	}

	public function test_a_request_to_wp_cron_php_runs_the_checks(): void {
		$order = $this->paid_order_due_now( -1 );

		$response = wp_remote_get( rtrim( (string) getenv( 'WP_URL' ), '/' ) . '/wp-cron.php', array( 'timeout' => 60 ) );

		$this->assertSame( 200, wp_remote_retrieve_response_code( $response ) );
		$this->assertSame( 'processing', $this->status_within( $order->get_id(), 'processing', 30 ), 'wp-cron.php ran Action Scheduler, which ran the checks' );
		$this->assertSame( 0, ( new Invoice_Table() )->overdue_count( time(), 60 ) );
	}

	public function test_a_wp_admin_page_load_runs_the_checks_through_the_async_request_runner(): void {
		$order   = $this->paid_order_due_now( 3600 );
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$page = $session->request( 'GET', '/wp-admin/index.php' );

		$this->assertSame( 200, $page['status'] );
		$this->assertSame( 'processing', $this->status_within( $order->get_id(), 'processing', 60 ), 'the async request runner ran the checks' );
	}

	public function test_with_neither_the_checks_stay_due_and_are_counted_overdue(): void {
		$order = $this->paid_order_due_now( -1 );

		foreach ( array( '/', '/?p=1', '/shop/' ) as $path ) {
			wp_remote_get( rtrim( (string) getenv( 'WP_URL' ), '/' ) . $path, array( 'timeout' => 30 ) );
		}
		sleep( 3 );

		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'page loads spawn no WP-Cron with DISABLE_WP_CRON' );
		$this->assertSame( 1, ( new Invoice_Table() )->overdue_count( time(), 60 ) );
	}
}
