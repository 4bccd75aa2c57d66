<?php
/**
 * What the gateway's process_payment() does.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Logging\Plugin_Log;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Sends an order to Meum's hosted checkout (Meum API §A5 "Creating an invoice", "Reuse and
 * re-issue", "The order before payment", the per-order lock):
 *
 * 1. An order that no longer needs payment goes to its order-received page, without an invoice.
 * 2. Under the order's lock (10 s wait) and on a fresh read of the order, its current invoice is
 *    read from Meum and reused while Meum says it is open, before its expiry, with the order's
 *    current total and currency. When Meum says it is paid or underpaid, the outcome table applies
 *    (through the outcome callable, after the lock is released) and the buyer goes to the
 *    order-received page.
 * 3. Otherwise a new invoice is asked for with the next suffix after the highest ever used (an id
 *    counts as used once Meum answered for it: after a timeout or an error the next checkout asks
 *    for the same id again, and Meum's dedupe returns the invoice it may have made). Only an
 *    unusable answer (not open, other amount / currency / external_order_id, or 409
 *    `EXTERNAL_ORDER_INTEGRATION_CONFLICT`) moves on to the next suffix: at most 5 ids, at most
 *    20 s in all. Every other error ends the checkout at once with a message for the buyer.
 *
 * The order stays `pending` (a `failed` one returns to `pending`) with one note per new invoice and
 * none on reuse; stock is never touched. The merchant log names the order, the invoice and the
 * error codes, never a secret. Adding the buyer's notice is the gateway's job.
 */
class Checkout {

	/** The name the checkout holds the order's lock under (a webhook that waited for it knows). */
	public const LOCK_HOLDER = 'checkout';

	/** Longest wait for the order's lock, in seconds (§A5: "within 10 s"). */
	public const LOCK_WAIT = 10.0;

	/** Most `external_order_id`s asked for in one checkout (§A5). */
	public const MAX_IDS = 5;

	/** Longest time of one checkout, in seconds (§A5). */
	public const BUDGET = 20.0;

	/** Below this many seconds left, no further request to Meum is started. */
	private const MIN_REQUEST_SECONDS = 1.0;

	/** The invoice statuses whose outcome applies when the buyer submits again. */
	private const PAID_STATUSES = array( 'paid', 'underpaid' );

	/**
	 * Invoice endpoints.
	 *
	 * @var Invoice_Api
	 */
	private Invoice_Api $api;

	/**
	 * Invoices table.
	 *
	 * @var Invoice_Table
	 */
	private Invoice_Table $invoices;

	/**
	 * Per-order lock.
	 *
	 * @var Order_Lock
	 */
	private Order_Lock $lock;

	/**
	 * Refused currencies and amounts.
	 *
	 * @var Refusals
	 */
	private Refusals $refusals;

	/**
	 * Stored connection (payout flag, checkout base URL).
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Status refresh (queued after a payout refusal).
	 *
	 * @var Status_Refresher
	 */
	private Status_Refresher $refresher;

	/**
	 * Meum API client (base URL and default timeout).
	 *
	 * @var Client
	 */
	private Client $client;

	/**
	 * Merchant log.
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
	 * Applies Meum's status of an invoice to the order (the outcome table), or null.
	 *
	 * @var callable|null
	 */
	private $apply_outcome;

	/**
	 * Seconds elapsed, for the budget.
	 *
	 * @var callable
	 */
	private $stopwatch;

