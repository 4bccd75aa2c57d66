<?php
/**
 * Tests of the payment tables and their repositories.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Lifecycle\Upgrader;
use Meum\WooCommerce\Payments\Invoice;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Lock;
use Meum\WooCommerce\Payments\Outcome_Log;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Meum API §A5 and issue 10: the invoice table (unique invoice id), the outcome key (unique in the
 * database), and the per-order lock (atomic, across processes, expiring after 30 s).
 */
class Payment_Tables_Test extends Test_Case {

	/**
	 * An invoice answer.
	 *
	 * @param string               $id      Invoice id.
	 * @param array<string, mixed> $changes Changes.
	 * @return Invoice
	 */
	private function invoice( string $id, array $changes = array() ): Invoice {
		$invoice = Invoice::from_answer(
			array_merge(
				array(
					'id'                => $id,
					'status'            => 'pending',
					'checkout_url'      => 'https://pay.example/' . $id,
					'amount'            => '10.00',
					'currency'          => 'USD',
					'external_order_id' => '7',
					'expires_at'        => '2026-12-02T01:00:00Z',
				),
				$changes
			)
		);
		$this->assertInstanceOf( Invoice::class, $invoice );
		return $invoice;
	}

	public function test_an_existing_install_gets_the_payment_tables_on_upgrade(): void {
		global $wpdb;
		foreach ( array( Tables::INVOICES, Tables::ORDER_LOCKS, Tables::OUTCOMES ) as $table ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . Tables::name( $table ) ); // phpcs:ignore WordPress.DB
		}
		update_option( Upgrader::OPTION, 2, true );

		$this->assertSame( Upgrader::CURRENT, ( new Upgrader( $this->store() ) )->maybe_upgrade(), 'version 2 → the current one' );

		foreach ( array( Tables::INVOICES, Tables::ORDER_LOCKS, Tables::OUTCOMES ) as $table ) {
			$this->assertSame( Tables::name( $table ), $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', Tables::name( $table ) ) ), $table ); // phpcs:ignore WordPress.DB
		}
		$this->assertContains( Tables::INVOICES, Tables::ALL, 'uninstall drops every table of ALL' );
		$this->assertContains( Tables::ORDER_LOCKS, Tables::ALL );
		$this->assertContains( Tables::OUTCOMES, Tables::ALL );
	}

	public function test_the_payment_facts_meum_gave_are_kept_with_the_invoice(): void {
		$table = new Invoice_Table();
		$table->record( 7, 1, $this->invoice( 'inv_f' ), 1000 );
		$this->assertNull( $table->find( 'inv_f' )['paid_amount'], 'nothing paid yet' );

		$table->update_status(
			'inv_f',
			'paid',
			2000,
			array(
				'received_amount' => '10.00',
				'output_asset'    => 'usdc',
				'tx_hash'         => '0xabc',
				'paid_at'         => '2026-12-02T00:59:00Z',
				'ignored'         => array( 'not' => 'scalar' ),
			)
		);
		$row = $table->find( 'inv_f' );
		$this->assertSame( array( 'paid', '10.00', null, 'usdc', '0xabc', '2026-12-02 00:59:00' ), array( $row['status'], $row['paid_amount'], $row['difference_amount'], $row['settlement_asset'], $row['transaction_hash'], $row['paid_at'] ), 'the event names of §A4 (tx_hash, output_asset)' );

		$table->record( 7, 1, $this->invoice( 'inv_f', array( 'status' => 'overpaid', 'received_amount' => '12.00', 'difference_amount' => '-2.00', 'asset' => 'USDC', 'network' => 'base' ) ), 3000 );
		$row = $table->find( 'inv_f' );
		$this->assertSame( array( 'overpaid', '12.00', '-2.00', 'USDC (base)', '0xabc' ), array( $row['status'], $row['paid_amount'], $row['difference_amount'], $row['settlement_asset'], $row['transaction_hash'] ), 'a read answer updates what it gives and keeps the rest' );
	}

