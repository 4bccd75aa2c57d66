<?php
/**
 * Tests of POST /meum/v1/connection against the Meum sandbox over real HTTP.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Rest;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The connect handshake end to end through the REST route: what is sent, what is stored, what
 * comes back, and that every failure leaves the stored connection byte for byte as it was.
 */
class Connect_Route_Test extends Test_Case {

	public function test_connect_stores_the_credentials_meum_issued(): void {
		$state = $this->connect_with( 'sk_live_sandbox_ready' );

		$meum        = $this->sandbox_integration();
		$credentials = $this->stored_credentials();
		$this->assertSame( $meum['api_key'], $credentials['api_key'] );
		$this->assertSame( $meum['webhook_secret'], $credentials['webhook_secret'] );
		$this->assertTrue( $state['connected'] );
		$this->assertFalse( $state['reconnect_required'] );
		$this->assertSame( 'ACTIVE', $state['status'] );
		$this->assertSame( 'Northwind Sandbox Store', $state['store_name'] );
		$this->assertSame( $meum['integration_id'], $state['integration_id'] );
		$this->assertSame( $meum['store_id'], $state['store_id'] );
		$this->assertMatchesRegularExpression( '/^inst_[0-9a-f]{20}$/', $state['installation_id'] );
		$this->assertMatchesRegularExpression( '/^int_[0-9a-f]{32}$/', $state['integration_public_id'] );
		$this->assertSame( home_url(), $state['site_url'] );
		$this->assertSame( rest_url( 'meum/v1/webhook' ), $state['webhook_url'] );
		$this->assertSame( 'sk_live_…' . substr( $meum['api_key'], -4 ), $state['masked_api_key'] );
		$this->assertTrue( $state['payout_configured'] );
		$this->assertNull( $state['warning'] );
		$this->assertFalse( $state['credentials_rotated'] );
		$sandbox = wp_parse_url( Sandbox::url() );
		$this->assertSame( sprintf( 'http://%s:%d', $sandbox['host'], $sandbox['port'] + 1 ), $state['checkout_base_url'], 'the sandbox\'s hosted checkout listens on the port after its API' );
		$this->assertEqualsWithDelta( time(), strtotime( $state['connected_at'] ), 60 );
	}

	public function test_both_options_are_stored_with_autoload_off(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		foreach ( $this->raw_options() as $name => $row ) {
			$this->assertNotNull( $row, "$name is missing" );
			$this->assertContains( $row['autoload'], array( 'off', 'no' ), "$name is autoloaded" );
		}
	}

	public function test_sends_the_request_the_spec_describes(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		$requests = Sandbox::requests();
		$this->assertCount( 1, $requests, 'exactly one request per connect' );
		$request = $requests[0];
		$this->assertSame( 'POST', $request['method'] );
		$this->assertSame( '/v1/integration/woocommerce/connect', $request['path'] );
		$this->assertSame( 200, $request['status'], 'the sandbox validated the body against the request schema' );
		$this->assertSame( 'Bearer sk_live_sandbox_ready', $request['headers']['authorization'] );
		$this->assertStringStartsWith( 'application/json', $request['headers']['content-type'] );
		$woocommerce = class_exists( 'WooCommerce', false ) ? WC()->version : null;
		$this->assertSame( 'meum-woocommerce/' . MEUM_WC_VERSION . ' WordPress/' . get_bloginfo( 'version' ) . ( $woocommerce ? ' WooCommerce/' . $woocommerce : '' ), $request['headers']['user-agent'] );
		$this->assertSame(
			array(
				'webhook_url'       => rest_url( 'meum/v1/webhook' ),
				'site_url'          => home_url(),
				'plugin_version'    => MEUM_WC_VERSION,
				'wordpress_version' => get_bloginfo( 'version' ),
			) + ( $woocommerce ? array( 'woocommerce_version' => $woocommerce ) : array() ),
			$request['json'],
			'woocommerce_version only while WooCommerce is active, and nothing else'
		);
	}

	public function test_plain_permalink_sites_register_the_rest_route_form(): void {
		$permalinks = get_option( 'permalink_structure' );
		update_option( 'permalink_structure', '' );
		try {
			$this->connect_with( 'sk_live_sandbox_ready' );
		} finally {
			update_option( 'permalink_structure', $permalinks );
		}

		$sent = Sandbox::requests()[0]['json'];
		$this->assertStringContainsString( '?rest_route=/meum/v1/webhook', $sent['webhook_url'] );
	}