	/**
	 * Creates the checkout.
	 *
	 * @param Invoice_Api      $api           Invoice endpoints.
	 * @param Invoice_Table    $invoices      Invoices table.
	 * @param Order_Lock       $lock          Per-order lock.
	 * @param Refusals         $refusals      Refusals.
	 * @param Connection_Store $store         Stored connection.
	 * @param Status_Refresher $refresher     Status refresh.
	 * @param Client           $client        Meum API client.
	 * @param Plugin_Log       $log           Merchant log.
	 * @param Clock            $clock         The time.
	 * @param callable|null    $apply_outcome Called as `( string $invoice_id, string $external_order_id,
	 *                                        null, 'checkout', float $budget_seconds )` after the lock
	 *                                        is released when Meum says the current invoice is paid or
	 *                                        underpaid: the signature of `Order_Updater::apply()`.
	 *                                        Null: the webhook applies it later.
	 * @param callable|null    $stopwatch     Returns the current time in (float) seconds for the 20 s
	 *                                        budget; default `microtime( true )` (tests move it).
	 */
	public function __construct( Invoice_Api $api, Invoice_Table $invoices, Order_Lock $lock, Refusals $refusals, Connection_Store $store, Status_Refresher $refresher, Client $client, Plugin_Log $log, Clock $clock, ?callable $apply_outcome = null, ?callable $stopwatch = null ) {
		$this->api           = $api;
		$this->invoices      = $invoices;
		$this->lock          = $lock;
		$this->refusals      = $refusals;
		$this->store         = $store;
		$this->refresher     = $refresher;
		$this->client        = $client;
		$this->log           = $log;
		$this->clock         = $clock;
		$this->apply_outcome = $apply_outcome;
		$this->stopwatch     = $stopwatch ?? static function (): float {
			return microtime( true );
		};
	}

	/**
	 * Sends the order to Meum's hosted checkout.
	 *
	 * @param \WC_Order $order   The order being paid.
	 * @param string    $context `store-api`, `classic` or `pay-for-order` (named in the log).
	 * @return array{result: string, redirect?: string, message?: string} `result` `success` with
	 *         `redirect` (Meum's hosted checkout, or the order-received page when nothing is left to
	 *         pay), or `failure` with `message` (translated, for the buyer). Never throws.
	 */
	public function pay( \WC_Order $order, string $context ): array {
		$started  = $this->seconds();
		$order_id = (int) $order->get_id();
		try {
			if ( ! $order->needs_payment() ) {
				return $this->success( $this->return_url( $order ) );
			}
			$base = $this->checkout_base_url();
			if ( null === $base ) {
				$this->note_for_merchant( $order_id, $context, 'no valid checkout_base_url is stored: reconnect to Meum' );
				return $this->failure( self::message( 'unavailable' ) );
			}
			$wait   = min( self::LOCK_WAIT, max( 0.0, $this->left( $started ) - self::MIN_REQUEST_SECONDS ) );
			$result = $this->lock->run(
				$order_id,
				$wait,
				function () use ( $order_id, $context, $started, $base ) {
					return $this->pay_locked( $order_id, $context, $started, $base );
				},
				self::LOCK_HOLDER
			);
			if ( $result instanceof WP_Error ) {
				$this->note_for_merchant( $order_id, $context, 'the order is locked by another request (' . $result->get_error_code() . ')' );
				return $this->failure( self::message( 'locked' ) );
			}
			if ( isset( $result['apply'] ) ) {
				$this->apply( $result['apply'], $started );
				unset( $result['apply'] );
			}
			return $result;
		} catch ( \Throwable $e ) {
			$this->note_for_merchant( $order_id, $context, 'unexpected ' . get_class( $e ) . ': ' . $e->getMessage() );
			return $this->failure( self::message( 'try_again' ) );
		}
	}

	/**
	 * The checkout under the order's lock.
	 *
	 * @param int    $order_id Order id.
	 * @param string $context  Checkout context.
	 * @param float  $started  Stopwatch time of the start.
	 * @param string $base     The checkout base URL.
	 * @return array<string, mixed> The result of {@see pay()}, plus `apply` (invoice id and
	 *                              external order id) when an outcome must be applied afterwards.
	 */
	private function pay_locked( int $order_id, string $context, float $started, string $base ): array {
		$order = Order_Meta::fresh_order( $order_id );
		if ( null === $order ) {
			$this->note_for_merchant( $order_id, $context, 'the order could not be read' );
			return $this->failure( self::message( 'try_again' ) );
		}
		if ( ! $order->needs_payment() ) {
			return $this->success( $this->return_url( $order ) );
		}
		$total    = Money::order_total_cents( $order );
		$currency = strtoupper( (string) $order->get_currency( 'edit' ) );

		$current = Order_Meta::current_invoice( $order );
		if ( null !== $current ) {
			$reuse = $this->reuse( $order, $current, $total, $currency, $base, $context, $started );
			if ( null !== $reuse ) {
				return $reuse;
			}
		}
		return $this->issue( $order, $total, $currency, $base, $context, $started );
	}

