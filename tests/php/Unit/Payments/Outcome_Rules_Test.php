<?php
/**
 * Tests of the §A5 outcome table, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Payments;

use Meum\WooCommerce\Payments\Outcome_Rules as R;
use PHPUnit\Framework\TestCase;

/**
 * Every row of Meum API Part A §A5 "Outcomes", each boundary of its conditions, and first-match:
 * a situation that matches two rows gets the earlier one.
 */
class Outcome_Rules_Test extends TestCase {

	/**
	 * A pending order created by checkout, paid exactly with its current invoice.
	 *
	 * @param array<string, mixed> $changes Facts to change.
	 * @return array{status: string, order_status: string, currency_matches: bool, paid_already: bool, review_hold: bool, paid_vs_total: int|null, is_current: bool, current_settled: bool, others_live: bool, confirmed: bool, created_by_checkout: bool}
	 */
	private static function facts( array $changes = array() ): array {
		return array_merge(
			array(
				'status'              => 'paid',
				'order_status'        => 'pending',
				'currency_matches'    => true,
				'paid_already'        => false,
				'review_hold'         => false,
				'paid_vs_total'       => 0,
				'is_current'          => true,
				'current_settled'     => false,
				'others_live'         => false,
				'confirmed'           => true,
				'created_by_checkout' => true,
			),
			$changes
		);
	}

