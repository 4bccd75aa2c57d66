<?php
/**
 * What an order update did.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * The answer of {@see Order_Updater}: `applied` (the order changed, or got a note or flag),
 * `nothing` (nothing to do: already applied, unknown order, open invoice …) or `retry_later`
 * (the lock or Meum did not answer in time: a webhook answers 503 so Meum retries), with a short
 * machine reason and, when a row of the outcome table was chosen, its name.
 */
final class Update_Result {

	/** The order changed, or got a note or a flag. */
	public const APPLIED = 'applied';

	/** Nothing to do. */
	public const NOTHING = 'nothing';

	/** Try again later. */
	public const RETRY_LATER = 'retry_later';

	/**
	 * One of the constants.
	 *
	 * @var string
	 */
	private string $outcome;

	/**
	 * Short machine reason, e.g. `no_order`, `already_applied`, `locked`, `meum_unreachable`.
	 *
	 * @var string
	 */
	private string $reason;

	/**
	 * Outcome_Rules row, or null when no row was chosen.
	 *
	 * @var string|null
	 */
	private ?string $row;

	/**
	 * Creates a result.
	 *
	 * @param string      $outcome One of the constants.
	 * @param string      $reason  Short machine reason.
	 * @param string|null $row     Outcome_Rules row.
	 */
	public function __construct( string $outcome, string $reason, ?string $row = null ) {
		$this->outcome = $outcome;
		$this->reason  = $reason;
		$this->row     = $row;
	}

	/**
	 * The outcome.
	 *
	 * @return string `applied`, `nothing` or `retry_later`.
	 */
	public function outcome(): string {
		return $this->outcome;
	}

	/**
	 * The reason.
	 *
	 * @return string Short machine reason.
	 */
	public function reason(): string {
		return $this->reason;
	}

	/**
	 * The outcome-table row chosen.
	 *
	 * @return string|null Outcome_Rules::ROW_* or null.
	 */
	public function row(): ?string {
		return $this->row;
	}

	/**
	 * Whether the caller should try again later.
	 *
	 * @return bool True for `retry_later`.
	 */
	public function is_retry_later(): bool {
		return self::RETRY_LATER === $this->outcome;
	}
}