	public function test_the_connection_key_is_never_stored(): void {
		global $wpdb;
		$this->connect_with( 'sk_live_sandbox_ready' );

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$hits = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_value LIKE %s", '%' . $wpdb->esc_like( 'sk_live_sandbox_ready' ) . '%' ) );
		$this->assertSame( 0, $hits );
	}

	public function test_no_response_contains_a_stored_secret(): void {
		$post    = $this->connect_with( 'sk_live_sandbox_nopayout' );
		$get     = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		$failure = $this->json( $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_taken' ) ) );

		$secrets = $this->stored_credentials();
		foreach ( array( $post, $get, $failure ) as $answer ) {
			$json = (string) wp_json_encode( $answer );
			$this->assertStringNotContainsString( $secrets['api_key'], $json );
			$this->assertStringNotContainsString( $secrets['webhook_secret'], $json );
			$this->assertStringNotContainsString( substr( $secrets['webhook_secret'], 8, 16 ), $json );
		}
	}

	public function test_payout_warning_is_returned_until_a_later_handshake_clears_it(): void {
		$state = $this->connect_with( 'sk_live_sandbox_nopayout' );
		$this->assertFalse( $state['payout_configured'] );
		$this->assertStringContainsString( 'payout wallet', $state['warning'] );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		$this->assertFalse( $state['payout_configured'], 'the warning stays after reload' );
	}

	public function test_reconnect_rotates_credentials_and_reports_it(): void {
		$first  = $this->connect_with( 'sk_live_sandbox_ready' );
		$before = $this->stored_credentials();

		$second = $this->connect_with( 'sk_live_sandbox_ready' );
		$after  = $this->stored_credentials();

		$this->assertTrue( $second['credentials_rotated'] );
		$this->assertNotSame( $first['masked_api_key'], $second['masked_api_key'] );
		$this->assertSame( $first['integration_id'], $second['integration_id'] );
		$this->assertNotSame( $before['api_key'], $after['api_key'] );
		$this->assertNotSame( $before['webhook_secret'], $after['webhook_secret'] );
		$this->assertSame( $this->sandbox_integration()['api_key'], $after['api_key'] );
	}

	/**
	 * Failure cases: key, expected route status, expected code, expected Meum code.
	 *
	 * @return array<string, array{0: string, 1: int, 2: string, 3: string|null}>
	 */
	public function failures(): array {
		return array(
			'invalid key (401)'          => array( 'sk_live_sandbox_invalid', 400, 'meum_api_INVALID_API_KEY', 'INVALID_API_KEY' ),
			'unknown key (401)'          => array( 'sk_live_unknown_key_123', 400, 'meum_api_INVALID_API_KEY', 'INVALID_API_KEY' ),
			'nested scope error (403)'   => array( 'sk_live_sandbox_scope', 400, 'meum_api_INSUFFICIENT_SCOPE', 'INSUFFICIENT_SCOPE' ),
			'site already connected'     => array( 'sk_live_sandbox_taken', 409, 'meum_api_SITE_ALREADY_CONNECTED', 'SITE_ALREADY_CONNECTED' ),
			'validation with details'    => array( 'sk_live_sandbox_unprocessable', 422, 'meum_api_VALIDATION_ERROR', 'VALIDATION_ERROR' ),
			'rate limited'               => array( 'sk_live_sandbox_ratelimited', 429, 'meum_api_RATE_LIMITED', 'RATE_LIMITED' ),
			'server error with HTML'     => array( 'sk_live_sandbox_error500', 502, 'meum_bad_response', null ),
			'proxy page with 200'        => array( 'sk_live_sandbox_proxy', 502, 'meum_bad_response', null ),
			'200 without an api_key'     => array( 'sk_live_sandbox_malformed', 502, 'meum_invalid_response', null ),
			'slower than the timeout'    => array( 'sk_live_sandbox_slow', 504, 'meum_timeout', null ),
		);
	}

	/**
	 * @dataProvider failures
	 *
	 * @param string      $key    Sandbox key.
	 * @param int         $status Expected route status.
	 * @param string      $code   Expected code.
	 * @param string|null $meum   Expected Meum code.
	 */
	public function test_failure_is_reported_and_changes_nothing_stored( string $key, int $status, string $code, ?string $meum ): void {
		$this->connect_with( 'sk_live_sandbox_nopayout' );
		$before = $this->raw_options();

		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => $key ) );

