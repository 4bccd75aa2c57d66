<?php
/**
 * The orders list's bulk action "Check Meum payment status".
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * "Check Meum payment status" on the orders list of both storages: HPOS
 * (`woocommerce_page_wc-orders`) and posts (`edit-shop_order`). The list table checks WordPress's
 * bulk nonce before it hands the action to `handle_bulk_actions-{screen}`; this class checks
 * `edit_shop_order` for each selected order. Up to {@see MAX_NOW} selected orders are checked at
 * once through {@see Order_Updater::check_order()} (source `admin`, the same locked §A5 path as a
 * webhook); above that, one Action Scheduler single action {@see QUEUE_HOOK} `{ order_id }` per
 * order is queued (group {@see GROUP}), and its callback checks that order. The orders a slow
 * Meum leaves unchecked after {@see TIME_BUDGET} seconds are queued the same way. Orders not paid
 * with Meum are skipped and counted. While {@see Invoice_Api::ready()} says no (not connected,
 * reconnect required, unconfirmed site-address change), nothing is checked or queued, and a queued
 * check that runs then does nothing (the scheduled reconciliation finds the order later).
 *
 * The counts travel in the redirect's query string and an admin notice on the orders list says
 * them; WordPress removes them from the address bar afterwards (`removable_query_args`).
 *
 * Contract: issue 11 ("A bulk action on the orders list …"), `meum-api.md` §A5.
 */
class Order_Bulk_Check {

	/** The bulk action's key. */
	public const ACTION = 'meum_wc_check_status';

	/** Action Scheduler hook of one queued check; args `array( 'order_id' => int )`. */
	public const QUEUE_HOOK = 'meum_wc_check_order';

	/** Action Scheduler group of the plugin's actions. */
	public const GROUP = Reconciliation\Reconciliation_Schedule::GROUP;

	/** The most orders checked during the request; above this every check is queued. */
	public const MAX_NOW = 20;

	/** The orders-list screens: HPOS and posts. */
	public const SCREENS = array( 'woocommerce_page_wc-orders', 'edit-shop_order' );

	/** Seconds the checks of one request may take together; the orders left are queued. */
	private const TIME_BUDGET = 45.0;

	/** Query arg: `done`, or the guard's error code when nothing was checked. */
	private const RESULT_ARG = 'meum_wc_bulk_check';

	/** Query args of the counts, by what happened to the order. */
	private const COUNT_ARGS = array(
		'applied'   => 'meum_wc_bulk_applied',
		'unchanged' => 'meum_wc_bulk_unchanged',
		'retry'     => 'meum_wc_bulk_retry',
		'skipped'   => 'meum_wc_bulk_skipped',
		'denied'    => 'meum_wc_bulk_denied',
		'queued'    => 'meum_wc_bulk_queued',
	);

	/**
	 * The order updater.
	 *
	 * @var Order_Updater
	 */
	private Order_Updater $updater;

	/**
	 * The order's Meum facts (whether it is a Meum order).
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * The invoice API (its guard says whether Meum can be asked).
	 *
	 * @var Invoice_Api
	 */
	private Invoice_Api $api;

	/**
	 * Creates the bulk action.
	 *
	 * @param Order_Updater  $updater  The order updater.
	 * @param Order_Payments $payments The order's Meum facts.
	 * @param Invoice_Api    $api      The invoice API (its connection guard).
	 */
	public function __construct( Order_Updater $updater, Order_Payments $payments, Invoice_Api $api ) {
		$this->updater  = $updater;
		$this->payments = $payments;
		$this->api      = $api;
	}

	/**
	 * Hooks the action on both orders lists, the queued check's callback and the notice.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		foreach ( self::SCREENS as $screen ) {
			add_filter( 'bulk_actions-' . $screen, array( $this, 'add_action' ) );
			add_filter( 'handle_bulk_actions-' . $screen, array( $this, 'handle' ), 10, 3 );
		}
		add_action( self::QUEUE_HOOK, array( $this, 'check_queued' ) );
		add_action( 'admin_notices', array( $this, 'notice' ) );
		add_filter( 'removable_query_args', array( $this, 'removable_query_args' ) );
	}

	/**
	 * Adds the action to the list's bulk actions, for users who may edit orders.
	 *
	 * @param mixed $actions Action key => label (an array; anything else is returned as is).
	 * @return mixed The actions with "Check Meum payment status".
	 */
	public function add_action( $actions ) {
		if ( is_array( $actions ) && current_user_can( 'edit_shop_orders' ) ) {
			$actions[ self::ACTION ] = __( 'Check Meum payment status', 'meum-woocommerce' );
		}
		return $actions;
	}

