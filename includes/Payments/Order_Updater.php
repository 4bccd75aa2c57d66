<?php
/**
 * The only code that changes an order's status for Meum.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Webhooks\Webhook_Receiver;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Applies an invoice's status to its order, as Meum API Part A §A5 says ("Finding the order for
 * an event" and "Outcomes"): the digits of `external_order_id` name the candidate order and its
 * lock; under the lock, on a fresh read of the order (caches dropped), (a) no order → log; (b)
 * another payment method → flag for paid/underpaid, else log; (c) a known invoice of the order, or
 * (d) one Meum confirms for that `external_order_id` (then added to the history, never as
 * current) → the outcome table ({@see Outcome_Rules}) decides. Each (invoice, status) outcome is
 * applied once and recorded in {@see Outcome_Log} only after the order change succeeded.
 *
 * Meum is read (through {@see Invoice_Api}, 5 s at most) when the invoice is not in the order's
 * history, when a paid amount from a webhook differs from the order total or is missing, before
 * cancelling on expired/cancelled, and for a status read (no event). The lock wait (at most
 * {@see LOCK_WAIT}) and the reads share the caller's budget (8 s for a webhook delivery); past it,
 * or when Meum does not answer, the result is `retry_later` and the outcome is never guessed. An
 * invoice the order does not know, after waiting for a checkout's lock, is `retry_later` too: that
 * checkout may have created it and not stored it yet (issue 11).
 */
class Order_Updater {

	/** The gateway id of this plugin's payment method. */
	public const GATEWAY_ID = 'meum';

	/** Budget of a webhook delivery (Meum gives up after 10 s). */
	public const WEBHOOK_BUDGET = 8.0;

	/** Budget of a check asked for by a person (order screen button). */
	public const CHECK_BUDGET = 15.0;

	/** Longest read of an invoice from Meum. */
	public const READ_TIMEOUT = 5.0;

	/**
	 * Longest wait for the order's lock (issue 11: a webhook that arrives while the checkout holds
	 * it waits up to 5 s, then finds the invoice or answers 503).
	 */
	public const LOCK_WAIT = 5.0;

	/** Least time left for a read to be worth starting. */
	private const MIN_READ = 0.5;

	/** Order statuses (created_via) of an order made by the buyer at checkout. */
	private const CHECKOUT_ORIGINS = array( 'checkout', 'store-api' );

	/**
	 * Meum's invoice endpoints.
	 *
	 * @var Invoice_Api
	 */
	private Invoice_Api $api;

	/**
	 * The invoice table.
	 *
	 * @var Invoice_Table
	 */
	private Invoice_Table $invoices;

	/**
	 * The per-order lock.
	 *
	 * @var Order_Lock
	 */
	private Order_Lock $lock;

	/**
	 * Applied outcomes.
	 *
	 * @var Outcome_Log
	 */
	private Outcome_Log $outcomes;

	/**
	 * Merchant flags.
	 *
	 * @var Flags
	 */
	private Flags $flags;

	/**
	 * Plugin log.
	 *
	 * @var Plugin_Log
	 */
	private Plugin_Log $log;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the updater.
	 *
	 * @param Invoice_Api   $api      Meum's invoice endpoints.
	 * @param Invoice_Table $invoices The invoice table.
	 * @param Order_Lock    $lock     The per-order lock.
	 * @param Outcome_Log   $outcomes Applied outcomes.
	 * @param Flags         $flags    Merchant flags.
	 * @param Plugin_Log    $log      Plugin log.
	 * @param Clock         $clock    The time.
	 */
	public function __construct( Invoice_Api $api, Invoice_Table $invoices, Order_Lock $lock, Outcome_Log $outcomes, Flags $flags, Plugin_Log $log, Clock $clock ) {
		$this->api      = $api;
		$this->invoices = $invoices;
		$this->lock     = $lock;
		$this->outcomes = $outcomes;
		$this->flags    = $flags;
		$this->log      = $log;
		$this->clock    = $clock;
	}

