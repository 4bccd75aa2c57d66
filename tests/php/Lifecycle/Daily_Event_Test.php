<?php
/**
 * Tests of the scheduled status refresh and of activation / deactivation.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Lifecycle;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * A stored status older than a day is refreshed by a scheduled event, never inside a page
 * request; deactivation unschedules and keeps every stored byte; activation reschedules.
 */
class Daily_Event_Test extends Test_Case {

	private const PLUGIN = 'meum-woocommerce/meum-woocommerce.php';

	protected function tearDown(): void {
		if ( ! is_plugin_active( self::PLUGIN ) ) {
			activate_plugin( self::PLUGIN );
		}
		parent::tearDown();
	}

	public function test_a_status_older_than_a_day_is_refreshed_by_the_event(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'status_checked_at' => time() - DAY_IN_SECONDS - 60 ) );
		$requests = count( Sandbox::requests() );

		do_action( Status_Refresher::HOOK );

		$this->assertCount( $requests + 1, Sandbox::requests() );
		$this->assertSame( '/v1/integration/woocommerce/status', Sandbox::requests()[ $requests ]['path'] );
		$this->assertEqualsWithDelta( time(), get_option( Connection_Store::CONNECTION_OPTION )['status_checked_at'], 60 );
	}

	public function test_a_fresh_status_is_left_alone_by_the_event(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$requests = count( Sandbox::requests() );

		do_action( Status_Refresher::HOOK );

		$this->assertCount( $requests, Sandbox::requests() );
	}

	public function test_the_event_does_nothing_without_a_connection(): void {
		do_action( Status_Refresher::HOOK );

		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_page_requests_never_call_meum(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'status_checked_at' => time() - 2 * DAY_IN_SECONDS ) );
		$requests = count( Sandbox::requests() );
		$user     = get_userdata( $this->make_user( 'administrator' ) );
		$session  = new Browserless_Session( $user->user_login, 'password' );

		foreach ( array( '/', '/wp-admin/', '/wp-admin/admin.php?page=meum-woocommerce', '/wp-admin/site-health.php' ) as $path ) {
			$session->request( 'GET', $path );
		}

		$this->assertCount( $requests, Sandbox::requests(), 'a page request called Meum' );
	}

	public function test_deactivation_unschedules_and_keeps_every_stored_byte(): void {
		$this->connect_with( 'sk_live_sandbox_nopayout' );
		do_action( 'activate_' . self::PLUGIN );
		$this->assertTrue( $this->is_scheduled( Status_Refresher::HOOK ) );
		$before = $this->raw_options();

		deactivate_plugins( self::PLUGIN );
		$this->assertFalse( $this->is_scheduled( Status_Refresher::HOOK ) );
		$this->assertSame( $before, $this->raw_options() );

		activate_plugin( self::PLUGIN );
		$this->assertTrue( $this->is_scheduled( Status_Refresher::HOOK ) );
		$this->assertSame( $before, $this->raw_options() );
		$this->assertTrue( $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) )['connected'] );
	}

	public function test_a_queued_status_refresh_runs_in_the_background_and_deactivation_removes_it(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$refresher = new Status_Refresher( new \Meum\WooCommerce\Api\Client( new \Meum\WooCommerce\Environment(), new \Meum\WooCommerce\Api\Error_Mapper() ), $this->store() );
		$requests  = count( Sandbox::requests() );

		$refresher->queue_refresh();
		$refresher->queue_refresh();

		$this->assertCount( $requests, Sandbox::requests(), 'queued, not run in this request' );
		$this->assertTrue( $this->is_scheduled( Status_Refresher::SOON_HOOK ) );
		$this->assertTrue( has_action( Status_Refresher::SOON_HOOK ) > 0, 'the plugin runs the refresh on the queued action' );
		deactivate_plugins( self::PLUGIN );
		$this->assertFalse( $this->is_scheduled( Status_Refresher::SOON_HOOK ) );
		activate_plugin( self::PLUGIN );
	}

	/**
	 * Whether the daily event is scheduled where the plugin puts it: Action Scheduler (group
	 * meum-woocommerce) when WooCommerce provides it, WP-Cron otherwise; never in both.
	 *
	 * @param string $hook The event's hook.
	 * @return bool
	 */
	private function is_scheduled( string $hook ): bool {
		$in_cron = false !== wp_next_scheduled( $hook );
		if ( ! function_exists( 'as_has_scheduled_action' ) ) {
			return $in_cron;
		}
		$this->assertFalse( $in_cron, 'with Action Scheduler, not also in WP-Cron' );
		return as_has_scheduled_action( $hook, array(), \Meum\WooCommerce\Lifecycle\Daily_Event::GROUP );
	}
}
