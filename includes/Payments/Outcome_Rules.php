<?php
/**
 * The outcome table of Meum API Part A §A5.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Decides what an invoice status means for an order: a pure function of plain facts, one row of
 * §A5's "Outcomes" table per constant below, first matching row wins. It knows nothing of
 * WooCommerce; {@see Order_Updater} gathers the facts on a fresh read under the order's lock and
 * applies the decision.
 *
 * Facts (all keys required):
 * - `status`: the invoice status decided on (`pending`, `quoted`, `awaiting_payment`, `created`,
 *   `paid`, `underpaid`, `failed`, `expired`, `cancelled`, `refunded`, or anything else);
 * - `order_status`: the order's status without `wc-` (`pending`, `on-hold`, `trash`, …);
 * - `currency_matches`: the invoice's currency is the order's currency;
 * - `paid_already`: the order has `date_paid`, or another of its invoices is known paid;
 * - `review_hold`: the order is on hold and this plugin put it there for review;
 * - `paid_vs_total`: the paid amount compared with the order's current total in hundredths
 *   (-1 less, 0 equal, 1 more), null when unknown;
 * - `is_current`: the invoice is the order's current one;
 * - `current_settled`: the order's current invoice (another one) is expired or cancelled as last
 *   known: an expiry or cancellation of a superseded invoice then stands for the current one, so
 *   the order ends in the same state whichever of the two final events arrives first;
 * - `others_live`: another invoice of the order is open, paid or underpaid as last known;
 * - `confirmed`: Meum, read just now, still gives this status (expired/cancelled only);
 * - `created_by_checkout`: the order's `created_via` is `checkout` or `store-api`.
 */
final class Outcome_Rules {

	/** Row 1: created, or an open status read: nothing on the order. */
	public const ROW_OPEN = 'open';

	/** Row 2: paid or underpaid in another currency: on-hold for review + flag. */
	public const ROW_OTHER_CURRENCY = 'other_currency';

	/** Row 3: paid or underpaid for an order paid already: flag. */
	public const ROW_PAID_TWICE = 'paid_twice';

	/** Row 4: paid or underpaid for a cancelled (or other) order: on-hold if possible + flag. */
	public const ROW_NOT_PAYABLE = 'not_payable';

	/** Row 5: paid in full: payment_complete (an overpayment is flagged). */
	public const ROW_COMPLETE = 'complete';

	/** Row 6: paid too little, or underpaid: on-hold for review + flag + customer note. */
	public const ROW_UNDERPAID = 'underpaid';

	/** Row 7: paid or underpaid while on hold for review: flag updated. */
	public const ROW_UNDER_REVIEW = 'under_review';

	/** Row 8: failed for the current invoice of a pending order: failed + note. */
	public const ROW_FAILED = 'failed';

	/** Row 9: expired/cancelled, every condition met: cancelled + note. */
	public const ROW_CANCEL = 'cancel';

	/** Row 10: expired/cancelled, any other case for a pending/failed order: note only. */
	public const ROW_STAYS_PAYABLE = 'stays_payable';

	/** Row 11: refunded: note only. */
	public const ROW_REFUNDED = 'refunded';

	/** Row 12: an unknown status: recorded, no order change. */
	public const ROW_UNKNOWN = 'unknown';

	/** Row 13: any other combination: note only. */
	public const ROW_OTHER = 'other';

	/** Effect: nothing on the order. */
	public const NOTHING = 'nothing';

	/** Effect: on-hold for review (when the order can be put on hold), with a flag. */
	public const HOLD = 'hold';

	/** Effect: `payment_complete()`. */
	public const COMPLETE = 'complete';

	/** Effect: status failed + note. */
	public const FAIL = 'fail';

	/** Effect: status cancelled + note. */
	public const CANCEL = 'cancel';

	/** Effect: a note only. */
	public const NOTE = 'note';

	/** Effect: a flag (note + settings-page item), no status change. */
	public const FLAG = 'flag';

	/** Flag kinds. */
	public const FLAG_CURRENCY     = 'other_currency';
	public const FLAG_PAID_TWICE   = 'paid_twice';
	public const FLAG_NOT_PAYABLE  = 'not_payable';
	public const FLAG_OVERPAID     = 'overpaid';
	public const FLAG_UNDERPAID    = 'underpaid';
	public const FLAG_OTHER_METHOD = 'other_method';
	public const FLAG_UNDER_REVIEW = 'under_review';

	/** Invoice statuses that can still receive a payment (Part B §4.1). */
	public const OPEN = array( 'pending', 'quoted', 'awaiting_payment' );