	/**
	 * Applies an invoice event, or Meum's current status of an invoice, to its order.
	 *
	 * @param string                    $invoice_id        Invoice id (from the event, or the order).
	 * @param string                    $external_order_id The invoice's `external_order_id`
	 *                                                     ("1234" or "1234-2").
	 * @param array<string, mixed>|null $event             The verified event (`type`, `data`), or
	 *                                                     null for a status read from Meum.
	 * @param string                    $source            One of {@see Outcome_Log::SOURCES}.
	 * @param float                     $budget_seconds    Longest time for the lock wait plus the
	 *                                                     reads from Meum.
	 * @return Update_Result `applied`, `nothing` or `retry_later` with a short reason. Throws nothing:
	 *                       an unexpected error is logged and answers `retry_later`.
	 */
	public function apply( string $invoice_id, string $external_order_id, ?array $event, string $source, float $budget_seconds ): Update_Result {
		$deadline = microtime( true ) + $budget_seconds;
		try {
			if ( '' === $invoice_id || ! preg_match( '/^([1-9][0-9]{0,18})(?:-[1-9][0-9]{0,8})?$/', $external_order_id, $match ) ) {
				$this->note_log( 'info', sprintf( 'Meum invoice %s names no order of this store (external order id %s); nothing changed.', Webhook_Receiver::printable( $invoice_id ), Webhook_Receiver::printable( $external_order_id ) ) );
				return new Update_Result( Update_Result::NOTHING, 'no_order' );
			}
			$order_id = (int) $match[1];
			$status   = null === $event ? null : self::event_status( (string) ( $event['type'] ?? '' ) );
			if ( null !== $status && $this->outcomes->has( $invoice_id, $status ) ) {
				return new Update_Result( Update_Result::NOTHING, 'already_applied' );
			}
			$result = $this->lock->run(
				$order_id,
				min( self::LOCK_WAIT, max( 0.0, $deadline - microtime( true ) ) ),
				function ( ?string $waited_for ) use ( $order_id, $invoice_id, $external_order_id, $event, $source, $deadline ): Update_Result {
					return $this->apply_locked( $order_id, $invoice_id, $external_order_id, $event, $source, $deadline, Checkout::LOCK_HOLDER === $waited_for );
				}
			);
			if ( $result instanceof WP_Error ) {
				$this->note_log( 'warning', sprintf( 'Order %d is locked by another request; the update for Meum invoice %s is left for a retry.', $order_id, Webhook_Receiver::printable( $invoice_id ) ) );
				return new Update_Result( Update_Result::RETRY_LATER, 'locked' );
			}
			return $result;
		} catch ( \Throwable $error ) {
			$this->note_log( 'error', sprintf( 'The update for Meum invoice %s failed (%s); left for a retry.', Webhook_Receiver::printable( $invoice_id ), get_class( $error ) ) );
			return new Update_Result( Update_Result::RETRY_LATER, 'error' );
		}
	}

	/**
	 * Reads the order's current invoice from Meum and applies its status (the order screen's
	 * "Check payment status with Meum"; later the scheduled reconciliation).
	 *
	 * @param \WC_Order|int $order  The order or its id.
	 * @param string        $source `admin` or `check`.
	 * @return Update_Result As {@see apply()}; `nothing` / `no_invoice` when the order has no
	 *                       current invoice, `nothing` / `no_order` when there is no such order.
	 */
	public function check_order( $order, string $source ): Update_Result {
		$order = $order instanceof \WC_Order ? $order : Order_Meta::fresh_order( (int) $order );
		if ( ! $order instanceof \WC_Order ) {
			return new Update_Result( Update_Result::NOTHING, 'no_order' );
		}
		$invoice_id = Order_Meta::current_invoice( $order );
		if ( null === $invoice_id ) {
			return new Update_Result( Update_Result::NOTHING, 'no_invoice' );
		}
		$row = $this->invoices->find( $invoice_id );
		return $this->apply( $invoice_id, (string) ( $row['external_order_id'] ?? $order->get_id() ), null, $source, self::CHECK_BUDGET );
	}

