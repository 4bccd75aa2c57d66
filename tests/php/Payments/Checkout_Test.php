<?php
/**
 * Tests of process_payment()'s logic against the Meum sandbox.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Payments\Checkout;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Lock;
use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Meum API §A5 (creating, reusing and re-issuing invoices, the order before payment, the lock) and
 * issue 10's process_payment() rules, on real WooCommerce orders and the sandbox's invoices.
 */
class Checkout_Test extends Test_Case {

	/**
	 * Products and orders made by the test.
	 *
	 * @var array<int, \WC_Data>
	 */
	private array $made = array();

	/**
	 * Calls of the outcome callable.
	 *
	 * @var array<int, array<int, mixed>>
	 */
	private array $applied = array();

	/**
	 * The fake stopwatch's time, when one is used.
	 *
	 * @var float
	 */
	private float $now = 1000.0;

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
		$this->add_test_filter( 'pre_wp_mail', static fn () => true ); // WooCommerce's own e-mails are not under test here.
		$this->connect_with( 'sk_live_sandbox_ready' );
		Sandbox::reset_requests();
		$this->applied = array();
	}

	protected function tearDown(): void {
		foreach ( array_reverse( $this->made ) as $object ) {
			$object->delete( true );
		}
		$this->made = array();
		delete_option( Refusals::OPTION );
		foreach ( array( 'woocommerce_price_num_decimals', 'woocommerce_price_decimal_sep', 'woocommerce_price_thousand_sep' ) as $option ) {
			delete_option( $option );
		}
		parent::tearDown();
	}

	/**
	 * The checkout as the plugin builds it.
	 *
	 * @param bool $fake_stopwatch Use the test's stopwatch ($this->now) instead of the real one.
	 * @return Checkout
	 */
	private function checkout( bool $fake_stopwatch = false ): Checkout {
		$environment = new Environment();
		$clock       = new Clock();
		$client      = new Client( $environment, new Error_Mapper() );
		$store       = $this->store();
		return new Checkout(
			new Invoice_Api( $client, $store ),
			new Invoice_Table(),
			new Order_Lock( $clock ),
			new Refusals(),
			$store,
			new Status_Refresher( $client, $store, $clock ),
			$client,
			new Plugin_Log( $environment ),
			$clock,
			function ( ...$args ): void {
				$this->applied[] = $args;
			},
			$fake_stopwatch ? fn (): float => $this->now : null
		);
	}

	/**
	 * A pending order of one stock-managed product, paid with Meum.
	 *
	 * @param string $price    Product price.
	 * @param string $currency Order currency.
	 * @return \WC_Order
	 */
	private function order( string $price = '25.00', string $currency = 'USD' ): \WC_Order {
		$product = new \WC_Product_Simple();
		$product->set_name( 'Meum test product' );
		$product->set_regular_price( $price );
		$product->set_manage_stock( true );
		$product->set_stock_quantity( 10 );
		$product->save();
		$this->made[] = $product;

		$order = wc_create_order( array( 'created_via' => 'checkout' ) );
		$order->add_product( $product, 1 );
		$order->set_currency( $currency );
		$order->set_payment_method( 'meum' );
		$order->calculate_totals( false );
		$order->set_status( 'pending' );
		$order->save();
		$this->made[] = $order;
		return $order;
	}

	/**
	 * Makes the sandbox answer the next creates with 409 `EXTERNAL_ORDER_INTEGRATION_CONFLICT`.
	 *
	 * @param int $times How many.
	 * @return void
	 */
	private function arm_conflicts( int $times ): void {
		Sandbox::fail_next_with(
			'/v1/invoices',
			array(
				'code'  => 'EXTERNAL_ORDER_INTEGRATION_CONFLICT',
				'times' => $times,
			)
		);
	}

	/**
	 * The `POST /v1/invoices` requests the sandbox received.
	 *
	 * @return array<int, array<string, mixed>> Their JSON bodies.
	 */
	private function creates(): array {
		$bodies = array();
		foreach ( Sandbox::requests() as $request ) {
			if ( 'POST' === $request['method'] && '/v1/invoices' === $request['path'] ) {
				$bodies[] = $request['json'];
			}
		}
		return $bodies;
	}

	/**
	 * The `GET /v1/invoices/{id}` requests the sandbox received.
	 *
	 * @return int How many.
	 */
	private function reads(): int {
		return count(
			array_filter(
				Sandbox::requests(),
				static fn ( $r ) => 'GET' === $r['method'] && 0 === strpos( $r['path'], '/v1/invoices/' )
			)
		);
	}

	/**
	 * The plugin's notes on the order.
	 *
	 * @param \WC_Order $order Order.
	 * @return string[] Note texts, oldest first.
	 */
	private function meum_notes( \WC_Order $order ): array {
		$notes = wc_get_order_notes( array( 'order_id' => $order->get_id() ) );
		$texts = array_map( static fn ( $note ) => $note->content, $notes );
		return array_values( array_reverse( array_filter( $texts, static fn ( $text ) => false !== strpos( $text, 'Awaiting payment with Meum' ) ) ) );
	}

	/**
	 * The order as stored now.
	 *
	 * @param \WC_Order $order Order.
	 * @return \WC_Order
	 */
	private function stored( \WC_Order $order ): \WC_Order {
		$stored = Order_Meta::fresh_order( $order->get_id() );
		$this->assertNotNull( $stored );
		return $stored;
	}

	/**
	 * Stock facts: each product's stock, the order's "stock reduced" flag, each item's `_reduced_stock`.
	 *
	 * @param \WC_Order $order Order.
	 * @return array<string, mixed>
	 */
	private function stock_facts( \WC_Order $order ): array {
		$order = $this->stored( $order );
		$facts = array( 'order_stock_reduced' => (bool) $order->get_data_store()->get_stock_reduced( $order->get_id() ) );
		foreach ( $order->get_items() as $item ) {
			$product                               = wc_get_product( $item->get_product_id() );
			$facts[ 'stock_' . $item->get_id() ]   = $product ? $product->get_stock_quantity() : null;
			$facts[ 'reduced_' . $item->get_id() ] = $item->get_meta( '_reduced_stock', true );
		}
		return $facts;
	}

	/**
	 * Asserts a success redirecting to Meum's hosted checkout.
	 *
	 * @param array<string, mixed> $result Checkout result.
	 * @return string The redirect.
	 */
	private function assertRedirectsToMeum( array $result ): string {
		$this->assertSame( 'success', $result['result'], (string) wp_json_encode( $result ) );
		$base = (string) ( $this->store()->facts()['checkout_base_url'] ?? '' );
		$this->assertNotSame( '', $base );
		$this->assertStringStartsWith( untrailingslashit( $base ) . '/', $result['redirect'] );
		return $result['redirect'];
	}

	public function test_a_first_submit_creates_one_invoice_and_keeps_the_order_pending_with_one_note(): void {
		$order  = $this->order( '19.99' );
		$before = $this->stock_facts( $order );

		$result = $this->checkout()->pay( $order, 'store-api' );

		$redirect = $this->assertRedirectsToMeum( $result );
		$creates  = $this->creates();
		$this->assertCount( 1, $creates );
		$this->assertSame(
			array(
				'external_order_id' => (string) $order->get_id(),
				'amount'            => '19.99',
				'currency'          => 'USD',
				'return_url'        => $order->get_checkout_order_received_url(),
				'metadata'          => array(
					'order_number'   => (string) $order->get_order_number(),
					'site_url'       => home_url(),
					'plugin_version' => MEUM_WC_VERSION,
				),
			),
			$creates[0]
		);
		$stored  = $this->stored( $order );
		$current = Order_Meta::current_invoice( $stored );
		$this->assertNotNull( $current );
		$this->assertSame( 'pending', $stored->get_status() );
		$this->assertSame( array( $current ), Order_Meta::invoice_ids( $stored ) );
		$this->assertSame( 1, Order_Meta::last_suffix( $stored ) );
		$this->assertSame( array( "Awaiting payment with Meum (invoice $current)." ), $this->meum_notes( $order ) );
		$row = ( new Invoice_Table() )->find( $current );
		$this->assertNotNull( $row );
		$this->assertSame( (string) $order->get_id(), $row['external_order_id'] );
		$this->assertSame( '19.99', $row['amount'] );
		$this->assertSame( $redirect, $row['checkout_url'] );
		$this->assertSame( $before, $this->stock_facts( $order ), 'stock untouched' );
	}

	public function test_submitting_again_reuses_the_open_invoice_after_reading_it_without_a_note(): void {
		$order = $this->order();
		$first = $this->checkout()->pay( $order, 'classic' );
		Sandbox::reset_requests();

		$again = $this->checkout()->pay( $this->stored( $order ), 'pay-for-order' );

		$this->assertSame( $first, $again, 'same redirect' );
		$this->assertSame( array(), $this->creates(), 'no new invoice' );
		$this->assertSame( 1, $this->reads(), 'decided on a fresh read from Meum' );
		$this->assertCount( 1, $this->meum_notes( $order ), 'no note on reuse' );
	}

	/**
	 * What makes the current invoice unusable for the next submit.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function reissue_reasons(): array {
		$reasons = array( 'total changed', 'currency changed', 'expired at Meum', 'past its expiry', 'failed at Meum', 'unknown to Meum' );
		return array_combine( $reasons, array_map( static fn ( $r ) => array( $r ), $reasons ) );
	}

	/**
	 * @dataProvider reissue_reasons
	 *
	 * @param string $reason What changed.
	 */
	public function test_a_new_invoice_with_the_next_suffix_when_the_current_one_cannot_be_reused( string $reason ): void {
		$order = $this->order( '30.00' );
		$this->assertRedirectsToMeum( $this->checkout()->pay( $order, 'store-api' ) );
		$first = (string) Order_Meta::current_invoice( $this->stored( $order ) );
		$order = $this->stored( $order );
		switch ( $reason ) {
			case 'total changed':
				$order->set_total( '31.50' );
				$order->save();
				break;
			case 'currency changed':
				$order->set_currency( 'EUR' );
				$order->save();
				break;
			case 'expired at Meum':
				Sandbox::move_invoice( $first, 'expire', false );
				break;
			case 'past its expiry':
				$this->freeze_clock( time() + 2 * DAY_IN_SECONDS );
				break;
			case 'failed at Meum':
				Sandbox::move_invoice( $first, 'fail' );
				break;
			case 'unknown to Meum':
				Sandbox::fail_next_with( '/v1/invoices/{id}', array( 'code' => 'INVOICE_NOT_FOUND' ) );
				break;
		}
		Sandbox::reset_requests();

		$result = $this->checkout()->pay( $this->stored( $order ), 'store-api' );

		$this->assertRedirectsToMeum( $result );
		$creates = $this->creates();
		$this->assertCount( 1, $creates );
		$this->assertSame( $order->get_id() . '-2', $creates[0]['external_order_id'] );
		$stored = $this->stored( $order );
		$this->assertSame( 'total changed' === $reason ? '31.50' : '30.00', $creates[0]['amount'] );
		$this->assertSame( 'currency changed' === $reason ? 'EUR' : 'USD', $creates[0]['currency'] );
		$second = (string) Order_Meta::current_invoice( $stored );
		$this->assertNotSame( $first, $second );
		$this->assertSame( array( $first, $second ), array_column( ( new Invoice_Table() )->for_order( $order->get_id() ), 'invoice_id' ) );
		$this->assertSame( 2, Order_Meta::last_suffix( $stored ) );
		$this->assertSame( array( "Awaiting payment with Meum (invoice $first).", "Awaiting payment with Meum (invoice $second)." ), $this->meum_notes( $order ), 'one note per invoice' );
		$this->assertSame( 'pending', $stored->get_status() );
	}

	public function test_a_failed_order_that_gets_a_new_invoice_returns_to_pending(): void {
		$order = $this->order();
		$this->checkout()->pay( $order, 'store-api' );
		$first = (string) Order_Meta::current_invoice( $this->stored( $order ) );
		Sandbox::move_invoice( $first, 'fail' );
		$order = $this->stored( $order );
		$order->set_status( 'failed' );
		$order->save();

		$result = $this->checkout()->pay( $order, 'pay-for-order' );

		$this->assertRedirectsToMeum( $result );
		$this->assertSame( 'pending', $this->stored( $order )->get_status() );
	}

	/**
	 * @return array<string, array{0: string}>
	 */
	public function paid_statuses(): array {
		return array(
			'paid'      => array( 'pay' ),
			'underpaid' => array( 'underpay' ),
		);
	}

	/**
	 * @dataProvider paid_statuses
	 *
	 * @param string $action Sandbox move.
	 */
	public function test_when_meum_says_paid_the_outcome_applies_and_the_buyer_goes_to_order_received( string $action ): void {
		$order = $this->order();
		$this->checkout()->pay( $order, 'store-api' );
		$invoice = (string) Order_Meta::current_invoice( $this->stored( $order ) );
		Sandbox::move_invoice( $invoice, $action, false );
		Sandbox::reset_requests();

		$result = $this->checkout( true )->pay( $this->stored( $order ), 'classic' );

		$this->assertSame(
			array(
				'result'   => 'success',
				'redirect' => $order->get_checkout_order_received_url(),
			),
			$result
		);
		$this->assertSame( array(), $this->creates() );
		$this->assertSame( array( array( $invoice, (string) $order->get_id(), null, 'checkout', Checkout::BUDGET ) ), $this->applied, 'through Order_Updater::apply(), after the lock' );
		$this->assertNotNull( ( new Order_Lock() )->acquire( $order->get_id(), 0 ), 'the lock was released' );
	}

	public function test_an_order_that_needs_no_payment_goes_to_order_received_without_an_invoice(): void {
		$order = $this->order();
		$order->set_status( 'processing' );
		$order->save();
		$this->assertSame(
			array(
				'result'   => 'success',
				'redirect' => $order->get_checkout_order_received_url(),
			),
			$this->checkout()->pay( $order, 'classic' )
		);
		$this->assertSame( array(), Sandbox::requests() );
	}

	public function test_an_answer_for_another_amount_is_unusable_and_moves_to_the_next_suffix(): void {
		$order = $this->order( '40.00' );
		// Meum already holds "ID" with another amount (e.g. a lost earlier submit): it answers 200 with it.
		$key = (string) $this->stored_credentials()['api_key'];
		wp_remote_post(
			Sandbox::url() . '/v1/invoices',
			array(
				'headers' => array(
					'Authorization' => 'Bearer ' . $key,
					'Content-Type'  => 'application/json',
				),
				'body'    => (string) wp_json_encode(
					array(
						'external_order_id' => (string) $order->get_id(),
						'amount'            => '12.00',
						'currency'          => 'USD',
						'return_url'        => home_url( '/' ),
					)
				),
			)
		);
		Sandbox::reset_requests();

		$result = $this->checkout()->pay( $order, 'store-api' );

		$this->assertRedirectsToMeum( $result );
		$this->assertSame( array( (string) $order->get_id(), $order->get_id() . '-2' ), array_column( $this->creates(), 'external_order_id' ) );
		$stored = $this->stored( $order );
		$this->assertCount( 2, Order_Meta::invoice_ids( $stored ), 'the unusable one is in the history (never current)' );
		$this->assertCount( 1, $this->meum_notes( $order ), 'a note for the invoice the buyer was sent to' );
		$this->assertSame( '40.00', ( new Invoice_Table() )->find( (string) Order_Meta::current_invoice( $stored ) )['amount'] ?? null );
	}

	public function test_a_409_conflict_moves_to_the_next_suffix(): void {
		$order = $this->order();
		$this->arm_conflicts( 2 );

		$result = $this->checkout()->pay( $order, 'store-api' );

		$this->assertRedirectsToMeum( $result );
		$this->assertSame( array( (string) $order->get_id(), $order->get_id() . '-2', $order->get_id() . '-3' ), array_column( $this->creates(), 'external_order_id' ) );
		$this->assertSame( 3, Order_Meta::last_suffix( $this->stored( $order ) ) );
	}

	public function test_at_most_five_ids_per_checkout_and_the_next_checkout_goes_on_from_the_highest(): void {
		$order = $this->order();
		$this->arm_conflicts( 5 );

		$result = $this->checkout()->pay( $order, 'store-api' );

		$this->assertSame(
			array(
				'result'  => 'failure',
				'message' => Checkout::message( 'unavailable' ),
			),
			$result
		);
		$this->assertCount( 5, $this->creates() );
		$this->assertSame( 5, Order_Meta::last_suffix( $this->stored( $order ) ) );
		Sandbox::reset_requests();

		$this->assertRedirectsToMeum( $this->checkout()->pay( $this->stored( $order ), 'store-api' ) );
		$this->assertSame( array( $order->get_id() . '-6' ), array_column( $this->creates(), 'external_order_id' ) );
	}

	public function test_one_checkout_takes_at_most_20_seconds(): void {
		$order    = $this->order();
		$timeouts = array();
		$this->add_test_filter( 'meum_wc_http_timeout', static fn () => 15.0 );
		// Each request to Meum takes 8 s on the checkout's stopwatch.
		$this->add_test_filter(
			'http_request_args',
			function ( $args, $url ) use ( &$timeouts ) {
				if ( false !== strpos( (string) $url, '/v1/invoices' ) ) {
					$timeouts[] = $args['timeout'];
					$this->now += 8.0;
				}
				return $args;
			}
		);
		$this->arm_conflicts( 5 );
		$started = microtime( true );

		$result = $this->checkout( true )->pay( $order, 'store-api' );

		$this->assertSame( 'failure', $result['result'] );
		$this->assertSame( Checkout::message( 'try_again' ), $result['message'] );
		$this->assertCount( 3, $this->creates(), 'at 0 s, 8 s and 16 s; none after 20 s' );
		$this->assertSame( array( 15.0, 12.0, 4.0 ), $timeouts, 'each request gets at most what is left' );
		$this->assertLessThan( 5, microtime( true ) - $started );
	}

	/**
	 * Create failures that end the checkout at once.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string}>
	 */
	public function create_failures(): array {
		return array(
			'500 HTML'                        => array( array( 'status' => 500 ), 'try_again' ),
			'502 HTML'                        => array( array( 'status' => 502 ), 'try_again' ),
			'503 HTML'                        => array( array( 'status' => 503 ), 'try_again' ),
			'500 flat JSON'                   => array( array( 'code' => 'INTERNAL_ERROR' ), 'try_again' ),
			'429'                             => array( array( 'code' => 'RATE_LIMITED' ), 'try_again' ),
			'429 nested'                      => array(
				array(
					'code'  => 'RATE_LIMITED',
					'shape' => 'nested',
				),
				'try_again',
			),
			'403 INSUFFICIENT_SCOPE (nested)' => array( array( 'code' => 'INSUFFICIENT_SCOPE' ), 'unavailable' ),
			'403 store_mismatch (flat)'       => array( array( 'code' => 'store_mismatch' ), 'unavailable' ),
			'403 bootstrap key'               => array( array( 'code' => 'BOOTSTRAP_KEY_INVOICE_FORBIDDEN' ), 'unavailable' ),
			'400 payout wallet'               => array( array( 'code' => 'payout_wallet_not_configured' ), 'unavailable' ),
			'422 without details'             => array( array( 'code' => 'VALIDATION_ERROR' ), 'refused' ),
			'timeout'                         => array( array( 'delay_ms' => 3000 ), 'try_again' ),
		);
	}

	/**
	 * @dataProvider create_failures
	 *
	 * @param array<string, mixed> $failure Sandbox failure.
	 * @param string               $message Expected buyer message kind.
	 */
	public function test_every_create_failure_is_a_failure_with_a_message_stock_unchanged_and_a_log_line_without_secrets( array $failure, string $message ): void {
		$order = $this->order();
		$this->add_test_filter( 'meum_wc_http_timeout', static fn () => 1.0 );
		Sandbox::fail_next_with( '/v1/invoices', $failure );
		$before  = $this->stock_facts( $order );
		$secrets = (array) $this->stored_credentials();
		$result  = null;

		$logged = $this->logged_while(
			function () use ( $order, &$result ) {
				$result = $this->checkout()->pay( $order, 'classic' );
			}
		);

		$this->assertSame(
			array(
				'result'  => 'failure',
				'message' => Checkout::message( $message ),
			),
			$result
		);
		$this->assertCount( 1, $this->creates(), 'no second attempt' );
		$this->assertSame( $before, $this->stock_facts( $order ), 'stock and _reduced_stock unchanged' );
		$stored = $this->stored( $order );
		$this->assertSame( 'pending', $stored->get_status() );
		$this->assertNull( Order_Meta::current_invoice( $stored ) );
		$this->assertStringContainsString( 'of order ' . $order->get_id(), $logged );
		$this->assertStringContainsString( 'creating the invoice failed', $logged );
		foreach ( $secrets as $secret ) {
			$this->assertStringNotContainsString( (string) $secret, $logged );
		}
		$this->assertStringNotContainsString( 'Bearer', $logged );
	}

	public function test_after_an_error_the_next_checkout_asks_for_the_same_id_again(): void {
		$order = $this->order();
		$this->add_test_filter( 'meum_wc_http_timeout', static fn () => 1.0 );
		Sandbox::fail_next_with( '/v1/invoices', array( 'delay_ms' => 2500 ) );
		$this->assertSame( 'failure', $this->checkout()->pay( $order, 'store-api' )['result'] );
		usleep( 1700000 ); // The sandbox answers the timed-out request late, as a slow Meum would.

		$result = $this->checkout()->pay( $this->stored( $order ), 'store-api' );

		$this->assertRedirectsToMeum( $result );
		$this->assertSame( array( (string) $order->get_id(), (string) $order->get_id() ), array_column( $this->creates(), 'external_order_id' ) );
		$this->assertCount( 1, Sandbox::invoices(), 'one invoice at Meum: its dedupe found the one made during the timeout' );
		$this->assertSame( 1, Order_Meta::last_suffix( $this->stored( $order ) ) );
	}

	public function test_a_payout_refusal_marks_payout_not_configured_and_queues_a_status_refresh(): void {
		$order = $this->order();
		as_unschedule_all_actions( Status_Refresher::SOON_HOOK );
		Sandbox::fail_next_with( '/v1/invoices', array( 'code' => 'payout_wallet_not_configured' ) );

		$this->checkout()->pay( $order, 'store-api' );

		$this->assertFalse( $this->store()->facts()['payout_configured'] ?? null );
		$this->assertTrue( as_has_scheduled_action( Status_Refresher::SOON_HOOK ) );
		as_unschedule_all_actions( Status_Refresher::SOON_HOOK );
	}

	public function test_a_refused_currency_and_a_refused_amount_are_remembered(): void {
		$yen = $this->order( '2500', 'JPY' );
		$this->assertSame( Checkout::message( 'refused' ), $this->checkout()->pay( $yen, 'store-api' )['message'] ?? null );
		$this->assertSame( array( 'JPY' ), ( new Refusals() )->refused_currencies() );

		$small = $this->order( '0.50' );
		$this->assertSame( Checkout::message( 'refused' ), $this->checkout()->pay( $small, 'store-api' )['message'] ?? null );
		$this->assertNotNull( ( new Refusals() )->all()['amount'] );
	}

	/**
	 * Order totals with the store's decimals and separators.
	 *
	 * @return array<string, array{0: int, 1: string, 2: string, 3: string}>
	 */
	public function totals(): array {
		return array(
			'2 decimals'                 => array( 2, '.', '19.99', '19.99' ),
			'0 decimals'                 => array( 0, '.', '20', '20.00' ),
			'1 decimal'                  => array( 1, '.', '19.5', '19.50' ),
			'3 decimals, half up'        => array( 3, '.', '19.995', '20.00' ),
			'3 decimals, down'           => array( 3, '.', '19.994', '19.99' ),
			'4 decimals'                 => array( 4, '.', '10.0050', '10.01' ),
			'4 decimals, below half'     => array( 4, '.', '10.0049', '10.00' ),
			'comma decimal separator'    => array( 2, ',', '1234.56', '1234.56' ),
			'comma, 3 decimals, half up' => array( 3, ',', '7.125', '7.13' ),
			'float noise (0.1 + 0.2)'    => array( 2, '.', (string) ( 0.1 + 0.2 + 1 ), '1.30' ),
			'large'                      => array( 2, '.', '9999.99', '9999.99' ),
		);
	}

	/**
	 * @dataProvider totals
	 *
	 * @param int    $decimals  Store decimals.
	 * @param string $separator Store decimal separator.
	 * @param string $total     Order total.
	 * @param string $sent      Amount expected at Meum.
	 */
	public function test_the_amount_is_the_total_at_two_decimals_whatever_the_store_settings( int $decimals, string $separator, string $total, string $sent ): void {
		update_option( 'woocommerce_price_num_decimals', $decimals );
		update_option( 'woocommerce_price_decimal_sep', $separator );
		update_option( 'woocommerce_price_thousand_sep', ',' === $separator ? '.' : ',' );
		$order = $this->order();
		$order->set_total( $total );
		$order->save();

		$this->checkout()->pay( $this->stored( $order ), 'store-api' );

		$creates = $this->creates();
		$this->assertCount( 1, $creates );
		$this->assertSame( $sent, $creates[0]['amount'] );
	}

	public function test_the_order_id_is_sent_even_when_the_order_number_differs(): void {
		$this->add_test_filter( 'woocommerce_order_number', static fn ( $number ) => 'WEB-' . $number . '-X' );
		$order = $this->order();

		$this->checkout()->pay( $order, 'store-api' );

		$creates = $this->creates();
		$this->assertSame( (string) $order->get_id(), $creates[0]['external_order_id'] );
		$this->assertSame( 'WEB-' . $order->get_id() . '-X', $creates[0]['metadata']['order_number'] );
	}

	public function test_a_checkout_that_cannot_take_the_lock_in_time_asks_to_try_again(): void {
		$order = $this->order();
		$lock  = new Order_Lock();
		$token = $lock->acquire( $order->get_id(), 0 );
		$this->assertNotNull( $token );
		$this->add_test_filter( 'meum_wc_checkout_budget', static fn () => 1.5 );

		$result = $this->checkout()->pay( $order, 'store-api' );

		$lock->release( $order->get_id(), (string) $token );
		$this->assertSame(
			array(
				'result'  => 'failure',
				'message' => Checkout::message( 'locked' ),
			),
			$result
		);
		$this->assertSame( array(), $this->creates() );
	}

	public function test_two_submits_of_one_order_in_parallel_processes_give_one_invoice_and_the_same_redirect(): void {
		$order   = $this->order();
		$program = dirname( __DIR__, 3 ) . '/bin/wp-local/eval.php';
		$code    = sprintf(
			'$e = new Meum\WooCommerce\Environment(); $c = new Meum\WooCommerce\Clock(); $cl = new Meum\WooCommerce\Api\Client( $e, new Meum\WooCommerce\Api\Error_Mapper() );'
			. ' $s = new Meum\WooCommerce\Connection\Connection_Store( new Meum\WooCommerce\Security\Encryption( new Meum\WooCommerce\Security\Key_Material() ) );'
			. ' $k = new Meum\WooCommerce\Payments\Checkout( new Meum\WooCommerce\Payments\Invoice_Api( $cl, $s ), new Meum\WooCommerce\Payments\Invoice_Table(), new Meum\WooCommerce\Payments\Order_Lock( $c ), new Meum\WooCommerce\Payments\Refusals(), $s, new Meum\WooCommerce\Connection\Status_Refresher( $cl, $s, $c ), $cl, new Meum\WooCommerce\Logging\Plugin_Log( $e ), $c );'
			. ' echo wp_json_encode( $k->pay( wc_get_order( %d ), "store-api" ) );',
			$order->get_id()
		);
		$processes = array();
		foreach ( array( 1, 2 ) as $n ) {
			$processes[ $n ] = proc_open( array( PHP_BINARY, $program, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
			$this->assertIsResource( $processes[ $n ] );
			$outputs[ $n ] = $pipes;
		}
		$mine = $this->checkout()->pay( $order, 'store-api' );
		$results = array( $mine );
		foreach ( $processes as $n => $process ) {
			$results[] = json_decode( (string) stream_get_contents( $outputs[ $n ][1] ), true );
			$errors    = (string) stream_get_contents( $outputs[ $n ][2] );
			fclose( $outputs[ $n ][1] );
			fclose( $outputs[ $n ][2] );
			$this->assertSame( 0, proc_close( $process ), $errors );
		}

		$this->assertCount( 1, $this->creates(), 'exactly one POST /v1/invoices' );
		$this->assertRedirectsToMeum( $mine );
		$this->assertSame( array( $mine, $mine, $mine ), $results, 'the same redirect for all three submits' );
		$this->assertCount( 1, $this->meum_notes( $order ) );
	}
}