	/**
	 * Runs the action on the selected orders (other actions pass through).
	 *
	 * @param mixed  $redirect_to The list's address to return to.
	 * @param string $action      The bulk action.
	 * @param mixed  $ids         The selected order ids.
	 * @return mixed The address with the counts (`meum_wc_bulk_*`), or `$redirect_to` untouched for
	 *               another action.
	 */
	public function handle( $redirect_to, $action, $ids ) {
		if ( self::ACTION !== $action ) {
			return $redirect_to;
		}
		$redirect_to = remove_query_arg( array_merge( array( self::RESULT_ARG ), array_values( self::COUNT_ARGS ) ), (string) $redirect_to );
		$ready       = $this->api->ready();
		if ( is_wp_error( $ready ) ) {
			return add_query_arg( self::RESULT_ARG, rawurlencode( (string) $ready->get_error_code() ), $redirect_to );
		}
		$counts = $this->check_all( array_values( array_unique( array_filter( array_map( 'absint', (array) $ids ) ) ) ) );
		$args   = array( self::RESULT_ARG => 'done' );
		foreach ( self::COUNT_ARGS as $count => $arg ) {
			$args[ $arg ] = $counts[ $count ];
		}
		return add_query_arg( $args, $redirect_to );
	}

	/**
	 * Checks or queues each order.
	 *
	 * @param int[] $ids Order ids.
	 * @return array<string, int> The keys of {@see COUNT_ARGS} => how many orders.
	 */
	private function check_all( array $ids ): array {
		$counts   = array_fill_keys( array_keys( self::COUNT_ARGS ), 0 );
		$queue    = count( $ids ) > self::MAX_NOW;
		$deadline = microtime( true ) + self::TIME_BUDGET;
		foreach ( $ids as $order_id ) {
			if ( ! current_user_can( 'edit_shop_order', $order_id ) ) {
				++$counts['denied'];
				continue;
			}
			$order = wc_get_order( $order_id );
			if ( ! $order instanceof \WC_Order || ! $this->payments->is_meum_order( $order ) ) {
				++$counts['skipped'];
				continue;
			}
			if ( $queue || microtime( true ) > $deadline ) {
				$this->queue( $order_id );
				++$counts['queued'];
				continue;
			}
			$result = $this->updater->check_order( $order, 'admin' );
			if ( Update_Result::APPLIED === $result->outcome() ) {
				++$counts['applied'];
			} elseif ( $result->is_retry_later() ) {
				++$counts['retry'];
			} else {
				++$counts['unchanged'];
			}
		}
		return $counts;
	}

	/**
	 * Queues the check of one order, unless one is already waiting.
	 *
	 * @param int $order_id Order id.
	 * @return void
	 */
	private function queue( int $order_id ): void {
		$args = array( 'order_id' => $order_id );
		if ( ! as_has_scheduled_action( self::QUEUE_HOOK, $args, self::GROUP ) ) {
			as_schedule_single_action( time(), self::QUEUE_HOOK, $args, self::GROUP );
		}
	}

	/**
	 * The queued check's callback (Action Scheduler passes the args' values): checks that order
	 * when it is a Meum order and Meum may be asked. Throws nothing (the updater never throws).
	 *
	 * @param mixed $order_id The order id.
	 * @return void
	 */
	public function check_queued( $order_id ): void {
		if ( true !== $this->api->ready() ) {
			return;
		}
		$order = wc_get_order( absint( $order_id ) );
		if ( $order instanceof \WC_Order && $this->payments->is_meum_order( $order ) ) {
			$this->updater->check_order( $order, 'admin' );
		}
	}