	/**
	 * Everything under the order's lock.
	 *
	 * @param int                       $order_id          Candidate order.
	 * @param string                    $invoice_id        Invoice id.
	 * @param string                    $external_order_id External order id.
	 * @param array<string, mixed>|null $event             Verified event, or null.
	 * @param string                    $source            Outcome source.
	 * @param float                     $deadline          microtime() deadline.
	 * @param bool                      $after_checkout    Whether the lock was held by a checkout
	 *                                                     when this update asked for it.
	 * @return Update_Result The result.
	 */
	private function apply_locked( int $order_id, string $invoice_id, string $external_order_id, ?array $event, string $source, float $deadline, bool $after_checkout = false ): Update_Result {
		$order = Order_Meta::fresh_order( $order_id );
		if ( null === $order ) {
			$this->note_log( 'info', sprintf( 'Meum invoice %s names order %d, which does not exist; nothing changed.', Webhook_Receiver::printable( $invoice_id ), $order_id ) );
			return new Update_Result( Update_Result::NOTHING, 'no_order' );
		}

		$payment = null === $event ? null : $this->payment_from_event( $invoice_id, $event );
		$status  = null === $event ? null : self::event_status( (string) ( $event['type'] ?? '' ) );
		if ( null !== $status && $this->outcomes->has( $invoice_id, $status ) ) {
			return new Update_Result( Update_Result::NOTHING, 'already_applied' );
		}
		$other_method = self::GATEWAY_ID !== $order->get_payment_method();
		if ( $other_method && null !== $status && ! self::is_payment( $status ) ) {
			$this->note_log( 'info', sprintf( 'Meum event %s for invoice %s: order %d is paid with another method; nothing changed.', Webhook_Receiver::printable( $status ), Webhook_Receiver::printable( $invoice_id ), $order_id ) );
			return new Update_Result( Update_Result::NOTHING, 'other_method' );
		}

		// (c) the order's own invoice, or (d) one Meum confirms for this external order id.
		$read = null;
		if ( ! in_array( $invoice_id, Order_Meta::invoice_ids( $order ), true ) ) {
			if ( $after_checkout ) {
				// The checkout that held the lock may have created this invoice and not stored it
				// (Meum can deliver while the create call returns): never add it as a stray one.
				$this->note_log( 'info', sprintf( 'Meum invoice %s arrived while a checkout of order %d was running and is not stored with the order; left for a retry.', Webhook_Receiver::printable( $invoice_id ), $order_id ) );
				return new Update_Result( Update_Result::RETRY_LATER, 'checkout_in_flight' );
			}
			$read = $this->read( $invoice_id, $deadline );
			if ( $read instanceof Update_Result ) {
				return $read;
			}
			if ( null === $read || $read->external_order_id() !== $external_order_id || $read->id() !== $invoice_id ) {
				$this->note_log( 'warning', sprintf( 'Meum invoice %s is not an invoice of order %d; nothing changed.', Webhook_Receiver::printable( $invoice_id ), $order_id ) );
				return new Update_Result( Update_Result::NOTHING, 'not_this_order' );
			}
			if ( ! $other_method ) {
				Order_Meta::add_invoice( $order, $invoice_id );
				$order->save();
				$this->invoices->record( $order_id, self::suffix( $external_order_id ), $read, $this->clock->now() );
			}
		}

		// Decide on Meum's answer when the event alone cannot be trusted with the outcome.
		$total = Money::order_total_cents( $order );
		if ( null === $read && ( null === $payment || null === $status || self::needs_read( $status, $payment, $total, $order ) ) ) {
			$read = $this->read( $invoice_id, $deadline );
			if ( $read instanceof Update_Result ) {
				return $read;
			}
			if ( null === $read ) {
				$this->note_log( 'warning', sprintf( 'Meum does not know invoice %s of order %d; nothing changed.', Webhook_Receiver::printable( $invoice_id ), $order_id ) );
				return new Update_Result( Update_Result::NOTHING, 'unknown_invoice' );
			}
		}
		if ( null !== $read ) {
			$status  = $read->status();
			$payment = self::payment_from_invoice( $read );
		}
		$seen = null !== $read ? Invoice_Table::fields_of( $read ) : (array) ( $event['data'] ?? array() );
		$this->invoices->update_status( $invoice_id, $status, $this->clock->now(), $seen );
		if ( $this->outcomes->has( $invoice_id, $status ) ) {
			return new Update_Result( Update_Result::NOTHING, 'already_applied' );
		}

		if ( $other_method ) {
			return $this->other_method( $order, $invoice_id, $status, $source );
		}
		$decision = Outcome_Rules::decide( $this->facts( $order, $invoice_id, $status, $payment, $total, null !== $read ) );
		return $this->carry_out( $order, $invoice_id, $status, $payment, $total, $decision, $source );
	}

