<?php
/**
 * Tests of the webhook route and the self-test over real HTTP.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Webhooks;

use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Test_Case;
use Meum\WooCommerce\Webhooks\Health_Counters;

/**
 * What only a real server shows: WordPress would answer an unparsable JSON body with 400 before
 * any permission check, headers arrive in the server's own form, and the site's own URL may be
 * blocked or redirected in front of WordPress.
 */
class Webhook_Http_Test extends Test_Case {

	protected function setUp(): void {
		parent::setUp();
		$this->connect_with( 'sk_live_sandbox_ready' );
	}

	protected function tearDown(): void {
		delete_option( 'meum_wc_test_block_webhook' );
		parent::tearDown();
	}

	/**
	 * Posts to the webhook route over HTTP without cookies.
	 *
	 * @param array<string, string> $headers Headers.
	 * @param string                $body    Body.
	 * @param string                $path    Route URL path (pretty or ?rest_route=).
	 * @return array{status: int, body: array<string, mixed>|null}
	 */
	private function post( array $headers, string $body, string $path = '/wp-json/meum/v1/webhook' ): array {
		$lines = array();
		foreach ( $headers as $name => $value ) {
			$lines[] = "$name: $value";
		}
		$curl = curl_init( rtrim( (string) getenv( 'WP_URL' ), '/' ) . $path );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_POST           => true,
				CURLOPT_POSTFIELDS     => $body,
				CURLOPT_HTTPHEADER     => $lines,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 20,
			)
		);
		$answer = (string) curl_exec( $curl );
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		return array(
			'status' => $status,
			'body'   => json_decode( $answer, true ),
		);
	}

	public function test_an_unsigned_unparsable_json_body_gets_401_not_400(): void {
		$answer = $this->post( array( 'Content-Type' => 'application/json' ), '{"id": "evt_1", "type": ' );

		$this->assertSame( 401, $answer['status'] );
		$this->assertSame( array( 'received' => false, 'error' => 'missing_headers' ), $answer['body'] );

		$forged = $this->delivery( array( 'body' => '{"id": "evt_1", "type": ', 'secret' => 'a guess' ) );
		$answer = $this->post( $forged['headers'], $forged['body'] );
		$this->assertSame( array( 401, 'invalid_signature' ), array( $answer['status'], $answer['body']['error'] ) );
	}

	public function test_a_signed_delivery_over_http_with_lowercase_headers_is_accepted_once(): void {
		$delivery = $this->delivery();
		$headers  = array_change_key_case( $delivery['headers'], CASE_LOWER );

		$first  = $this->post( $headers, $delivery['body'] );
		$second = $this->post( $headers, $delivery['body'] );

		$this->assertSame( array( 200, array( 'received' => true ) ), array( $first['status'], $first['body'] ) );
		$this->assertSame( array( 200, array( 'received' => true, 'duplicate' => true ) ), array( $second['status'], $second['body'] ) );
	}

	public function test_the_stablecoin_prefix_and_the_rest_route_form_work_over_http(): void {
		$delivery = $this->delivery( array( 'prefix' => 'X-Stablecoin-' ) );

		$answer = $this->post( $delivery['headers'], $delivery['body'], '/?rest_route=/meum/v1/webhook' );

		$this->assertSame( 200, $answer['status'] );
	}

	public function test_a_signed_malformed_body_over_http_is_400(): void {
		$delivery = $this->delivery( array( 'body' => '{"id": "evt_1", "type": ' ) );

		$answer = $this->post( $delivery['headers'], $delivery['body'] );

		$this->assertSame( array( 400, 'invalid_json' ), array( $answer['status'], $answer['body']['error'] ) );
	}

	public function test_an_oversized_body_over_http_is_413(): void {
		$answer = $this->post( array( 'Content-Type' => 'application/json' ), str_repeat( 'x', 300000 ) );

		$this->assertSame( array( 413, 'body_too_large' ), array( $answer['status'], $answer['body']['error'] ) );
	}

	/**
	 * Sends the self-test as an administrator over HTTP.
	 *
	 * @return array<string, mixed> The route's answer.
	 */
	private function self_test(): array {
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );
		$answer  = $session->request( 'POST', '/wp-json/meum/v1/webhook/test', array( 'X-WP-Nonce' => $session->rest_nonce() ), '{}' );
		$this->assertSame( 200, $answer['status'], $answer['body'] );
		return json_decode( $answer['body'], true );
	}

	public function test_the_self_test_is_accepted_and_counted_apart(): void {
		$result = $this->self_test();

		$this->assertSame( 'accepted', $result['result'] );
		$this->assertSame( 200, $result['http_status'] );
		$this->assertSame( rest_url( 'meum/v1/webhook' ), $result['url'] );
		$this->assertSame( 1, $result['state']['webhooks']['self_test_counts']['accepted'] );
		$this->assertSame( 0, $result['state']['webhooks']['counts']['accepted'], 'not counted as a Meum delivery' );
		$this->assertSame( 1, ( new Health_Counters() )->all( Health_Counters::SOURCE_SELF_TEST )['accepted']['count'] );
	}

	public function test_the_self_test_reports_a_blocking_firewall(): void {
		update_option( 'meum_wc_test_block_webhook', '403' );

		$result = $this->self_test();

		$this->assertSame( 'blocked', $result['result'] );
		$this->assertSame( 403, $result['http_status'] );
		$this->assertStringContainsString( 'Request blocked by the site firewall', $result['excerpt'] );
		$this->assertStringNotContainsString( '<', $result['excerpt'] );
	}

	public function test_the_self_test_reports_a_redirect_without_following_it(): void {
		update_option( 'meum_wc_test_block_webhook', 'redirect' );

		$result = $this->self_test();

		$this->assertSame( 'redirected', $result['result'] );
		$this->assertSame( 301, $result['http_status'] );
		$this->assertSame( 'https://www.example.com/wp-json/meum/v1/webhook', $result['location'] );
	}

	public function test_the_self_test_route_needs_the_capability(): void {
		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->dispatch( 'POST', '/meum/v1/webhook/test' )->get_status() );
		$this->act_as( 'subscriber' );
		$this->assertSame( 403, $this->dispatch( 'POST', '/meum/v1/webhook/test' )->get_status() );
	}

	public function test_the_self_test_needs_a_connection(): void {
		$this->forget_connection();

		$response = $this->dispatch( 'POST', '/meum/v1/webhook/test' );

		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'meum_not_connected', $this->json( $response )['code'] );
	}

	public function test_health_reports_the_latest_refusal_and_a_clock_skew(): void {
		wp_set_current_user( 0 );
		$this->deliver( $this->delivery() );
		sleep( 1 );
		$this->deliver( $this->delivery( array( 'timestamp' => time() - 3600 ) ) );
		$this->act_as( 'administrator' );

		$health = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) )['webhooks'];

		$this->assertSame( 'invoice.paid', $health['last_accepted']['event_type'] );
		$this->assertSame( 'stale_timestamp', $health['last_refused']['reason'] );
		$this->assertTrue( $health['refusal_after_acceptance'] );
		$this->assertTrue( $health['clock_skew_suspected'] );
		$this->assertSame( array( 'stale_timestamp' => 1 ), $health['counts']['refused'] );
		$this->assertEqualsWithDelta( time(), strtotime( $health['server_time'] ), 5 );
		$this->assertNotNull( $health['monitoring_since'] );
	}

	public function test_a_new_handshake_starts_a_new_monitoring_period(): void {
		wp_set_current_user( 0 );
		$this->deliver( $this->delivery() );

		$state = $this->connect_with( 'sk_live_sandbox_ready' );

		$this->assertSame( 0, $state['webhooks']['counts']['accepted'] );
	}
}
