<?php
/**
 * Keeps Meum as the payment method of an order placed with it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use WP_REST_Request;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce's Store API treats a pending order whose cart is unchanged as the checkout's draft
 * (`DraftOrderTrait::is_valid_draft_order()`): a cart update (often in a `batch`), a `PUT /checkout`
 * (the Checkout block's method selection), a `GET /checkout` and the start of `POST /checkout` sync
 * it with the cart, and that sync sets the store's default payment method and saves
 * (`OrderController::update_order_from_cart()`). Meum orders stay pending while their invoice is
 * open (§A5), so a buyer back on the store, or a request of the checkout page answered after the
 * order was placed, would move a Meum order to another method, and Meum's webhooks would then
 * count as "paid another way" (§A5 b): an expired invoice would leave the order pending, a payment
 * would be flagged instead of completing it.
 *
 * So in a Store API request, a save that changes the method of an order stored with Meum keeps
 * Meum (and its title) while the request syncs the draft; after the sync, a `PUT /checkout` (the
 * buyer's selection, not a placing) may change a draft's method but not a placed order's. It is
 * decided at the save, on the order as stored, so a request that read the order before the placing
 * request saved it is caught too. Placing (`POST /checkout` once its draft is synced, `POST
 * /checkout/{id}` of pay-for-order) sets the buyer's choice, and wp-admin, the REST API and every
 * other path are left alone. Only the method is kept: the rest of the sync is WooCommerce's (a
 * changed total makes the next submit issue a new invoice, §A5). The blocks' server-side
 * hydration of `GET /checkout` (on the checkout page) is served outside REST dispatch, through its
 * own filters, and is followed the same way.
 */
class Placed_Order_Guard {

	/** A Store API request syncing a draft: no save moves an order stored with Meum off Meum. */
	private const SYNC = 'sync';

	/** A `PUT /checkout` after its sync: the buyer's selection may change a draft, not a placed order. */
	private const SELECTION = 'selection';

	/** Placing an order, or not the Store API: nothing is kept. */
	private const FREE = 'free';

	/**
	 * One entry per REST request being served (they nest: a batch serves its requests): what its
	 * saves may do (`SYNC`, `SELECTION`, `FREE`), and the request.
	 *
	 * @var array<int, array{mode: string, request: mixed}>
	 */
	private array $requests = array();

	/**
	 * Hooks the guard into REST dispatch, the Store API's checkout and WooCommerce's order save.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_filter( 'rest_request_before_callbacks', array( $this, 'enter_request' ), 10, 3 );
		add_filter( 'rest_request_after_callbacks', array( $this, 'leave_request' ), 10, 3 );
		add_filter( 'woocommerce_hydration_dispatch_request', array( $this, 'enter_hydration' ), 10, 2 );
		add_filter( 'woocommerce_hydration_request_after_callbacks', array( $this, 'leave_request' ), 10, 3 );
		add_action( 'woocommerce_store_api_checkout_update_order_meta', array( $this, 'draft_synced' ) );
		add_action( 'woocommerce_before_order_object_save', array( $this, 'keep_meum' ) );
	}

	/**
	 * Notes whether the REST request starting now is a Store API request that syncs drafts.
	 *
	 * @param mixed $response The response so far (passed through untouched).
	 * @param mixed $handler  The route handler.
	 * @param mixed $request  The request (`WP_REST_Request`).
	 * @return mixed The response, unchanged.
	 */
	public function enter_request( $response, $handler, $request ) {
		$this->requests[] = array(
			'mode'    => $request instanceof WP_REST_Request && self::syncs_drafts( $request ) ? self::SYNC : self::FREE,
			'request' => $request,
		);
		return $response;
	}

	/**
	 * The same for a request the blocks hydrate on a page (served without REST dispatch).
	 *
	 * @param mixed $result  The hydration result so far (passed through untouched; null lets it run).
	 * @param mixed $request The request (`WP_REST_Request`).
	 * @return mixed The result, unchanged.
	 */
	public function enter_hydration( $result, $request ) {
		return $this->enter_request( $result, array(), $request );
	}

	/**
	 * Ends what `enter_request()` or `enter_hydration()` noted.
	 *
	 * @param mixed $response The response (passed through untouched).
	 * @param mixed $handler  The route handler.
	 * @param mixed $request  The request.
	 * @return mixed The response, unchanged.
	 */
	public function leave_request( $response, $handler, $request ) {
		array_pop( $this->requests );
		return $response;
	}

	/**
	 * The Store API has synced the checkout's draft with the cart: what follows is the method the
	 * request names, placing the order (`POST`) or only selecting it (`PUT`).
	 *
	 * @return void
	 */
	public function draft_synced(): void {
		$current = array_key_last( $this->requests );
		$request = null === $current ? null : $this->requests[ $current ]['request'];
		if ( ! $request instanceof WP_REST_Request || self::SYNC !== $this->requests[ $current ]['mode'] ) {
			return;
		}
		$after_sync = array(
			'POST' => self::FREE,
			'PUT'  => self::SELECTION,
		);

		$this->requests[ $current ]['mode'] = $after_sync[ $request->get_method() ] ?? self::SYNC;
	}

	/**
	 * Before an order is saved: while the Store API syncs drafts, a change of the method of an
	 * order stored with Meum is replaced by Meum and its stored title; during a selection, only an
	 * order placed with Meum (not a draft) keeps it.
	 *
	 * @param mixed $order The order about to be saved (`WC_Order`).
	 * @return void
	 */
	public function keep_meum( $order ): void {
		$current = end( $this->requests );
		if ( false === $current || self::FREE === $current['mode'] || ! $order instanceof \WC_Order || $order->get_id() <= 0 ) {
			return;
		}
		$changes = $order->get_changes();
		if ( ! array_key_exists( 'payment_method', $changes ) || Gateway::ID === $changes['payment_method'] ) {
			return;
		}
		$stored = Order_Meta::fresh_order( $order->get_id() );
		if ( null === $stored || Gateway::ID !== $stored->get_payment_method( 'edit' ) || ( self::SELECTION === $current['mode'] && $stored->has_status( 'checkout-draft' ) ) ) {
			return;
		}
		$order->set_payment_method( Gateway::ID );
		$order->set_payment_method_title( $stored->get_payment_method_title( 'edit' ) );
	}

	/**
	 * Whether a request syncs the checkout's draft before (or instead of) placing an order.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return bool True for `/wc/store/…` routes except `POST …/checkout/{order id}` (pay-for-order,
	 *              which syncs nothing); `POST …/checkout` syncs until `draft_synced()`.
	 */
	private static function syncs_drafts( WP_REST_Request $request ): bool {
		$route = $request->get_route();
		if ( 1 !== preg_match( '#^/wc/store(?:/v\d+)?/#', $route ) ) {
			return false;
		}
		return ! ( 'POST' === $request->get_method() && 1 === preg_match( '#/checkout/\d+$#', $route ) );
	}
}
