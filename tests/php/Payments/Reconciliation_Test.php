<?php
/**
 * Tests of the scheduled status checks on real orders.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Reconciliation\Reconciler;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Issue 11 "Reconciliation": due rows are claimed, read from Meum and applied through §A5 with the
 * source named; superseded invoices are checked until final, final ones never again; nothing is
 * read while the credential guard says no; Meum down → nothing changes and the checks are retried;
 * two runners never check one row twice. Real WooCommerce orders, the sandbox as Meum.
 */
class Reconciliation_Test extends Test_Case {

	use Payment_Orders;

	protected function setUp(): void {
		parent::setUp();
		$this->start_payments_test();
		self::forget_due_checks();
	}

	/**
	 * Takes the rows earlier tests left behind out of the schedule, so a run sees this test's only.
	 *
	 * @return void
	 */
	public static function forget_due_checks(): void {
		global $wpdb;
		$wpdb->query( "UPDATE {$wpdb->prefix}meum_wc_invoices SET next_check_at = NULL, check_claim = NULL, claimed_until = NULL" ); // phpcs:ignore WordPress.DB
	}

	protected function tearDown(): void {
		$this->finish_payments_test();
		parent::tearDown();
	}

	/**
	 * The runner as the plugin builds it, its clock moved by the given seconds.
	 *
	 * @param int $ahead Seconds after now.
	 * @return Reconciler
	 */
	private function runner_at( int $ahead ): Reconciler {
		$this->add_test_filter(
			'meum_wc_current_time',
			static function () use ( $ahead ) {
				return time() + $ahead;
			}
		);
		$environment = new Environment();
		return new Reconciler( new Invoice_Table(), $this->order_updater(), new Invoice_Api( new Client( $environment, new Error_Mapper() ), $this->store() ), new Plugin_Log( $environment ), new Clock() );
	}

	/**
	 * The invoice ids read from Meum (GET /v1/invoices/{id}) since the log was emptied.
	 *
	 * @return string[] One entry per read.
	 */
	private function reads(): array {
		$ids = array();
		foreach ( Sandbox::requests() as $request ) {
			$path = (string) ( $request['path'] ?? $request['url'] ?? '' );
			if ( 'GET' === ( $request['method'] ?? '' ) && preg_match( '#^/v1/invoices/([^/?]+)#', $path, $match ) ) {
				$ids[] = rawurldecode( $match[1] );
			}
		}
		return $ids;
	}

	/**
	 * A stored row.
	 *
	 * @param string $invoice_id Invoice id.
	 * @return array<string, string|null>
	 */
	private function row( string $invoice_id ): array {
		$row = ( new Invoice_Table() )->find( $invoice_id );
		$this->assertIsArray( $row );
		return $row;
	}

	public function test_a_new_invoice_is_due_five_minutes_after_it_was_recorded(): void {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$row     = $this->row( $invoice );

		$this->assertSame( strtotime( $row['created_at'] . ' UTC' ) + 300, strtotime( (string) $row['next_check_at'] . ' UTC' ) );
		$this->assertSame( '0', (string) $row['checks_done'] );
		$this->assertNull( $row['check_claim'] );
	}

	public function test_a_paid_invoice_whose_webhook_was_dropped_reaches_processing_by_the_runner(): void {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$this->move( $invoice, 'pay', array(), false );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'the webhook was dropped' );
		Sandbox::reset_requests();

		$run = $this->runner_at( 301 )->run();

		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( array( $invoice ), $this->reads(), 'one read of the due invoice' );
		$this->assertSame( 1, $run['checked'] );
		$this->assertSame( 0, $run['errors'] );
		$this->assertSame( $run, get_option( Reconciler::LAST_RUN_OPTION ) );
		$notes = implode( "\n", wp_list_pluck( wc_get_order_notes( array( 'order_id' => $order->get_id() ) ), 'content' ) );
		$this->assertStringContainsString( '(by a scheduled status check)', $notes );
		global $wpdb;
		$this->assertSame( 'reconciliation', $wpdb->get_var( $wpdb->prepare( "SELECT source FROM {$wpdb->prefix}meum_wc_outcomes WHERE invoice_id = %s AND status = 'paid'", $invoice ) ) ); // phpcs:ignore WordPress.DB
		$row = $this->row( $invoice );
		$this->assertNull( $row['next_check_at'], 'final: never checked again' );
		$this->assertNull( $row['check_claim'] );
		$this->assertSame( '1', (string) $row['checks_done'] );
		$this->assertNotNull( $row['last_checked_at'] );

