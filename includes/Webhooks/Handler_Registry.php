<?php
/**
 * Which handler handles which event type.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Maps each documented Meum event type to its handler. Unknown types have none: the receiver
 * records and acknowledges them without handling.
 */
class Handler_Registry {

	/** The documented invoice event types. */
	public const INVOICE_EVENTS = array( 'invoice.created', 'invoice.paid', 'invoice.underpaid', 'invoice.failed', 'invoice.expired', 'invoice.cancelled', 'invoice.refunded' );

	/**
	 * Plugin log.
	 *
	 * @var Plugin_Log
	 */
	private Plugin_Log $log;

	/**
	 * Creates the registry.
	 *
	 * @param Plugin_Log $log Plugin log.
	 */
	public function __construct( Plugin_Log $log ) {
		$this->log = $log;
	}

	/**
	 * The handler of an event type.
	 *
	 * @param string $type Event type.
	 * @return Event_Handler|null Null for unknown types.
	 */
	public function handler_for( string $type ): ?Event_Handler {
		$handlers = array( 'webhook.test' => new Test_Event_Handler() );
		foreach ( self::INVOICE_EVENTS as $invoice_event ) {
			$handlers[ $invoice_event ] = new Invoice_Event_Handler( $invoice_event, $this->log );
		}
		/**
		 * Filters the webhook event handlers.
		 *
		 * @param array<string, Event_Handler> $handlers Event type → handler.
		 */
		$handlers = apply_filters( 'meum_wc_webhook_handlers', $handlers );
		$handler  = $handlers[ $type ] ?? null;
		return $handler instanceof Event_Handler ? $handler : null;
	}
}