	/**
	 * Facts → expected row, effect, flag, customer note.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string, 2: string, 3: string|null, 4?: bool}>
	 */
	public function table(): array {
		$cases = array(
			// Row 1: created / open status read, whatever the order.
			'created, pending'                            => array( array( 'status' => 'created' ), R::ROW_OPEN, R::NOTHING, null ),
			'open read pending'                           => array( array( 'status' => 'pending' ), R::ROW_OPEN, R::NOTHING, null ),
			'open read quoted, processing order'          => array( array( 'status' => 'quoted', 'order_status' => 'processing', 'paid_already' => true ), R::ROW_OPEN, R::NOTHING, null ),
			'open read awaiting_payment, other currency'  => array( array( 'status' => 'awaiting_payment', 'currency_matches' => false ), R::ROW_OPEN, R::NOTHING, null ),
			// Row 2: other currency, pending / failed / on-hold (before "paid already": first match).
			'paid, other currency, pending'               => array( array( 'currency_matches' => false ), R::ROW_OTHER_CURRENCY, R::HOLD, R::FLAG_CURRENCY ),
			'underpaid, other currency, failed'           => array( array( 'status' => 'underpaid', 'order_status' => 'failed', 'currency_matches' => false, 'paid_vs_total' => -1 ), R::ROW_OTHER_CURRENCY, R::HOLD, R::FLAG_CURRENCY ),
			'paid, other currency, on-hold for review'    => array( array( 'order_status' => 'on-hold', 'review_hold' => true, 'currency_matches' => false ), R::ROW_OTHER_CURRENCY, R::HOLD, R::FLAG_CURRENCY ),
			'paid, other currency, paid already on-hold'  => array( array( 'order_status' => 'on-hold', 'currency_matches' => false, 'paid_already' => true ), R::ROW_OTHER_CURRENCY, R::HOLD, R::FLAG_CURRENCY ),
			// Row 3: paid already, any status (other currency on a processing order lands here).
			'paid, processing, paid already'              => array( array( 'order_status' => 'processing', 'paid_already' => true ), R::ROW_PAID_TWICE, R::FLAG, R::FLAG_PAID_TWICE ),
			'paid, other currency, completed paid'        => array( array( 'order_status' => 'completed', 'paid_already' => true, 'currency_matches' => false ), R::ROW_PAID_TWICE, R::FLAG, R::FLAG_PAID_TWICE ),
			'underpaid, pending, paid already'            => array( array( 'status' => 'underpaid', 'paid_already' => true, 'paid_vs_total' => -1 ), R::ROW_PAID_TWICE, R::FLAG, R::FLAG_PAID_TWICE ),
			'paid, cancelled, paid already'               => array( array( 'order_status' => 'cancelled', 'paid_already' => true ), R::ROW_PAID_TWICE, R::FLAG, R::FLAG_PAID_TWICE ),
			// Row 4: cancelled, trash, or any status not listed below.
			'paid, cancelled'                             => array( array( 'order_status' => 'cancelled' ), R::ROW_NOT_PAYABLE, R::HOLD, R::FLAG_NOT_PAYABLE ),
			'underpaid, cancelled'                        => array( array( 'status' => 'underpaid', 'order_status' => 'cancelled', 'paid_vs_total' => -1 ), R::ROW_NOT_PAYABLE, R::HOLD, R::FLAG_NOT_PAYABLE ),
			'paid, processing without date_paid'          => array( array( 'order_status' => 'processing' ), R::ROW_NOT_PAYABLE, R::HOLD, R::FLAG_NOT_PAYABLE ),
			'paid, checkout-draft'                        => array( array( 'order_status' => 'checkout-draft' ), R::ROW_NOT_PAYABLE, R::HOLD, R::FLAG_NOT_PAYABLE ),
			'paid, other currency, cancelled'             => array( array( 'order_status' => 'cancelled', 'currency_matches' => false ), R::ROW_NOT_PAYABLE, R::HOLD, R::FLAG_NOT_PAYABLE ),
			'paid, trash: cannot hold'                    => array( array( 'order_status' => 'trash' ), R::ROW_NOT_PAYABLE, R::FLAG, R::FLAG_NOT_PAYABLE ),
			'paid, refunded: cannot hold'                 => array( array( 'order_status' => 'refunded' ), R::ROW_NOT_PAYABLE, R::FLAG, R::FLAG_NOT_PAYABLE ),
			// Row 5: paid in full.
			'paid exactly, pending'                       => array( array(), R::ROW_COMPLETE, R::COMPLETE, null ),
			'paid exactly, failed'                        => array( array( 'order_status' => 'failed' ), R::ROW_COMPLETE, R::COMPLETE, null ),
			'paid exactly, on-hold not for review'        => array( array( 'order_status' => 'on-hold' ), R::ROW_COMPLETE, R::COMPLETE, null ),
			'paid more, pending: overpaid flag'           => array( array( 'paid_vs_total' => 1 ), R::ROW_COMPLETE, R::COMPLETE, R::FLAG_OVERPAID ),
			'paid, superseded invoice, pending'           => array( array( 'is_current' => false, 'others_live' => true ), R::ROW_COMPLETE, R::COMPLETE, null ),
			'paid, order not created by checkout'         => array( array( 'created_by_checkout' => false ), R::ROW_COMPLETE, R::COMPLETE, null ),
			// Row 6: paid too little, or underpaid.
			'paid less, pending'                          => array( array( 'paid_vs_total' => -1 ), R::ROW_UNDERPAID, R::HOLD, R::FLAG_UNDERPAID, true ),
			'paid, amount unknown, pending'               => array( array( 'paid_vs_total' => null ), R::ROW_UNDERPAID, R::HOLD, R::FLAG_UNDERPAID, true ),
			'underpaid, failed'                           => array( array( 'status' => 'underpaid', 'order_status' => 'failed', 'paid_vs_total' => -1 ), R::ROW_UNDERPAID, R::HOLD, R::FLAG_UNDERPAID, true ),
			'underpaid with full amount, on-hold'         => array( array( 'status' => 'underpaid', 'order_status' => 'on-hold', 'paid_vs_total' => 0 ), R::ROW_UNDERPAID, R::HOLD, R::FLAG_UNDERPAID, true ),
			// Row 7: on-hold set by this plugin for review: never completed.
			'paid in full, on-hold for review'            => array( array( 'order_status' => 'on-hold', 'review_hold' => true ), R::ROW_UNDER_REVIEW, R::FLAG, R::FLAG_UNDER_REVIEW ),
			'underpaid, on-hold for review'               => array( array( 'status' => 'underpaid', 'order_status' => 'on-hold', 'review_hold' => true, 'paid_vs_total' => -1 ), R::ROW_UNDER_REVIEW, R::FLAG, R::FLAG_UNDER_REVIEW ),
			// Row 8: failed.
			'failed, pending, current, alone'             => array( array( 'status' => 'failed' ), R::ROW_FAILED, R::FAIL, null ),
			'failed, pending, not created by checkout'    => array( array( 'status' => 'failed', 'created_by_checkout' => false ), R::ROW_FAILED, R::FAIL, null ),
			// Row 9: expired / cancelled, every condition.
			'expired, pending, current, alone, checkout'  => array( array( 'status' => 'expired' ), R::ROW_CANCEL, R::CANCEL, null ),
			'cancelled, failed, current, alone, checkout' => array( array( 'status' => 'cancelled', 'order_status' => 'failed' ), R::ROW_CANCEL, R::CANCEL, null ),
			// Row 10: expired / cancelled, pending or failed, any other case.
			'expired, superseded, the current one expired' => array( array( 'status' => 'expired', 'is_current' => false, 'current_settled' => true ), R::ROW_CANCEL, R::CANCEL, null ),
			'cancelled, superseded, current one cancelled' => array( array( 'status' => 'cancelled', 'is_current' => false, 'current_settled' => true ), R::ROW_CANCEL, R::CANCEL, null ),
			'expired, superseded invoice'                 => array( array( 'status' => 'expired', 'is_current' => false ), R::ROW_STAYS_PAYABLE, R::NOTE, null ),
			'expired, superseded, current expired, a third live' => array( array( 'status' => 'expired', 'is_current' => false, 'current_settled' => true, 'others_live' => true ), R::ROW_STAYS_PAYABLE, R::NOTE, null ),
			'failed, superseded, the current one expired' => array( array( 'status' => 'failed', 'is_current' => false, 'current_settled' => true ), R::ROW_OTHER, R::NOTE, null ),
			'expired, another invoice live'               => array( array( 'status' => 'expired', 'others_live' => true ), R::ROW_STAYS_PAYABLE, R::NOTE, null ),
			'expired, Meum no longer says so'             => array( array( 'status' => 'expired', 'confirmed' => false ), R::ROW_STAYS_PAYABLE, R::NOTE, null ),
			'expired, order created in wp-admin'          => array( array( 'status' => 'expired', 'created_by_checkout' => false ), R::ROW_STAYS_PAYABLE, R::NOTE, null ),
			'cancelled, failed, created in wp-admin'      => array( array( 'status' => 'cancelled', 'order_status' => 'failed', 'created_by_checkout' => false ), R::ROW_STAYS_PAYABLE, R::NOTE, null ),
			// Row 11: refunded, any order.
			'refunded, processing'                        => array( array( 'status' => 'refunded', 'order_status' => 'processing', 'paid_already' => true ), R::ROW_REFUNDED, R::NOTE, null ),
			'refunded, pending'                           => array( array( 'status' => 'refunded' ), R::ROW_REFUNDED, R::NOTE, null ),
			// Row 12: unknown types.
			'unknown status'                              => array( array( 'status' => 'disputed' ), R::ROW_UNKNOWN, R::NOTHING, null ),
			// Row 13: any other combination (the default row).
			'failed, processing'                          => array( array( 'status' => 'failed', 'order_status' => 'processing' ), R::ROW_OTHER, R::NOTE, null ),
			'failed, pending, superseded invoice'         => array( array( 'status' => 'failed', 'is_current' => false ), R::ROW_OTHER, R::NOTE, null ),
			'failed, pending, another invoice live'       => array( array( 'status' => 'failed', 'others_live' => true ), R::ROW_OTHER, R::NOTE, null ),
			'failed, failed order'                        => array( array( 'status' => 'failed', 'order_status' => 'failed' ), R::ROW_OTHER, R::NOTE, null ),
			'failed, on-hold'                             => array( array( 'status' => 'failed', 'order_status' => 'on-hold' ), R::ROW_OTHER, R::NOTE, null ),
			'expired, on-hold'                            => array( array( 'status' => 'expired', 'order_status' => 'on-hold' ), R::ROW_OTHER, R::NOTE, null ),
			'cancelled, processing'                       => array( array( 'status' => 'cancelled', 'order_status' => 'processing', 'paid_already' => true ), R::ROW_OTHER, R::NOTE, null ),
			'expired, cancelled order'                    => array( array( 'status' => 'expired', 'order_status' => 'cancelled' ), R::ROW_OTHER, R::NOTE, null ),
		);
		return $cases;
	}

