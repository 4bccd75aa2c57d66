<?php
/**
 * REST route of the order box's status check: `meum/v1/orders/{id}/check`.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Rest\Base_Controller;
use Meum\WooCommerce\Rest\Routes;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * `POST /meum/v1/orders/{id}/check`: reads the order's current invoice from Meum and applies §A5
 * through {@see Order_Updater::check_order()} (the same locked path as a webhook; the recovery when
 * a webhook was lost). Needs `edit_shop_order` for that order and WordPress cookie authentication
 * with the `wp_rest` nonce (api-fetch sends it). Answers `{ outcome, reason, message, box }`:
 * the updater's result, a translated sentence for the merchant and the order box's new content.
 *
 * Contract: issue 10 ("The order screen"), `meum-api.md` §A5.
 */
class Order_Check_Controller extends Base_Controller {

	/**
	 * The order updater.
	 *
	 * @var Order_Updater
	 */
	private Order_Updater $updater;

	/**
	 * The order box (its content is part of the answer).
	 *
	 * @var Order_Box
	 */
	private Order_Box $box;

	/**
	 * The order's Meum facts.
	 *
	 * @var Order_Payments
	 */
	private Order_Payments $payments;

	/**
	 * Creates the controller.
	 *
	 * @param Environment    $environment Site facts.
	 * @param Order_Updater  $updater     The order updater.
	 * @param Order_Box      $box         The order box.
	 * @param Order_Payments $payments    The order's Meum facts.
	 */
	public function __construct( Environment $environment, Order_Updater $updater, Order_Box $box, Order_Payments $payments ) {
		parent::__construct( $environment, Routes::ORDERS );
		$this->updater  = $updater;
		$this->box      = $box;
		$this->payments = $payments;
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes(): void {
		register_rest_route(
			self::ROUTE_NAMESPACE,
			Routes::pattern( Routes::ORDERS ) . '/(?P<id>\d+)/check',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'check' ),
					'permission_callback' => array( $this, 'check_order_permission' ),
					'args'                => array(
						'id' => array(
							'description'       => __( 'The order id.', 'meum-woocommerce' ),
							'type'              => 'integer',
							'minimum'           => 1,
							'required'          => true,
							'sanitize_callback' => 'absint',
							'validate_callback' => 'rest_validate_request_arg',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Whether the current user may edit this order.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error True, or `rest_forbidden` with 401 (anonymous) / 403 (logged in).
	 */
	public function check_order_permission( WP_REST_Request $request ) {
		if ( current_user_can( 'edit_shop_order', (int) $request['id'] ) ) {
			return true;
		}
		return new WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to check the payment of this order.', 'meum-woocommerce' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Checks the order's payment with Meum.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error The answer, or `meum_order_not_found` (404) for an id that is
	 *                                   not a Meum order.
	 */
	public function check( WP_REST_Request $request ) {
		$order = wc_get_order( (int) $request['id'] );
		if ( ! $order instanceof \WC_Order || ! $this->payments->is_meum_order( $order ) ) {
			return new WP_Error( 'meum_order_not_found', __( 'This is not an order paid with Meum.', 'meum-woocommerce' ), array( 'status' => 404 ) );
		}
		$result = $this->updater->check_order( $order, 'admin' );
		$fresh  = Order_Meta::fresh_order( (int) $order->get_id() ) ?? $order;
		return rest_ensure_response(
			array(
				'outcome' => $result->outcome(),
				'reason'  => $result->reason(),
				'message' => $this->message( $result ),
				'box'     => $this->box->content( $fresh ),
			)
		);
	}

	/**
	 * The merchant's sentence for a result.
	 *
	 * @param Update_Result $result The updater's result.
	 * @return string Translated sentence.
	 */
	private function message( Update_Result $result ): string {
		switch ( $result->outcome() ) {
			case Update_Result::APPLIED:
				return __( 'Meum\'s answer was applied to the order: see the order notes.', 'meum-woocommerce' );
			case Update_Result::RETRY_LATER:
				return __( 'Meum or the order could not be reached in time. Try again in a minute.', 'meum-woocommerce' );
			default:
				return __( 'Nothing to change: the order already matches what Meum says.', 'meum-woocommerce' );
		}
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
			'title'      => 'meum-order-check',
			'type'       => 'object',
			'properties' => array(
				'outcome' => array(
					'description' => __( 'What the check did: applied, nothing or retry_later.', 'meum-woocommerce' ),
					'type'        => 'string',
					'enum'        => array( Update_Result::APPLIED, Update_Result::NOTHING, Update_Result::RETRY_LATER ),
					'readonly'    => true,
				),
				'reason'  => array(
					'description' => __( 'Short machine reason of the outcome.', 'meum-woocommerce' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'message' => array(
					'description' => __( 'What happened, for the merchant.', 'meum-woocommerce' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'box'     => array(
					'description' => __( 'The order box\'s new content (HTML).', 'meum-woocommerce' ),
					'type'        => 'string',
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