	/** Order statuses from which a payment is taken normally. */
	private const PAYABLE = array( 'pending', 'failed', 'on-hold' );

	/** Order statuses that cannot be put on hold. */
	private const NO_HOLD = array( 'trash', 'refunded' );

	/** Statuses the plugin knows; anything else is row 12. */
	private const KNOWN = array( 'created', 'pending', 'quoted', 'awaiting_payment', 'paid', 'underpaid', 'failed', 'expired', 'cancelled', 'refunded' );

	/**
	 * The first matching row of the table.
	 *
	 * @param array{status: string, order_status: string, currency_matches: bool, paid_already: bool, review_hold: bool, paid_vs_total: int|null, is_current: bool, current_settled: bool, others_live: bool, confirmed: bool, created_by_checkout: bool} $facts See the class docblock.
	 * @return array{row: string, effect: string, flag: string|null, customer_note: bool} The row,
	 *         the effect to apply, the flag kind to raise (null for none) and whether the customer
	 *         gets a note (only the underpaid row).
	 */
	public static function decide( array $facts ): array {
		$status   = $facts['status'];
		$order    = $facts['order_status'];
		$payment  = in_array( $status, array( 'paid', 'underpaid' ), true );
		$payable  = in_array( $order, self::PAYABLE, true ) && ! $facts['review_hold'];
		$settles  = in_array( $status, array( 'expired', 'cancelled' ), true );
		$sole     = ( $facts['is_current'] || ( $settles && $facts['current_settled'] ) ) && ! $facts['others_live'];
		$complete = 'paid' === $status && null !== $facts['paid_vs_total'] && $facts['paid_vs_total'] >= 0;

		if ( 'created' === $status || in_array( $status, self::OPEN, true ) ) {
			return self::row( self::ROW_OPEN, self::NOTHING );
		}
		if ( $payment && ! $facts['currency_matches'] && in_array( $order, self::PAYABLE, true ) ) {
			return self::row( self::ROW_OTHER_CURRENCY, self::HOLD, self::FLAG_CURRENCY );
		}
		if ( $payment && $facts['paid_already'] ) {
			return self::row( self::ROW_PAID_TWICE, self::FLAG, self::FLAG_PAID_TWICE );
		}
		if ( $payment && ! in_array( $order, self::PAYABLE, true ) ) {
			return self::row( self::ROW_NOT_PAYABLE, in_array( $order, self::NO_HOLD, true ) ? self::FLAG : self::HOLD, self::FLAG_NOT_PAYABLE );
		}
		if ( $payment && $payable && $complete ) {
			return self::row( self::ROW_COMPLETE, self::COMPLETE, $facts['paid_vs_total'] > 0 ? self::FLAG_OVERPAID : null );
		}
		if ( $payment && $payable ) {
			return self::row( self::ROW_UNDERPAID, self::HOLD, self::FLAG_UNDERPAID, true );
		}
		if ( $payment ) {
			return self::row( self::ROW_UNDER_REVIEW, self::FLAG, self::FLAG_UNDER_REVIEW );
		}
		if ( 'failed' === $status && 'pending' === $order && $sole ) {
			return self::row( self::ROW_FAILED, self::FAIL );
		}
		if ( $settles && in_array( $order, array( 'pending', 'failed' ), true ) && $sole && $facts['confirmed'] && $facts['created_by_checkout'] ) {
			return self::row( self::ROW_CANCEL, self::CANCEL );
		}
		if ( $settles && in_array( $order, array( 'pending', 'failed' ), true ) ) {
			return self::row( self::ROW_STAYS_PAYABLE, self::NOTE );
		}
		if ( 'refunded' === $status ) {
			return self::row( self::ROW_REFUNDED, self::NOTE );
		}
		if ( ! in_array( $status, self::KNOWN, true ) ) {
			return self::row( self::ROW_UNKNOWN, self::NOTHING );
		}
		return self::row( self::ROW_OTHER, self::NOTE );
	}

	/**
	 * One decision.
	 *
	 * @param string      $row           Row constant.
	 * @param string      $effect        Effect constant.
	 * @param string|null $flag          Flag kind, or null.
	 * @param bool        $customer_note Whether the customer gets a note.
	 * @return array{row: string, effect: string, flag: string|null, customer_note: bool}
	 */
	private static function row( string $row, string $effect, ?string $flag = null, bool $customer_note = false ): array {
		return array(
			'row'           => $row,
			'effect'        => $effect,
			'flag'          => $flag,
			'customer_note' => $customer_note,
		);
	}
}
