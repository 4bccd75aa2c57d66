<?php
/**
 * Tests of the availability rules of the Meum payment method.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Payments\Availability;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Each rule of issue 10 ("Availability"), reached through the plugin's own code and the sandbox:
 * a connection made through the REST route, Meum's refusals as the checkout records them. No rule
 * makes a network call, and none needs a cart, a session or an order.
 */
class Availability_Test extends Test_Case {

	/**
	 * Outbound HTTP requests made while a check ran.
	 *
	 * @var string[]
	 */
	private array $requests = array();

	/**
	 * WooCommerce's cart of this process, put aside so that each test starts without a cart (as
	 * wp-admin, cron and REST requests do).
	 *
	 * @var \WC_Cart|null
	 */
	private ?\WC_Cart $cart = null;

	protected function setUp(): void {
		parent::setUp();
		delete_option( Availability::SETTINGS_OPTION );
		delete_option( Refusals::OPTION );
		if ( function_exists( 'WC' ) ) {
			$this->cart = WC()->cart;
			WC()->cart  = null;
		}
	}

	protected function tearDown(): void {
		if ( function_exists( 'WC' ) ) {
			WC()->cart = $this->cart;
		}
		delete_option( Availability::SETTINGS_OPTION );
		delete_option( Refusals::OPTION );
		parent::tearDown();
	}

	/**
	 * The rules as the plugin builds them.
	 *
	 * @return Availability
	 */
	private function availability(): Availability {
		return new Availability( $this->store(), new Client( new Environment(), new Error_Mapper() ), new Refusals() );
	}

	/**
	 * Switches the method on (or off) as WooCommerce's form stores it.
	 *
	 * @param bool $enabled On or off.
	 * @return void
	 */
	private function switch_method( bool $enabled ): void {
		update_option(
			Availability::SETTINGS_OPTION,
			array(
				'enabled' => $enabled ? 'yes' : 'no',
				'title'   => 'Pay with crypto (Meum)',
			)
		);
	}

	/**
	 * The rule codes that stop the method, recording any outbound request meanwhile.
	 *
	 * @param \WC_Order|null $order The order paid, if any.
	 * @return string[]
	 */
	private function reasons( ?\WC_Order $order = null ): array {
		$this->requests = array();
		$record         = function ( $preempt, $args, $url ) {
			$this->requests[] = (string) $url;
			return $preempt;
		};
		add_filter( 'pre_http_request', $record, 1, 3 );
		try {
			$reasons = $this->availability()->reasons( $order );
		} finally {
			remove_filter( 'pre_http_request', $record, 1 );
		}
		$this->assertSame( array(), $this->requests, 'availability never calls the network' );
		foreach ( $reasons as $message ) {
			$this->assertNotSame( '', $message, 'each reason is worded for the merchant' );
		}
		return array_keys( $reasons );
	}

	/**
	 * Connects again from scratch (the sandbox keeps one store per site).
	 *
	 * @param string $key Sandbox connection key.
	 * @return void
	 */
	private function reconnect_with( string $key ): void {
		$this->forget_connection();
		Sandbox::reset();
		$this->connect_with( $key );
	}

	public function test_a_connected_store_with_the_method_switched_on_offers_it(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method( true );

		$this->assertSame( array(), $this->reasons() );
	}

	public function test_the_method_switched_off_is_not_offered(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method( false );

		$this->assertSame( array( 'disabled' ), $this->reasons() );
		delete_option( Availability::SETTINGS_OPTION );
		$this->assertSame( array( 'disabled' ), $this->reasons(), 'never saved = off (the form default)' );
	}

	public function test_a_store_that_is_not_connected_does_not_offer_it(): void {
		$this->switch_method( true );

		$this->assertSame( array( 'not_connected' ), $this->reasons() );
	}