	/**
	 * (b) A payment for an order whose payment method is no longer this gateway: a note and a
	 * flag, no status change; any other status: a log line.
	 *
	 * @param \WC_Order $order      The order (fresh).
	 * @param string    $invoice_id Invoice id.
	 * @param string    $status     Invoice status.
	 * @param string    $source     Outcome source.
	 * @return Update_Result The result.
	 */
	private function other_method( \WC_Order $order, string $invoice_id, string $status, string $source ): Update_Result {
		if ( ! self::is_payment( $status ) ) {
			$this->note_log( 'info', sprintf( 'Meum invoice %s is %s; order %d is paid with another method; nothing changed.', Webhook_Receiver::printable( $invoice_id ), Webhook_Receiver::printable( $status ), $order->get_id() ) );
			return new Update_Result( Update_Result::NOTHING, 'other_method' );
		}
		/* translators: %s: Meum invoice id. */
		$message = sprintf( __( 'Meum payment received for an order paid another way (invoice %s): return it outside Meum or reconcile it.', 'meum-woocommerce' ), $invoice_id );
		$message = self::naming_source( $message, $source );
		$order->add_order_note( $message );
		$this->flags->raise( $order->get_id(), Outcome_Rules::FLAG_OTHER_METHOD, $this->flag_text( $order, $message ), $this->clock->now() );
		$this->outcomes->record( $invoice_id, $status, $order->get_id(), $source, $this->clock->now() );
		return new Update_Result( Update_Result::APPLIED, 'other_method', Outcome_Rules::FLAG_OTHER_METHOD );
	}

	/**
	 * Applies a decision, then records the outcome.
	 *
	 * @param \WC_Order                                                                         $order      The order (fresh).
	 * @param string                                                                            $invoice_id Invoice id.
	 * @param string                                                                            $status     Invoice status.
	 * @param array{paid: int|null, currency: string|null, asset: string|null, tx: string|null} $payment    What was paid.
	 * @param int                                                                               $total      Order total in cents.
	 * @param array{row: string, effect: string, flag: string|null, customer_note: bool}        $decision   Outcome_Rules decision.
	 * @param string                                                                            $source     Outcome source.
	 * @return Update_Result The result.
	 */
	private function carry_out( \WC_Order $order, string $invoice_id, string $status, array $payment, int $total, array $decision, string $source ): Update_Result {
		$row = $decision['row'];
		if ( Outcome_Rules::NOTHING === $decision['effect'] ) {
			if ( Outcome_Rules::ROW_UNKNOWN === $row ) {
				$this->outcomes->record( $invoice_id, $status, $order->get_id(), $source, $this->clock->now() );
			}
			return new Update_Result( Update_Result::NOTHING, $row, $row );
		}

		$message = self::naming_source( $this->message( $order, $invoice_id, $status, $payment, $total, $row ), $source );
		switch ( $decision['effect'] ) {
			case Outcome_Rules::COMPLETE:
				Order_Meta::set_paid_invoice( $order, $invoice_id );
				Order_Meta::set_review_hold( $order, false );
				if ( ! $order->payment_complete( $invoice_id ) ) {
					$this->note_log( 'error', sprintf( 'WooCommerce could not complete the payment of order %d (Meum invoice %s); left for a retry.', $order->get_id(), Webhook_Receiver::printable( $invoice_id ) ) );
					return new Update_Result( Update_Result::RETRY_LATER, 'payment_complete_failed', $row );
				}
				$order->add_order_note( $message );
				break;
			case Outcome_Rules::HOLD:
				Order_Meta::set_review_hold( $order, true );
				if ( $order->has_status( 'on-hold' ) ) {
					$order->save();
					$order->add_order_note( $message );
					break;
				}
				$order->update_status( 'on-hold', $message );
				break;
			case Outcome_Rules::FAIL:
				$order->update_status( 'failed', $message );
				break;
			case Outcome_Rules::CANCEL:
				$order->update_status( 'cancelled', $message );
				break;
			default:
				$order->add_order_note( $message );
		}

		if ( null !== $decision['flag'] ) {
			$flag_message = Outcome_Rules::FLAG_OVERPAID === $decision['flag'] ? $this->overpaid_message( $invoice_id, $payment, $total ) : $message;
			if ( Outcome_Rules::FLAG_OVERPAID === $decision['flag'] ) {
				$order->add_order_note( $flag_message );
			}
			$this->flags->raise( $order->get_id(), $decision['flag'], $this->flag_text( $order, $flag_message ), $this->clock->now() );
		}
		if ( $decision['customer_note'] ) {
			$order->add_order_note( __( 'We received part of your payment with Meum, not the full amount. The store will be in touch with you about the rest.', 'meum-woocommerce' ), 1 );
		}
		$this->outcomes->record( $invoice_id, $status, $order->get_id(), $source, $this->clock->now() );
		return new Update_Result( Update_Result::APPLIED, $row, $row );
	}