	public function test_an_invoice_is_recorded_once_and_updated_by_its_id(): void {
		$table = new Invoice_Table();
		$table->record( 7, 1, $this->invoice( 'inv_a' ), 1000 );
		$table->record( 7, 1, $this->invoice( 'inv_a', array( 'status' => 'awaiting_payment' ) ), 2000 );
		$table->record( 7, 2, $this->invoice( 'inv_b', array( 'external_order_id' => '7-2', 'expires_at' => '2099-01-01T00:00:00Z' ) ), 3000 );

		$row = $table->find( 'inv_a' );
		$this->assertNotNull( $row );
		$this->assertSame( 'awaiting_payment', $row['status'] );
		$this->assertSame( '7', (string) $row['order_id'] );
		$this->assertSame( '1', (string) $row['suffix'] );
		$this->assertSame( '10.00', $row['amount'] );
		$this->assertSame( 'USD', $row['currency'] );
		$this->assertSame( '2026-12-02 01:00:00', $row['expires_at'] );
		$this->assertSame( gmdate( 'Y-m-d H:i:s', 1000 + 3600 ), $row['next_check_at'], 'the first check point after the last record (+1 h after creation)' );
		$this->assertSame( gmdate( 'Y-m-d H:i:s', 1000 ), $row['created_at'] );
		$this->assertSame( gmdate( 'Y-m-d H:i:s', 2000 ), $row['updated_at'] );
		$never = $table->find( 'inv_b' );
		$this->assertNotNull( $never );
		$this->assertArrayHasKey( 'expires_at', $never );
		$this->assertNull( $never['expires_at'], 'no expiry is NULL' );
		$this->assertNull( $table->find( 'inv_unknown' ) );

		$this->assertSame( array( 'inv_a', 'inv_b' ), array_column( $table->for_order( 7 ), 'invoice_id' ), 'history, oldest first' );
		$this->assertSame( array(), $table->for_order( 8 ) );

		$table->update_status( 'inv_a', 'PAID', 4000 );
		$this->assertSame( 'paid', $table->find( 'inv_a' )['status'] ?? null );
		$this->assertNull( $table->find( 'inv_a' )['next_check_at'], 'final: never checked again' );
	}

	public function test_orders_waiting_counts_orders_with_an_open_invoice(): void {
		$table = new Invoice_Table();
		$this->assertSame( 0, $table->orders_waiting() );
		$table->record( 1, 1, $this->invoice( 'inv_1' ), 1 );
		$table->record( 1, 2, $this->invoice( 'inv_2', array( 'status' => 'quoted' ) ), 1 );
		$table->record( 2, 1, $this->invoice( 'inv_3', array( 'status' => 'paid' ) ), 1 );
		$table->record( 3, 1, $this->invoice( 'inv_4', array( 'status' => 'awaiting_payment' ) ), 1 );
		$this->assertSame( 2, $table->orders_waiting() );
	}

	public function test_each_outcome_is_recorded_at_most_once(): void {
		global $wpdb;
		$log = new Outcome_Log();
		$this->assertFalse( $log->has( 'inv_a', 'paid' ) );
		$this->assertTrue( $log->record( 'inv_a', 'paid', 7, 'webhook', 1000 ) );
		$this->assertFalse( $log->record( 'inv_a', 'paid', 7, 'admin', 2000 ), 'the unique key holds it already' );
		$this->assertTrue( $log->record( 'inv_a', 'underpaid', 7, 'check', 2000 ), 'another status is another outcome' );
		$this->assertTrue( $log->has( 'inv_a', 'paid' ) );
		$this->assertTrue( $log->has( 'inv_a', 'underpaid' ) );

		$suppress = $wpdb->suppress_errors( true );
		$inserted = $wpdb->insert( Tables::name( Tables::OUTCOMES ), array( 'invoice_id' => 'inv_a', 'status' => 'paid', 'order_id' => 7, 'source' => 'webhook', 'applied_at' => '2026-01-01 00:00:00' ) ); // phpcs:ignore WordPress.DB
		$wpdb->suppress_errors( $suppress );
		$this->assertFalse( $inserted, 'the database itself refuses a second (invoice, status)' );
	}

