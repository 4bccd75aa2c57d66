<?php
/**
 * Tests of the mapping from Meum's answers to WP_Error.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Api;

use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Tests\Support\Test_Case;
use WP_Error;

/**
 * Every error shape of Meum API Part A §A2 and every status class, as the WP_Error the routes
 * answer with (the decision alone is tested without WordPress in Unit/Api/Error_Shape_Test).
 */
class Error_Mapper_Test extends Test_Case {

	/**
	 * @dataProvider \Meum\WooCommerce\Tests\Support\Error_Cases::shapes
	 *
	 * @param int                   $upstream Meum status.
	 * @param string                $body     Meum body.
	 * @param string                $code     Expected WP_Error code.
	 * @param int                   $status   Expected route status.
	 * @param string|null           $meum     Expected Meum code.
	 * @param array<string, string> $details  Expected details.
	 */
	public function test_maps_each_error_shape_and_status( int $upstream, string $body, string $code, int $status, ?string $meum, array $details ): void {
		$error = ( new Error_Mapper() )->from_response( $upstream, $body );

		$this->assertSame( $code, $error->get_error_code() );
		$data = $error->get_error_data();
		$this->assertSame( $status, $data['status'] );
		$this->assertSame( $upstream, $data['upstream_status'] );
		$this->assertSame( $meum, $data['meum_code'] );
		$this->assertSame( $details, (array) $data['details'] );
		$this->assertNotSame( '', $error->get_error_message() );
	}

	public function test_keeps_meums_message(): void {
		$error = ( new Error_Mapper() )->from_response( 409, '{"error":"This site is bound to Store B.","code":"SITE_ALREADY_CONNECTED"}' );

		$this->assertSame( 'This site is bound to Store B.', $error->get_error_message() );
	}

	public function test_never_routes_a_meum_401_as_401(): void {
		$mapper = new Error_Mapper();
		foreach ( array( 401, 403 ) as $upstream ) {
			$this->assertSame( 400, $mapper->route_status( $upstream ) );
		}
	}

	public function test_redacts_the_key_from_meums_message_and_details(): void {
		$key   = 'sk_live_sandbox_ready_secret_value';
		$error = ( new Error_Mapper() )->from_response(
			422,
			(string) wp_json_encode(
				array(
					'error'   => "Key $key is expired",
					'code'    => 'EXPIRED',
					'details' => array( 'connection_key' => "Key $key expired" ),
				)
			),
			array( $key )
		);

		$this->assertStringNotContainsString( $key, (string) wp_json_encode( array( $error->get_error_message(), $error->get_error_data() ) ) );
		$this->assertStringContainsString( '[redacted]', $error->get_error_message() );
	}

	public function test_strips_markup_and_bounds_untrusted_text(): void {
		$error = ( new Error_Mapper() )->from_response( 400, (string) wp_json_encode( array( 'error' => '<script>alert(1)</script>Bad ' . str_repeat( 'x', 2000 ) ) ) );

		$this->assertStringNotContainsString( '<script>', $error->get_error_message() );
		$this->assertLessThanOrEqual( 500, mb_strlen( $error->get_error_message() ) );
	}

	/**
	 * @dataProvider \Meum\WooCommerce\Tests\Support\Error_Cases::transport_failures
	 *
	 * @param string $message Transport error message.
	 * @param string $code    Expected code.
	 */
	public function test_maps_transport_failures_to_504( string $message, string $code ): void {
		$error = ( new Error_Mapper() )->from_transport_error( new WP_Error( 'http_request_failed', $message ), 'api.meum.io' );

		$this->assertSame( $code, $error->get_error_code() );
		$this->assertSame( 504, $error->get_error_data()['status'] );
		$this->assertNull( $error->get_error_data()['upstream_status'] );
		$this->assertStringContainsString( 'api.meum.io', $error->get_error_message() );
	}
}
