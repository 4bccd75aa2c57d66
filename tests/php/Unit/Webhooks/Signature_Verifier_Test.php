<?php
/**
 * Tests of webhook signature verification, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Webhooks;

use Meum\WooCommerce\Webhooks\Signature_Verifier;
use PHPUnit\Framework\TestCase;

/**
 * The check order and signature schemes of Meum API Part A §A4, on plain values.
 */
class Signature_Verifier_Test extends TestCase {

	private const SECRET = 'whsec_current_0123456789';
	private const NOW    = 1764590000;
	private const BODY   = '{"id":"evt_1","type":"invoice.paid"}';

	/**
	 * Headers of a delivery signed with v1 over timestamp.body.
	 *
	 * @param array<string, string|null> $changes Header → value to change (null: absent).
	 * @return array<string, string|null> Webhook_Headers::read() shape.
	 */
	private function headers( array $changes = array() ): array {
		$timestamp = (string) self::NOW;
		return array_merge(
			array(
				'Event'          => 'invoice.paid',
				'Event-Id'       => 'evt_1',
				'Timestamp'      => $timestamp,
				'Signature'      => 'v1=' . hash_hmac( 'sha256', $timestamp . '.' . self::BODY, self::SECRET ),
				'Integration-Id' => 'int_public_1',
			),
			$changes
		);
	}

	/**
	 * The refusal reason.
	 *
	 * @param array<string, string|null> $headers Headers.
	 * @param string[]                   $secrets Secrets.
	 * @param int                        $now     Unix time.
	 * @return string|null Reason or null.
	 */
	private function refusal( array $headers, array $secrets = array( self::SECRET ), int $now = self::NOW ): ?string {
		return ( new Signature_Verifier() )->refusal( $headers, self::BODY, $secrets, array( 'int_1', 'int_public_1' ), $now );
	}

	public function test_an_authentic_delivery_has_no_refusal(): void {
		$this->assertNull( $this->refusal( $this->headers() ) );
		$this->assertNull( $this->refusal( $this->headers( array( 'Integration-Id' => null ) ) ), 'the integration header is optional' );
	}

	/**
	 * Signature headers and whether they verify.
	 *
	 * @return array<string, array{0: string, 1: bool}>
	 */
	public function signatures(): array {
		$v1     = hash_hmac( 'sha256', self::NOW . '.' . self::BODY, self::SECRET );
		$legacy = hash_hmac( 'sha256', self::BODY, self::SECRET );
		return array(
			'v1'                         => array( "v1=$v1", true ),
			'legacy sha256 over the body' => array( "sha256=$legacy", true ),
			'list with a matching entry'  => array( 'v1=' . str_repeat( '0', 64 ) . ", v1=$v1", true ),
			'v1 over the body only'       => array( "v1=$legacy", false ),
			'legacy over timestamp.body'  => array( "sha256=$v1", false ),
			'uppercase hex'               => array( 'v1=' . strtoupper( $v1 ), false ),
			'unknown scheme'              => array( "v2=$v1", false ),
			'bare hex'                    => array( $v1, false ),
			'empty value'                 => array( 'v1=', false ),
		);
	}

	/**
	 * @dataProvider signatures
	 *
	 * @param string $signature Signature header.
	 * @param bool   $verifies  Whether it verifies.
	 */
	public function test_signature_schemes( string $signature, bool $verifies ): void {
		$this->assertSame( $verifies ? null : 'invalid_signature', $this->refusal( $this->headers( array( 'Signature' => $signature ) ) ) );
	}

	public function test_the_previous_secret_verifies_too(): void {
		$this->assertNull( $this->refusal( $this->headers(), array( 'whsec_new_after_rotation', self::SECRET ) ) );
		$this->assertSame( 'invalid_signature', $this->refusal( $this->headers(), array( 'whsec_new_after_rotation' ) ) );
	}

	/**
	 * @dataProvider \Meum\WooCommerce\Tests\Support\Webhook_Cases::timestamp_edges
	 *
	 * @param int         $offset Delivery time minus now.
	 * @param string|null $reason Expected refusal.
	 */
	public function test_the_timestamp_window_is_300_seconds_both_ways( int $offset, ?string $reason ): void {
		$this->assertSame( $reason, $this->refusal( $this->headers(), array( self::SECRET ), self::NOW - $offset ) );
	}

	public function test_the_first_failed_check_is_the_reason(): void {
		$bad = array(
			'Timestamp'      => 'yesterday',
			'Integration-Id' => 'int_other',
			'Signature'      => 'v1=bad',
		);
		$this->assertSame( 'no_secret', $this->refusal( $this->headers( $bad + array( 'Event' => null ) ), array() ) );
		$this->assertSame( 'missing_headers', $this->refusal( $this->headers( $bad + array( 'Event' => null ) ) ) );
		$this->assertSame( 'invalid_timestamp', $this->refusal( $this->headers( $bad ) ) );
		$this->assertSame( 'stale_timestamp', $this->refusal( $this->headers( array( 'Timestamp' => '1' ) + $bad ) ) );
		$this->assertSame( 'integration_mismatch', $this->refusal( $this->headers( array( 'Timestamp' => (string) self::NOW ) + $bad ) ) );
		$this->assertSame( 'invalid_signature', $this->refusal( $this->headers( array( 'Signature' => 'v1=bad' ) ) ) );
	}

	/**
	 * @dataProvider required_headers
	 *
	 * @param string $name A required header.
	 */
	public function test_each_missing_or_empty_header_is_refused( string $name ): void {
		$this->assertSame( 'missing_headers', $this->refusal( $this->headers( array( $name => null ) ) ) );
		$this->assertSame( 'missing_headers', $this->refusal( $this->headers( array( $name => '' ) ) ) );
	}

	/**
	 * The required headers.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function required_headers(): array {
		return array_map(
			static function ( string $name ): array {
				return array( $name );
			},
			array_combine( \Meum\WooCommerce\Webhooks\Webhook_Headers::REQUIRED, \Meum\WooCommerce\Webhooks\Webhook_Headers::REQUIRED )
		);
	}
}
