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
 *
 * The handlers are built by the composition root ({@see \Meum\WooCommerce\Plugin}) and handed
 * in, so a handler with collaborators of its own (the payment gateway's order updater) is wired
 * there; the `meum_wc_webhook_handlers` filter still sees, and may change, the whole map.
 */
class Handler_Registry {

	/** The documented invoice event types. */
	public const INVOICE_EVENTS = array( 'invoice.created', 'invoice.paid', 'invoice.underpaid', 'invoice.failed', 'invoice.expired', 'invoice.cancelled', 'invoice.refunded' );

	/** The type of Meum's test delivery (and of the plugin's self-test). */
	public const TEST_EVENT = 'webhook.test';

	/**
	 * Event type → handler.
	 *
	 * @var array<string, Event_Handler>
	 */
	private array $handlers;

	/**
	 * Creates the registry.
	 *
	 * @param array<string, Event_Handler> $handlers Event type → handler.
	 */
	public function __construct( array $handlers ) {
		$this->handlers = $handlers;
	}

	/**
	 * The handler of an event type.
	 *
	 * @param string $type Event type.
	 * @return Event_Handler|null Null for unknown types, and when the filter gave something that
	 *                            is not an Event_Handler.
	 */
	public function handler_for( string $type ): ?Event_Handler {
		/**
		 * Filters the webhook event handlers.
		 *
		 * @param array<string, Event_Handler> $handlers Event type → handler.
		 */
		$handlers = apply_filters( 'meum_wc_webhook_handlers', $this->handlers );
		$handler  = is_array( $handlers ) ? ( $handlers[ $type ] ?? null ) : null;
		return $handler instanceof Event_Handler ? $handler : null;
	}
}
