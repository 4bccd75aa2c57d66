<?php
/**
 * Tests of the orders list's bulk action "Check Meum payment status".
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Automattic\WooCommerce\Utilities\OrderUtil;
use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Payments\Order_Bulk_Check;
use Meum\WooCommerce\Tests\Support\Browserless_Session;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The action on the orders list of the storage the site uses (HPOS or posts; the matrix runs
 * both), driven through the list table's own filters (`handle_bulk_actions-{screen}`, which the
 * list table calls after checking the bulk nonce): up to 20 orders checked now through the §A5
 * path, more queued as Action Scheduler actions whose callback checks the order, nothing at all
 * without a usable connection, and the notice on the list it returns to.
 */
class Order_Bulk_Check_Test extends Test_Case {

	use Payment_Orders;

	/**
	 * The request's query args before the test.
	 *
	 * @var array<string, mixed>
	 */
	private array $get = array();

	protected function setUp(): void {
		parent::setUp();
		$this->get = $_GET;
		$this->start_payments_test();
		as_unschedule_all_actions( Order_Bulk_Check::QUEUE_HOOK );
	}

	protected function tearDown(): void {
		as_unschedule_all_actions( Order_Bulk_Check::QUEUE_HOOK );
		$_GET = $this->get;
		$GLOBALS['current_screen'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride
		$this->finish_payments_test();
		parent::tearDown();
	}

	/**
	 * The orders-list screen of the site's storage.
	 *
	 * @return string Screen id.
	 */
	private function screen(): string {
		return OrderUtil::custom_orders_table_usage_is_enabled() ? 'woocommerce_page_wc-orders' : 'edit-shop_order';
	}

	/**
	 * Runs the bulk action as the list table does, and reads the redirect it answers.
	 *
	 * @param int[] $ids Selected order ids.
	 * @return array<string, string> The redirect's query args.
	 */
	private function bulk( array $ids ): array {
		$back = admin_url( OrderUtil::custom_orders_table_usage_is_enabled() ? 'admin.php?page=wc-orders&paged=1' : 'edit.php?post_type=shop_order&paged=1' );
		$url  = apply_filters( 'handle_bulk_actions-' . $this->screen(), add_query_arg( 'meum_wc_bulk_queued', '7', $back ), Order_Bulk_Check::ACTION, $ids );
		$this->assertIsString( $url );
		$this->assertStringStartsWith( $back, $url, 'back to the list' );
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $args );
		return $args;
	}

	/**
	 * The counts of a finished bulk action.
	 *
	 * @param array<string, string> $args The redirect's query args.
	 * @return array<string, int> applied, unchanged, retry, skipped, denied, queued.
	 */
	private function counts( array $args ): array {
		$this->assertSame( 'done', $args['meum_wc_bulk_check'] ?? null, (string) wp_json_encode( $args ) );
		$counts = array();
		foreach ( array( 'applied', 'unchanged', 'retry', 'skipped', 'denied', 'queued' ) as $count ) {
			$counts[ $count ] = (int) ( $args[ 'meum_wc_bulk_' . $count ] ?? -1 );
		}
		return $counts;
	}

	/**
	 * The pending queued checks, by order id.
	 *
	 * @return array<int, int> Order id => action id.
	 */
	private function queued_checks(): array {
		$queued = array();
		foreach ( as_get_scheduled_actions(
			array(
				'hook'     => Order_Bulk_Check::QUEUE_HOOK,
				'group'    => Order_Bulk_Check::GROUP,
				'status'   => \ActionScheduler_Store::STATUS_PENDING,
				'per_page' => 100,
			)
		) as $action_id => $action ) {
			$queued[ (int) $action->get_args()['order_id'] ] = (int) $action_id;
		}
		return $queued;
	}