		$body = $this->json( $response );
		$this->assertSame( $status, $response->get_status(), wp_json_encode( $body ) );
		$this->assertSame( $code, $body['code'] );
		$this->assertSame( $status, $body['data']['status'] );
		$this->assertSame( $meum, $body['data']['meum_code'] );
		$this->assertNotSame( '', $body['message'] );
		$this->assertSame( $before, $this->raw_options(), 'stored options changed after a failed handshake' );
	}

	/**
	 * @dataProvider failures
	 *
	 * @param string $key Sandbox key.
	 */
	public function test_failure_on_a_fresh_site_stores_nothing( string $key ): void {
		$this->act_as( 'administrator' );

		$this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => $key ) );

		$this->assertSame(
			array(
				Connection_Store::CREDENTIALS_OPTION => null,
				Connection_Store::CONNECTION_OPTION  => null,
			),
			$this->raw_options()
		);
	}

	public function test_validation_details_reach_the_browser(): void {
		$this->act_as( 'administrator' );

		$body = $this->json( $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_unprocessable' ) ) );

		$this->assertArrayHasKey( 'connection_key', $body['data']['details'] );
		$this->assertArrayHasKey( 'site_url', $body['data']['details'] );
		$this->assertSame( 422, $body['data']['upstream_status'] );
	}

	public function test_upstream_401_is_answered_with_400_and_upstream_status(): void {
		$this->act_as( 'administrator' );

		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_invalid' ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 401, $this->json( $response )['data']['upstream_status'] );
	}

	public function test_timeout_is_the_filtered_one(): void {
		$this->act_as( 'administrator' );
		$started = microtime( true );

		$this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_slow' ) );

		$elapsed = microtime( true ) - $started;
		$this->assertGreaterThanOrEqual( 1.5, $elapsed );
		$this->assertLessThan( 4.5, $elapsed, 'the request outlived the 2 s test timeout' );
	}

	/**
	 * Transport failures: base URL, expected code.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function unreachable_meum(): array {
		$sandbox_port = (string) wp_parse_url( (string) getenv( 'MEUM_SANDBOX_URL' ), PHP_URL_PORT );
		return array(
			'DNS failure'        => array( 'http://meum-sandbox.invalid', 'meum_unreachable' ),
			'connection refused' => array( 'http://127.0.0.1:9', 'meum_unreachable' ),
			'TLS failure'        => array( 'https://127.0.0.1:' . $sandbox_port, 'meum_tls_error' ),
		);
	}

	/**
	 * @dataProvider unreachable_meum
	 *
	 * @param string $base_url Meum base URL to use.
	 * @param string $code     Expected code.
	 */
	public function test_unreachable_meum_gives_504_and_changes_nothing( string $base_url, string $code ): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$before = $this->raw_options();
		$this->use_meum_base_url( $base_url );

		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) );

		$body = $this->json( $response );
		$this->assertSame( 504, $response->get_status(), wp_json_encode( $body ) );
		$this->assertSame( $code, $body['code'] );
		$this->assertNull( $body['data']['upstream_status'] );
		$this->assertSame( $before, $this->raw_options() );
	}

	/**
	 * Invalid keys rejected before any request: value, expected code.
	 *
	 * @return array<string, array{0: mixed, 1: string}>
	 */
	public function invalid_keys(): array {
		return array(
			'empty'         => array( '', 'rest_invalid_param' ),
			'only spaces'   => array( '   ', 'rest_invalid_param' ),
			'not a key'     => array( 'hello world', 'rest_invalid_param' ),
			'inner space'   => array( 'sk_live_abc def', 'rest_invalid_param' ),
			'number'        => array( 12345, 'rest_invalid_param' ),
			'too long'      => array( 'sk_live_' . str_repeat( 'a', 300 ), 'rest_invalid_param' ),
			'markup'        => array( 'sk_live_<b>x</b>', 'rest_invalid_param' ),
		);
	}

	/**
	 * @dataProvider invalid_keys
	 *
	 * @param mixed  $key  Submitted value.
	 * @param string $code Expected code.
	 */
	public function test_invalid_keys_get_a_field_error_without_calling_meum( $key, string $code ): void {
		$this->act_as( 'administrator' );

		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => $key ) );

		$body = $this->json( $response );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( $code, $body['code'] );
		$this->assertArrayHasKey( 'connection_key', $body['data']['params'] );
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_missing_key_is_a_missing_parameter(): void {
		$this->act_as( 'administrator' );

		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'other' => 'x' ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'rest_missing_callback_param', $this->json( $response )['code'] );
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_surrounding_whitespace_is_trimmed_from_a_pasted_key(): void {
		$state = $this->connect_with( "  sk_live_sandbox_ready\n" );

		$this->assertTrue( $state['connected'] );
		$this->assertSame( 'Bearer sk_live_sandbox_ready', Sandbox::requests()[0]['headers']['authorization'] );
	}
}