	public function test_a_connection_that_must_be_made_again_does_not_offer_it(): void {
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'revoked' => true ) );
		$this->assertContains( 'reconnect_required', $this->reasons(), 'revoked by Meum' );

		$this->reconnect_with( 'sk_live_sandbox_ready' );
		$stored            = get_option( Connection_Store::CREDENTIALS_OPTION );
		$stored['api_key'] = Encryption::PREFIX . str_repeat( 'A', 64 );
		update_option( Connection_Store::CREDENTIALS_OPTION, $stored, false );
		$this->assertContains( 'reconnect_required', $this->reasons(), 'credentials that do not decrypt' );

		delete_option( Connection_Store::CREDENTIALS_OPTION );
		$this->assertContains( 'reconnect_required', $this->reasons(), 'facts without secrets' );
	}

	public function test_an_unconfirmed_site_address_change_does_not_offer_it(): void {
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->move_site_to( 'https://staging.example.com' );

		$this->assertSame( array( 'site_changed' ), $this->reasons() );
	}

	public function test_a_store_without_payout_wallet_does_not_offer_it(): void {
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_nopayout' );

		$this->assertSame( array( 'no_payout' ), $this->reasons() );

		$this->store()->update_facts( array( 'payout_configured' => null ) );
		$this->assertSame( array(), $this->reasons(), 'unknown counts as configured (as far as the plugin knows)' );
	}

	/**
	 * Stored checkout_base_url, Meum API base URL, whether valid.
	 *
	 * @return array<string, array{0: mixed, 1: string, 2: bool}>
	 */
	public function checkout_base_urls(): array {
		return array(
			'https'                     => array( 'https://pay.meum.io', 'https://api.meum.io', true ),
			'https with a port'         => array( 'https://pay.meum.io:8443', 'https://api.meum.io', true ),
			'http for the http sandbox' => array( 'http://127.0.0.1:9342', 'http://127.0.0.1:9341', true ),
			'http for an https API'     => array( 'http://pay.meum.io', 'https://api.meum.io', false ),
			'missing'                   => array( null, 'https://api.meum.io', false ),
			'empty'                     => array( '', 'https://api.meum.io', false ),
			'relative'                  => array( '/pay', 'https://api.meum.io', false ),
			'another scheme'            => array( 'ftp://pay.meum.io', 'ftp://api.meum.io', false ),
			'javascript'                => array( 'javascript:alert(1)', 'https://api.meum.io', false ),
			'with credentials'          => array( 'https://user:pass@pay.meum.io', 'https://api.meum.io', false ),
			'not a string'              => array( array( 'https://pay.meum.io' ), 'https://api.meum.io', false ),
		);
	}

	/**
	 * @dataProvider checkout_base_urls
	 *
	 * @param mixed  $checkout_base The stored checkout_base_url.
	 * @param string $api_base      Meum's API base URL.
	 * @param bool   $valid         Whether the method may be offered.
	 */
	public function test_the_hosted_checkout_address_must_be_valid( $checkout_base, string $api_base, bool $valid ): void {
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'checkout_base_url' => $checkout_base ) );
		$this->use_meum_base_url( $api_base );

		$this->assertSame( $valid ? array() : array( 'checkout_url' ), $this->reasons() );
	}

	public function test_a_currency_meum_refused_is_not_offered_until_the_next_status_refresh(): void {
		$this->requires_woocommerce();
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );
		$currency = get_woocommerce_currency();
		( new Refusals() )->refuse_currency( 'XTS' === $currency ? 'XXX' : 'XTS', 'not accepted', time() );
		$this->assertSame( array(), $this->reasons(), 'another currency refused' );

		( new Refusals() )->refuse_currency( $currency, 'currency not accepted', time() );
		$this->assertSame( array( 'currency_refused' ), $this->reasons() );
		$this->assertStringContainsString( $currency, $this->availability()->reasons()['currency_refused'] );

		$response = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array(), $this->reasons(), 'a successful status refresh forgets the refusal' );
	}

	public function test_the_order_being_paid_decides_the_total_and_the_currency(): void {
		$this->requires_woocommerce();
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );

		$order = wc_create_order();
		$order->set_currency( 'EUR' );
		foreach ( array( '0' => false, '0.00' => false, '0.004' => false, '0.005' => true, '19.99' => true, '-5' => false ) as $total => $offered ) {
			$order->set_total( (string) $total );
			$this->assertSame( $offered ? array() : array( 'no_total' ), $this->reasons( $order ), "order total $total" );
		}

		$order->set_total( '19.99' );
		( new Refusals() )->refuse_currency( 'EUR', 'currency not accepted', time() );
		$this->assertSame( array( 'currency_refused' ), $this->reasons( $order ), "the order's own currency" );
		$order->delete( true );
	}

	public function test_the_cart_total_applies_when_there_is_a_cart_and_no_order(): void {
		$this->requires_woocommerce();
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->assertNull( WC()->cart, 'no cart in this context' );
		$this->assertSame( array(), $this->reasons(), 'without a cart the total rule is skipped' );

		WC()->cart = new \WC_Cart();
		$this->assertSame( array( 'no_total' ), $this->reasons(), 'an empty cart' );
		WC()->cart->set_total( '25.00' );
		$this->assertSame( array(), $this->reasons() );
	}

	public function test_the_setup_rules_ignore_the_cart(): void {
		$this->requires_woocommerce();
		$this->switch_method( true );
		$this->connect_with( 'sk_live_sandbox_ready' );

		WC()->cart = new \WC_Cart();
		$this->assertSame( array(), $this->availability()->setup_reasons() );
		$this->assertSame( array( 'no_total' ), $this->reasons() );
	}

	public function test_every_reason_is_listed_at_once(): void {
		$this->connect_with( 'sk_live_sandbox_nopayout' );
		$this->store()->update_facts( array( 'checkout_base_url' => null ) );
		$this->move_site_to( 'https://staging.example.com' );

		$this->assertSame( array( 'disabled', 'site_changed', 'no_payout', 'checkout_url' ), $this->reasons() );
	}
}
