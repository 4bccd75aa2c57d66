<?php
/**
 * Tests against the genuine WooCommerce of the test site (the WooCommerce configurations of the
 * matrix; skipped, as declared, on the site without it).
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\WooCommerce;

use Automattic\WooCommerce\Utilities\FeaturesUtil;
use Meum\WooCommerce\Lifecycle\Daily_Event;
use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * With WooCommerce active the capability is manage_woocommerce (WooCommerce's own Shop manager
 * may connect, a Customer may not), the page sits under WooCommerce, the daily refresh is an
 * Action Scheduler action, webhook log lines go to WooCommerce's logger, and WooCommerce's feature
 * registry knows the plugin as compatible.
 */
class WooCommerce_Active_Test extends Test_Case {

	/** The plugin's basename, as WooCommerce's feature registry names it. */
	private const PLUGIN = 'meum-woocommerce/meum-woocommerce.php';

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
	}

	/**
	 * Role, expected status of the connection routes.
	 *
	 * @return array<string, array{0: string, 1: int}>
	 */
	public function roles(): array {
		return array(
			'administrator' => array( 'administrator', 200 ),
			'shop manager'  => array( 'shop_manager', 200 ),
			'editor'        => array( 'editor', 403 ),
			'customer'      => array( 'customer', 403 ),
			'subscriber'    => array( 'subscriber', 403 ),
		);
	}

	/**
	 * @dataProvider roles
	 *
	 * @param string $role   A role WooCommerce defines (shop_manager, customer) or WordPress does.
	 * @param int    $status Expected status of GET and POST.
	 */
	public function test_permission_matrix_with_woocommerce( string $role, int $status ): void {
		$this->assertNotNull( get_role( $role ), "the role $role exists" );
		$this->act_as( $role );

		$get  = $this->dispatch( 'GET', '/meum/v1/connection' );
		$post = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) );

		$this->assertSame( $status, $get->get_status() );
		$this->assertSame( $status, $post->get_status() );
	}

	public function test_a_shop_manager_connects_the_store(): void {
		$this->act_as( 'shop_manager' );

		$state = $this->json( $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) ) );

		$this->assertTrue( $state['connected'] );
		$this->assertCount( 1, Sandbox::integrations() );
	}

	public function test_a_customer_gets_403_on_every_admin_route(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->act_as( 'customer' );
		$checked = 0;

		foreach ( rest_get_server()->get_routes( 'meum/v1' ) as $route => $handlers ) {
			foreach ( $handlers as $handler ) {
				if ( in_array( $route, array( '/meum/v1', '/meum/v1/webhook' ), true ) ) {
					continue; // WordPress's public index of the namespace, and Meum's delivery route (signed).
				}
				foreach ( array_keys( $handler['methods'] ) as $method ) {
					// Valid arguments, so that the permission check is what answers (WordPress
					// validates arguments first).
					// A route with a parameter (`(?P<id>…)`) is called with the value 1.
					$path     = (string) preg_replace( '/\(\?P<[a-z_]+>[^)]*\)/', '1', $route );
					$response = $this->dispatch( $method, $path, 'GET' === $method ? array() : array( 'connection_key' => 'sk_live_sandbox_ready' ) );
					$this->assertSame( 403, $response->get_status(), "$method $route" );
					++$checked;
				}
			}
		}

		$this->assertGreaterThanOrEqual( 6, $checked, 'every admin route was tried' );
		$this->assertCount( 1, Sandbox::integrations(), 'still connected' );
	}

	public function test_anonymous_gets_401_with_woocommerce(): void {
		$this->assertSame( 401, $this->dispatch( 'GET', '/meum/v1/connection' )->get_status() );
	}

	public function test_sends_the_version_of_the_active_woocommerce(): void {
		$this->act_as( 'shop_manager' );

		$state = $this->json( $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) ) );

		$active  = get_plugin_data( WP_PLUGIN_DIR . '/woocommerce/woocommerce.php', false, false )['Version'];
		$request = Sandbox::requests()[0];
		$this->assertSame( $active, WC()->version );
		$this->assertSame( $active, $request['json']['woocommerce_version'] );
		$this->assertStringEndsWith( ' WooCommerce/' . $active, $request['headers']['user-agent'] );
		$this->assertSame( 200, $request['status'], 'the sandbox accepted the body' );
		$this->assertTrue( $state['environment']['woocommerce_active'] );
	}

	public function test_the_page_sits_under_woocommerce(): void {
		global $menu, $submenu;
		$this->act_as( 'shop_manager' );
		$menu    = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride
		$submenu = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride

		do_action( 'admin_menu', '' );

		$this->assertArrayHasKey( 'woocommerce', $submenu );
		$this->assertContains( 'meum-woocommerce', array_column( $submenu['woocommerce'], 2 ) );
		$this->assertNotContains( 'meum-woocommerce', array_column( $submenu['options-general.php'] ?? array(), 2 ) );
	}

	public function test_a_shop_manager_opens_the_page_under_woocommerce(): void {
		$user    = get_userdata( $this->make_user( 'shop_manager' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		$page = $session->request( 'GET', '/wp-admin/admin.php?page=meum-woocommerce' );

		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="meum-wc-settings-root"', $page['body'] );
		$this->assertMatchesRegularExpression( '#<a[^>]+href=[\'"]admin\.php\?page=meum-woocommerce[\'"][^>]*>Meum</a>#', $page['body'], 'the WooCommerce menu links the page' );
	}

	public function test_the_daily_refresh_is_an_action_scheduler_action_that_refreshes_the_status(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'connected_at' => time() - 2 * DAY_IN_SECONDS ) );
		( new Daily_Event( 'meum_wc_refresh_status', '__return_null' ) )->unschedule();
		do_action( 'activate_' . self::PLUGIN );
		do_action( 'activate_' . self::PLUGIN );

		$ids = as_get_scheduled_actions(
			array(
				'hook'   => 'meum_wc_refresh_status',
				'group'  => Daily_Event::GROUP,
				'status' => \ActionScheduler_Store::STATUS_PENDING,
			),
			'ids'
		);
		$this->assertCount( 1, $ids, 'scheduled once, in the group meum-woocommerce' );
		$this->assertFalse( wp_next_scheduled( 'meum_wc_refresh_status' ), 'not also in WP-Cron' );
		Sandbox::reset_requests();

		// Action Scheduler's runner, in another PHP process, as a queue run would do it.
		$output = $this->run_in_wordpress( sprintf( 'ActionScheduler_QueueRunner::instance()->process_action( %d, "meum-tests" ); echo ActionScheduler::store()->get_status( %1$d );', $ids[0] ) );

		$this->assertSame( \ActionScheduler_Store::STATUS_COMPLETE, $output );
		$this->assertSame( array( 'GET' ), array_column( Sandbox::requests(), 'method' ), 'one status request to Meum' );
		wp_cache_flush();
		$state = $this->json( $this->dispatch_as_admin( 'GET', '/meum/v1/connection' ) );
		$this->assertNotNull( $state['status_checked_at'], 'the status was refreshed' );
	}

	public function test_a_wp_cron_event_from_before_woocommerce_moves_to_action_scheduler(): void {
		$event = new Daily_Event( 'meum_wc_refresh_status', '__return_null' );
		$event->unschedule();
		wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', 'meum_wc_refresh_status' ); // As scheduled when the plugin was activated first.

		$event->schedule();

		$this->assertFalse( wp_next_scheduled( 'meum_wc_refresh_status' ), 'no longer in WP-Cron' );
		$this->assertTrue( as_has_scheduled_action( 'meum_wc_refresh_status', array(), Daily_Event::GROUP ), 'in Action Scheduler' );
	}

	public function test_webhook_refusals_go_to_the_woocommerce_log_files(): void {
		global $wpdb;
		$this->connect_with( 'sk_live_sandbox_ready' );
		wp_set_current_user( 0 );
		$rows_before = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}meum_wc_log" ); // phpcs:ignore WordPress.DB

		$logged = $this->logged_while(
			function () {
				$this->deliver( $this->delivery( array( 'secret' => 'wrong' ) ) );
			}
		);

		$lines = array_values( array_filter( explode( "\n", $logged ) ) );
		$this->assertCount( 1, $lines, 'one line in wc-logs/meum-woocommerce-*.log' );
		$this->assertStringContainsString( 'WARNING', $lines[0] );
		$this->assertStringContainsString( 'invalid_signature', $lines[0] );
		$this->assertSame( $rows_before, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}meum_wc_log" ), 'not also in the database log' ); // phpcs:ignore WordPress.DB
	}

	public function test_woocommerce_knows_the_plugin_compatible_with_hpos_and_block_checkout(): void {
		foreach ( array( 'custom_order_tables', 'cart_checkout_blocks' ) as $feature ) {
			$plugins = FeaturesUtil::get_compatible_plugins_for_feature( $feature, true );
			$this->assertContains( self::PLUGIN, $plugins['compatible'], $feature );
			$this->assertNotContains( self::PLUGIN, $plugins['incompatible'], $feature );
			$this->assertNotContains( self::PLUGIN, $plugins['uncertain'] ?? array(), $feature );
		}
	}

	public function test_the_plugins_and_features_screens_show_no_incompatibility(): void {
		$user    = get_userdata( $this->make_user( 'administrator' ) );
		$session = new Browserless_Session( $user->user_login, 'password' );

		foreach ( array( '/wp-admin/plugins.php', '/wp-admin/admin.php?page=wc-settings&tab=advanced&section=features' ) as $path ) {
			$page = $session->request( 'GET', $path );
			$this->assertSame( 200, $page['status'], $path );
			$this->assertStringNotContainsString( 'incompatible with', $page['body'], $path );
			$this->assertStringNotContainsString( 'plugin_status=incompatible_with_feature', $page['body'], $path );
		}
	}

	/**
	 * Runs PHP code inside the test WordPress in a separate PHP process (bin/wp-local/eval.php).
	 *
	 * @param string $code PHP code.
	 * @return string What it printed.
	 */
	private function run_in_wordpress( string $code ): string {
		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$command = escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( $program ) . ' ' . escapeshellarg( $code ) . ' 2>&1';
		exec( $command, $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		$this->assertSame( 0, $status, implode( "\n", $output ) );
		return implode( "\n", $output );
	}

	/**
	 * Dispatches a REST request as a new administrator.
	 *
	 * @param string $method HTTP method.
	 * @param string $route  Route.
	 * @return \WP_REST_Response
	 */
	private function dispatch_as_admin( string $method, string $route ): \WP_REST_Response {
		$this->act_as( 'administrator' );
		return $this->dispatch( $method, $route );
	}
}