	/**
	 * The facts of the outcome table, from the fresh order.
	 *
	 * @param \WC_Order                                                                         $order      The order.
	 * @param string                                                                            $invoice_id Invoice id.
	 * @param string                                                                            $status     Invoice status.
	 * @param array{paid: int|null, currency: string|null, asset: string|null, tx: string|null} $payment    What was paid.
	 * @param int                                                                               $total      Order total in cents.
	 * @param bool                                                                              $confirmed  Whether the status was read from Meum just now.
	 * @return array{status: string, order_status: string, currency_matches: bool, paid_already: bool, review_hold: bool, paid_vs_total: int|null, is_current: bool, current_settled: bool, others_live: bool, confirmed: bool, created_by_checkout: bool}
	 */
	private function facts( \WC_Order $order, string $invoice_id, string $status, array $payment, int $total, bool $confirmed ): array {
		$others_live = false;
		$other_paid  = false;
		foreach ( $this->invoices->for_order( $order->get_id() ) as $row ) {
			if ( (string) $row['invoice_id'] === $invoice_id ) {
				continue;
			}
			$other_status = (string) $row['status'];
			$others_live  = $others_live || in_array( $other_status, array_merge( Outcome_Rules::OPEN, array( 'paid', 'underpaid' ) ), true );
			$other_paid   = $other_paid || 'paid' === $other_status;
		}
		$paid_invoice = Order_Meta::paid_invoice( $order );
		$current      = Order_Meta::current_invoice( $order );
		$current_row  = null === $current || $current === $invoice_id ? null : $this->invoices->find( $current );
		return array(
			'status'              => $status,
			'order_status'        => $order->get_status( 'edit' ),
			'currency_matches'    => strtoupper( (string) $payment['currency'] ) === strtoupper( $order->get_currency( 'edit' ) ),
			'paid_already'        => null !== $order->get_date_paid( 'edit' ) || $other_paid || ( null !== $paid_invoice && $paid_invoice !== $invoice_id ),
			'review_hold'         => 'on-hold' === $order->get_status( 'edit' ) && Order_Meta::is_review_hold( $order ),
			'paid_vs_total'       => null === $payment['paid'] ? null : $payment['paid'] <=> $total,
			'is_current'          => $current === $invoice_id,
			'current_settled'     => null !== $current_row && in_array( (string) $current_row['status'], array( 'expired', 'cancelled' ), true ),
			'others_live'         => $others_live,
			'confirmed'           => $confirmed,
			'created_by_checkout' => in_array( $order->get_created_via( 'edit' ), self::CHECKOUT_ORIGINS, true ),
		);
	}

