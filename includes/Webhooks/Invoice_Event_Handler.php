<?php
/**
 * Invoice events.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Logging\Plugin_Log;

defined( 'ABSPATH' ) || exit;

/**
 * Handles one `invoice.*` event type. The receiver has already recorded the event (type, id,
 * invoice id, external order id, time) in the events table; this release has no WooCommerce
 * order effects yet (they come with the payment gateway, through these same handlers), so the
 * handler notes the event in the plugin log for the merchant.
 */
class Invoice_Event_Handler implements Event_Handler {

	/**
	 * The event type handled, e.g. "invoice.paid".
	 *
	 * @var string
	 */
	private string $type;

	/**
	 * Plugin log.
	 *
	 * @var Plugin_Log
	 */
	private Plugin_Log $log;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the handler.
	 *
	 * @param string     $type  Event type handled.
	 * @param Plugin_Log $log   Plugin log.
	 * @param Clock|null $clock The time (default: the real one).
	 */
	public function __construct( string $type, Plugin_Log $log, ?Clock $clock = null ) {
		$this->type  = $type;
		$this->log   = $log;
		$this->clock = $clock ?? new Clock();
	}

	/**
	 * Notes the invoice event.
	 *
	 * @param array<string, mixed> $event  Verified payload.
	 * @param string               $source `meum` or `self_test`.
	 * @return void
	 */
	public function handle( array $event, string $source ): void {
		$data = isset( $event['data'] ) && is_array( $event['data'] ) ? $event['data'] : array();
		$this->log->log(
			'info',
			sprintf(
				'Meum event %s (%s) recorded for invoice %s, order %s.',
				$this->type,
				Webhook_Receiver::printable( $event['id'] ?? '' ),
				Webhook_Receiver::printable( $data['invoice_id'] ?? '' ),
				Webhook_Receiver::printable( $data['external_order_id'] ?? '' )
			),
			$this->clock->now()
		);
	}
}
