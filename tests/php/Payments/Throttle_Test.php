<?php
/**
 * Tests of the rate limits kept in the database.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Lifecycle\Upgrader;
use Meum\WooCommerce\Payments\Throttle;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `{prefix}meum_wc_throttle` (created by data version 5) and {@see Throttle::hit()}: a fixed window per
 * bucket, its limit, a new window once the old one is over, and the limit held across PHP
 * processes hitting one bucket at the same time (SQLite or MariaDB: the matrix runs both).
 */
class Throttle_Test extends Test_Case {

	private const T = 1900000000;

	protected function setUp(): void {
		parent::setUp();
		self::empty_table();
	}

	protected function tearDown(): void {
		self::empty_table();
		parent::tearDown();
	}

	/**
	 * Deletes every bucket.
	 *
	 * @return void
	 */
	private static function empty_table(): void {
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Tables::name( Tables::THROTTLE ) ); // phpcs:ignore WordPress.DB
	}

	public function test_the_upgrade_from_data_version_4_creates_the_table(): void {
		global $wpdb;
		$table = Tables::name( Tables::THROTTLE );
		$wpdb->query( "DROP TABLE IF EXISTS $table" ); // phpcs:ignore WordPress.DB
		update_option( Upgrader::OPTION, 4, true );

		$this->assertSame( Upgrader::CURRENT, ( new Upgrader( $this->store() ) )->maybe_upgrade() );

		$this->assertSame( $table, $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $table ) ) ); // phpcs:ignore WordPress.DB
		$this->assertTrue( ( new Throttle() )->hit( 'upgrade', 1, 10, self::T ) );
	}

	public function test_a_window_allows_its_limit_then_a_new_window_starts(): void {
		$throttle = new Throttle();

		$this->assertTrue( $throttle->hit( 'order:1', 1, 10, self::T ) );
		$this->assertFalse( $throttle->hit( 'order:1', 1, 10, self::T + 9 ), 'the second hit within 10 s' );
		$this->assertTrue( $throttle->hit( 'order:2', 1, 10, self::T + 9 ), 'another bucket has its own window' );
		$this->assertTrue( $throttle->hit( 'order:1', 1, 10, self::T + 10 ), 'the 11th second starts a new window' );
		$this->assertFalse( $throttle->hit( 'order:1', 1, 10, self::T + 19 ) );

		$taken = 0;
		for ( $i = 0; $i < 31; $i++ ) {
			$taken += $throttle->hit( 'site', 30, 60, self::T + $i ) ? 1 : 0;
		}
		$this->assertSame( 30, $taken, '30 per minute, the 31st refused' );
		$this->assertTrue( $throttle->hit( 'site', 30, 60, self::T + 60 ), 'a new minute' );
	}

	public function test_prune_deletes_old_buckets_only(): void {
		global $wpdb;
		$throttle = new Throttle();
		$throttle->hit( 'old', 1, 10, self::T - DAY_IN_SECONDS - 1 );
		$throttle->hit( 'new', 1, 10, self::T );

		$throttle->prune( self::T - DAY_IN_SECONDS );

		$this->assertSame( array( 'new' ), $wpdb->get_col( 'SELECT bucket FROM ' . Tables::name( Tables::THROTTLE ) ) ); // phpcs:ignore WordPress.DB
	}

	public function test_the_limits_hold_across_two_php_processes_hitting_at_once(): void {
		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$start   = microtime( true ) + 1.5;
		$code    = sprintf(
			'while ( microtime( true ) < %1$F ) { usleep( 1000 ); } $t = new Meum\WooCommerce\Payments\Throttle(); $o = 0; $s = 0;'
			. ' for ( $i = 0; $i < 25; $i++ ) { $o += $t->hit( "two:order", 1, 10, %2$d ) ? 1 : 0; $s += $t->hit( "two:site", 30, 60, %2$d ) ? 1 : 0; }'
			. ' echo wp_json_encode( array( $o, $s ) );',
			$start,
			self::T
		);
		$processes = array();
		$pipes     = array();
		foreach ( array( 1, 2 ) as $n ) {
			$processes[ $n ] = proc_open( array( PHP_BINARY, $program, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes[ $n ] );
			$this->assertIsResource( $processes[ $n ] );
		}
		$order = 0;
		$site  = 0;
		foreach ( $processes as $n => $process ) {
			$counts = json_decode( (string) stream_get_contents( $pipes[ $n ][1] ), true );
			$errors = (string) stream_get_contents( $pipes[ $n ][2] );
			fclose( $pipes[ $n ][1] );
			fclose( $pipes[ $n ][2] );
			$this->assertSame( 0, proc_close( $process ), $errors );
			$this->assertIsArray( $counts, $errors );
			$order += (int) $counts[0];
			$site  += (int) $counts[1];
		}

		$this->assertSame( 1, $order, 'one hit of the order bucket in its window, 50 tries in two processes' );
		$this->assertSame( 30, $site, '30 hits of the site bucket in its window, 50 tries in two processes' );
	}
}