	/**
	 * The sources of the outcomes recorded for an invoice.
	 *
	 * @param string $invoice_id Invoice id.
	 * @return array<string, string> Status => source.
	 */
	private function outcome_sources( string $invoice_id ): array {
		global $wpdb;
		$table = Tables::name( Tables::OUTCOMES );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT status, source FROM $table WHERE invoice_id = %s", $invoice_id ), ARRAY_A );
		return array_column( (array) $rows, 'source', 'status' );
	}

	/**
	 * An order whose invoice Meum has paid while its webhook was lost.
	 *
	 * @return array{0: \WC_Order, 1: string} The order and its invoice id.
	 */
	private function paid_without_webhook(): array {
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$this->move( $invoice, 'pay', array(), false );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'the webhook was lost' );
		return array( $order, $invoice );
	}

	/**
	 * Prints the admin notices of the orders list of the site's storage.
	 *
	 * @param array<string, string> $args The redirect's query args.
	 * @return string The notices' HTML.
	 */
	private function notices_after( array $args ): string {
		$_GET = array_merge( $_GET, $args );
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		set_current_screen( $this->screen() );
		ob_start();
		do_action( 'admin_notices' );
		return (string) ob_get_clean();
	}

	public function test_the_action_is_offered_on_both_orders_lists_to_who_may_edit_orders(): void {
		$this->act_as( 'shop_manager' );
		foreach ( Order_Bulk_Check::SCREENS as $screen ) {
			$this->assertSame( 'Check Meum payment status', apply_filters( 'bulk_actions-' . $screen, array( 'trash' => 'Move to Trash' ) )[ Order_Bulk_Check::ACTION ] ?? null, $screen );
			$this->assertNotFalse( has_filter( 'handle_bulk_actions-' . $screen ), $screen );
		}
		$this->act_as( 'customer' );
		$this->assertArrayNotHasKey( Order_Bulk_Check::ACTION, apply_filters( 'bulk_actions-' . $this->screen(), array() ) );
		$this->assertSame( 'https://example.com/', apply_filters( 'handle_bulk_actions-' . $this->screen(), 'https://example.com/', 'mark_processing', array( 1 ) ), 'other actions pass through' );
	}

	public function test_up_to_twenty_orders_are_checked_now_through_the_same_path_as_a_webhook(): void {
		list( $paid, $paid_invoice ) = $this->paid_without_webhook();
		$waiting                     = $this->make_order();
		$this->meum_invoice( $waiting );
		$no_invoice = $this->make_order();
		$cheque     = $this->make_order( array( 'payment_method' => 'cheque' ) );
		$this->act_as( 'shop_manager' );
		Sandbox::reset_requests();

		$args = $this->bulk( array( $paid->get_id(), $waiting->get_id(), $no_invoice->get_id(), $cheque->get_id() ) );

		$this->assertSame(
			array(
				'applied'   => 1,
				'unchanged' => 2,
				'retry'     => 0,
				'skipped'   => 1,
				'denied'    => 0,
				'queued'    => 0,
			),
			$this->counts( $args )
		);
		$this->assertTrue( $this->stored_order( $paid->get_id() )->is_paid(), 'the lost payment reached its order' );
		$this->assertSame( array( 'paid' => 'admin' ), $this->outcome_sources( $paid_invoice ) );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $paid->get_id() ) );
		$this->assertSame( 'pending', $this->stored_order( $waiting->get_id() )->get_status() );
		$this->assertCount( 2, Sandbox::requests(), 'one invoice read per Meum order with an invoice, none for the others' );
		$this->assertSame( array(), $this->queued_checks() );

		$html = $this->notices_after( $args );
		$this->assertStringContainsString( 'notice-success', $html );
		$this->assertStringContainsString( '1 order was updated from Meum: see its notes. 2 orders already matched what Meum says. 1 order is not paid with Meum and was skipped.', $html );
		$this->assertContains( 'meum_wc_bulk_applied', apply_filters( 'removable_query_args', array() ), 'WordPress removes the counts from the address bar' );

		$this->assertSame( 1, $this->counts( $this->bulk( array( $paid->get_id() ) ) )['unchanged'], 'applied once' );
		$this->assertSame( array( 'customer_processing_order', 'new_order' ), $this->emails( $paid->get_id() ) );
	}

	public function test_the_orders_list_runs_the_action_behind_its_bulk_nonce_and_shows_the_counts(): void {
		list( $paid, $invoice ) = $this->paid_without_webhook();
		$hpos                   = OrderUtil::custom_orders_table_usage_is_enabled();
		$list                   = $hpos ? '/wp-admin/admin.php?page=wc-orders' : '/wp-admin/edit.php?post_type=shop_order';
		$session                = new Browserless_Session( get_userdata( $this->make_user( 'shop_manager' ) )->user_login, 'password' );
		$page                   = $session->request( 'GET', $list );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( '<option value="meum_wc_check_status">Check Meum payment status</option>', $page['body'] );
		$this->assertSame( 1, preg_match( '/name="_wpnonce" value="([0-9a-f]+)"/', $page['body'], $nonce ), 'the list\'s bulk nonce' );
		$bulk = static function ( string $wpnonce ) use ( $session, $list, $hpos, $paid ): array {
			return $session->request( 'GET', $list . '&' . http_build_query( array( 'action' => Order_Bulk_Check::ACTION, ( $hpos ? 'id' : 'post' ) => array( $paid->get_id() ), '_wpnonce' => $wpnonce, '_wp_http_referer' => $list ) ) );
		};

		$this->assertSame( 403, $bulk( 'f00dfeed00' )['status'], 'a forged request is refused by the list table' );
		$this->assertSame( 'pending', $this->stored_order( $paid->get_id() )->get_status() );

		$answer = $bulk( $nonce[1] );

		$this->assertSame( 302, $answer['status'] );
		$this->assertStringContainsString( 'meum_wc_bulk_check=done', $answer['headers']['location'] ?? '' );
		$this->assertTrue( $this->stored_order( $paid->get_id() )->is_paid(), 'checked through the list table' );
		$this->assertSame( array( 'paid' => 'admin' ), $this->outcome_sources( $invoice ) );
		$back = $session->request( 'GET', (string) wp_parse_url( $answer['headers']['location'], PHP_URL_PATH ) . '?' . wp_parse_url( $answer['headers']['location'], PHP_URL_QUERY ) );
		$this->assertStringContainsString( '1 order was updated from Meum: see its notes.', $back['body'] );
	}

	public function test_above_twenty_orders_each_check_is_queued_and_the_queued_check_applies_a_paid_invoice(): void {
		list( $paid, $paid_invoice ) = $this->paid_without_webhook();
		$ids                         = array( $paid->get_id() );
		for ( $i = 0; $i < Order_Bulk_Check::MAX_NOW; $i++ ) {
			$order = $this->make_order();
			$this->local_invoice( $order );
			$ids[] = $order->get_id();
		}
		$ids[] = $this->make_order( array( 'payment_method' => 'cheque' ) )->get_id();
		$this->act_as( 'shop_manager' );
		Sandbox::reset_requests();

		$args = $this->bulk( $ids );

		$this->assertSame(
			array(
				'applied'   => 0,
				'unchanged' => 0,
				'retry'     => 0,
				'skipped'   => 1,
				'denied'    => 0,
				'queued'    => 21,
			),
			$this->counts( $args ),
			'the count of an earlier redirect is replaced'
		);
		$queued = $this->queued_checks();
		$this->assertEqualsCanonicalizing( array_slice( $ids, 0, 21 ), array_keys( $queued ), 'one pending action per Meum order' );
		$this->assertSame( array(), Sandbox::requests(), 'nothing asked during the request' );
		$this->assertSame( 'pending', $this->stored_order( $paid->get_id() )->get_status() );
		$this->assertStringContainsString( '21 checks queued: they run in the background within minutes.', $this->notices_after( $args ) );

		$this->assertSame( 21, $this->counts( $this->bulk( $ids ) )['queued'] );
		$this->assertCount( 21, $this->queued_checks(), 'an order already queued is not queued twice' );

		\ActionScheduler::runner()->process_action( $queued[ $paid->get_id() ], 'PHPUnit' );

		$this->assertTrue( $this->stored_order( $paid->get_id() )->is_paid(), 'the queued check applied the payment' );
		$this->assertSame( array( 'paid' => 'admin' ), $this->outcome_sources( $paid_invoice ) );
		$this->assertSame( \ActionScheduler_Store::STATUS_COMPLETE, \ActionScheduler::store()->get_status( (string) $queued[ $paid->get_id() ] ) );
		$this->assertCount( 20, $this->queued_checks() );
	}

	public function test_deactivation_drops_the_queued_checks(): void {
		$order = $this->make_order();
		as_schedule_single_action( time() + HOUR_IN_SECONDS, Order_Bulk_Check::QUEUE_HOOK, array( 'order_id' => $order->get_id() ), Order_Bulk_Check::GROUP );
		$this->assertCount( 1, $this->queued_checks() );

		deactivate_plugins( plugin_basename( MEUM_WC_FILE ) );
		$queued = $this->queued_checks();
		activate_plugin( plugin_basename( MEUM_WC_FILE ) );

		$this->assertSame( array(), $queued, 'Action Scheduler would fail them once the plugin\'s callback is gone' );
	}

	public function test_nothing_is_checked_or_queued_while_the_site_address_change_is_unconfirmed(): void {
		list( $paid ) = $this->paid_without_webhook();
		$ids          = array( $paid->get_id() );
		for ( $i = 0; $i < Order_Bulk_Check::MAX_NOW; $i++ ) {
			$ids[] = $this->make_order()->get_id();
		}
		$this->move_site_to( 'https://staging.example.com' );
		$this->act_as( 'shop_manager' );
		Sandbox::reset_requests();

		foreach ( array( array( $paid->get_id() ), $ids ) as $selected ) {
			$args = $this->bulk( $selected );

			$this->assertSame( 'meum_site_changed', $args['meum_wc_bulk_check'] ?? null );
			$this->assertArrayNotHasKey( 'meum_wc_bulk_queued', $args );
		}
		$this->assertSame( array(), $this->queued_checks() );
		$this->assertSame( array(), Sandbox::requests(), 'Meum is not asked' );
		$this->assertSame( 'pending', $this->stored_order( $paid->get_id() )->get_status() );
		$html = $this->notices_after( $args );
		$this->assertStringContainsString( 'notice-error', $html );
		$this->assertStringContainsString( 'No order was checked. Meum is not connected: ', $html );
		$this->assertStringContainsString( 'address changed', $html );
	}

	public function test_a_queued_check_does_nothing_while_meum_is_not_connected(): void {
		list( $paid ) = $this->paid_without_webhook();
		$this->forget_connection();
		Sandbox::reset_requests();

		do_action( Order_Bulk_Check::QUEUE_HOOK, $paid->get_id() );

		$this->assertSame( 'pending', $this->stored_order( $paid->get_id() )->get_status() );
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_orders_the_user_may_not_edit_are_skipped_unchecked(): void {
		list( $paid ) = $this->paid_without_webhook();
		$this->act_as( 'customer' );
		Sandbox::reset_requests();

		$args = $this->bulk( array( $paid->get_id() ) );

		$this->assertSame( 1, $this->counts( $args )['denied'] );
		$this->assertSame( array(), Sandbox::requests() );
		$this->assertSame( 'pending', $this->stored_order( $paid->get_id() )->get_status() );
		$this->assertStringContainsString( 'notice-warning', $this->notices_after( $args ) );
	}
}