	/**
	 * Whether a webhook's own figures must be checked against Meum before deciding.
	 *
	 * @param string                                                                            $status  Invoice status from the event.
	 * @param array{paid: int|null, currency: string|null, asset: string|null, tx: string|null} $payment What the event says was paid.
	 * @param int                                                                               $total   Order total in cents.
	 * @param \WC_Order                                                                         $order   The order.
	 * @return bool True for expired/cancelled (cancel only if Meum still says so), and for a payment
	 *              whose amount or currency is missing, or differs from the order's.
	 */
	private static function needs_read( string $status, array $payment, int $total, \WC_Order $order ): bool {
		if ( in_array( $status, array( 'expired', 'cancelled' ), true ) ) {
			return true;
		}
		if ( ! self::is_payment( $status ) ) {
			return false;
		}
		return null === $payment['paid'] || $payment['paid'] !== $total || null === $payment['currency'] || strtoupper( $payment['currency'] ) !== strtoupper( $order->get_currency( 'edit' ) );
	}

	/**
	 * Reads an invoice from Meum within what is left of the budget.
	 *
	 * @param string $invoice_id Invoice id.
	 * @param float  $deadline   microtime() deadline.
	 * @return Invoice|Update_Result|null The invoice; null when Meum does not know it (404); a
	 *                                    `retry_later` result when there is no time left or Meum
	 *                                    did not answer.
	 */
	private function read( string $invoice_id, float $deadline ) {
		$left = $deadline - microtime( true );
		if ( $left < self::MIN_READ ) {
			return new Update_Result( Update_Result::RETRY_LATER, 'budget_spent' );
		}
		$answer = $this->api->read( $invoice_id, min( self::READ_TIMEOUT, $left ) );
		if ( $answer instanceof WP_Error ) {
			$data = $answer->get_error_data();
			if ( 'meum_api_INVOICE_NOT_FOUND' === $answer->get_error_code() || ( is_array( $data ) && 404 === (int) ( $data['upstream_status'] ?? 0 ) ) ) {
				return null;
			}
			$this->note_log( 'warning', sprintf( 'Meum invoice %s could not be read (%s); the update is left for a retry.', Webhook_Receiver::printable( $invoice_id ), Webhook_Receiver::printable( $answer->get_error_code() ) ) );
			return new Update_Result( Update_Result::RETRY_LATER, 'meum_unreachable' );
		}
		return $answer;
	}

	/**
	 * What a webhook's data says was paid.
	 *
	 * @param string               $invoice_id Invoice id.
	 * @param array<string, mixed> $event      Verified event.
	 * @return array{paid: int|null, currency: string|null, asset: string|null, tx: string|null}|null
	 *         Null when the data lacks an invoice's fields (amount, currency, external order id):
	 *         then Meum is read.
	 */
	private function payment_from_event( string $invoice_id, array $event ): ?array {
		$data    = isset( $event['data'] ) && is_array( $event['data'] ) ? $event['data'] : array();
		$invoice = Invoice::from_answer(
			array_merge(
				array(
					'transaction_hash' => $data['tx_hash'] ?? null,
					'settlement_asset' => $data['output_asset'] ?? null,
				),
				$data,
				array(
					'id'     => $invoice_id,
					'status' => self::event_status( (string) ( $event['type'] ?? '' ) ),
				)
			)
		);
		return $invoice instanceof WP_Error ? null : self::payment_from_invoice( $invoice );
	}

	/**
	 * What an invoice says was paid.
	 *
	 * @param Invoice $invoice The invoice.
	 * @return array{paid: int|null, currency: string|null, asset: string|null, tx: string|null}
	 */
	private static function payment_from_invoice( Invoice $invoice ): array {
		return array(
			'paid'     => $invoice->paid_cents( 'paid' === $invoice->status() ),
			'currency' => $invoice->currency(),
			'asset'    => $invoice->field( 'settlement_asset' ),
			'tx'       => $invoice->field( 'transaction_hash' ),
		);
	}

	/**
	 * The invoice status an event type stands for.
	 *
	 * @param string $type Event type, e.g. `invoice.paid`.
	 * @return string `created`, `paid`, … or the type itself when it is not an invoice event.
	 */
	private static function event_status( string $type ): string {
		return 0 === strpos( $type, 'invoice.' ) ? substr( $type, 8 ) : $type;
	}

