<?php
/**
 * What the plugin's REST controllers share.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Rest;

use Meum\WooCommerce\Environment;
use WP_Error;
use WP_HTTP_Response;
use WP_REST_Controller;
use WP_REST_Request;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's REST controllers: the `meum/v1` namespace, the management-capability check of the
 * admin routes, and `Cache-Control: no-store` on every answer of the controller's routes.
 */
abstract class Base_Controller extends WP_REST_Controller {

	/** The REST namespace of every route of the plugin. */
	public const ROUTE_NAMESPACE = Routes::NAMESPACE;

	/**
	 * Site facts (for the capability).
	 *
	 * @var Environment
	 */
	protected Environment $environment;

	/**
	 * Sets up the namespace and base.
	 *
	 * @param Environment $environment Site facts.
	 * @param string      $rest_base   Route base below `meum/v1`.
	 */
	protected function __construct( Environment $environment, string $rest_base ) {
		$this->namespace   = self::ROUTE_NAMESPACE;
		$this->rest_base   = $rest_base;
		$this->environment = $environment;
	}

	/**
	 * Hooks the routes and the no-store header into WordPress.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
		add_filter( 'rest_post_dispatch', array( $this, 'add_no_store_header' ), 10, 3 );
	}

	/**
	 * Adds `Cache-Control: no-store` to every answer of this controller's routes, errors included.
	 *
	 * @param mixed           $response The answer: a WP_HTTP_Response, unless an earlier filter
	 *                                  returned something else.
	 * @param WP_REST_Server  $server   The REST server.
	 * @param WP_REST_Request $request  The request.
	 * @return mixed The same answer.
	 */
	public function add_no_store_header( $response, $server, $request ) {
		if ( $response instanceof WP_HTTP_Response && 0 === strpos( $request->get_route(), '/' . $this->namespace . '/' . $this->rest_base ) ) {
			$response->header( 'Cache-Control', 'no-store' );
		}
		return $response;
	}

	/**
	 * Checks the management capability (`manage_woocommerce`, or `manage_options` without
	 * WooCommerce).
	 *
	 * @return true|WP_Error True, or `rest_forbidden` with 401 (anonymous) / 403 (logged in).
	 */
	protected function check_permission() {
		if ( current_user_can( $this->environment->management_capability() ) ) {
			return true;
		}
		return new WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to manage the Meum connection.', 'meum-woocommerce' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
