<?php
/**
 * Tests of the status-check schedule, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Payments\Reconciliation;

use Meum\WooCommerce\Payments\Reconciliation\Check_Schedule;
use PHPUnit\Framework\TestCase;

/**
 * Issue 11 "Reconciliation": +5 min, +15 min, +1 h, +6 h, +24 h, `expires_at` + 10 min, last at
 * +7 days; the first point after now; final statuses never again.
 */
class Check_Schedule_Test extends TestCase {

	private const CREATED = 1800000000;

	/**
	 * Times after creation and the next check then.
	 *
	 * @return array<string, array{0: int, 1: int|null, 2: int|null}>
	 */
	public function points(): array {
		$expires = self::CREATED + 3600 * 2;
		return array(
			'just created → +5 min'                => array( 0, $expires, 300 ),
			'at +5 min exactly → +15 min'          => array( 300, $expires, 900 ),
			'at +20 min → +1 h'                    => array( 1200, $expires, 3600 ),
			'at +1 h → expiry + 10 min'            => array( 3600, $expires, 7200 + 600 ),
			'after expiry check → +6 h'            => array( 7800, $expires, 21600 ),
			'at +2 days → +7 days'                 => array( 2 * 86400, $expires, 604800 ),
			'late run at +3 h skips missed points' => array( 10800, null, 21600 ),
			'past 7 days → never'                  => array( 604800, $expires, null ),
			'no expiry: +24 h after +6 h'          => array( 21600, null, 86400 ),
		);
	}

	/**
	 * The first point after now.
	 *
	 * @dataProvider points
	 * @param int      $after    Seconds since creation.
	 * @param int|null $expires  Expiry (unix time) or null.
	 * @param int|null $expected Seconds after creation of the next check, or null.
	 */
	public function test_the_next_check_is_the_first_point_after_now( int $after, ?int $expires, ?int $expected ): void {
		$next = ( new Check_Schedule() )->next( self::CREATED, $expires, self::CREATED + $after, 'pending' );
		$this->assertSame( null === $expected ? null : self::CREATED + $expected, $next );
	}

	public function test_final_statuses_are_never_checked_again(): void {
		foreach ( array( 'paid', 'underpaid', 'failed', 'expired', 'refunded', 'cancelled', 'PAID' ) as $status ) {
			$this->assertNull( ( new Check_Schedule() )->next( self::CREATED, null, self::CREATED, $status ), $status );
			$this->assertTrue( Check_Schedule::is_final( $status ) );
		}
		foreach ( array( 'pending', 'quoted', 'awaiting_payment', 'created', 'something_new' ) as $status ) {
			$this->assertSame( self::CREATED + 300, ( new Check_Schedule() )->next( self::CREATED, null, self::CREATED, $status ), $status );
		}
	}

	public function test_an_expiry_past_the_last_point_adds_no_check(): void {
		$schedule = new Check_Schedule();
		$this->assertNull( $schedule->next( self::CREATED, self::CREATED + 604800, self::CREATED + 604800, 'pending' ) );
		$this->assertSame( self::CREATED + 604800, $schedule->next( self::CREATED, self::CREATED + 604800, self::CREATED + 86400, 'pending' ) );
	}

	public function test_a_filtered_schedule_is_sorted_and_cleaned(): void {
		$schedule = new Check_Schedule( array( 600, 'x', -5, 60, 60 ) );
		$this->assertSame( self::CREATED + 60, $schedule->next( self::CREATED, null, self::CREATED, 'pending' ) );
		$this->assertSame( self::CREATED + 600, $schedule->next( self::CREATED, null, self::CREATED + 60, 'pending' ) );
		$this->assertNull( $schedule->next( self::CREATED, null, self::CREATED + 600, 'pending' ), 'the largest offset is the last check' );
		$this->assertSame( self::CREATED + 300, ( new Check_Schedule( array( 'junk' ) ) )->next( self::CREATED, null, self::CREATED, 'pending' ), 'nothing usable → default' );
	}
}
