<?php
/**
 * Tests of uninstall.php on a single site.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Lifecycle;

use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Uninstall makes a best-effort disconnect at Meum (never from a moved site), then removes every
 * option, transient, user meta and scheduled event of the plugin. It runs in its own PHP process,
 * as WordPress runs it.
 */
class Uninstall_Test extends Test_Case {

	/**
	 * The plugin stays active on the test site: puts back what its activation creates (the tables
	 * uninstall dropped), before the base class cleans them, so no later query meets a missing table.
	 */
	protected function tearDown(): void {
		wp_cache_flush();
		do_action( 'activate_meum-woocommerce/meum-woocommerce.php' );
		parent::tearDown();
	}

	/**
	 * Runs uninstall.php in a separate PHP process inside the test WordPress, included from inside a
	 * function as WordPress's uninstall_plugin() does (so the file's top-level code sees no globals).
	 *
	 * @return string What it printed.
	 */
	private function run_uninstall(): string {
		$repo = dirname( __DIR__, 3 );
		$code = "define( 'WP_UNINSTALL_PLUGIN', 'meum-woocommerce/meum-woocommerce.php' ); ( static function () { include '" . $repo . "/uninstall.php'; } )(); echo 'uninstalled';";
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		exec( escapeshellarg( $repo . '/bin/wp-local.sh' ) . ' eval ' . escapeshellarg( $code ) . ' 2>&1', $output, $status );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
		wp_cache_flush();
		return implode( "\n", $output );
	}

	/**
	 * The plugin's traces left in the database.
	 *
	 * @return string[] Option names and user meta keys.
	 */
	private function traces(): array {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery
		$options = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", '%meum%', '%transient%meum%' ) );
		$meta    = $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", '%meum%' ) );
		// phpcs:enable
		$cron = false !== strpos( (string) wp_json_encode( _get_cron_array() ), 'meum' ) ? array( 'cron' ) : array();
		return array_merge( $options, $meta, $cron );
	}

	public function test_uninstall_disconnects_and_removes_every_trace(): void {
		$user_id = $this->act_as( 'administrator' );
		$this->connect_with( 'sk_live_sandbox_ready' );
		do_action( 'activate_meum-woocommerce/meum-woocommerce.php' );
		set_transient( 'meum_wc_cache_probe', 'x', 60 );
		update_user_meta( $user_id, 'meum_wc_site_change_dismissed', 'x' );
		update_option( 'woocommerce_meum_settings', array( 'enabled' => 'yes' ) ); // The gateway's settings, as WooCommerce saves them.
		$this->assertNotEmpty( $this->traces() );

		$this->assertStringContainsString( 'uninstalled', $this->run_uninstall() );

		$this->assertSame( array(), $this->traces() );
		$this->assertFalse( wp_next_scheduled( Status_Refresher::HOOK ) );
		$requests = Sandbox::requests();
		$this->assertSame( '/v1/integration/woocommerce/disconnect', end( $requests )['path'] );
		$this->assertSame( array(), Sandbox::integrations(), 'Meum was told' );
	}

	public function test_uninstall_of_a_moved_site_does_not_disconnect_the_original(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'sent_site_url' => 'https://production.example.com' ) );
		$requests = count( Sandbox::requests() );

		$this->run_uninstall();

		$this->assertSame( array(), $this->traces() );
		$this->assertCount( $requests, Sandbox::requests(), 'a copy must not disconnect the production store' );
		$this->assertCount( 1, Sandbox::integrations() );
	}

	public function test_uninstall_with_meum_unreachable_still_removes_everything(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		Sandbox::fail_next( '/v1/integration/woocommerce/disconnect', 503 );

		$this->run_uninstall();

		$this->assertSame( array(), $this->traces() );
	}
}
