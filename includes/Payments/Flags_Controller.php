<?php
/**
 * The route that dismisses a payment flag.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Rest\Base_Controller;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * `DELETE /meum/v1/payments/flags/{id}`: the merchant has seen a flagged payment (paid another
 * way, a second payment, an overpayment, another currency) and removes it from the settings page's
 * summary. The order note stays. Management capability and the REST nonce, as every admin route of
 * the plugin. Answers the flags that remain, as {@see Payments_Summary::flags()}.
 */
class Flags_Controller extends Base_Controller {

	/** The route base below `meum/v1`. */
	public const ROUTE = 'payments/flags';

	/**
	 * The merchant flags.
	 *
	 * @var Flags
	 */
	private Flags $flags;

	/**
	 * The summary (for the answer).
	 *
	 * @var Payments_Summary
	 */
	private Payments_Summary $summary;

	/**
	 * Creates the controller.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Flags            $flags       The merchant flags.
	 * @param Payments_Summary $summary     The payments summary.
	 */
	public function __construct( Environment $environment, Flags $flags, Payments_Summary $summary ) {
		parent::__construct( $environment, self::ROUTE );
		$this->flags   = $flags;
		$this->summary = $summary;
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . self::ROUTE . '/(?P<id>[A-Za-z0-9_-]{1,64})',
			array(
				array(
					'methods'             => WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'delete_item_permissions_check' ),
					'args'                => array(
						'id' => array(
							'description' => __( 'The flag to dismiss.', 'meum-woocommerce' ),
							'type'        => 'string',
							'pattern'     => '^[A-Za-z0-9_-]{1,64}$',
							'required'    => true,
						),
					),
				),
			)
		);
	}

	/**
	 * Who may dismiss a flag: the management capability.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error True, or `rest_forbidden` (401 anonymous, 403 logged in).
	 */
	public function delete_item_permissions_check( $request ) {
		unset( $request );
		return $this->check_permission();
	}

	/**
	 * Dismisses the flag. Dismissing one that is already gone is not an error (another tab did it).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response `{ flags }`: the flags that remain.
	 */
	public function delete_item( $request ) {
		$this->flags->dismiss( (string) $request['id'] );
		return rest_ensure_response( array( 'flags' => $this->summary->flags() ) );
	}
}
