<?php
/**
 * Tests of the live return page's route.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Payments\Return_Page_Token;
use Meum\WooCommerce\Tests\Support\Payment_Orders;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;
use WP_REST_Request;
use WP_REST_Response;

/**
 * `GET /meum/v1/orders/{id}/payment-state` (issue 11, "Live return page"): the order key and an
 * unexpired token of that order, or 401/403; `{ state }` only; a status check through §A5 (source
 * `return_page`) at most once per order per 10 s and 30 times per minute per site, and never while
 * the credential guard says no, else the state of the stored facts.
 */
class Payment_State_Test extends Test_Case {

	use Payment_Orders;

	protected function setUp(): void {
		parent::setUp();
		$this->start_payments_test();
		self::empty_throttle();
		wp_set_current_user( 0 );
	}

	protected function tearDown(): void {
		self::empty_throttle();
		$this->finish_payments_test();
		parent::tearDown();
	}

	/**
	 * Deletes every rate-limit bucket.
	 *
	 * @return void
	 */
	private static function empty_throttle(): void {
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Tables::name( Tables::THROTTLE ) ); // phpcs:ignore WordPress.DB
	}

	/**
	 * Asks the route as the page's script does.
	 *
	 * @param int         $order_id The order id.
	 * @param string      $key      The order key sent.
	 * @param string|null $token    The token sent (default: a fresh one for the order).
	 * @return WP_REST_Response The answer.
	 */
	private function ask( int $order_id, string $key, ?string $token = null ): WP_REST_Response {
		$request = new WP_REST_Request( 'GET', '/meum/v1/orders/' . $order_id . '/payment-state' );
		$request->set_query_params(
			array(
				'key'   => $key,
				'token' => $token ?? ( new Return_Page_Token() )->issue( $order_id, time() ),
			)
		);
		$server   = rest_get_server();
		$response = rest_ensure_response( $server->dispatch( $request ) );
		return apply_filters( 'rest_post_dispatch', $response, $server, $request );
	}

	/**
	 * The state the route answers for an order (asserting a 200 with `{ state }` only).
	 *
	 * @param \WC_Order $order The order.
	 * @return string|null The state.
	 */
	private function state_of( \WC_Order $order ): ?string {
		$response = $this->ask( $order->get_id(), $order->get_order_key() );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data = $this->json( $response );
		$this->assertSame( array( 'state' ), array_keys( $data ), 'the state only: no amount, no id' );
		return $data['state'];
	}

	/**
	 * The reads of invoices Meum received since the last reset of its request log.
	 *
	 * @return int Count of `GET /v1/invoices/{id}`.
	 */
	private function invoice_reads(): int {
		$reads = 0;
		foreach ( Sandbox::requests() as $request ) {
			$reads += ( 'GET' === $request['method'] && 0 === strpos( (string) $request['path'], '/v1/invoices/' ) ) ? 1 : 0;
		}
		return $reads;
	}

	public function test_a_token_is_valid_for_its_order_until_it_expires(): void {
		$tokens = new Return_Page_Token();
		$token  = $tokens->issue( 12, 1900000000 );

		$this->assertMatchesRegularExpression( '/^1900000900\.[0-9a-f]{64}$/', $token, 'expires after 15 minutes' );
		$this->assertTrue( $tokens->verify( 12, $token, 1900000000 ) );
		$this->assertTrue( $tokens->verify( 12, $token, 1900000900 ), 'valid up to its expiry' );
		$this->assertFalse( $tokens->verify( 12, $token, 1900000901 ), 'expired' );
		$this->assertFalse( $tokens->verify( 13, $token, 1900000000 ), 'another order' );
		$this->assertFalse( $tokens->verify( 12, '1900009999.' . substr( $token, 11 ), 1900000000 ), 'a later expiry breaks the MAC' );
		$this->assertFalse( $tokens->verify( 12, substr( $token, 0, -1 ) . ( '0' === substr( $token, -1 ) ? '1' : '0' ), 1900000000 ), 'tampered' );
		foreach ( array( null, 12, '', 'abc', $token . ' ', array( $token ) ) as $bad ) {
			$this->assertFalse( $tokens->verify( 12, $bad, 1900000000 ), (string) wp_json_encode( $bad ) );
		}
	}

	public function test_the_route_refuses_without_the_order_key_and_a_valid_token_of_that_order(): void {
		$order = $this->make_order();
		$this->local_invoice( $order );
		$other = $this->make_order();
		$id    = $order->get_id();
		$key   = $order->get_order_key();
		$cases = array(
			'wrong key'         => array( $id, $other->get_order_key(), null ),
			'empty key'         => array( $id, '', null ),
			'expired token'     => array( $id, $key, ( new Return_Page_Token() )->issue( $id, time() - Return_Page_Token::LIFETIME - 1 ) ),
			'tampered token'    => array( $id, $key, preg_replace( '/^\d+/', (string) ( time() + DAY_IN_SECONDS ), ( new Return_Page_Token() )->issue( $id, time() ) ) ),
			'other order token' => array( $id, $key, ( new Return_Page_Token() )->issue( $other->get_id(), time() ) ),
			'no order'          => array( PHP_INT_MAX >> 16, $key, ( new Return_Page_Token() )->issue( PHP_INT_MAX >> 16, time() ) ),
		);
		foreach ( array( array(), array( 'key' => $key ), array( 'token' => ( new Return_Page_Token() )->issue( $id, time() ) ) ) as $query ) {
			$request = new WP_REST_Request( 'GET', '/meum/v1/orders/' . $id . '/payment-state' );
			$request->set_query_params( $query );
			$this->assertSame( 401, rest_get_server()->dispatch( $request )->get_status(), 'missing: ' . implode( ', ', array_diff( array( 'key', 'token' ), array_keys( $query ) ) ) );
		}
		Sandbox::reset_requests();
		foreach ( $cases as $case => list( $order_id, $sent_key, $token ) ) {
			$response = $this->ask( $order_id, $sent_key, $token );
			$this->assertSame( 401, $response->get_status(), $case );
			$this->assertSame( 'rest_forbidden', $response->get_data()['code'] ?? null, $case );
		}
		wp_set_current_user( $this->make_user( 'customer' ) );
		$this->assertSame( 403, $this->ask( $id, $other->get_order_key() )->get_status(), 'logged in: 403' );
		$this->assertSame( 0, $this->invoice_reads(), 'a refused request never asks Meum' );
	}

	public function test_the_route_answers_the_state_of_the_page_and_no_store(): void {
		$order = $this->make_order();
		$this->local_invoice( $order );

		$response = $this->ask( $order->get_id(), $order->get_order_key() );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'state' => 'waiting' ), $this->json( $response ) );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] ?? null );

		$paid = $this->make_order();
		$this->local_invoice( $paid, array( 'status' => 'paid' ) );
		$paid->payment_complete( 'inv_x' );
		Sandbox::reset_requests();
		$this->assertSame( 'paid', $this->state_of( $paid ) );
		$this->assertSame( null, $this->state_of( $this->make_order( array( 'payment_method' => 'cheque' ) ) ), 'no Meum section, no state' );
		$this->assertSame( 0, $this->invoice_reads(), 'neither a paid order nor another method\'s is checked' );
	}

	public function test_a_payment_whose_webhook_was_dropped_is_found_by_the_page_check(): void {
		global $wpdb;
		$order   = $this->make_order();
		$invoice = $this->meum_invoice( $order );
		$this->move( $invoice, 'pay', array(), false );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status(), 'the webhook was dropped' );
		wp_set_current_user( 0 );

		$this->assertSame( 'paid', $this->state_of( $order ), 'the answer is recomputed after the check' );

		$this->assertTrue( $this->stored_order( $order->get_id() )->is_paid() );
		$source = $wpdb->get_var( $wpdb->prepare( 'SELECT source FROM ' . Tables::name( Tables::OUTCOMES ) . ' WHERE invoice_id = %s AND status = %s', $invoice, 'paid' ) ); // phpcs:ignore WordPress.DB
		$this->assertSame( 'return_page', $source );
	}

	public function test_at_most_one_check_per_order_per_ten_seconds(): void {
		$order = $this->make_order();
		$this->meum_invoice( $order );
		$now = time();
		Sandbox::reset_requests();

		foreach ( array( 0 => 1, 1 => 1, 9 => 1, 10 => 2, 11 => 2, 19 => 2, 20 => 3 ) as $after => $reads ) {
			$this->freeze_clock( $now + $after );
			$this->assertSame( 'waiting', $this->state_of( $order ), "+$after s" );
			$this->assertSame( $reads, $this->invoice_reads(), "+$after s: $reads check(s)" );
		}
	}

	public function test_at_most_thirty_checks_per_minute_per_site_then_the_stored_state(): void {
		$now    = time();
		$orders = array();
		for ( $i = 0; $i < 31; $i++ ) {
			$orders[] = $this->make_order();
			$this->local_invoice( end( $orders ) );
		}
		$this->freeze_clock( $now );
		Sandbox::reset_requests();

		foreach ( $orders as $order ) {
			$this->assertSame( 'waiting', $this->state_of( $order ) );
		}
		$this->assertSame( 30, $this->invoice_reads(), 'the 31st request of the minute answers from stored facts' );

		$this->freeze_clock( $now + 60 );
		$this->assertSame( 'waiting', $this->state_of( $orders[30] ) );
		$this->assertSame( 31, $this->invoice_reads(), 'a new minute' );
	}

	/**
	 * The connection problems that stop every check.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function not_connected_cases(): array {
		return array(
			'never connected'      => array( 'never' ),
			'site address changed' => array( 'site-changed' ),
		);
	}

	/**
	 * @dataProvider not_connected_cases
	 *
	 * @param string $case How the connection is unusable.
	 */
	public function test_no_check_while_the_credential_guard_says_no( string $case ): void {
		global $wpdb;
		$order = $this->make_order();
		if ( 'never' === $case ) {
			$this->forget_connection();
			$this->local_invoice( $order );
		} else {
			$this->move( $this->meum_invoice( $order ), 'pay', array(), false );
			$this->move_site_to( 'https://staging.example.com' );
		}
		wp_set_current_user( 0 );
		Sandbox::reset_requests();

		$this->assertSame( 'waiting', $this->state_of( $order ), 'the stored state' );

		$this->assertSame( array(), Sandbox::requests(), 'Meum is not asked' );
		$this->assertSame( 'pending', $this->stored_order( $order->get_id() )->get_status() );
		$this->assertSame( '0', (string) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Tables::name( Tables::THROTTLE ) ), 'no hit taken' ); // phpcs:ignore WordPress.DB
	}
}
