<?php
/**
 * Tests of refresh, disconnect and forget against the Meum sandbox over real HTTP.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Rest;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `POST /meum/v1/connection/refresh`, `DELETE /meum/v1/connection` and
 * `POST /meum/v1/connection/forget` (Meum API Part A §A3).
 */
class Lifecycle_Routes_Test extends Test_Case {

	private const STATUS     = '/v1/integration/woocommerce/status';
	private const DISCONNECT = '/v1/integration/woocommerce/disconnect';

	public function test_refresh_stores_what_meum_reports(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		Sandbox::set_store(
			home_url(),
			array(
				'health_status'  => 'DEGRADED',
				'webhook_health' => 'FAILING',
				'issues'         => array( 'Webhook deliveries are failing' ),
			)
		);

		$response = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );

		$state = $this->json( $response );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'DEGRADED', $state['health_status'] );
		$this->assertSame( 'FAILING', $state['webhook_health'] );
		$this->assertSame( array( 'Webhook deliveries are failing' ), $state['issues'] );
		$this->assertSame( 'CONNECTED', $state['status'] );
		$this->assertEqualsWithDelta( time(), strtotime( $state['status_checked_at'] ), 60 );
		$request = Sandbox::requests()[1];
		$this->assertSame( 'GET', $request['method'] );
		$this->assertSame( self::STATUS, $request['path'] );
		$this->assertSame( 'Bearer ' . $this->stored_credentials()['api_key'], $request['headers']['authorization'] );
	}

	public function test_refresh_clears_the_payout_warning_once_a_wallet_is_set(): void {
		$state = $this->connect_with( 'sk_live_sandbox_nopayout' );
		$this->assertFalse( $state['payout_configured'] );
		Sandbox::set_store( home_url(), array( 'payout_configured' => true ) );

		$state = $this->json( $this->dispatch( 'POST', '/meum/v1/connection/refresh' ) );

		$this->assertTrue( $state['payout_configured'] );
		$this->assertNull( $state['warning'] );
	}

	public function test_a_revoked_key_makes_refresh_report_reconnect_required(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		Sandbox::revoke( home_url() );

		$response = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );

		$state = $this->json( $response );
		$this->assertSame( 200, $response->get_status() );
		$this->assertTrue( $state['reconnect_required'] );
		$this->assertSame( 'revoked', $state['reconnect_reason'] );
		$this->assertTrue( $state['connected'] );

		$state = $this->connect_with( 'sk_live_sandbox_ready' );
		$this->assertFalse( $state['reconnect_required'], 'a reconnect repairs it' );
	}

	public function test_a_failed_refresh_changes_nothing(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$before = $this->raw_options();
		Sandbox::fail_next( self::STATUS, 503 );

		$response = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );

		$this->assertSame( 502, $response->get_status() );
		$this->assertSame( $before, $this->raw_options() );
	}

	public function test_refresh_without_a_connection_is_refused(): void {
		$this->act_as( 'administrator' );

		$response = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );

		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'meum_not_connected', $this->json( $response )['code'] );
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_disconnect_tells_meum_and_deletes_the_credentials(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$key = $this->stored_credentials()['api_key'];

		$response = $this->dispatch( 'DELETE', '/meum/v1/connection' );

		$this->assertSame( 200, $response->get_status() );
		$this->assertFalse( $this->json( $response )['connected'] );
		$this->assertNull( $this->raw_options()[ Connection_Store::CREDENTIALS_OPTION ] );
		$this->assertNull( $this->raw_options()[ Connection_Store::CONNECTION_OPTION ] );
		$request = Sandbox::requests()[1];
		$this->assertSame( array( 'POST', self::DISCONNECT, 'Bearer ' . $key ), array( $request['method'], $request['path'], $request['headers']['authorization'] ) );
		$this->assertSame( array(), Sandbox::integrations(), 'Meum no longer has the integration' );
	}

	public function test_integration_not_found_also_deletes_the_credentials(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->assertSame( 200, Sandbox::call_meum( 'POST', self::DISCONNECT, $this->stored_credentials()['api_key'] ) );

		$response = $this->dispatch( 'DELETE', '/meum/v1/connection' );

		$this->assertSame( 200, $response->get_status() );
		$this->assertNull( $this->raw_options()[ Connection_Store::CREDENTIALS_OPTION ] );
	}

	/**
	 * Disconnect failures: how to provoke them, expected status.
	 *
	 * @return array<string, array{0: string, 1: int}>
	 */
	public function disconnect_failures(): array {
		return array(
			'Meum down (503)'   => array( 'down', 502 ),
			'key revoked (401)' => array( 'revoked', 400 ),
			'unreachable'       => array( 'unreachable', 504 ),
		);
	}

	/**
	 * @dataProvider disconnect_failures
	 *
	 * @param string $failure How the disconnect fails.
	 * @param int    $status  Expected route status.
	 */
	public function test_a_failed_disconnect_keeps_everything_and_offers_forget( string $failure, int $status ): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$before = $this->raw_options();
		if ( 'down' === $failure ) {
			Sandbox::fail_next( self::DISCONNECT, 503 );
		} elseif ( 'revoked' === $failure ) {
			Sandbox::revoke( home_url() );
		} else {
			$this->use_meum_base_url( 'http://127.0.0.1:9' );
		}

		$response = $this->dispatch( 'DELETE', '/meum/v1/connection' );

		$body = $this->json( $response );
		$this->assertSame( $status, $response->get_status(), wp_json_encode( $body ) );
		$this->assertTrue( $body['data']['can_forget'] );
		$this->assertSame( $before, $this->raw_options() );

		$requests = count( Sandbox::requests() );
		$forget   = $this->dispatch( 'POST', '/meum/v1/connection/forget' );
		$this->assertSame( 200, $forget->get_status() );
		$this->assertFalse( $this->json( $forget )['connected'] );
		$this->assertNull( $this->raw_options()[ Connection_Store::CREDENTIALS_OPTION ] );
		$this->assertCount( $requests, Sandbox::requests(), 'forget never calls Meum' );
	}

	public function test_disconnect_without_a_connection_is_refused(): void {
		$this->act_as( 'administrator' );

		$response = $this->dispatch( 'DELETE', '/meum/v1/connection' );

		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'meum_not_connected', $this->json( $response )['code'] );
	}

	/**
	 * The lifecycle routes.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function lifecycle_routes(): array {
		return array(
			'refresh'    => array( 'POST', '/meum/v1/connection/refresh' ),
			'disconnect' => array( 'DELETE', '/meum/v1/connection' ),
			'forget'     => array( 'POST', '/meum/v1/connection/forget' ),
		);
	}

	/**
	 * @dataProvider lifecycle_routes
	 *
	 * @param string $method Method.
	 * @param string $route  Route.
	 */
	public function test_lifecycle_routes_need_the_capability( string $method, string $route ): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$before   = $this->raw_options();
		$requests = count( Sandbox::requests() );
		wp_set_current_user( 0 );

		$this->assertSame( 401, $this->dispatch( $method, $route )->get_status() );
		$this->act_as( 'subscriber' );
		$this->assertSame( 403, $this->dispatch( $method, $route )->get_status() );
		$this->act_as( 'editor' );
		$this->assertSame( 403, $this->dispatch( $method, $route )->get_status() );

		$this->assertSame( $before, $this->raw_options() );
		$this->assertCount( $requests, Sandbox::requests() );
		$this->act_as( 'administrator' );
		$this->assertSame( 200, $this->dispatch( $method, $route )->get_status() );
		$this->assertSame( 'no-store', $this->dispatch( $method, $route )->get_headers()['Cache-Control'] ?? null );
	}

	public function test_no_route_uses_a_revoked_key(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		Sandbox::revoke( home_url() );
		$this->assertSame( 'revoked', $this->json( $this->dispatch( 'POST', '/meum/v1/connection/refresh' ) )['reconnect_reason'] );
		$requests = count( Sandbox::requests() );
		$before   = $this->raw_options();

		$refresh    = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );
		$disconnect = $this->dispatch( 'DELETE', '/meum/v1/connection' );
		$self_test  = $this->dispatch( 'POST', '/meum/v1/webhook/test' );

		foreach ( array( $refresh, $disconnect, $self_test ) as $response ) {
			$this->assertSame( 409, $response->get_status() );
			$this->assertSame( 'meum_not_connected', $this->json( $response )['code'] );
		}
		$this->assertTrue( $this->json( $disconnect )['data']['can_forget'], 'forget locally stays offered' );
		$this->assertCount( $requests, Sandbox::requests(), 'Meum was not called with the revoked key' );
		$this->assertSame( $before, $this->raw_options() );
	}
}