	public function test_the_lock_is_taken_once_released_by_its_token_and_taken_over_when_expired(): void {
		$this->freeze_clock( 1000000 );
		$lock  = new Order_Lock();
		$first = $lock->acquire( 5, 0 );
		$this->assertNotNull( $first );
		$this->assertNull( $lock->acquire( 5, 0 ), 'held' );
		$this->assertNotNull( $lock->acquire( 6, 0 ), 'another order has its own lock' );

		$started = microtime( true );
		$this->assertNull( $lock->acquire( 5, 0.3 ), 'still held after waiting' );
		$this->assertGreaterThanOrEqual( 0.29, microtime( true ) - $started, 'it waited' );

		$lock->release( 5, 'not-the-token' );
		$this->assertNull( $lock->acquire( 5, 0 ), 'only the token releases it' );
		$lock->release( 5, (string) $first );
		$second = $lock->acquire( 5, 0 );
		$this->assertNotNull( $second, 'free again after release' );

		$this->freeze_clock( 1000000 + Order_Lock::EXPIRY + 1 );
		$third = $lock->acquire( 5, 0 );
		$this->assertNotNull( $third, 'an expired lock is taken over' );
		$this->assertNotSame( $second, $third );
	}

	public function test_run_releases_the_lock_even_when_the_work_throws(): void {
		$lock = new Order_Lock();
		$this->assertSame( 'done', $lock->run( 9, 0, static fn () => 'done' ) );
		try {
			$lock->run(
				9,
				0,
				static function () {
					throw new \RuntimeException( 'boom' );
				}
			);
			$this->fail( 'the exception passes through' );
		} catch ( \RuntimeException $e ) {
			$this->assertSame( 'boom', $e->getMessage() );
		}
		$token = $lock->acquire( 9, 0 );
		$this->assertNotNull( $token, 'released in finally' );
		$ran    = false;
		$result = $lock->run(
			9,
			0.1,
			static function () use ( &$ran ) {
				$ran = true;
			}
		);
		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'meum_order_locked', $result->get_error_code() );
		$this->assertFalse( $ran, 'the work does not run without the lock' );
	}

	public function test_the_lock_holds_across_php_processes(): void {
		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$code    = '$lock = new Meum\WooCommerce\Payments\Order_Lock(); $token = $lock->acquire( 77, 5 ); echo $token ? "taken\n" : "missed\n"; fflush( STDOUT ); usleep( 1500000 ); $lock->release( 77, (string) $token ); echo "released\n";';
		$process = proc_open( array( PHP_BINARY, $program, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		$this->assertSame( "taken\n", fgets( $pipes[1] ), 'the other process took the lock' );

		$lock = new Order_Lock();
		$this->assertNull( $lock->acquire( 77, 0.2 ), 'this process cannot take it while the other holds it' );
		$started = microtime( true );
		$token   = $lock->acquire( 77, 5 );
		$this->assertNotNull( $token, 'taken once the other process released it' );
		$this->assertLessThan( 3, microtime( true ) - $started );
		$this->assertSame( "released\n", fgets( $pipes[1] ) );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ) );
		$lock->release( 77, (string) $token );
	}

	public function test_data_version_4_gets_the_check_columns_on_upgrade_and_keeps_its_rows(): void {
		global $wpdb;
		$table = Tables::name( Tables::INVOICES );
		$wpdb->query( "DROP TABLE IF EXISTS $table" ); // phpcs:ignore WordPress.DB
		// The invoice table as data version 4 created it (no check columns).
		$wpdb->query( "CREATE TABLE $table ( id bigint(20) unsigned NOT NULL AUTO_INCREMENT, invoice_id varchar(191) NOT NULL, order_id bigint(20) unsigned NOT NULL, suffix int(10) unsigned NOT NULL DEFAULT 1, external_order_id varchar(191) NOT NULL, amount varchar(32) NOT NULL, currency char(3) NOT NULL, status varchar(32) NOT NULL, checkout_url text NOT NULL, paid_amount varchar(32) DEFAULT NULL, difference_amount varchar(32) DEFAULT NULL, settlement_asset varchar(191) DEFAULT NULL, transaction_hash varchar(191) DEFAULT NULL, paid_at datetime DEFAULT NULL, expires_at datetime DEFAULT NULL, next_check_at datetime DEFAULT NULL, created_at datetime NOT NULL, updated_at datetime NOT NULL, PRIMARY KEY (id), UNIQUE KEY invoice_id (invoice_id), KEY order_id (order_id), KEY next_check_at (next_check_at) )" ); // phpcs:ignore WordPress.DB
		$wpdb->query( "INSERT INTO $table (invoice_id, order_id, suffix, external_order_id, amount, currency, status, checkout_url, created_at, updated_at) VALUES ('inv_old', 7, 1, '7', '10.00', 'USD', 'pending', 'https://pay.example/inv_old', '2026-12-01 00:00:00', '2026-12-01 00:00:00')" ); // phpcs:ignore WordPress.DB
		update_option( Upgrader::OPTION, 4, true );

		$this->assertSame( 5, Upgrader::CURRENT );
		$this->assertSame( Upgrader::CURRENT, ( new Upgrader( $this->store() ) )->maybe_upgrade(), 'version 4 → 5' );

		$row = ( new Invoice_Table() )->find( 'inv_old' );
		$this->assertIsArray( $row, 'the row is kept' );
		$this->assertSame( '0', (string) $row['checks_done'] );
		foreach ( array( 'check_claim', 'claimed_until', 'last_checked_at', 'last_check_error' ) as $column ) {
			$this->assertArrayHasKey( $column, $row );
			$this->assertNull( $row[ $column ], $column );
		}
	}

	public function test_recording_and_status_updates_set_the_next_check_and_final_clears_it(): void {
		$table = new Invoice_Table();
		$now   = strtotime( '2026-12-01T00:00:00Z' );
		$table->record( 7, 1, $this->invoice( 'inv_sched' ), $now );
		$this->assertSame( '2026-12-01 00:05:00', $table->find( 'inv_sched' )['next_check_at'], '+5 min' );

		$table->update_status( 'inv_sched', 'awaiting_payment', $now + 600 );
		$this->assertSame( '2026-12-01 00:15:00', $table->find( 'inv_sched' )['next_check_at'], 'the first point after the update' );

		$table->update_status( 'inv_sched', 'paid', $now + 700 );
		$this->assertNull( $table->find( 'inv_sched' )['next_check_at'], 'final: never checked again' );
	}

	public function test_a_claim_takes_due_unclaimed_rows_once_and_a_finished_check_sets_the_next_one(): void {
		Reconciliation_Test::forget_due_checks();
		$table = new Invoice_Table();
		$now   = strtotime( '2026-12-01T00:00:00Z' );
		foreach ( array( 'inv_c1', 'inv_c2', 'inv_c3' ) as $i => $id ) {
			$table->record( 7, $i + 1, $this->invoice( $id, array( 'external_order_id' => 0 === $i ? '7' : '7-' . ( $i + 1 ) ) ), $now + $i );
		}
		$this->assertSame( array(), $table->claim_due( $now + 299, 10, 60 ), 'nothing due before +5 min' );
		$this->assertSame( 3, $table->overdue_count( $now + 400, 60 ) );
		$this->assertSame( 0, $table->overdue_count( $now + 300, 60 ), 'within the grace' );

		$first = $table->claim_due( $now + 400, 2, 60 );
		$this->assertSame( array( 'inv_c1', 'inv_c2' ), array_column( $first, 'invoice_id' ), 'most overdue first, at most the limit' );
		$this->assertSame( 1, count( array_unique( array_column( $first, 'check_claim' ) ) ), 'one token per claim' );
		$second = $table->claim_due( $now + 400, 10, 60 );
		$this->assertSame( array( 'inv_c3' ), array_column( $second, 'invoice_id' ), 'claimed rows are not claimed again' );
		$this->assertSame( array(), $table->claim_due( $now + 400, 10, 60 ) );
		$this->assertSame( array( 'inv_c1', 'inv_c2', 'inv_c3' ), array_column( $table->claim_due( $now + 461, 10, 60 ), 'invoice_id' ), 'an expired claim is taken over' );

		$claim = $table->claim_due( $now + 600, 1, 60 )[0];
		$this->assertFalse( $table->finish_check( $claim['invoice_id'], 'not-the-token', null, $now + 600 ) );
		$this->assertTrue( $table->finish_check( $claim['invoice_id'], (string) $claim['check_claim'], null, $now + 600 ) );
		$row = $table->find( $claim['invoice_id'] );
		$this->assertSame( '2026-12-01 00:15:00', $row['next_check_at'], 'the next point' );
		$this->assertSame( '1', (string) $row['checks_done'] );
		$this->assertNull( $row['check_claim'] );

		$claim = $table->claim_due( $now + 1000, 1, 60 )[0];
		$this->assertTrue( $table->finish_check( $claim['invoice_id'], (string) $claim['check_claim'], 'meum_unreachable', $now + 1000 ) );
		$row = $table->find( $claim['invoice_id'] );
		$this->assertSame( gmdate( 'Y-m-d H:i:s', $now + 1300 ), $row['next_check_at'], 'a retry in 5 min' );
		$this->assertSame( 'meum_unreachable', $row['last_check_error'] );

		$claim = $table->claim_due( $now + 3500, 1, 60 )[0];
		$this->assertTrue( $table->finish_check( $claim['invoice_id'], (string) $claim['check_claim'], 'meum_unreachable', $now + 3500 ) );
		$row = $table->find( $claim['invoice_id'] );
		$this->assertSame( gmdate( 'Y-m-d H:i:s', (int) strtotime( $row['created_at'] . ' UTC' ) + 3600 ), $row['next_check_at'], 'never later than the next point (+1 h)' );

		$claim = $table->claim_due( $now + 3500, 1, 60 );
		$this->assertSame( 1, $table->release_claim( (string) $claim[0]['check_claim'] ) );
		$this->assertNull( $table->find( $claim[0]['invoice_id'] )['check_claim'], 'released: due again as it was' );
	}

	public function test_two_processes_claiming_at_once_get_disjoint_rows(): void {
		Reconciliation_Test::forget_due_checks();
		$table = new Invoice_Table();
		$now   = time() - 1000;
		$ids   = array();
		for ( $i = 1; $i <= 40; $i++ ) {
			$ids[] = 'inv_par' . $i;
			$table->record( 8, $i, $this->invoice( 'inv_par' . $i, array( 'external_order_id' => 1 === $i ? '8' : '8-' . $i ) ), $now );
		}
		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$code    = '$t = new Meum\WooCommerce\Payments\Invoice_Table(); $got = array(); while ( $rows = $t->claim_due( time(), 3, 600 ) ) { foreach ( $rows as $r ) { $got[] = $r["invoice_id"]; } usleep( 2000 ); } echo implode( ",", $got );';
		$process = proc_open( array( PHP_BINARY, $program, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		$mine = array();
		while ( $rows = $table->claim_due( time(), 3, 600 ) ) { // phpcs:ignore WordPress.CodeAnalysis.AssignmentInCondition
			$mine = array_merge( $mine, array_column( $rows, 'invoice_id' ) );
			usleep( 2000 );
		}
		$theirs = array_filter( explode( ',', (string) stream_get_contents( $pipes[1] ) ) );
		$error  = (string) stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ), $error );

		$this->assertSame( array(), array_intersect( $mine, $theirs ), 'no row claimed by both' );
		$all = array_merge( $mine, $theirs );
		sort( $all );
		sort( $ids );
		$this->assertSame( $ids, $all, 'every due row claimed once' );
	}
}
