<?php
/**
 * Tests of the branches that depend on WooCommerce, with the test-only WooCommerce shim
 * (tests/support/mu-plugins/meum-wc-test-support.php) loaded in this process.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\WooCommerce;

use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * With WooCommerce active the capability is manage_woocommerce, shop managers may connect, the
 * page moves under the WooCommerce menu and the WooCommerce version is sent to Meum.
 */
class WooCommerce_Active_Test extends Test_Case {

	protected function setUp(): void {
		parent::setUp();
		$this->assertTrue( class_exists( 'WooCommerce', false ), 'run this suite with MEUM_WC_TEST_WOOCOMMERCE=1' );
	}

	/**
	 * Role, expected status.
	 *
	 * @return array<string, array{0: string, 1: int}>
	 */
	public function roles(): array {
		return array(
			'administrator' => array( 'administrator', 200 ),
			'shop manager'  => array( 'shop_manager', 200 ),
			'editor'        => array( 'editor', 403 ),
			'subscriber'    => array( 'subscriber', 403 ),
		);
	}

	/**
	 * @dataProvider roles
	 *
	 * @param string $role   Role.
	 * @param int    $status Expected status of GET and POST.
	 */
	public function test_permission_matrix_with_woocommerce( string $role, int $status ): void {
		$this->act_as( $role );

		$get  = $this->dispatch( 'GET', '/meum/v1/connection' );
		$post = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) );

		$this->assertSame( $status, $get->get_status() );
		$this->assertSame( $status, $post->get_status() );
	}

	public function test_anonymous_gets_401_with_woocommerce(): void {
		$this->assertSame( 401, $this->dispatch( 'GET', '/meum/v1/connection' )->get_status() );
	}

	public function test_sends_the_woocommerce_version(): void {
		$this->act_as( 'shop_manager' );

		$state = $this->json( $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) ) );

		$request = Sandbox::requests()[0];
		$this->assertSame( WC_VERSION, $request['json']['woocommerce_version'] );
		$this->assertStringEndsWith( ' WooCommerce/' . WC_VERSION, $request['headers']['user-agent'] );
		$this->assertSame( 200, $request['status'], 'the sandbox accepted the body' );
		$this->assertTrue( $state['environment']['woocommerce_active'] );
	}

	public function test_menu_entry_sits_under_woocommerce(): void {
		global $submenu;
		$this->act_as( 'shop_manager' );
		$submenu = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride

		do_action( 'admin_menu', '' );

		$this->assertArrayHasKey( 'woocommerce', $submenu );
		$this->assertContains( 'meum-woocommerce', array_column( $submenu['woocommerce'], 2 ) );
		$this->assertNotContains( 'meum-woocommerce', array_column( $submenu['options-general.php'] ?? array(), 2 ) );
	}

	public function test_the_daily_refresh_uses_action_scheduler_with_woocommerce(): void {
		wp_clear_scheduled_hook( 'meum_wc_refresh_status' );
		$GLOBALS['meum_wc_test_scheduled_actions'] = array();

		do_action( 'activate_meum-woocommerce/meum-woocommerce.php' );
		do_action( 'activate_meum-woocommerce/meum-woocommerce.php' );

		$this->assertSame( array( 'meum-woocommerce/meum_wc_refresh_status', 'meum-woocommerce/meum_wc_prune_webhook_events' ), array_keys( $GLOBALS['meum_wc_test_scheduled_actions'] ), 'each scheduled once' );
		$this->assertSame( DAY_IN_SECONDS, $GLOBALS['meum_wc_test_scheduled_actions']['meum-woocommerce/meum_wc_refresh_status'][1] );
		$this->assertFalse( wp_next_scheduled( 'meum_wc_refresh_status' ), 'not also in WP-Cron' );

		( new \Meum\WooCommerce\Lifecycle\Daily_Event( 'meum_wc_refresh_status', '__return_null' ) )->unschedule();
		$this->assertSame( array( 'meum-woocommerce/meum_wc_prune_webhook_events' ), array_keys( $GLOBALS['meum_wc_test_scheduled_actions'] ) );
	}

	public function test_webhook_refusals_go_to_the_woocommerce_logger(): void {
		global $wpdb;
		$this->connect_with( 'sk_live_sandbox_ready' );
		wp_set_current_user( 0 );
		$GLOBALS['meum_wc_test_wc_log'] = array();
		$rows_before = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}meum_wc_log" ); // phpcs:ignore WordPress.DB

		$this->deliver( $this->delivery( array( 'secret' => 'wrong' ) ) );

		$this->assertCount( 1, $GLOBALS['meum_wc_test_wc_log'] );
		$this->assertSame( 'warning', $GLOBALS['meum_wc_test_wc_log'][0][0] );
		$this->assertStringContainsString( 'invalid_signature', $GLOBALS['meum_wc_test_wc_log'][0][1] );
		$this->assertSame( array( 'source' => 'meum-woocommerce' ), $GLOBALS['meum_wc_test_wc_log'][0][2] );
		$this->assertSame( $rows_before, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}meum_wc_log" ), 'not also in the database log' ); // phpcs:ignore WordPress.DB
	}
}
