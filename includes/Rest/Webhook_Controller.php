<?php
/**
 * REST routes of the webhooks: `meum/v1/webhook` and `meum/v1/webhook/test`.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Rest;

use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Webhooks\Self_Test;
use Meum\WooCommerce\Webhooks\Webhook_Receiver;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * - `POST /meum/v1/webhook` (public): Meum's deliveries. WordPress would answer a body it cannot
 *   parse as JSON with `400 rest_invalid_json` before any permission callback runs, so the
 *   delivery is handed to the receiver in `rest_pre_dispatch`, before WordPress looks at the body
 *   at all: an unsigned body of any shape gets 401. The route's own callback runs the same
 *   receiver for internal dispatches that skip that filter.
 * - `POST /meum/v1/webhook/test` (admin): sends a signed test delivery to the site's own URL.
 */
class Webhook_Controller extends Base_Controller {

	/**
	 * The receiver.
	 *
	 * @var Webhook_Receiver
	 */
	private Webhook_Receiver $receiver;

	/**
	 * The self-test.
	 *
	 * @var Self_Test
	 */
	private Self_Test $self_test;

	/**
	 * The browser-safe state.
	 *
	 * @var Connection_State
	 */
	private Connection_State $state;

	/**
	 * Creates the controller.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Webhook_Receiver $receiver    The receiver.
	 * @param Self_Test        $self_test   The self-test.
	 * @param Connection_State $state       The browser-safe state.
	 */
	public function __construct( Environment $environment, Webhook_Receiver $receiver, Self_Test $self_test, Connection_State $state ) {
		parent::__construct( $environment, Routes::WEBHOOK );
		$this->receiver  = $receiver;
		$this->self_test = $self_test;
		$this->state     = $state;
	}

	/**
	 * Hooks the routes, the early receiver and the no-store header.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		parent::register_hooks();
		add_filter( 'rest_pre_dispatch', array( $this, 'receive_before_dispatch' ), 10, 3 );
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
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'receive' ),
				'permission_callback' => array( $this, 'receive_permissions_check' ),
				'args'                => array(),
			)
		);
		register_rest_route(
			self::ROUTE_NAMESPACE,
			Routes::pattern( Routes::WEBHOOK_TEST ),
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'send_test' ),
				'permission_callback' => array( $this, 'send_test_permissions_check' ),
				'args'                => array(),
			)
		);
	}

	/**
	 * Permission for deliveries: public on purpose. Authenticity is the HMAC signature, verified by
	 * the receiver before anything reads the body.
	 *
	 * @param WP_REST_Request $request The delivery.
	 * @return true
	 */
	public function receive_permissions_check( $request ) {
		return true;
	}

	/**
	 * Runs the receiver before WordPress parses the body (see the class description).
	 *
	 * @param mixed           $result  Response so far (null to let dispatch continue).
	 * @param WP_REST_Server  $server  The REST server.
	 * @param WP_REST_Request $request The request.
	 * @return mixed The receiver's response for `POST /meum/v1/webhook`, else `$result` untouched.
	 */
	public function receive_before_dispatch( $result, $server, $request ) {
		if ( null !== $result || 'POST' !== $request->get_method() || untrailingslashit( $request->get_route() ) !== '/' . $this->namespace . '/' . $this->rest_base ) {
			return $result;
		}
		return $this->receiver->receive( $request );
	}

	/**
	 * Answers a delivery that reached the route's callback.
	 *
	 * @param WP_REST_Request $request The delivery.
	 * @return WP_REST_Response See {@see Webhook_Receiver::receive()}.
	 */
	public function receive( $request ) {
		return $this->receiver->receive( $request );
	}

	/**
	 * Permission for the test delivery.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error True for users with the management capability; `rest_forbidden` with
	 *                       401 (not logged in) or 403 otherwise.
	 */
	public function send_test_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * Answers `POST /meum/v1/webhook/test`.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error The outcome of {@see Self_Test::run()} with the refreshed
	 *                                   `state`, or `meum_not_connected` (409).
	 */
	public function send_test( $request ) {
		$outcome = $this->self_test->run();
		if ( is_wp_error( $outcome ) ) {
			return $outcome;
		}
		$outcome['state'] = $this->state->get();
		return rest_ensure_response( $outcome );
	}

}
