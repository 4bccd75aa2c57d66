<?php
/**
 * Tests of the settings screen as WordPress serves it.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Admin;

use Meum\WooCommerce\Admin\Settings_Page;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Payments\Outcome_Log;
use Meum\WooCommerce\Rest\Routes;
use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The page at admin.php?page=meum-woocommerce over real HTTP: placement, the preloaded state,
 * and that no secret is ever in the HTML.
 */
class Settings_Page_Test extends Test_Case {

	/**
	 * Logs in a new administrator over HTTP.
	 *
	 * @return Browserless_Session
	 */
	private function admin_session(): Browserless_Session {
		$user = get_userdata( $this->make_user( 'administrator' ) );
		return new Browserless_Session( $user->user_login, 'password' );
	}

	/**
	 * The JSON printed into the page as window.meumWcSettings.
	 *
	 * @param string $html Page HTML.
	 * @return array<string, mixed>
	 */
	private function preloaded_settings( string $html ): array {
		$this->assertSame( 1, preg_match( '/window\.meumWcSettings = (\{.*?\});\s*\n/', $html, $match ), 'no preloaded settings in the page' );
		$decoded = json_decode( $match[1], true );
		$this->assertIsArray( $decoded );
		return $decoded;
	}

	public function test_page_opens_under_settings_without_woocommerce_at_both_urls(): void {
		$this->requires_no_woocommerce();
		$session = $this->admin_session();

		foreach ( array( '/wp-admin/admin.php?page=meum-woocommerce', '/wp-admin/options-general.php?page=meum-woocommerce' ) as $path ) {
			$page = $session->request( 'GET', $path );
			$this->assertSame( 200, $page['status'], $path );
			$this->assertStringContainsString( 'id="meum-wc-settings-root"', $page['body'], $path );
			$this->assertMatchesRegularExpression( '#build/settings\.js\?ver=#', $page['body'], 'the app is enqueued' );
		}
		$this->assertStringContainsString( 'options-general.php?page=meum-woocommerce', $page['body'], 'menu entry under Settings' );
	}

	public function test_app_is_only_loaded_on_its_own_page(): void {
		$session = $this->admin_session();

		$dashboard = $session->request( 'GET', '/wp-admin/index.php' );

		$this->assertSame( 200, $dashboard['status'] );
		$this->assertStringNotContainsString( 'build/settings.js', $dashboard['body'] );
		$this->assertStringNotContainsString( 'meumWcSettings', $dashboard['body'] );
	}

	public function test_preloaded_state_equals_the_rest_state_and_holds_no_secret(): void {
		$this->connect_with( 'sk_live_sandbox_nopayout' );
		$session = $this->admin_session();

		$html     = $session->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' )['body'];
		$settings = $this->preloaded_settings( $html );

		$rest = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		// The server's clock and a fresh suggested key line may differ between two requests.
		unset( $rest['webhooks']['server_time'], $settings['initialState']['webhooks']['server_time'] );
		$this->assertSame( $rest, $settings['initialState'] );
		$this->assertSame( Routes::for_app(), $settings['routes'] );
		$secrets = $this->stored_credentials();
		$this->assertStringNotContainsString( $secrets['api_key'], $html );
		$this->assertStringNotContainsString( $secrets['webhook_secret'], $html );
		$this->assertStringNotContainsString( 'sk_live_sandbox_nopayout', $html, 'the connection key is not echoed' );
	}

