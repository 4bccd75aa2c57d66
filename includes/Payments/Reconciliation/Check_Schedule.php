<?php
/**
 * When an invoice is checked with Meum next.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments\Reconciliation;

defined( 'ABSPATH' ) || exit;

/**
 * The schedule of the status checks (issue 11 "Reconciliation"): +5 min, +15 min, +1 h, +6 h,
 * +24 h after the invoice's creation, `expires_at` + 10 min, and a last one at +7 days. The next
 * check is the first point after "now", computed from the creation and expiry times alone, so a
 * late run never stacks checks. A final status (Meum API Part B §4.1: paid, underpaid, failed,
 * expired, refunded, cancelled) and an invoice past its last point have no next check. Pure: the
 * WordPress filter `meum_wc_check_schedule` is read by {@see filtered()} only.
 */
class Check_Schedule {

	/** Seconds after the invoice's creation; the largest is the last check. */
	public const DEFAULT_OFFSETS = array( 300, 900, 3600, 21600, 86400, 604800 );

	/** Seconds after `expires_at` of the check that confirms the expiry. */
	public const AFTER_EXPIRY = 600;

	/** Statuses after which Meum's invoice never changes on its own (Part B §4.1 terminal). */
	public const FINAL_STATUSES = array( 'paid', 'underpaid', 'failed', 'expired', 'refunded', 'cancelled' );

	/**
	 * Seconds after creation, ascending, positive.
	 *
	 * @var array<int, int>
	 */
	private array $offsets;

	/**
	 * Creates the schedule.
	 *
	 * @param array<int|string, mixed> $offsets Seconds after the invoice's creation (non-positive
	 *                                          or non-numeric values are ignored; empty → default).
	 */
	public function __construct( array $offsets = self::DEFAULT_OFFSETS ) {
		$clean = array();
		foreach ( $offsets as $offset ) {
			if ( is_numeric( $offset ) && (int) $offset > 0 ) {
				$clean[] = (int) $offset;
			}
		}
		$clean = array() === $clean ? self::DEFAULT_OFFSETS : array_values( array_unique( $clean ) );
		sort( $clean );
		$this->offsets = $clean;
	}

	/**
	 * The schedule with the site's filter applied.
	 *
	 * @return self Offsets from `apply_filters( 'meum_wc_check_schedule', DEFAULT_OFFSETS )`.
	 */
	public static function filtered(): self {
		$offsets = apply_filters( 'meum_wc_check_schedule', self::DEFAULT_OFFSETS );
		return new self( is_array( $offsets ) ? $offsets : self::DEFAULT_OFFSETS );
	}

	/**
	 * The next check of an invoice.
	 *
	 * @param int      $created_at Unix time the invoice was recorded.
	 * @param int|null $expires_at Unix time Meum said it expires, or null.
	 * @param int      $now        Unix time.
	 * @param string   $status     Last known Meum status.
	 * @return int|null Unix time of the first point after `$now`; null for a final status or when
	 *                  the last point has passed.
	 */
	public function next( int $created_at, ?int $expires_at, int $now, string $status ): ?int {
		if ( self::is_final( $status ) ) {
			return null;
		}
		$last   = $created_at + (int) end( $this->offsets );
		$points = array();
		foreach ( $this->offsets as $offset ) {
			$points[] = $created_at + $offset;
		}
		if ( null !== $expires_at && $expires_at + self::AFTER_EXPIRY < $last ) {
			$points[] = $expires_at + self::AFTER_EXPIRY;
		}
		sort( $points );
		foreach ( $points as $point ) {
			if ( $point > $now ) {
				return $point;
			}
		}
		return null;
	}

	/**
	 * Whether a status is final (never checked again).
	 *
	 * @param string $status Meum status.
	 * @return bool True for Part B §4.1's terminal statuses.
	 */
	public static function is_final( string $status ): bool {
		return in_array( strtolower( $status ), self::FINAL_STATUSES, true );
	}
}
