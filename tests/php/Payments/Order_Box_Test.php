<?php
/**
 * Tests of the "Meum payment" box and its check route.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Automattic\WooCommerce\Utilities\OrderUtil;
use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Payments\Invoice;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Box;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Update_Result;
use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The box on the order screen of the storage the site uses (HPOS or posts; the matrix runs both),
 * its facts and invoice history, and `POST /meum/v1/orders/{id}/check` by role.
 */
class Order_Box_Test extends Test_Case {
	use Meum_Orders;

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
		if ( ! function_exists( 'wc_get_page_screen_id' ) ) {
			// WooCommerce loads its admin functions on admin requests only; the order screen is one.
			require_once WC_ABSPATH . 'includes/admin/wc-admin-functions.php';
		}
	}

	protected function tearDown(): void {
		global $wp_meta_boxes;
		$wp_meta_boxes = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride
		parent::tearDown();
	}

	/**
	 * The order screen's id and the object its meta boxes receive, in the site's storage.
	 *
	 * @param \WC_Order $order The order.
	 * @return array{0: string, 1: \WC_Order|\WP_Post}
	 */
	private function screen_of( \WC_Order $order ): array {
		return OrderUtil::custom_orders_table_usage_is_enabled()
			? array( wc_get_page_screen_id( 'shop-order' ), $order )
			: array( 'shop_order', get_post( $order->get_id() ) );
	}

	/**
	 * Runs the order screen's `add_meta_boxes` and prints the Meum box when there is one.
	 *
	 * @param \WC_Order $order The order.
	 * @return string|null The box's HTML, or null when the screen has no Meum box.
	 */
	private function box_on_screen( \WC_Order $order ): ?string {
		global $wp_meta_boxes;
		list( $screen, $object ) = $this->screen_of( $order );
		do_action( 'add_meta_boxes', $screen, $object );
		$box = null;
		foreach ( (array) ( $wp_meta_boxes[ $screen ] ?? array() ) as $contexts ) {
			foreach ( (array) $contexts as $boxes ) {
				if ( isset( $boxes[ Order_Box::BOX_ID ] ) && is_array( $boxes[ Order_Box::BOX_ID ] ) ) {
					$box = $boxes[ Order_Box::BOX_ID ];
				}
			}
		}
		if ( null === $box ) {
			return null;
		}
		$this->assertSame( 'Meum payment', $box['title'] );
		ob_start();
		call_user_func( $box['callback'], $object, $box );
		return (string) ob_get_clean();
	}

	/**
	 * Creates the order's invoice at the sandbox and records it as a checkout does (current invoice).
	 *
	 * @param \WC_Order $order The order.
	 * @return string The invoice id.
	 */
	private function sandbox_invoice( \WC_Order $order ): string {
		$invoice = ( new Invoice_Api( new Client( new Environment(), new Error_Mapper() ), $this->store() ) )->create(
			array(
				'external_order_id' => (string) $order->get_id(),
				'amount'            => '19.99',
				'currency'          => 'USD',
				'return_url'        => $order->get_checkout_order_received_url(),
				'metadata'          => array( 'order_number' => $order->get_order_number() ),
			),
			10.0
		);
		$this->assertInstanceOf( Invoice::class, $invoice );
		( new Invoice_Table() )->record( $order->get_id(), 1, $invoice, time() );
		Order_Meta::add_invoice( $order, $invoice->id() );
		Order_Meta::set_current_invoice( $order, $invoice->id() );
		Order_Meta::set_last_suffix( $order, 1 );
		$order->save();
		return $invoice->id();
	}

	/**
	 * Draws the order screen while recording every HTTP request WordPress is asked to make.
	 *
	 * @param \WC_Order $order The order.
	 * @return array{0: string, 1: string[]} The box's HTML and the URLs requested meanwhile.
	 */
	private function box_and_requests( \WC_Order $order ): array {
		Sandbox::reset_requests();
		$urls = array();
		$spy  = static function ( $preempt, $args, $url ) use ( &$urls ) {
			$urls[] = (string) $url;
			return $preempt;
		};
		add_filter( 'pre_http_request', $spy, 1, 3 );
		$html = (string) $this->box_on_screen( Order_Meta::fresh_order( $order->get_id() ) );
		remove_filter( 'pre_http_request', $spy, 1 );
		return array( $html, $urls );
	}

	/**
	 * Asserts the paid facts Meum gave for the order's 19.99 USD invoice are in the box.
	 *
	 * @param string $html The box's content.
	 * @return void
	 */
	private function assert_paid_facts( string $html ): void {
		$this->assertStringContainsString( '<dt>Status at Meum</dt><dd>paid</dd>', $html );
		$this->assertStringContainsString( '<dt>Paid</dt><dd>19.99 USD</dd>', $html );
		$this->assertMatchesRegularExpression( '#<dt>Transaction hash</dt><dd><code>[^<]+</code></dd>#', $html );
		$this->assertMatchesRegularExpression( '#<dt>Settlement asset</dt><dd>[^&<]+</dd>#', $html );
		$this->assertMatchesRegularExpression( '#<dt>Paid at \(UTC\)</dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</dd>#', $html );
	}

	public function test_a_meum_order_screen_has_the_box_with_its_invoice_and_history(): void {
		$order   = $this->make_order();
		$first   = $this->add_invoice( $order, 'expired', $this->iso_in( -60 ) );
		$current = $this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );

		$html = $this->box_on_screen( wc_get_order( $order->get_id() ) );

		$this->assertNotNull( $html, 'the order screen has the Meum payment box' );
		$this->assertStringContainsString( '<dt>Invoice</dt><dd><code>' . $current . '</code></dd>', $html );
		$this->assertStringContainsString( '<dt>Status at Meum</dt><dd>awaiting_payment</dd>', $html );
		$this->assertStringContainsString( '<dt>Order total</dt>', $html );
		$this->assertStringContainsString( '19.99', $html );
		foreach ( array( 'Paid', 'Difference', 'Settlement asset', 'Transaction hash', 'Paid at (UTC)' ) as $label ) {
			$this->assertStringContainsString( "<dt>$label</dt>", $html );
		}
		$this->assertStringContainsString( 'Invoice history', $html );
		$this->assertStringContainsString( '<code>' . $first . '</code></td>', $html );
		$this->assertStringContainsString( '<code>' . $current . '</code> (current)', $html );
		$this->assertLessThan( strpos( $html, $current . '</code> (current)' ), strpos( $html, $first . '</code></td>' ), 'oldest first' );
		$this->assertStringContainsString( 'Check payment status with Meum', $html );
		$this->assertStringContainsString( '<dt>Paid</dt><dd>&#8212;</dd>', $html, 'nothing paid is known yet' );
		$this->assertStringContainsString( 'As last known from Meum', $html );
		$this->assertSame( array(), Sandbox::requests(), 'no request without a usable connection' );
		$this->assertTrue( wp_script_is( Order_Box::SCRIPT_HANDLE, 'enqueued' ) );
	}

	public function test_other_orders_have_no_box(): void {
		$this->assertNull( $this->box_on_screen( $this->make_order( 'checkout', 'pending', 'cheque' ) ) );
	}

	public function test_a_meum_order_without_invoice_says_so(): void {
		$html = $this->box_on_screen( $this->make_order() );

		$this->assertStringContainsString( 'No Meum invoice was created for this order yet.', (string) $html );
	}

	public function test_the_check_route_needs_the_right_to_edit_the_order(): void {
		$order = $this->make_order();
		$route = '/meum/v1/orders/' . $order->get_id() . '/check';

		$this->assertSame( 401, $this->dispatch( 'POST', $route )->get_status(), 'anonymous' );
		foreach ( array( 'customer', 'subscriber' ) as $role ) {
			$this->act_as( $role );
			$this->assertSame( 403, $this->dispatch( 'POST', $route )->get_status(), $role );
		}
		$this->act_as( 'shop_manager' );
		$this->assertSame( 404, $this->dispatch( 'GET', $route )->get_status(), 'POST only' );
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_the_check_route_answers_the_outcome_and_the_new_box(): void {
		$order   = $this->make_order();
		$current = $this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$this->act_as( 'shop_manager' );

		$response = $this->dispatch( 'POST', '/meum/v1/orders/' . $order->get_id() . '/check' );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data = $this->json( $response );
		$this->assertSame( array( 'outcome', 'reason', 'message', 'box' ), array_keys( $data ) );
		$this->assertContains( $data['outcome'], array( Update_Result::APPLIED, Update_Result::NOTHING, Update_Result::RETRY_LATER ) );
		$this->assertNotSame( '', $data['message'] );
		$this->assertStringContainsString( '<code>' . $current . '</code>', $data['box'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] ?? null );
	}

	public function test_the_check_route_refuses_an_order_not_paid_with_meum(): void {
		$other = $this->make_order( 'checkout', 'pending', 'cheque' );
		$this->act_as( 'administrator' );

		$response = $this->dispatch( 'POST', '/meum/v1/orders/' . $other->get_id() . '/check' );

		$this->assertSame( 404, $response->get_status() );
		$this->assertSame( 'meum_order_not_found', $response->get_data()['code'] ?? null );
	}

	public function test_the_check_applies_a_payment_whose_webhook_was_lost_and_shows_its_details(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->add_test_filter( 'pre_wp_mail', '__return_true' );
		$order   = $this->make_order();
		$invoice = $this->sandbox_invoice( $order );
		foreach ( array( array( '/__sandbox/delivery-policy', array( 'drop' => true ) ), array( '/__sandbox/invoices/' . rawurlencode( $invoice ) . '/pay', array() ) ) as $call ) {
			$answer = wp_remote_post(
				Sandbox::url() . $call[0],
				array(
					'headers' => array( 'Content-Type' => 'application/json' ),
					'body'    => (string) wp_json_encode( (object) $call[1] ),
				)
			);
			$this->assertSame( 200, wp_remote_retrieve_response_code( $answer ), $call[0] );
		}
		$this->assertSame( 'pending', wc_get_order( $order->get_id() )->get_status(), 'the webhook was lost' );
		$this->act_as( 'shop_manager' );

		$data = $this->json( $this->dispatch( 'POST', '/meum/v1/orders/' . $order->get_id() . '/check' ) );

		$this->assertSame( Update_Result::APPLIED, $data['outcome'], (string) wp_json_encode( $data ) );
		$this->assertTrue( Order_Meta::fresh_order( $order->get_id() )->is_paid(), 'paid through the same path as a webhook' );
		$this->assert_paid_facts( $data['box'] );

		list( $html, $urls ) = $this->box_and_requests( $order );
		$this->assert_paid_facts( $html );
		$this->assertSame( array(), $urls, 'the screen shows what the check stored, without asking Meum' );

		$again = $this->json( $this->dispatch( 'POST', '/meum/v1/orders/' . $order->get_id() . '/check' ) );
		$this->assertSame( Update_Result::NOTHING, $again['outcome'], 'applied once' );
	}

	public function test_the_box_shows_the_facts_a_webhook_brought_without_asking_meum(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->add_test_filter( 'pre_wp_mail', '__return_true' );
		$order   = $this->make_order();
		$invoice = $this->sandbox_invoice( $order );

		Sandbox::move_invoice( $invoice, 'pay' );
		list( $html, $urls ) = $this->box_and_requests( $order );

		$this->assertTrue( Order_Meta::fresh_order( $order->get_id() )->is_paid(), 'the webhook was applied' );
		$this->assert_paid_facts( $html );
		$this->assertSame( array(), $urls, 'no request while drawing the screen' );
		$this->assertSame( array(), Sandbox::requests(), 'nothing in the sandbox\'s request log' );
	}

	public function test_the_box_is_drawn_from_stored_facts_when_meum_fails(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$order   = $this->make_order();
		$invoice = $this->sandbox_invoice( $order );
		Sandbox::fail_next( '/v1/invoices/{id}', 500, 3 );

		list( $html, $urls ) = $this->box_and_requests( $order );

		$this->assertStringContainsString( '<dt>Status at Meum</dt><dd>' . ( new Invoice_Table() )->find( $invoice )['status'] . '</dd>', $html, 'the last known status' );
		$this->assertSame( array(), $urls, 'no request while drawing the screen' );
		$this->assertSame( array(), Sandbox::requests(), 'the failing read was never asked' );
	}

	public function test_the_box_is_drawn_from_stored_facts_when_meum_is_down(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$order   = $this->make_order();
		$invoice = $this->sandbox_invoice( $order );
		$this->use_meum_base_url( 'http://127.0.0.1:9' );

		$started             = microtime( true );
		list( $html, $urls ) = $this->box_and_requests( $order );

		$this->assertStringContainsString( '<code>' . $invoice . '</code>', $html );
		$this->assertSame( array(), $urls, 'no request while drawing the screen' );
		$this->assertLessThan( 1.0, microtime( true ) - $started, 'the screen waits on nothing' );
	}

	/**
	 * The connection problems the check reports, each brought about as the merchant meets it.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function not_connected_cases(): array {
		return array(
			'never connected'      => array( 'never' ),
			'reconnect required'   => array( 'revoked' ),
			'site address changed' => array( 'site-changed' ),
		);
	}

	/**
	 * @dataProvider not_connected_cases
	 *
	 * @param string $case How the connection is unusable.
	 */
	public function test_the_check_says_when_meum_is_not_connected( string $case ): void {
		$order = $this->make_order();
		if ( 'never' !== $case ) {
			$this->connect_with( 'sk_live_sandbox_ready' );
		}
		$current = $this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		if ( 'revoked' === $case ) {
			Sandbox::revoke( home_url() );
			$this->assertSame( 200, $this->dispatch( 'POST', '/meum/v1/connection/refresh' )->get_status() );
		} elseif ( 'site-changed' === $case ) {
			$this->move_site_to( 'https://staging.example.com' );
		}
		$this->act_as( 'shop_manager' );
		Sandbox::reset_requests();

		$data = $this->json( $this->dispatch( 'POST', '/meum/v1/orders/' . $order->get_id() . '/check' ) );

		$this->assertSame( Update_Result::RETRY_LATER, $data['outcome'] );
		$this->assertSame( 'not_connected', $data['reason'] );
		$this->assertStringStartsWith( 'Meum is not connected: ', $data['message'] );
		$this->assertStringNotContainsString( 'could not be reached in time', $data['message'] );
		$this->assertStringContainsString( 'site-changed' === $case ? 'address changed' : 'no usable connection', $data['message'] );
		$this->assertStringContainsString( '<code>' . $current . '</code>', $data['box'] );
		$this->assertSame( array(), Sandbox::requests(), 'Meum is not asked' );
	}
}