	public function test_every_printed_route_is_a_registered_route_with_the_method_the_app_uses(): void {
		$html   = $this->admin_session()->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' )['body'];
		$routes = $this->preloaded_settings( $html )['routes'];

		$this->assertSame(
			array(
				'connection'  => '/meum/v1/connection',
				'refresh'     => '/meum/v1/connection/refresh',
				'forget'      => '/meum/v1/connection/forget',
				'webhookTest' => '/meum/v1/webhook/test',
				'currentUser' => '/wp/v2/users/me',
			),
			$routes,
			'the paths docs/rest-api.md documents'
		);
		$registered = rest_get_server()->get_routes();
		$uses       = array(
			'connection'  => array( 'GET', 'POST', 'DELETE' ),
			'refresh'     => array( 'POST' ),
			'forget'      => array( 'POST' ),
			'webhookTest' => array( 'POST' ),
			'currentUser' => array( 'POST' ),
		);
		foreach ( $uses as $name => $methods ) {
			$this->assertArrayHasKey( $routes[ $name ], $registered, $name );
			$allowed = array();
			foreach ( $registered[ $routes[ $name ] ] as $handler ) {
				$allowed = array_merge( $allowed, array_keys( array_filter( $handler['methods'] ) ) );
			}
			foreach ( $methods as $method ) {
				$this->assertContains( $method, $allowed, "$method {$routes[ $name ]}" );
			}
		}
		$this->assertSame( rest_url( 'meum/v1/webhook' ), ( new \Meum\WooCommerce\Environment() )->webhook_url(), 'the webhook URL comes from the same source' );
	}

	public function test_the_payments_slot_says_whether_checkout_offers_meum_and_why_not(): void {
		$html = $this->admin_session()->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' )['body'];

		$settings = $this->preloaded_settings( $html );
		$this->assertArrayHasKey( 'payments', $settings );
		if ( ! class_exists( 'WooCommerce', false ) ) {
			$this->assertNull( $settings['payments'], 'no gateway without WooCommerce' );
			return;
		}
		$this->assertSame(
			array(
				'enabled'    => false,
				'available'  => false,
				'reason'     => 'The store is not connected to Meum.',
				'flags'      => array(),
				'flagsPath'  => '/meum/v1/payments/flags',
				'reconciled' => ( new Outcome_Log() )->paid_by_source( time() - Outcome_Log::RECENT_SECONDS )['reconciliation'],
			),
			$settings['payments']
		);
	}

	public function test_a_dismissed_rotation_notice_is_stored_per_user_and_printed_on_the_next_visit(): void {
		$admin = $this->make_user( 'administrator' );
		wp_set_current_user( $admin );
		$request = new \WP_REST_Request( 'POST', '/wp/v2/users/me' );
		$request->set_body_params( array( 'meta' => array( Settings_Page::DISMISSED_ROTATION_META => 1796025900 ) ) );

		$response = rest_get_server()->dispatch( $request );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( '1796025900', get_user_meta( $admin, Settings_Page::DISMISSED_ROTATION_META, true ) );
		$session = new Browserless_Session( get_userdata( $admin )->user_login, 'password' );
		$html    = $session->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' )['body'];
		$this->assertSame( 1796025900, $this->preloaded_settings( $html )['dismissedRotation'] );
		$this->assertNull( $this->preloaded_settings( $this->admin_session()->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' )['body'] )['dismissedRotation'], 'per user' );
	}

	public function test_a_user_without_the_capability_cannot_write_the_dismissal(): void {
		$subscriber = $this->make_user( 'subscriber' );
		wp_set_current_user( $subscriber );
		$request = new \WP_REST_Request( 'POST', '/wp/v2/users/me' );
		$request->set_body_params( array( 'meta' => array( Settings_Page::DISMISSED_ROTATION_META => 5 ) ) );

		$response = rest_get_server()->dispatch( $request );

		$this->assertSame( 403, $response->get_status() );
		$this->assertEmpty( get_user_meta( $subscriber, Settings_Page::DISMISSED_ROTATION_META, true ) );
	}

	public function test_subscriber_cannot_open_the_page(): void {
		$user    = get_userdata( $this->make_user( 'subscriber' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$page = $session->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' );

		$this->assertContains( $page['status'], array( 403, 500 ) );
		$this->assertStringNotContainsString( 'meum-wc-settings-root', $page['body'] );
	}
}