	/**
	 * Decides on the current invoice, read from Meum.
	 *
	 * @param \WC_Order $order    Fresh order.
	 * @param string    $current  Current invoice id.
	 * @param int       $total    Order total in cents.
	 * @param string    $currency Order currency.
	 * @param string    $base     Checkout base URL.
	 * @param string    $context  Checkout context.
	 * @param float     $started  Stopwatch time of the start.
	 * @return array<string, mixed>|null A result (reuse, paid, or failure), or null to issue a new invoice.
	 */
	private function reuse( \WC_Order $order, string $current, int $total, string $currency, string $base, string $context, float $started ): ?array {
		$order_id = (int) $order->get_id();
		$row      = $this->invoices->find( $current );
		$invoice  = $this->api->read( $current, $this->request_timeout( $started ) );
		if ( $invoice instanceof WP_Error ) {
			if ( 'meum_api_INVOICE_NOT_FOUND' === $invoice->get_error_code() ) {
				$this->note_for_merchant( $order_id, $context, "current invoice $current is unknown to Meum: a new one is asked for" );
				return null;
			}
			$this->note_for_merchant( $order_id, $context, "reading current invoice $current failed: " . self::error_summary( $invoice ) );
			return $this->failure( self::message( self::is_unavailable( $invoice ) ? 'unavailable' : 'try_again' ) );
		}
		$now = $this->clock->now();
		if ( null !== $row ) {
			$this->invoices->record( $order_id, (int) $row['suffix'], $invoice, $now );
		}
		if ( in_array( $invoice->status(), self::PAID_STATUSES, true ) ) {
			$this->note_for_merchant( $order_id, $context, "Meum says current invoice $current is " . $invoice->status() . ': the outcome applies, no new invoice' );
			$result          = $this->success( $this->return_url( $order ) );
			$result['apply'] = array( $invoice->id(), $invoice->external_order_id() );
			return $result;
		}
		$expected_id = null !== $row ? (string) $row['external_order_id'] : $invoice->external_order_id();
		$usable      = $this->is_usable( $invoice, $expected_id, $total, $currency )
			&& ( null === $invoice->expires_at() || $invoice->expires_at() > $now );
		if ( ! $usable ) {
			return null;
		}
		if ( ! self::same_origin( $invoice->checkout_url(), $base ) ) {
			$this->note_for_merchant( $order_id, $context, "current invoice $current has a checkout URL outside the stored checkout_base_url" );
			return $this->failure( self::message( 'unavailable' ) );
		}
		$this->note_for_merchant( $order_id, $context, "current invoice $current reused", 'info' );
		return $this->success( $invoice->checkout_url() );
	}

