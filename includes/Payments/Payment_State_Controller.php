<?php
/**
 * REST route of the live return page: `meum/v1/orders/{id}/payment-state`.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Rest\Base_Controller;
use Meum\WooCommerce\Rest\Routes;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * `GET /meum/v1/orders/{id}/payment-state?key=<order key>&token=<token>`: what the order-received
 * page's Meum section says now, for the page's polling script. Public, but only with the order key
 * (compared with `hash_equals()`) and a {@see Return_Page_Token} the page embedded after WooCommerce
 * decided to show the order (unexpired, for this order); anything else is `rest_forbidden`
 * (401, or 403 for a logged-in user), the same for an order that does not exist.
 *
 * While the order is waiting, the route may ask Meum through {@see Order_Updater::check_order()}
 * (source `return_page`, the same locked §A5 path as a webhook): only while the credential guard
 * ({@see Invoice_Api::ready()}) says yes, and at most once per order per 10 s and 30 times per
 * minute per site, counted in the database ({@see Throttle}). Otherwise it answers from the stored
 * facts. The answer is `{ state }` only: one of Return_Page's states, or null when the section has
 * nothing to say; no amount, no id.
 *
 * Contract: issue 11 ("Live return page"), `meum-api.md` §A5.
 */
class Payment_State_Controller extends Base_Controller {

	/** Checks allowed per order and window. */
	public const ORDER_LIMIT = 1;

	/** The per-order window, in seconds. */
	public const ORDER_WINDOW = 10;

	/** Checks allowed per site and window. */
	public const SITE_LIMIT = 30;

	/** The per-site window, in seconds. */
	public const SITE_WINDOW = 60;

	/** The outcome source of the route's checks. */
	public const SOURCE = 'return_page';

	/**
	 * The order updater.
	 *
	 * @var Order_Updater
	 */
	private Order_Updater $updater;

	/**
	 * The order-received section (its states).
	 *
	 * @var Return_Page
	 */
	private Return_Page $page;

	/**
	 * The order's Meum facts.
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
	 * The tokens.
	 *
	 * @var Return_Page_Token
	 */
	private Return_Page_Token $tokens;

	/**
	 * The database rate limits.
	 *
	 * @var Throttle
	 */
	private Throttle $throttle;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the controller.
	 *
	 * @param Environment       $environment Site facts.
	 * @param Order_Updater     $updater     The order updater.
	 * @param Return_Page       $page        The order-received section (its states).
	 * @param Order_Payments    $payments    The order's Meum facts.
	 * @param Invoice_Api       $api         The invoice API (its connection guard).
	 * @param Return_Page_Token $tokens      The tokens.
	 * @param Throttle          $throttle    The database rate limits.
	 * @param Clock             $clock       The time.
	 */
	public function __construct( Environment $environment, Order_Updater $updater, Return_Page $page, Order_Payments $payments, Invoice_Api $api, Return_Page_Token $tokens, Throttle $throttle, Clock $clock ) {
		parent::__construct( $environment, Routes::ORDERS );
		$this->updater  = $updater;
		$this->page     = $page;
		$this->payments = $payments;
		$this->api      = $api;
		$this->tokens   = $tokens;
		$this->throttle = $throttle;
		$this->clock    = $clock;
	}

