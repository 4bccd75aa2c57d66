<?php
/**
 * The payments part of the settings page's summary.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Fills the settings page's `payments` slot: whether the merchant switched Meum payments on,
 * whether checkout offers them (the cart-independent rules of {@see Availability}) and if not,
 * why; the payments that need the merchant (the flags of {@see Flags}), each with a link to its
 * order and the route that dismisses it ({@see Flags_Controller}); and how many payments of the
 * last 30 days a scheduled status check found because their webhook never arrived (issue 11: the
 * merchant learns that the webhook URL is blocked).
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
	 * Applied outcomes (who applied each payment).
	 *
	 * @var Outcome_Log
	 */
	private Outcome_Log $outcomes;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the summary.
	 *
	 * @param Environment  $environment  Site facts.
	 * @param Availability $availability The availability rules.
	 * @param Flags        $flags        The merchant flags.
	 * @param Outcome_Log  $outcomes     Applied outcomes.
	 * @param Clock        $clock        The time.
	 */
	public function __construct( Environment $environment, Availability $availability, Flags $flags, Outcome_Log $outcomes, Clock $clock ) {
		$this->environment  = $environment;
		$this->availability = $availability;
		$this->flags        = $flags;
		$this->outcomes     = $outcomes;
		$this->clock        = $clock;
	}

	/**
	 * The slot's value.
	 *
	 * @return array{enabled: bool, available: bool, reason: string|null, flags: list<array<string, mixed>>, flagsPath: string, reconciled: int}|null
	 *         Null without WooCommerce (there is no gateway then). `reason` is the first reason
	 *         checkout does not offer Meum, other than being switched off; `flags` as {@see flags()};
	 *         `flagsPath` the REST path below which a flag is dismissed (`DELETE {flagsPath}/{id}`);
	 *         `reconciled` the invoices recorded paid by a scheduled status check (source
	 *         `reconciliation`, {@see Outcome_Log::paid_by_source()}) in the last 30 days.
	 */
	public function get(): ?array {
		if ( ! $this->environment->is_woocommerce_active() ) {
			return null;
		}
		$reasons = $this->availability->setup_reasons();
		$enabled = ! isset( $reasons['disabled'] );
		unset( $reasons['disabled'] );
		return array(
			'enabled'    => $enabled,
			'available'  => $enabled && array() === $reasons,
			'reason'     => array() !== $reasons ? (string) reset( $reasons ) : null,
			'flags'      => $this->flags(),
			'flagsPath'  => Routes::path( Flags_Controller::ROUTE ),
			'reconciled' => $this->outcomes->paid_by_source( $this->clock->now() - Outcome_Log::RECENT_SECONDS )['reconciliation'],
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