	/**
	 * Asks Meum for a new invoice, moving to the next suffix only after an unusable answer.
	 *
	 * @param \WC_Order $order    Fresh order.
	 * @param int       $total    Order total in cents.
	 * @param string    $currency Order currency.
	 * @param string    $base     Checkout base URL.
	 * @param string    $context  Checkout context.
	 * @param float     $started  Stopwatch time of the start.
	 * @return array<string, mixed> The result of {@see pay()}.
	 */
	private function issue( \WC_Order $order, int $total, string $currency, string $base, string $context, float $started ): array {
		$order_id = (int) $order->get_id();
		$known    = Order_Meta::invoice_ids( $order );
		$suffix   = Order_Meta::last_suffix( $order );
		$result   = null;
		$changed  = false;
		for ( $attempt = 1; $attempt <= self::MAX_IDS; $attempt++ ) {
			if ( $this->left( $started ) < self::MIN_REQUEST_SECONDS ) {
				$this->note_for_merchant( $order_id, $context, 'the 20 s budget of one checkout is spent' );
				$result = $this->failure( self::message( 'try_again' ) );
				break;
			}
			++$suffix;
			$external = 1 === $suffix ? (string) $order_id : $order_id . '-' . $suffix;
			$invoice  = $this->api->create( $this->payload( $order, $external, $total ), $this->request_timeout( $started ) );

			if ( $invoice instanceof WP_Error ) {
				if ( 'EXTERNAL_ORDER_INTEGRATION_CONFLICT' === ( $invoice->get_error_data()['meum_code'] ?? null ) ) {
					$this->note_for_merchant( $order_id, $context, "external_order_id $external belongs to another integration (409): next suffix" );
					Order_Meta::set_last_suffix( $order, $suffix );
					$changed = true;
					continue;
				}
				// No answer for this id (or a refusal): the next checkout asks for the same id again,
				// so an invoice Meum created before a timeout is found by its dedupe, not duplicated.
				$result = $this->failure( $this->create_failed( $invoice, $order_id, $currency, $context ) );
				break;
			}

			Order_Meta::set_last_suffix( $order, $suffix );
			$changed = true;
			if ( $invoice->external_order_id() === $external ) {
				$this->invoices->record( $order_id, $suffix, $invoice, $this->clock->now() );
				Order_Meta::add_invoice( $order, $invoice->id() );
			}
			if ( ! $this->is_usable( $invoice, $external, $total, $currency ) ) {
				$this->note_for_merchant( $order_id, $context, sprintf( 'unusable answer for %s (invoice %s, %s, %s %s): next suffix', $external, $invoice->id(), $invoice->status(), $invoice->amount(), $invoice->currency() ) );
				continue;
			}
			if ( ! self::same_origin( $invoice->checkout_url(), $base ) ) {
				$this->note_for_merchant( $order_id, $context, 'invoice ' . $invoice->id() . ' has a checkout URL outside the stored checkout_base_url' );
				$result = $this->failure( self::message( 'unavailable' ) );
				break;
			}
			$this->redirect_to( $order, $invoice, ! in_array( $invoice->id(), $known, true ) );
			$this->note_for_merchant( $order_id, $context, 'invoice ' . $invoice->id() . " created for $external", 'info' );
			return $this->success( $invoice->checkout_url() );
		}
		if ( null === $result ) {
			$this->note_for_merchant( $order_id, $context, 'no usable invoice after ' . self::MAX_IDS . ' external_order_ids' );
			$result = $this->failure( self::message( 'unavailable' ) );
		}
		if ( $changed ) {
			$order->save(); // Keeps the highest suffix answered for, and the history.
		}
		return $result;
	}

	/**
	 * Makes the invoice current: history, note, `failed` back to `pending`, one save.
	 *
	 * @param \WC_Order $order   Fresh order.
	 * @param Invoice   $invoice The new invoice.
	 * @param bool      $is_new  Whether the order did not know it (a note is added only then).
	 * @return void
	 */
	private function redirect_to( \WC_Order $order, Invoice $invoice, bool $is_new ): void {
		Order_Meta::set_current_invoice( $order, $invoice->id() );
		if ( $order->has_status( 'failed' ) ) {
			$order->set_status( 'pending' );
		}
		$order->save();
		if ( $is_new ) {
			$order->add_order_note(
				/* translators: %s: Meum invoice id. */
				sprintf( __( 'Awaiting payment with Meum (invoice %s).', 'meum-woocommerce' ), $invoice->id() )
			);
		}
	}

	/**
	 * Whether an invoice answer can be sent to the buyer.
	 *
	 * @param Invoice $invoice  Meum's answer.
	 * @param string  $external The external order id asked for.
	 * @param int     $total    Order total in cents.
	 * @param string  $currency Order currency.
	 * @return bool True when open, for that id, amount and currency, with a checkout URL.
	 */
	private function is_usable( Invoice $invoice, string $external, int $total, string $currency ): bool {
		try {
			$amount = Money::to_cents( $invoice->amount() );
		} catch ( \InvalidArgumentException $e ) {
			return false;
		}
		return $invoice->is_open()
			&& $invoice->external_order_id() === $external
			&& $amount === $total
			&& $invoice->currency() === $currency
			&& '' !== $invoice->checkout_url();
	}

