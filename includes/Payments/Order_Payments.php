<?php
/**
 * What the order screens know about a Meum order, from stored facts only.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Clock;

defined( 'ABSPATH' ) || exit;

/**
 * Reads an order's Meum facts for the order screens (order box, order-received section, refund
 * notice, unpaid-order guard): whether the order is paid with Meum, its invoice history from the
 * plugin's invoice table, its current invoice, and whether an invoice may still be paid. It never
 * calls Meum and never writes: the decisions about the order are {@see Order_Updater}'s.
 *
 * Contract: `/work/shared/meum-api.md` §A5 ("current" invoice, open statuses) and issue 10
 * ("an invoice without an expiry counts as expired after `meum_wc_max_payment_window`").
 */
class Order_Payments {

	/** The gateway id of Meum orders (`Gateway` registers it). */
	public const GATEWAY_ID = 'meum';

	/** Filter: seconds after its creation that an invoice without expiry still counts as payable. */
	public const MAX_WINDOW_FILTER = 'meum_wc_max_payment_window';

	/** Default of {@see MAX_WINDOW_FILTER}: 24 hours. */
	public const DEFAULT_MAX_WINDOW = DAY_IN_SECONDS;

	/** Last known statuses that mean Meum received money. */
	public const PAID_STATUSES = array( 'paid', 'underpaid', 'overpaid' );

	/**
	 * The invoice table.
	 *
	 * @var Invoice_Table
	 */
	private Invoice_Table $invoices;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the reader.
	 *
	 * @param Invoice_Table $invoices The invoice table.
	 * @param Clock         $clock    The time.
	 */
	public function __construct( Invoice_Table $invoices, Clock $clock ) {
		$this->invoices = $invoices;
		$this->clock    = $clock;
	}

	/**
	 * Whether the order is paid (or to be paid) with Meum: its payment method is the gateway's.
	 *
	 * @param \WC_Order $order The order.
	 * @return bool True for a Meum order.
	 */
	public function is_meum_order( \WC_Order $order ): bool {
		return self::GATEWAY_ID === $order->get_payment_method();
	}

	/**
	 * The order's invoices as the plugin's table knows them, oldest first.
	 *
	 * @param \WC_Order $order The order.
	 * @return array<int, array<string, mixed>> Rows of {@see Invoice_Table::for_order()}.
	 */
	public function history( \WC_Order $order ): array {
		return $this->invoices->for_order( (int) $order->get_id() );
	}

	/**
	 * The current invoice of the order (the one its last submit redirected to), else its newest.
	 *
	 * @param \WC_Order                        $order   The order.
	 * @param array<int, array<string, mixed>> $history The order's rows ({@see history()}).
	 * @return array<string, mixed>|null The row, or null when the order has no invoice.
	 */
	public function current( \WC_Order $order, array $history ): ?array {
		$current = (string) Order_Meta::current_invoice( $order );
		foreach ( $history as $row ) {
			if ( '' !== $current && (string) $row['invoice_id'] === $current ) {
				return $row;
			}
		}
		return array() === $history ? null : $history[ count( $history ) - 1 ];
	}

	/**
	 * Whether an invoice may still be paid, as last known: its status is open and it has not
	 * expired. An invoice without an expiry counts as expired once `meum_wc_max_payment_window`
	 * seconds (default 24 h) have passed since it was created.
	 *
	 * @param array<string, mixed> $row A row of the invoice table.
	 * @return bool True while the buyer may still pay it.
	 */
	public function is_payable( array $row ): bool {
		if ( ! in_array( (string) $row['status'], Invoice::OPEN_STATUSES, true ) ) {
			return false;
		}
		$now     = $this->clock->now();
		$expires = $this->time( $row['expires_at'] ?? null );
		if ( null !== $expires ) {
			return $now < $expires;
		}
		/**
		 * Filters how long an invoice without an expiry counts as payable, in seconds after its
		 * creation (the unpaid-order cancellation and the order-received page use it).
		 *
		 * @param int $seconds Default 86400 (24 hours).
		 */
		$window  = (int) apply_filters( 'meum_wc_max_payment_window', self::DEFAULT_MAX_WINDOW );
		$created = $this->time( $row['created_at'] ?? null );
		return null === $created || $now < $created + $window;
	}

	/**
	 * Whether Meum received money for the invoice, as last known.
	 *
	 * @param array<string, mixed> $row A row of the invoice table.
	 * @return bool True for paid, underpaid or overpaid.
	 */
	public function is_paid( array $row ): bool {
		return in_array( (string) $row['status'], self::PAID_STATUSES, true );
	}

	/**
	 * Turns a stored UTC datetime into Unix time.
	 *
	 * @param mixed $value `Y-m-d H:i:s` in UTC, or null.
	 * @return int|null Unix time, or null when absent or unreadable.
	 */
	private function time( $value ): ?int {
		if ( ! is_string( $value ) || '' === $value ) {
			return null;
		}
		$time = strtotime( $value . ' UTC' );
		return false === $time ? null : $time;
	}
}
