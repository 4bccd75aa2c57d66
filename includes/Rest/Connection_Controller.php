<?php
/**
 * REST routes of the connection: `meum/v1/connection`.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Rest;

use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Connection\Connector;
use Meum\WooCommerce\Connection\Disconnector;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Environment;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * The PHP proxy the settings page calls:
 *
 * - `GET    /meum/v1/connection`: the browser-safe connection state;
 * - `POST   /meum/v1/connection` `{ connection_key }`: the Meum connect handshake, then the new state;
 * - `DELETE /meum/v1/connection`: disconnect at Meum, then delete the stored connection;
 * - `POST   /meum/v1/connection/refresh`: refresh the status from Meum;
 * - `POST   /meum/v1/connection/forget`: delete the stored connection without calling Meum.
 *
 * Every route needs the plugin's management capability and WordPress cookie authentication with
 * the `wp_rest` nonce, and is answered with `Cache-Control: no-store`. Errors keep the shape built
 * by the API error mapping: `{ code, message, data: { status, upstream_status, meum_code, details } }`.
 */
class Connection_Controller extends Base_Controller {

	/** Longest connection key accepted, in characters. */
	private const MAX_KEY_LENGTH = 256;

	/**
	 * The handshake.
	 *
	 * @var Connector
	 */
	private Connector $connector;

	/**
	 * The browser-safe state.
	 *
	 * @var Connection_State
	 */
	private Connection_State $state;

	/**
	 * Status refresh.
	 *
	 * @var Status_Refresher
	 */
	private Status_Refresher $refresher;

	/**
	 * Disconnect and forget.
	 *
	 * @var Disconnector
	 */
	private Disconnector $disconnector;

	/**
	 * Creates the controller.
	 *
	 * @param Environment      $environment  Site facts.
	 * @param Connector        $connector    The handshake.
	 * @param Connection_State $state        The browser-safe state.
	 * @param Status_Refresher $refresher    Status refresh.
	 * @param Disconnector     $disconnector Disconnect and forget.
	 */
	public function __construct( Environment $environment, Connector $connector, Connection_State $state, Status_Refresher $refresher, Disconnector $disconnector ) {
		parent::__construct( $environment, Routes::CONNECTION );
		$this->connector    = $connector;
		$this->state        = $state;
		$this->refresher    = $refresher;
		$this->disconnector = $disconnector;
	}

	/**
	 * Registers the routes.
	 *
	 * @return void
	 */
	public function register_routes(): void {
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(),
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => array(
						'connection_key' => array(
							'description'       => __( 'The connection key created in Meum (starts with sk_). Used once for the handshake, never stored.', 'meum-woocommerce' ),
							'type'              => 'string',
							'required'          => true,
							'validate_callback' => array( $this, 'validate_connection_key' ),
							'sanitize_callback' => array( $this, 'sanitize_connection_key' ),
						),
					),
				),
				array(
					'methods'             => WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'delete_item_permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			self::ROUTE_NAMESPACE,
			Routes::pattern( Routes::CONNECTION_REFRESH ),
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'refresh_item' ),
					'permission_callback' => array( $this, 'update_item_permissions_check' ),
					'args'                => array(),
				),
				// A route option, beside the endpoints: inside an endpoint WordPress ignores it.
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			self::ROUTE_NAMESPACE,
			Routes::pattern( Routes::CONNECTION_FORGET ),
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'forget_item' ),
					'permission_callback' => array( $this, 'delete_item_permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Permission for reading the connection state.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error True for users with the management capability; `rest_forbidden` with
	 *                       status 401 (not logged in) or 403 otherwise.
	 */
	public function get_item_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * Permission for connecting.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error See {@see get_item_permissions_check()}.
	 */
	public function create_item_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * Permission for refreshing the status.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error See {@see get_item_permissions_check()}.
	 */
	public function update_item_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * Permission for disconnecting and forgetting.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error See {@see get_item_permissions_check()}.
	 */
	public function delete_item_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * Answers `GET /meum/v1/connection`.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response The connection state (see {@see Connection_State::get()}), status 200.
	 */
	public function get_item( $request ) {
		return rest_ensure_response( $this->state->get() );
	}

	/**
	 * Answers `POST /meum/v1/connection`: performs the connect handshake.
	 *
	 * @param WP_REST_Request $request The request, with a validated `connection_key`.
	 * @return WP_REST_Response|WP_Error The new connection state (status 200), or the handshake's
	 *                                   WP_Error (see {@see Connector::connect()}); on error nothing
	 *                                   stored has changed.
	 */
	public function create_item( $request ) {
		$result = $this->connector->connect( (string) $request->get_param( 'connection_key' ) );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return rest_ensure_response( $this->state->get() );
	}

	/**
	 * Answers `DELETE /meum/v1/connection`: disconnects at Meum.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error The new state (not connected), or the failure with
	 *                                   `data.can_forget` (see {@see Disconnector::disconnect()}).
	 */
	public function delete_item( $request ) {
		$result = $this->disconnector->disconnect();
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return rest_ensure_response( $this->state->get() );
	}

	/**
	 * Answers `POST /meum/v1/connection/refresh`.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error The refreshed state (a revoked key gives a state with
	 *                                   `reconnect_reason: "revoked"`), or the failure (see
	 *                                   {@see Status_Refresher::refresh()}).
	 */
	public function refresh_item( $request ) {
		$result = $this->refresher->refresh();
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return rest_ensure_response( $this->state->get() );
	}

	/**
	 * Answers `POST /meum/v1/connection/forget`: deletes the stored connection, Meum not called.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response The new state (not connected).
	 */
	public function forget_item( $request ) {
		$this->disconnector->forget();
		return rest_ensure_response( $this->state->get() );
	}

	/**
	 * Validates the `connection_key` argument.
	 *
	 * @param mixed           $value   Submitted value.
	 * @param WP_REST_Request $request The request.
	 * @param string          $param   Argument name.
	 * @return true|WP_Error True when the value looks like a Meum key (surrounding spaces allowed);
	 *                       otherwise `rest_invalid_param` with a message for the field.
	 */
	public function validate_connection_key( $value, $request, $param ) {
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( is_wp_error( $valid ) ) {
			return $valid;
		}
		$key = trim( (string) $value );
		if ( '' === $key ) {
			return new WP_Error( 'rest_invalid_param', __( 'Enter your connection key.', 'meum-woocommerce' ) );
		}
		if ( strlen( $key ) > self::MAX_KEY_LENGTH || ! preg_match( '/^sk_[A-Za-z0-9_\-]+$/', $key ) ) {
			return new WP_Error( 'rest_invalid_param', __( 'This is not a Meum connection key. It starts with "sk_live_" and contains no spaces; copy it again from Meum.', 'meum-woocommerce' ) );
		}
		return true;
	}

	/**
	 * Sanitizes the `connection_key` argument.
	 *
	 * @param mixed $value Validated value.
	 * @return string The key without surrounding whitespace.
	 */
	public function sanitize_connection_key( $value ): string {
		return trim( (string) $value );
	}


	/**
	 * The JSON Schema of the connection state, the answer of every route of this controller.
	 *
	 * @return array<string, mixed> Schema (draft 4, as WordPress uses it), from
	 *                              {@see Connection_State::schema()}.
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = $this->state->schema();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