	/**
	 * Handles a create error: refusals, payout flag, log; returns the buyer's message.
	 *
	 * @param WP_Error $error    The error.
	 * @param int      $order_id Order id.
	 * @param string   $currency Order currency.
	 * @param string   $context  Checkout context.
	 * @return string Translated message for the buyer.
	 */
	private function create_failed( WP_Error $error, int $order_id, string $currency, string $context ): string {
		$data      = (array) $error->get_error_data();
		$meum_code = $data['meum_code'] ?? null;
		$now       = $this->clock->now();
		$this->note_for_merchant( $order_id, $context, 'creating the invoice failed: ' . self::error_summary( $error ) );

		if ( 'payout_wallet_not_configured' === $meum_code ) {
			$this->store->update_facts( array( 'payout_configured' => false ) );
			$this->refresher->queue_refresh();
			return self::message( 'unavailable' );
		}
		if ( 'VALIDATION_ERROR' === $meum_code ) {
			$details = (array) ( $data['details'] ?? array() );
			if ( isset( $details['currency'] ) ) {
				$this->refusals->refuse_currency( $currency, (string) $details['currency'], $now );
			}
			if ( isset( $details['amount'] ) ) {
				$this->refusals->refuse_amount( (string) $details['amount'], $now );
			}
			return self::message( 'refused' );
		}
		return self::message( self::is_unavailable( $error ) ? 'unavailable' : 'try_again' );
	}

	/**
	 * Applies Meum's paid status after the lock was released.
	 *
	 * @param array{0: string, 1: string} $apply   Invoice id and external order id.
	 * @param float                       $started Stopwatch time of the start.
	 * @return void
	 */
	private function apply( array $apply, float $started ): void {
		if ( null === $this->apply_outcome ) {
			return;
		}
		( $this->apply_outcome )( $apply[0], $apply[1], null, 'checkout', max( 0.0, $this->left( $started ) ) );
	}

	/**
	 * The create payload (§A5).
	 *
	 * @param \WC_Order $order    Order.
	 * @param string    $external External order id.
	 * @param int       $total    Total in cents.
	 * @return array<string, mixed> `{ external_order_id, amount, currency, return_url, metadata }`.
	 */
	private function payload( \WC_Order $order, string $external, int $total ): array {
		return array(
			'external_order_id' => $external,
			'amount'            => Money::format( $total ),
			'currency'          => strtoupper( (string) $order->get_currency( 'edit' ) ),
			'return_url'        => $this->return_url( $order ),
			'metadata'          => array(
				'order_number'   => (string) $order->get_order_number(),
				'site_url'       => home_url(),
				'plugin_version' => MEUM_WC_VERSION,
			),
		);
	}