	/**
	 * Whether a status moves money.
	 *
	 * @param string $status Invoice status.
	 * @return bool True for paid and underpaid.
	 */
	private static function is_payment( string $status ): bool {
		return in_array( $status, array( 'paid', 'underpaid' ), true );
	}

	/**
	 * The suffix of an external order id.
	 *
	 * @param string $external_order_id "1234" or "1234-2".
	 * @return int 1, 2, …
	 */
	private static function suffix( string $external_order_id ): int {
		$dash = strpos( $external_order_id, '-' );
		return false === $dash ? 1 : max( 1, (int) substr( $external_order_id, $dash + 1 ) );
	}

	/**
	 * The order note of a row.
	 *
	 * @param \WC_Order                                                                         $order      The order.
	 * @param string                                                                            $invoice_id Invoice id.
	 * @param string                                                                            $status     Invoice status.
	 * @param array{paid: int|null, currency: string|null, asset: string|null, tx: string|null} $payment    What was paid.
	 * @param int                                                                               $total      Order total in cents.
	 * @param string                                                                            $row        Outcome_Rules row.
	 * @return string Translated note.
	 */
	private function message( \WC_Order $order, string $invoice_id, string $status, array $payment, int $total, string $row ): string {
		$currency = (string) ( $payment['currency'] ?? $order->get_currency( 'edit' ) );
		$paid     = null === $payment['paid'] ? '?' : Money::format( $payment['paid'] );
		switch ( $row ) {
			case Outcome_Rules::ROW_COMPLETE:
				/* translators: 1: amount, 2: currency, 3: Meum invoice id, 4: settlement asset, 5: transaction hash. */
				return sprintf( __( 'Meum payment received: %1$s %2$s (invoice %3$s, settlement asset %4$s, transaction %5$s).', 'meum-woocommerce' ), $paid, $currency, $invoice_id, $payment['asset'] ?? '-', $payment['tx'] ?? '-' );
			case Outcome_Rules::ROW_OTHER_CURRENCY:
				/* translators: 1: Meum invoice id, 2: amount, 3: invoice currency, 4: order currency. */
				return sprintf( __( 'Meum payment for invoice %1$s was made in another currency (%2$s %3$s) than the order\'s (%4$s). The order is on hold for review: reconcile the amount, or return the payment outside Meum.', 'meum-woocommerce' ), $invoice_id, $paid, $currency, $order->get_currency( 'edit' ) );
			case Outcome_Rules::ROW_PAID_TWICE:
				/* translators: 1: amount, 2: currency, 3: Meum invoice id. */
				return sprintf( __( 'Meum received another payment (%1$s %2$s, invoice %3$s) for an order that is paid already: return it outside Meum.', 'meum-woocommerce' ), $paid, $currency, $invoice_id );
			case Outcome_Rules::ROW_NOT_PAYABLE:
				/* translators: 1: amount, 2: currency, 3: Meum invoice id, 4: order status. */
				return sprintf( __( 'Meum payment received (%1$s %2$s, invoice %3$s) for an order that was %4$s: review it. The order was not revived automatically.', 'meum-woocommerce' ), $paid, $currency, $invoice_id, wc_get_order_status_name( $order->get_status( 'edit' ) ) );
			case Outcome_Rules::ROW_UNDERPAID:
				/* translators: 1: amount paid, 2: currency, 3: order total, 4: difference, 5: Meum invoice id. */
				return sprintf( __( 'Meum payment too low: %1$s %2$s paid of an order total of %3$s %2$s (difference %4$s %2$s, invoice %5$s). The order is on hold for review: settle the difference with the customer outside Meum.', 'meum-woocommerce' ), $paid, $currency, Money::format( $total ), null === $payment['paid'] ? '?' : Money::format( $total - $payment['paid'] ), $invoice_id );
			case Outcome_Rules::ROW_UNDER_REVIEW:
				/* translators: 1: Meum invoice id, 2: invoice status, 3: amount, 4: currency. */
				return sprintf( __( 'Meum reports invoice %1$s as %2$s (%3$s %4$s) while the order is on hold for review; nothing else changed.', 'meum-woocommerce' ), $invoice_id, $status, $paid, $currency );
			case Outcome_Rules::ROW_FAILED:
				/* translators: %s: Meum invoice id. */
				return sprintf( __( 'Meum payment failed (invoice %s). The customer can pay again.', 'meum-woocommerce' ), $invoice_id );
			case Outcome_Rules::ROW_CANCEL:
				/* translators: 1: Meum invoice id, 2: invoice status (expired or cancelled). */
				return sprintf( __( 'Meum invoice %1$s is %2$s and the order was not paid: order cancelled.', 'meum-woocommerce' ), $invoice_id, $status );
			case Outcome_Rules::ROW_STAYS_PAYABLE:
				/* translators: 1: Meum invoice id, 2: invoice status (expired or cancelled). */
				return sprintf( __( 'Meum invoice %1$s is %2$s. The order stays payable.', 'meum-woocommerce' ), $invoice_id, $status );
			case Outcome_Rules::ROW_REFUNDED:
				/* translators: %s: Meum invoice id. */
				return sprintf( __( 'Meum reports invoice %s as refunded. If the refund is not recorded in WooCommerce yet, record it as a manual refund.', 'meum-woocommerce' ), $invoice_id );
			default:
				/* translators: 1: Meum invoice id, 2: invoice status. */
				return sprintf( __( 'Meum reports invoice %1$s as %2$s; the order status was not changed.', 'meum-woocommerce' ), $invoice_id, $status );
		}
	}