		Sandbox::reset_requests();
		$again = $this->runner_at( 7 * 86400 + 1 )->run();
		$this->assertSame( 0, $again['checked'] );
		$this->assertSame( array(), $this->reads(), 'a final invoice is never read again' );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $order->get_id() ) );
	}

	public function test_superseded_invoices_are_checked_until_final(): void {
		$order   = $this->make_order();
		$first   = $this->meum_invoice( $order );
		$current = $this->meum_invoice( $order, 2 );
		$this->assertSame( $current, Order_Meta::current_invoice( $this->stored_order( $order->get_id() ) ) );
		Sandbox::reset_requests();

		$this->runner_at( 301 )->run();
		$reads = $this->reads();
		sort( $reads );
		$expected = array( $first, $current );
		sort( $expected );
		$this->assertSame( $expected, $reads, 'the superseded invoice is checked like the current one' );

		$this->move( $first, 'expire', array( 'force' => true ), false );
		Sandbox::reset_requests();
		$this->runner_at( 901 )->run();
		$reads = $this->reads();
		sort( $reads );
		$this->assertSame( $expected, $reads );
		$this->assertSame( 'expired', $this->row( $first )['status'] );
		$this->assertNull( $this->row( $first )['next_check_at'], 'final' );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'the current invoice is still payable' );

		Sandbox::reset_requests();
		$this->runner_at( 3601 )->run();
		$this->assertSame( array( $current ), $this->reads(), 'only the invoice that is not final' );
	}

	public function test_nothing_is_read_while_the_guard_says_no_and_the_checks_resume_after_same_site_new_address(): void {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$this->move( $invoice, 'pay', array(), false );
		$this->move_site_to( 'https://staging.example.com' );
		Sandbox::reset_requests();

		$run = $this->runner_at( 301 )->run();

		$this->assertSame( 0, $run['checked'] );
		$this->assertSame( array(), Sandbox::requests(), 'Meum is not asked' );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
		$row = $this->row( $invoice );
		$this->assertNull( $row['check_claim'], 'nothing claimed' );
		$this->assertSame( '0', (string) $row['checks_done'] );
		$this->assertSame( 1, ( new Invoice_Table() )->overdue_count( time() + 301, 0 ), 'still due' );

		$this->connect_with( 'sk_live_sandbox_ready' ); // "Same site, new address": connected at the new address.
		Sandbox::reset_requests();
		$this->runner_at( 302 )->run();
		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status(), 'checked once the guard says yes' );
		$this->assertSame( array( $invoice ), $this->reads() );
	}

	public function test_meum_down_changes_nothing_and_the_check_is_retried_later(): void {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$this->move( $invoice, 'pay', array(), false );
		Sandbox::fail_next_with( '/v1/invoices/{id}', array( 'status' => 503, 'times' => 1 ) ); // Meum down for the next read.

		$run = $this->runner_at( 301 )->run();

		$this->assertSame( 1, $run['checked'] );
		$this->assertSame( 1, $run['errors'] );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'nothing guessed' );
		$row = $this->row( $invoice );
		$this->assertSame( 'meum_unreachable', $row['last_check_error'] );
		$this->assertNull( $row['check_claim'] );
		$checked = strtotime( (string) $row['last_checked_at'] . ' UTC' );
		$this->assertSame( $checked + 300, strtotime( (string) $row['next_check_at'] . ' UTC' ), 'retried in 5 minutes (before the +15 min point)' );

		$this->runner_at( 301 + 301 )->run();
		$this->assertSame( 'processing', $this->stored_order( $order->get_id() )->get_status(), 'applied at the retry' );
		$this->assertNull( $this->row( $invoice )['last_check_error'] );
	}

	public function test_two_runners_in_parallel_check_each_row_once(): void {
		global $wpdb;
		$invoices = array();
		for ( $i = 0; $i < 6; $i++ ) {
			$invoices[] = $this->meum_invoice( $this->make_order() );
		}
		// Due now for every process (the other one runs on the real clock).
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->prefix}meum_wc_invoices SET next_check_at = %s", gmdate( 'Y-m-d H:i:s', time() - 5 ) ) ); // phpcs:ignore WordPress.DB
		Sandbox::reset_requests();

		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$code    = 'do_action( "' . 'meum_wc_reconcile' . '" ); echo "ran\n";';
		$env     = array_merge( getenv(), array( 'MEUM_WC_TEST_BACKGROUND_CHECKS' => '1' ) );
		$process = proc_open( array( PHP_BINARY, $program, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$this->assertIsResource( $process );
		$this->runner_at( 0 )->run();
		$out = stream_get_contents( $pipes[1] );
		$err = stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ), $err );
		$this->assertSame( "ran\n", $out, $err );

		$reads = $this->reads();
		sort( $reads );
		sort( $invoices );
		$this->assertSame( $invoices, $reads, 'each due invoice read exactly once by the two runners' );
		foreach ( $invoices as $invoice ) {
			$this->assertSame( '1', (string) $this->row( $invoice )['checks_done'], $invoice );
		}
	}
}
