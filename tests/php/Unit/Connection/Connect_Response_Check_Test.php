<?php
/**
 * Tests of the connect answer's validation, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Connection;

use Meum\WooCommerce\Connection\Connect_Response_Check;
use PHPUnit\Framework\TestCase;

/**
 * `WooConnectResponse` (Meum API Part A §A1): which answers count as a successful handshake.
 */
class Connect_Response_Check_Test extends TestCase {

	/**
	 * A valid answer.
	 *
	 * @return array<string, mixed>
	 */
	private function valid(): array {
		return array(
			'api_key'             => 'sk_live_0123456789abcdef',
			'webhook_secret'      => 'whsec_0123456789abcdef',
			'integration_id'      => '5b9e11aa-integration',
			'store_name'          => 'Demo Store',
			'site_url'            => 'https://shop.example.com',
			'credentials_rotated' => false,
			'payout_configured'   => true,
			'warning'             => null,
		);
	}

	public function test_a_complete_answer_is_valid(): void {
		$this->assertNull( ( new Connect_Response_Check() )->problem( $this->valid() ) );
	}

	/**
	 * Broken answers: changes to a valid one, expected field and problem.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string, 2: string}>
	 */
	public function broken_answers(): array {
		return array(
			'api_key missing'            => array( array( 'api_key' => null ), 'api_key', Connect_Response_Check::MISSING ),
			'webhook_secret blank'       => array( array( 'webhook_secret' => '  ' ), 'webhook_secret', Connect_Response_Check::MISSING ),
			'integration_id a number'    => array( array( 'integration_id' => 42 ), 'integration_id', Connect_Response_Check::MISSING ),
			'api_key with a space'       => array( array( 'api_key' => 'sk_live_abc def' ), 'api_key', Connect_Response_Check::INVALID_CREDENTIAL ),
			'secret with a control char' => array( array( 'webhook_secret' => "whsec_\x01abc" ), 'webhook_secret', Connect_Response_Check::INVALID_CREDENTIAL ),
			'secret too long'            => array( array( 'webhook_secret' => str_repeat( 'a', 513 ) ), 'webhook_secret', Connect_Response_Check::INVALID_CREDENTIAL ),
			'rotated as a string'        => array( array( 'credentials_rotated' => 'false' ), 'credentials_rotated', Connect_Response_Check::NOT_BOOLEAN ),
			'payout as null'             => array( array( 'payout_configured' => null ), 'payout_configured', Connect_Response_Check::NOT_BOOLEAN ),
			'store name an object'       => array( array( 'store_name' => array( 'x' ) ), 'store_name', Connect_Response_Check::NOT_TEXT ),
			'site_url a number'          => array( array( 'site_url' => 1 ), 'site_url', Connect_Response_Check::NOT_TEXT ),
			'first bad field wins'       => array(
				array(
					'store_name' => 1,
					'api_key'    => '',
				),
				'api_key',
				Connect_Response_Check::MISSING,
			),
		);
	}

	/**
	 * @dataProvider broken_answers
	 *
	 * @param array<string, mixed> $changes Changes to a valid answer.
	 * @param string               $field   Expected field.
	 * @param string               $problem Expected problem.
	 */
	public function test_names_the_first_bad_field( array $changes, string $field, string $problem ): void {
		$this->assertSame(
			array(
				'field'   => $field,
				'problem' => $problem,
			),
			( new Connect_Response_Check() )->problem( array_merge( $this->valid(), $changes ) )
		);
	}

	public function test_masks_keys_with_prefix_and_last_four(): void {
		$this->assertSame( 'sk_live_…wxyz', Connect_Response_Check::mask( 'sk_live_abcdefghijklmnopqrstuvwxyz' ) );
		$this->assertSame( 'whsec_…cdef', Connect_Response_Check::mask( 'whsec_0123456789abcdef' ) );
		$this->assertSame( '…', Connect_Response_Check::mask( 'sk_live_abc' ) );
	}
}
