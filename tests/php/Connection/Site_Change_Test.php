<?php
/**
 * Tests of the detection of a changed site address and of both choices.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Connection;

use Meum\WooCommerce\Admin\Site_Change_Notice;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Site_Identity;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * A domain change, an https switch or a clone makes the current address differ from the one sent
 * at connect; the page and an admin notice say so, the stored key is not used, and the two choices
 * behave as documented.
 */
class Site_Change_Test extends Test_Case {

	public function test_a_moved_site_is_reported_and_the_stored_key_is_not_used(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$connected_at = home_url();
		$this->move_site_to( 'https://staging.example.com' );
		$before   = $this->raw_options();
		$requests = count( Sandbox::requests() );

		$state      = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		$refresh    = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );
		$disconnect = $this->dispatch( 'DELETE', '/meum/v1/connection' );
		$self_test  = $this->dispatch( 'POST', '/meum/v1/webhook/test' );
		do_action( 'meum_wc_refresh_status' );

		$this->assertSame( 'site', $state['site_change']['kind'] );
		$this->assertSame( $connected_at, $state['site_change']['connected_site_url'] );
		$this->assertSame( 'https://staging.example.com', $state['site_change']['current_site_url'] );
		$this->assertSame( 'https://staging.example.com/wp-json/meum/v1/webhook', $state['site_change']['current_webhook_url'] );
		$this->assertSame( 409, $refresh->get_status() );
		$this->assertSame( 'meum_site_changed', $this->json( $refresh )['code'] );
		$this->assertSame( 409, $disconnect->get_status() );
		$this->assertTrue( $this->json( $disconnect )['data']['can_forget'] );
		$this->assertSame( 'meum_site_changed', $this->json( $self_test )['code'], 'the self-test does not sign with the stored secret either' );
		$this->assertCount( $requests, Sandbox::requests(), 'no outbound call used the stored key' );
		$this->assertSame( $before, $this->raw_options() );
	}

	public function test_a_changed_webhook_url_alone_is_a_webhook_change_and_the_admin_notice_offers_the_reconnect(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$connected_webhook = rest_url( 'meum/v1/webhook' );
		// As switching permalinks to plain does: the REST URL becomes the ?rest_route= form.
		$this->add_test_filter(
			'rest_url',
			static function ( $url ) {
				return str_replace( '/wp-json/meum/v1/webhook', '/?rest_route=/meum/v1/webhook', $url );
			}
		);
		$requests = count( Sandbox::requests() );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		$this->assertSame( 'webhook', $state['site_change']['kind'] );
		$this->assertSame( $state['site_change']['connected_site_url'], $state['site_change']['current_site_url'] );
		$this->assertSame( $connected_webhook, $state['site_change']['connected_webhook_url'] );
		$this->assertStringContainsString( '?rest_route=/meum/v1/webhook', $state['site_change']['current_webhook_url'] );
		$this->assertSame( 409, $this->dispatch( 'POST', '/meum/v1/connection/refresh' )->get_status(), 'the stored key is still not used' );
		$this->assertCount( $requests, Sandbox::requests() );

		$this->act_as( 'administrator' );
		ob_start();
		( new Site_Change_Notice( new Environment(), new Site_Identity( new Environment() ), $this->store() ) )->render();
		$notice = (string) ob_get_clean();
		$this->assertStringContainsString( 'webhook address changed', $notice );
		$this->assertStringContainsString( 'Reconnect in Meum settings', $notice );
		$this->assertStringNotContainsString( 'new site', $notice );
	}

	public function test_this_is_a_new_site_forgets_locally_without_disconnecting_production(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$production = $this->sandbox_integration();
		$this->move_site_to( 'https://staging.example.com' );
		$requests = count( Sandbox::requests() );

		$state = $this->json( $this->dispatch( 'POST', '/meum/v1/connection/forget' ) );

		$this->assertFalse( $state['connected'] );
		$this->assertNull( $state['site_change'] );
		$this->assertCount( $requests, Sandbox::requests(), 'Meum was not told: production stays connected' );
		$this->assertSame( $production['api_key'], Sandbox::integrations()[0]['api_key'] );
	}

	public function test_same_site_new_address_reconnects_and_registers_the_new_urls(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		// Same store, new address: the merchant connects again with a new key.
		$this->move_site_to( 'https://shop.example.com' );

		$state = $this->connect_with( 'sk_live_sandbox_ready' );

		$this->assertNull( $state['site_change'] );
		$this->assertSame( 'https://shop.example.com', $state['site_url'] );
		$requests = Sandbox::requests();
		$sent     = end( $requests )['json'];
		$this->assertSame( 'https://shop.example.com', $sent['site_url'] );
		$this->assertSame( 'https://shop.example.com/wp-json/meum/v1/webhook', $sent['webhook_url'] );
	}

	public function test_the_admin_notice_shows_to_managers_only_and_not_on_the_settings_page(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->move_site_to( 'https://staging.example.com' );
		$notice = new Site_Change_Notice( new Environment(), new Site_Identity( new Environment() ), $this->store() );
		$render = static function () use ( $notice ): string {
			ob_start();
			$notice->render();
			return (string) ob_get_clean();
		};

		$for_admin = $render();
		$_GET['page'] = 'meum-woocommerce';
		$on_page      = $render();
		unset( $_GET['page'] );
		$this->act_as( 'editor' );
		$for_editor = $render();

		$this->assertStringContainsString( 'staging.example.com', $for_admin );
		$this->assertStringContainsString( 'page=meum-woocommerce', $for_admin );
		$this->assertSame( '', $on_page );
		$this->assertSame( '', $for_editor );
	}

	public function test_the_admin_notice_over_http_and_its_dismissal(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		// The server sees the change when the address registered at connect differs from its own.
		$this->store()->update_facts( array( 'sent_site_url' => 'https://old-domain.example.com' ) );
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$dashboard = $session->request( 'GET', '/wp-admin/index.php' )['body'];
		$this->assertStringContainsString( 'old-domain.example.com', $dashboard );
		$this->assertSame( 1, preg_match( '#href="([^"]*admin-post\.php\?action=meum_wc_dismiss_site_change[^"]*)"#', $dashboard, $match ) );

		$dismissed = $session->request( 'GET', str_replace( home_url(), '', html_entity_decode( $match[1] ) ) );
		$this->assertSame( 302, $dismissed['status'] );

		$this->assertStringNotContainsString( 'old-domain.example.com', $session->request( 'GET', '/wp-admin/index.php' )['body'] );
		wp_cache_delete( $user->ID, 'user_meta' ); // The server wrote it; drop this process's copy.
		$this->assertNotSame( '', get_user_meta( $user->ID, Site_Change_Notice::USER_META, true ) );
	}

	public function test_the_dismiss_link_needs_a_nonce(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'sent_site_url' => 'https://old-domain.example.com' ) );
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$answer = $session->request( 'GET', '/wp-admin/admin-post.php?action=meum_wc_dismiss_site_change&_wpnonce=bad' );

		$this->assertSame( 403, $answer['status'] );
		$this->assertSame( '', get_user_meta( $user->ID, Site_Change_Notice::USER_META, true ) );
		$this->assertNotNull( get_option( Connection_Store::CONNECTION_OPTION, null ) );
	}
}