	/**
	 * Drops the queued checks (deactivation): Action Scheduler would fail them, the plugin's
	 * callback being gone. Nothing to do without Action Scheduler.
	 *
	 * @return void
	 */
	public static function unqueue_all(): void {
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( self::QUEUE_HOOK );
		}
	}

	/**
	 * Prints what the action did, on the orders list it returned to.
	 *
	 * @return void
	 */
	public function notice(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- only reads the counts this class put in the redirect, to say them.
		$result = isset( $_GET[ self::RESULT_ARG ] ) ? sanitize_key( wp_unslash( $_GET[ self::RESULT_ARG ] ) ) : '';
		$counts = array();
		foreach ( self::COUNT_ARGS as $count => $arg ) {
			$counts[ $count ] = isset( $_GET[ $arg ] ) ? absint( wp_unslash( $_GET[ $arg ] ) ) : 0;
		}
		// phpcs:enable
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( '' === $result || null === $screen || ! in_array( $screen->id, self::SCREENS, true ) ) {
			return;
		}
		if ( 'done' !== $result ) {
			$ready   = $this->api->ready();
			$message = __( 'No order was checked: Meum was not connected then. Try again.', 'meum-woocommerce' );
			if ( is_wp_error( $ready ) ) {
				$message = sprintf(
					/* translators: %s: why Meum cannot be asked, e.g. "This site has no usable connection to Meum. Connect with a connection key first." */
					__( 'No order was checked. Meum is not connected: %s', 'meum-woocommerce' ),
					$ready->get_error_message()
				);
			}
			printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html( $message ) );
			return;
		}
		$type = 0 === $counts['retry'] + $counts['denied'] ? 'success' : 'warning';
		printf( '<div class="notice notice-%s is-dismissible"><p>%s</p></div>', esc_attr( $type ), esc_html( implode( ' ', $this->sentences( $counts ) ) ) );
	}

	/**
	 * The notice's sentences for the counts.
	 *
	 * @param array<string, int> $counts The keys of {@see COUNT_ARGS} => how many orders.
	 * @return string[] Translated sentences, for the counts above zero ("No order was selected."
	 *                  when all are zero).
	 */
	private function sentences( array $counts ): array {
		$sentences = array();
		$texts     = array(
			/* translators: %d: number of orders. */
			'applied'   => _n( '%d order was updated from Meum: see its notes.', '%d orders were updated from Meum: see their notes.', $counts['applied'], 'meum-woocommerce' ),
			/* translators: %d: number of orders. */
			'unchanged' => _n( '%d order already matched what Meum says.', '%d orders already matched what Meum says.', $counts['unchanged'], 'meum-woocommerce' ),
			/* translators: %d: number of orders. */
			'retry'     => _n( '%d order could not be checked in time: try again in a minute.', '%d orders could not be checked in time: try again in a minute.', $counts['retry'], 'meum-woocommerce' ),
			/* translators: %d: number of checks. */
			'queued'    => _n( '%d check queued: it runs in the background within minutes.', '%d checks queued: they run in the background within minutes.', $counts['queued'], 'meum-woocommerce' ),
			/* translators: %d: number of orders. */
			'skipped'   => _n( '%d order is not paid with Meum and was skipped.', '%d orders are not paid with Meum and were skipped.', $counts['skipped'], 'meum-woocommerce' ),
			/* translators: %d: number of orders. */
			'denied'    => _n( '%d order was skipped: you may not edit it.', '%d orders were skipped: you may not edit them.', $counts['denied'], 'meum-woocommerce' ),
		);
		foreach ( $texts as $count => $text ) {
			if ( $counts[ $count ] > 0 ) {
				$sentences[] = sprintf( $text, $counts[ $count ] );
			}
		}
		return array() === $sentences ? array( __( 'No order was selected.', 'meum-woocommerce' ) ) : $sentences;
	}

	/**
	 * Lets WordPress remove the counts from the address bar once the notice is shown.
	 *
	 * @param mixed $args Query args WordPress removes (an array; anything else is returned as is).
	 * @return mixed The args with this class's.
	 */
	public function removable_query_args( $args ) {
		return is_array( $args ) ? array_merge( $args, array( self::RESULT_ARG ), array_values( self::COUNT_ARGS ) ) : $args;
	}
}