	/**
	 * An order note with the words that name where the status came from, for the sources a person
	 * did not start (issue 11: "naming the source in the order note").
	 *
	 * @param string $message The note.
	 * @param string $source  Outcome source ({@see Outcome_Log::SOURCES}).
	 * @return string The note, followed by "(by a scheduled status check)" for `reconciliation`
	 *                and "(checked from the order-received page)" for `return_page`; unchanged
	 *                for the other sources.
	 */
	private static function naming_source( string $message, string $source ): string {
		switch ( $source ) {
			case 'reconciliation':
				return $message . ' ' . __( '(by a scheduled status check)', 'meum-woocommerce' );
			case 'return_page':
				return $message . ' ' . __( '(checked from the order-received page)', 'meum-woocommerce' );
			default:
				return $message;
		}
	}

	/**
	 * The flag note of an overpayment.
	 *
	 * @param string                                                                            $invoice_id Invoice id.
	 * @param array{paid: int|null, currency: string|null, asset: string|null, tx: string|null} $payment    What was paid.
	 * @param int                                                                               $total      Order total in cents.
	 * @return string Translated note.
	 */
	private function overpaid_message( string $invoice_id, array $payment, int $total ): string {
		$paid = (int) $payment['paid'];
		/* translators: 1: amount paid, 2: currency, 3: order total, 4: excess, 5: Meum invoice id. */
		return sprintf( __( 'Meum payment higher than the order total: %1$s %2$s paid for %3$s %2$s (excess %4$s %2$s, invoice %5$s). Return the excess to the customer outside Meum.', 'meum-woocommerce' ), Money::format( $paid ), (string) $payment['currency'], Money::format( $total ), Money::format( $paid - $total ), $invoice_id );
	}

	/**
	 * A flag's text for the settings page: the order number, then the note.
	 *
	 * @param \WC_Order $order   The order.
	 * @param string    $message The note.
	 * @return string Translated text.
	 */
	private function flag_text( \WC_Order $order, string $message ): string {
		/* translators: 1: order number, 2: what happened. */
		return sprintf( __( 'Order #%1$s: %2$s', 'meum-woocommerce' ), $order->get_order_number(), $message );
	}

	/**
	 * Writes a merchant log line (no secret, ids only).
	 *
	 * @param string $level   Level.
	 * @param string $message Message.
	 * @return void
	 */
	private function note_log( string $level, string $message ): void {
		$this->log->log( $level, $message, $this->clock->now() );
	}
}
