<?php
/**
 * Tests of who may use the admin routes.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Rest;

use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Permission matrix (WooCommerce inactive: the capability is manage_options) and the cookie +
 * nonce rules, the latter over real HTTP because in-process dispatch skips them.
 */
class Permissions_Test extends Test_Case {

	/**
	 * Route cases: method, body.
	 *
	 * @return array<string, array{0: string, 1: array<string, string>}>
	 */
	public function admin_routes(): array {
		return array(
			'GET connection'  => array( 'GET', array() ),
			'POST connection' => array( 'POST', array( 'connection_key' => 'sk_live_sandbox_ready' ) ),
		);
	}

	/**
	 * @dataProvider admin_routes
	 *
	 * @param string               $method Method.
	 * @param array<string, mixed> $body   Body.
	 */
	public function test_anonymous_gets_401( string $method, array $body ): void {
		$response = $this->dispatch( $method, '/meum/v1/connection', $body );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( array(), Sandbox::requests() );
	}

	/**
	 * @dataProvider admin_routes
	 *
	 * @param string               $method Method.
	 * @param array<string, mixed> $body   Body.
	 */
	public function test_roles_without_the_capability_get_403( string $method, array $body ): void {
		foreach ( array( 'subscriber', 'editor' ) as $role ) {
			$this->act_as( $role );

			$response = $this->dispatch( $method, '/meum/v1/connection', $body );

			$this->assertSame( 403, $response->get_status(), $role );
		}
		$this->assertSame( array(), Sandbox::requests() );
	}

	/**
	 * @dataProvider admin_routes
	 *
	 * @param string               $method Method.
	 * @param array<string, mixed> $body   Body.
	 */
	public function test_administrator_gets_200( string $method, array $body ): void {
		$this->act_as( 'administrator' );

		$response = $this->dispatch( $method, '/meum/v1/connection', $body );

		$this->assertSame( 200, $response->get_status() );
	}

	public function test_every_answer_says_no_store(): void {
		$answers = array( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		$this->act_as( 'administrator' );
		$answers[] = $this->dispatch( 'GET', '/meum/v1/connection' );
		$answers[] = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_taken' ) );

		foreach ( $answers as $answer ) {
			$this->assertSame( 'no-store', $answer->get_headers()['Cache-Control'] ?? null );
		}
	}

	public function test_over_http_a_cookie_without_nonce_is_anonymous_401(): void {
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$get  = $session->request( 'GET', '/wp-json/meum/v1/connection' );
		$post = $session->request( 'POST', '/wp-json/meum/v1/connection', array(), '{"connection_key":"sk_live_sandbox_ready"}' );

		$this->assertSame( 401, $get['status'] );
		$this->assertSame( 401, $post['status'] );
		$this->assertStringContainsString( 'no-store', $get['headers']['cache-control'] ?? '' );
		$this->assertSame( array(), Sandbox::requests(), 'no call to Meum without a nonce' );
	}

	public function test_over_http_a_bad_nonce_is_403(): void {
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$post = $session->request( 'POST', '/wp-json/meum/v1/connection', array( 'X-WP-Nonce' => 'not-a-nonce' ), '{"connection_key":"sk_live_sandbox_ready"}' );

		$this->assertSame( 403, $post['status'] );
		$this->assertSame( 'rest_cookie_invalid_nonce', json_decode( $post['body'], true )['code'] );
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_over_http_administrator_with_nonce_connects(): void {
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );
		$nonce   = $session->rest_nonce();

		$get  = $session->request( 'GET', '/wp-json/meum/v1/connection', array( 'X-WP-Nonce' => $nonce ) );
		$post = $session->request( 'POST', '/wp-json/meum/v1/connection', array( 'X-WP-Nonce' => $nonce ), '{"connection_key":"sk_live_sandbox_ready"}' );

		$this->assertSame( 200, $get['status'] );
		$this->assertSame( 200, $post['status'], $post['body'] );
		$this->assertTrue( json_decode( $post['body'], true )['connected'] );
		$this->assertStringContainsString( 'no-store', $post['headers']['cache-control'] ?? '' );
	}

	public function test_over_http_subscriber_with_nonce_is_403(): void {
		$user    = get_userdata( $this->make_user( 'subscriber' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$get = $session->request( 'GET', '/wp-json/meum/v1/connection', array( 'X-WP-Nonce' => $session->rest_nonce() ) );

		$this->assertSame( 403, $get['status'] );
	}
}