	/**
	 * The route's path for an order, below the REST root (as `rest_url()` takes it).
	 *
	 * @param int $order_id The order id.
	 * @return string E.g. `/meum/v1/orders/12/payment-state`.
	 */
	public static function path( int $order_id ): string {
		return Routes::path( Routes::ORDERS ) . '/' . $order_id . '/payment-state';
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes(): void {
		register_rest_route(
			self::ROUTE_NAMESPACE,
			Routes::pattern( Routes::ORDERS ) . '/(?P<id>\d+)/payment-state',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'payment_state' ),
					'permission_callback' => array( $this, 'check_visitor_permission' ),
					'args'                => array(
						'id'    => array(
							'description'       => __( 'The order id.', 'meum-woocommerce' ),
							'type'              => 'integer',
							'minimum'           => 1,
							'required'          => true,
							'sanitize_callback' => 'absint',
							'validate_callback' => 'rest_validate_request_arg',
						),
						'key'   => array(
							'description' => __( 'The order key of the order-received page.', 'meum-woocommerce' ),
							'type'        => 'string',
						),
						'token' => array(
							'description' => __( 'The token the order-received page embedded.', 'meum-woocommerce' ),
							'type'        => 'string',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Whether the request carries the order's key and a valid token for it.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error True, or `rest_forbidden` with 401 (anonymous) / 403 (logged in), the
	 *                       same for a missing order, a missing or wrong key and a missing, bad or
	 *                       expired token (both are optional arguments, so this check answers).
	 */
	public function check_visitor_permission( WP_REST_Request $request ) {
		$order_id = (int) $request['id'];
		$key      = $request['key'];
		$order    = $order_id > 0 ? wc_get_order( $order_id ) : false;
		$token_ok = $this->tokens->verify( $order_id, $request['token'], $this->clock->now() );
		if ( $token_ok && is_string( $key ) && $order instanceof \WC_Order && '' !== $order->get_order_key() && hash_equals( $order->get_order_key(), $key ) ) {
			return true;
		}
		return new WP_Error(
			'rest_forbidden',
			__( 'Sorry, this page may not see the payment of this order.', 'meum-woocommerce' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The order's payment state, after a status check when one is due and allowed.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response `{ state }`; the state is null for an order not paid with Meum (the
	 *                          page has no Meum section then).
	 */
	public function payment_state( WP_REST_Request $request ): WP_REST_Response {
		$order = wc_get_order( (int) $request['id'] );
		if ( ! $order instanceof \WC_Order || ! $this->payments->is_meum_order( $order ) ) {
			return new WP_REST_Response( array( 'state' => null ) );
		}
		$state = $this->page->state( $order );
		if ( Return_Page::STATE_WAITING === $state && $this->may_check( (int) $order->get_id() ) ) {
			$this->updater->check_order( $order, self::SOURCE );
			$fresh = Order_Meta::fresh_order( (int) $order->get_id() );
			$state = null === $fresh ? $state : $this->page->state( $fresh );
		}
		return new WP_REST_Response( array( 'state' => $state ) );
	}

	/**
	 * Whether a status check may run now: the credential guard says yes, and the order's and the
	 * site's windows each have a hit left (the order's first, so one busy order cannot use up the
	 * site's checks).
	 *
	 * @param int $order_id The order id.
	 * @return bool True when the check may run (the hits are taken).
	 */
	private function may_check( int $order_id ): bool {
		if ( true !== $this->api->ready() ) {
			return false;
		}
		$now = $this->clock->now();
		if ( ! $this->throttle->hit( self::SOURCE . ':order:' . $order_id, self::ORDER_LIMIT, self::ORDER_WINDOW, $now ) ) {
			return false;
		}
		if ( ! $this->throttle->hit( self::SOURCE . ':site', self::SITE_LIMIT, self::SITE_WINDOW, $now ) ) {
			return false;
		}
		$this->throttle->prune( $now - DAY_IN_SECONDS );
		return true;
	}

	/**
	 * The schema of the answer.
	 *
	 * @return array<string, mixed> JSON Schema (draft 4).
	 */
	public function get_item_schema(): array {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'meum-payment-state',
			'type'       => 'object',
			'properties' => array(
				'state' => array(
					'description' => __( 'What the order-received page says about the payment; null when it says nothing.', 'meum-woocommerce' ),
					'type'        => array( 'string', 'null' ),
					'enum'        => array( Return_Page::STATE_WAITING, Return_Page::STATE_PAID, Return_Page::STATE_PARTLY, Return_Page::STATE_NOT_PAID, null ),
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
