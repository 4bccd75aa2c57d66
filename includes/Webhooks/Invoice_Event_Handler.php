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
use Meum\WooCommerce\Payments\Order_Updater;

defined( 'ABSPATH' ) || exit;

/**
 * Handles one `invoice.*` event type. The receiver has already recorded the event (type, id,
 * invoice id, external order id, time) in the events table. With WooCommerce active the handler
 * hands the event to the {@see Order_Updater} with the delivery's 8 s budget (Meum API Part A
 * §A5); when the updater answers `retry_later` it throws {@see Retry_Later}, so the receiver
 * releases the claim and answers 503 and Meum delivers the event again. Without WooCommerce (no
 * updater) it notes the event in the plugin log for the merchant.
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
	 * The order updater (null without WooCommerce).
	 *
	 * @var Order_Updater|null
	 */
	private ?Order_Updater $updater;

	/**
	 * Creates the handler.
	 *
	 * @param string             $type    Event type handled.
	 * @param Plugin_Log         $log     Plugin log.
	 * @param Clock|null         $clock   The time (default: the real one).
	 * @param Order_Updater|null $updater The order updater; null when WooCommerce is not active.
	 */
	public function __construct( string $type, Plugin_Log $log, ?Clock $clock = null, ?Order_Updater $updater = null ) {
		$this->type    = $type;
		$this->log     = $log;
		$this->clock   = $clock ?? new Clock();
		$this->updater = $updater;
	}

	/**
	 * Applies the invoice event to its order, or notes it without WooCommerce.
	 *
	 * @param array<string, mixed> $event  Verified payload.
	 * @param string               $source `meum` or `self_test`.
	 * @return void
	 * @throws Retry_Later When the order could not be updated within the delivery's budget.
	 */
	public function handle( array $event, string $source ): void {
		$data = isset( $event['data'] ) && is_array( $event['data'] ) ? $event['data'] : array();
		if ( null !== $this->updater ) {
			$invoice_id = isset( $data['invoice_id'] ) && is_string( $data['invoice_id'] ) ? $data['invoice_id'] : '';
			$external   = isset( $data['external_order_id'] ) && ( is_string( $data['external_order_id'] ) || is_int( $data['external_order_id'] ) ) ? (string) $data['external_order_id'] : '';
			$result     = $this->updater->apply( $invoice_id, $external, array_merge( $event, array( 'type' => $this->type ) ), 'webhook', Order_Updater::WEBHOOK_BUDGET );
			if ( $result->is_retry_later() ) {
				throw new Retry_Later( esc_html( $result->reason() ) );
			}
			return;
		}
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
