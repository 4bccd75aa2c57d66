<?php
/**
 * Tests of the error-mapping decision, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Api;

use Meum\WooCommerce\Api\Error_Shape;
use PHPUnit\Framework\TestCase;

/**
 * The shape → code / status / details decision of Meum API Part A §A2, with a plain text cleaner.
 */
class Error_Shape_Test extends TestCase {

	/**
	 * Decides with a cleaner that keeps non-empty strings.
	 *
	 * @param int    $upstream Meum status.
	 * @param string $body     Meum body.
	 * @return array<string, mixed> The decision.
	 */
	private function decide( int $upstream, string $body ): array {
		return ( new Error_Shape() )->of_response(
			$upstream,
			$body,
			static function ( $text ): ?string {
				return is_string( $text ) && '' !== trim( $text ) ? trim( $text ) : null;
			}
		);
	}

	/**
	 * @dataProvider \Meum\WooCommerce\Tests\Support\Error_Cases::shapes
	 *
	 * @param int                   $upstream Meum status.
	 * @param string                $body     Meum body.
	 * @param string                $code     Expected code.
	 * @param int                   $status   Expected route status.
	 * @param string|null           $meum     Expected Meum code.
	 * @param array<string, string> $details  Expected details.
	 */
	public function test_decides_each_error_shape_and_status( int $upstream, string $body, string $code, int $status, ?string $meum, array $details ): void {
		$decision = $this->decide( $upstream, $body );

		$this->assertSame( $code, $decision['code'] );
		$this->assertSame( $status, $decision['status'] );
		$this->assertSame( $upstream, $decision['upstream_status'] );
		$this->assertSame( $meum, $decision['meum_code'] );
		$this->assertSame( $details, $decision['details'] );
	}

	public function test_keeps_meums_message_from_either_shape(): void {
		$this->assertSame( 'Bound to Store B.', $this->decide( 409, '{"error":"Bound to Store B.","code":"SITE_ALREADY_CONNECTED"}' )['message'] );
		$this->assertSame( 'Missing scope', $this->decide( 403, '{"error":{"code":"INSUFFICIENT_SCOPE","message":"Missing scope"}}' )['message'] );
		$this->assertNull( $this->decide( 500, '{"error":42}' )['message'], 'no message: the mapper words one' );
	}

	public function test_rejects_codes_that_do_not_look_like_codes(): void {
		$this->assertSame( 'meum_conflict', $this->decide( 409, '{"error":"x","code":"NOT A CODE <b>"}' )['code'] );
		$this->assertSame( 'meum_conflict', $this->decide( 409, '{"error":"x","code":"' . str_repeat( 'A', 65 ) . '"}' )['code'] );
	}

	public function test_keeps_at_most_twenty_clean_details(): void {
		$details = array();
		for ( $i = 0; $i < 30; $i++ ) {
			$details[ "field<$i>" ] = "message $i";
		}
		$details['empty'] = '';

		$decision = $this->decide( 422, (string) json_encode( array( 'error' => 'Invalid', 'details' => $details ) ) );

		$this->assertCount( Error_Shape::MAX_DETAILS, $decision['details'] );
		$this->assertSame( 'message 0', $decision['details']['field0'], 'field names keep only safe characters' );
	}

	public function test_never_routes_a_meum_401_or_403_as_401(): void {
		foreach ( array( 401, 403 ) as $upstream ) {
			$this->assertSame( 400, ( new Error_Shape() )->route_status( $upstream ) );
		}
	}

	/**
	 * @dataProvider \Meum\WooCommerce\Tests\Support\Error_Cases::transport_failures
	 *
	 * @param string $message Transport error message.
	 * @param string $code    Expected code.
	 */
	public function test_decides_each_transport_failure( string $message, string $code ): void {
		$this->assertSame( $code, ( new Error_Shape() )->of_transport_error( $message ) );
	}
}
