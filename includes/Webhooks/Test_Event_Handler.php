<?php
/**
 * The `webhook.test` event.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Handles `webhook.test`: a delivery that only proves the path works. Recording it (done by the
 * receiver) and acknowledging it is all there is to do.
 */
class Test_Event_Handler implements Event_Handler {

	/**
	 * Accepts the test event.
	 *
	 * @param array<string, mixed> $event  Verified payload.
	 * @param string               $source `meum` or `self_test`.
	 * @return void
	 */
	public function handle( array $event, string $source ): void {
	}
}
