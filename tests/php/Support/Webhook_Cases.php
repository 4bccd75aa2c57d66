<?php
/**
 * Test cases shared by the webhook tests of both tiers.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Cases of Meum API Part A §A4 checked both on the verifier alone, without WordPress
 * (Unit/Webhooks/Signature_Verifier_Test), and through the webhook route
 * (Webhooks/Webhook_Receiver_Test).
 */
class Webhook_Cases {

	/**
	 * Delivery timestamp minus now, expected refusal (null: accepted).
	 *
	 * @return array<string, array{0: int, 1: string|null}>
	 */
	public static function timestamp_edges(): array {
		return array(
			'300 s in the past'   => array( -300, null ),
			'301 s in the past'   => array( -301, 'stale_timestamp' ),
			'300 s in the future' => array( 300, null ),
			'301 s in the future' => array( 301, 'stale_timestamp' ),
		);
	}
}