	/**
	 * The order-received URL, as `WC_Payment_Gateway::get_return_url()` gives it.
	 *
	 * @param \WC_Order $order Order.
	 * @return string URL.
	 */
	private function return_url( \WC_Order $order ): string {
		return (string) apply_filters( 'woocommerce_get_return_url', $order->get_checkout_order_received_url(), $order ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WooCommerce's own filter.
	}

	/**
	 * The stored checkout base URL, when it may be used (§A5: https unless the API base is http).
	 *
	 * @return string|null The URL, or null when none is stored or it is not acceptable.
	 */
	private function checkout_base_url(): ?string {
		$base = (string) ( $this->store->facts()['checkout_base_url'] ?? '' );
		$url  = wp_parse_url( $base );
		if ( ! is_array( $url ) || empty( $url['host'] ) || ! isset( $url['scheme'] ) ) {
			return null;
		}
		$scheme = strtolower( $url['scheme'] );
		$api    = strtolower( (string) wp_parse_url( $this->client->base_url(), PHP_URL_SCHEME ) );
		if ( 'https' === $scheme || ( 'http' === $scheme && 'http' === $api ) ) {
			return $base;
		}
		return null;
	}

	/**
	 * Whether a URL has the same scheme, host and port as the base.
	 *
	 * @param string $url  Candidate URL.
	 * @param string $base Base URL.
	 * @return bool True on the same origin.
	 */
	private static function same_origin( string $url, string $base ): bool {
		$origin    = static function ( string $value ): ?string {
			$parts = wp_parse_url( $value );
			if ( ! is_array( $parts ) || empty( $parts['host'] ) || ! isset( $parts['scheme'] ) ) {
				return null;
			}
			$scheme = strtolower( $parts['scheme'] );
			$port   = $parts['port'] ?? ( 'https' === $scheme ? 443 : 80 );
			return $scheme . '://' . strtolower( $parts['host'] ) . ':' . $port;
		};
		$candidate = $origin( $url );
		return null !== $candidate && $candidate === $origin( $base );
	}

	/**
	 * Whether an error means Meum will not take payments from this store now (rather than "later").
	 *
	 * @param WP_Error $error Error.
	 * @return bool True for the guard's refusals and Meum's 4xx other than 429.
	 */
	private static function is_unavailable( WP_Error $error ): bool {
		if ( in_array( $error->get_error_code(), array( 'meum_not_connected', 'meum_site_changed' ), true ) ) {
			return true;
		}
		$upstream = (int) ( $error->get_error_data()['upstream_status'] ?? 0 );
		return $upstream >= 400 && $upstream < 500 && 429 !== $upstream;
	}

	/**
	 * An error for the merchant log: codes and statuses only, plus Meum's cleaned message.
	 *
	 * @param WP_Error $error Error.
	 * @return string Summary without secrets.
	 */
	private static function error_summary( WP_Error $error ): string {
		$data = (array) $error->get_error_data();
		return sprintf(
			'%s (HTTP %s%s) %s',
			$error->get_error_code(),
			isset( $data['upstream_status'] ) ? (string) $data['upstream_status'] : 'none',
			isset( $data['meum_code'] ) ? ', ' . $data['meum_code'] : '',
			$error->get_error_message()
		);
	}

	/**
	 * Logs a line for the merchant.
	 *
	 * @param int    $order_id Order id.
	 * @param string $context  Checkout context.
	 * @param string $what     What happened (no secret).
	 * @param string $level    Log level.
	 * @return void
	 */
	private function note_for_merchant( int $order_id, string $context, string $what, string $level = 'warning' ): void {
		$this->log->log( $level, sprintf( 'Checkout (%s) of order %d: %s', $context, $order_id, $what ), $this->clock->now() );
	}

	/**
	 * Seconds left of the budget.
	 *
	 * @param float $started Stopwatch time of the start.
	 * @return float Seconds (may be negative).
	 */
	private function left( float $started ): float {
		/**
		 * Filters the longest time one checkout may take, in seconds (§A5: 20).
		 *
		 * @param float $budget Seconds.
		 */
		$budget = (float) apply_filters( 'meum_wc_checkout_budget', self::BUDGET );
		return min( self::BUDGET, $budget ) - ( $this->seconds() - $started );
	}

	/**
	 * The timeout of the next request: the client's, within what is left of the budget.
	 *
	 * @param float $started Stopwatch time of the start.
	 * @return float Seconds.
	 */
	private function request_timeout( float $started ): float {
		return max( self::MIN_REQUEST_SECONDS, min( $this->client->timeout(), $this->left( $started ) ) );
	}

	/**
	 * The stopwatch.
	 *
	 * @return float Seconds.
	 */
	private function seconds(): float {
		return (float) ( $this->stopwatch )();
	}

	/**
	 * A success.
	 *
	 * @param string $redirect Where the buyer goes.
	 * @return array{result: string, redirect: string}
	 */
	private function success( string $redirect ): array {
		return array(
			'result'   => 'success',
			'redirect' => $redirect,
		);
	}

	/**
	 * A failure.
	 *
	 * @param string $message Message for the buyer.
	 * @return array{result: string, message: string}
	 */
	private function failure( string $message ): array {
		return array(
			'result'  => 'failure',
			'message' => $message,
		);
	}

	/**
	 * The buyer's messages.
	 *
	 * @param string $kind `unavailable`, `refused`, `try_again` or `locked`.
	 * @return string Translated message.
	 */
	public static function message( string $kind ): string {
		switch ( $kind ) {
			case 'unavailable':
				return __( 'Payment with Meum is not available right now. Please choose another payment method.', 'meum-woocommerce' );
			case 'refused':
				return __( 'Meum cannot take this payment (its currency or amount is not accepted). Please choose another payment method.', 'meum-woocommerce' );
			case 'locked':
				return __( 'This order is already being sent to Meum. Please wait a moment and try again.', 'meum-woocommerce' );
			default:
				return __( 'Meum could not start your payment right now. Please try again in a moment.', 'meum-woocommerce' );
		}
	}
}
