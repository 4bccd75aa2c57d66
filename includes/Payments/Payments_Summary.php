<?php
/**
 * The payments part of the settings page's summary.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Fills the settings page's `payments` slot: whether the merchant switched Meum payments on,
 * whether checkout offers them (the cart-independent rules of {@see Availability}) and if not,
 * why; and the payments that need the merchant (the flags of {@see Flags}), each with a link to its
 * order and the route that dismisses it ({@see Flags_Controller}).
 */
class Payments_Summary {

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * The availability rules.
	 *
	 * @var Availability
	 */
	private Availability $availability;

	/**
	 * The merchant flags.
	 *
	 * @var Flags
	 */
	private Flags $flags;

	/**
	 * Creates the summary.
	 *
	 * @param Environment  $environment  Site facts.
	 * @param Availability $availability The availability rules.
	 * @param Flags        $flags        The merchant flags.
	 */
	public function __construct( Environment $environment, Availability $availability, Flags $flags ) {
		$this->environment  = $environment;
		$this->availability = $availability;
		$this->flags        = $flags;
	}

	/**
	 * The slot's value.
	 *
	 * @return array{enabled: bool, available: bool, reason: string|null, flags: list<array<string, mixed>>, flagsPath: string}|null
	 *         Null without WooCommerce (there is no gateway then). `reason` is the first reason
	 *         checkout does not offer Meum, other than being switched off; `flags` as {@see flags()};
	 *         `flagsPath` the REST path below which a flag is dismissed (`DELETE {flagsPath}/{id}`).
	 */
	public function get(): ?array {
		if ( ! $this->environment->is_woocommerce_active() ) {
			return null;
		}
		$reasons = $this->availability->setup_reasons();
		$enabled = ! isset( $reasons['disabled'] );
		unset( $reasons['disabled'] );
		return array(
			'enabled'   => $enabled,
			'available' => $enabled && array() === $reasons,
			'reason'    => array() !== $reasons ? (string) reset( $reasons ) : null,
			'flags'     => $this->flags(),
			'flagsPath' => Routes::path( Flags_Controller::ROUTE ),
		);
	}

	/**
	 * The flags, newest first, as the page shows them.
	 *
	 * @return list<array{id: string, orderId: int, orderUrl: string|null, kind: string, message: string, at: string}>
	 *         `orderUrl` is the order's edit screen (HPOS or posts); `at` UTC ISO 8601.
	 */
	public function flags(): array {
		$flags = array();
		foreach ( $this->flags->all() as $flag ) {
			$flags[] = array(
				'id'       => $flag['id'],
				'orderId'  => $flag['order_id'],
				'orderUrl' => $flag['order_id'] > 0 ? $this->order_url( $flag['order_id'] ) : null,
				'kind'     => $flag['kind'],
				'message'  => $flag['message'],
				'at'       => gmdate( 'Y-m-d\\TH:i:s\\Z', $flag['at'] ),
			);
		}
		return array_reverse( $flags );
	}

	/**
	 * The edit screen of an order, in the storage the store uses.
	 *
	 * @param int $order_id The order id.
	 * @return string Absolute admin URL.
	 */
	private function order_url( int $order_id ): string {
		if ( class_exists( \Automattic\WooCommerce\Utilities\OrderUtil::class ) ) {
			return \Automattic\WooCommerce\Utilities\OrderUtil::get_order_admin_edit_url( $order_id );
		}
		return admin_url( 'post.php?post=' . $order_id . '&action=edit' );
	}
}