	/**
	 * @dataProvider table
	 *
	 * @param array<string, mixed> $changes       Facts to change.
	 * @param string               $row           Expected row.
	 * @param string               $effect        Expected effect.
	 * @param string|null          $flag          Expected flag kind.
	 * @param bool                 $customer_note Expected customer note.
	 */
	public function test_each_row_of_the_table( array $changes, string $row, string $effect, ?string $flag, bool $customer_note = false ): void {
		$decision = R::decide( self::facts( $changes ) );

		$this->assertSame(
			array(
				'row'           => $row,
				'effect'        => $effect,
				'flag'          => $flag,
				'customer_note' => $customer_note,
			),
			$decision
		);
	}

	public function test_every_row_is_covered_by_the_table(): void {
		$rows = array_unique( array_column( $this->table(), 1 ) );
		sort( $rows );
		$all = array( R::ROW_OPEN, R::ROW_OTHER_CURRENCY, R::ROW_PAID_TWICE, R::ROW_NOT_PAYABLE, R::ROW_COMPLETE, R::ROW_UNDERPAID, R::ROW_UNDER_REVIEW, R::ROW_FAILED, R::ROW_CANCEL, R::ROW_STAYS_PAYABLE, R::ROW_REFUNDED, R::ROW_UNKNOWN, R::ROW_OTHER );
		sort( $all );

		$this->assertSame( $all, $rows );
	}

	public function test_an_order_on_hold_for_review_is_never_completed_whatever_the_amount(): void {
		foreach ( array( -1, 0, 1, null ) as $compared ) {
			$decision = R::decide(
				self::facts(
					array(
						'order_status'  => 'on-hold',
						'review_hold'   => true,
						'paid_vs_total' => $compared,
					)
				)
			);
			$this->assertNotSame( R::COMPLETE, $decision['effect'], 'paid vs total: ' . var_export( $compared, true ) );
		}
	}
}
