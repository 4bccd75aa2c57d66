<?php
/**
 * What handles one type of Meum event.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * A handler for one event type. It only ever sees verified, first-time deliveries: the receiver
 * checks the signature and claims the event id before calling it.
 */
interface Event_Handler {

	/**
	 * Handles a verified event.
	 *
	 * @param array<string, mixed> $event  The decoded payload (envelope with `id`, `type`, `data`).
	 * @param string               $source `meum` or `self_test` (see Health_Counters).
	 * @return void
	 * @throws \Throwable When the event could not be handled; the receiver then releases the claim
	 *                    and answers 500, so Meum retries.
	 */
	public function handle( array $event, string $source ): void;
}
