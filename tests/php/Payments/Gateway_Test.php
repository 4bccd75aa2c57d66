<?php
/**
 * Tests of the Meum payment gateway and its block checkout integration inside WooCommerce.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Automattic\WooCommerce\Blocks\Package;
use Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry;
use Meum\WooCommerce\Payments\Availability;
use Meum\WooCommerce\Payments\Block_Integration;
use Meum\WooCommerce\Payments\Gateway;
use Meum\WooCommerce\Payments\Gateway_Registration;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Tests\Support\Hooked_Instances;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The gateway as WooCommerce loads it: registered only with WooCommerce, its form, the answers for
 * WooCommerce's Payments screen, availability asked from wp-admin, cron, REST and the Store API
 * without a cart or a session, the same buyers offered the method by classic and block checkout,
 * and the buyer's failure message once per flow.
 */
class Gateway_Test extends Test_Case {

	use Hooked_Instances;

	/**
	 * A product made by the test.
	 *
	 * @var \WC_Product|null
	 */
	private ?\WC_Product $product = null;

	protected function setUp(): void {
		parent::setUp();
		delete_option( Availability::SETTINGS_OPTION );
		delete_option( Refusals::OPTION );
	}

	protected function tearDown(): void {
		if ( null !== $this->product ) {
			$this->product->delete( true );
		}
		if ( function_exists( 'WC' ) ) {
			if ( null !== WC()->cart ) {
				WC()->cart->empty_cart();
			}
			if ( null !== WC()->session ) {
				wc_clear_notices();
			}
		}
		delete_option( Availability::SETTINGS_OPTION );
		delete_option( Refusals::OPTION );
		parent::tearDown();
	}

	/**
	 * Switches the method on and reloads WooCommerce's gateways.
	 *
	 * @return void
	 */
	private function switch_method_on(): void {
		update_option(
			Availability::SETTINGS_OPTION,
			array(
				'enabled'     => 'yes',
				'title'       => 'Pay with crypto (Meum)',
				'description' => 'Pay on <strong>Meum</strong> &amp; come back.',
			)
		);
		$this->reload_gateways();
	}

	/**
	 * Makes WooCommerce build its gateways again with the settings stored now. `init()` only adds
	 * to the list it already holds (at positions from the `woocommerce_gateway_order` option), so
	 * a copy built by an earlier test could stay behind the new one: the list is emptied first.
	 *
	 * @return void
	 */
	private function reload_gateways(): void {
		WC()->payment_gateways()->payment_gateways = array();
		WC()->payment_gateways()->init();
	}

	/**
	 * The gateway WooCommerce loaded.
	 *
	 * @return Gateway
	 */
	private function gateway(): Gateway {
		$gateway = WC()->payment_gateways()->payment_gateways()[ Gateway::ID ] ?? null;
		$this->assertInstanceOf( Gateway::class, $gateway, 'WooCommerce loaded the meum gateway' );
		return $gateway;
	}

	/**
	 * Whether WooCommerce's list of available gateways (classic checkout, pay-for-order, and the
	 * Store API's per-cart list) holds the method.
	 *
	 * @return bool
	 */
	private function offered(): bool {
		return isset( WC()->payment_gateways()->get_available_payment_gateways()[ Gateway::ID ] );
	}

	/**
	 * Connects again from scratch (the sandbox keeps one store per site), as an administrator.
	 *
	 * @param string $key Sandbox connection key.
	 * @return void
	 */
	private function reconnect_with( string $key ): void {
		$this->forget_connection();
		Sandbox::reset();
		$this->act_as( 'administrator' );
		$this->connect_with( $key );
	}

	public function test_the_gateway_is_registered_only_with_woocommerce(): void {
		$registration = $this->hooked_instance( 'woocommerce_payment_gateways', Gateway_Registration::class );
		if ( ! class_exists( 'WooCommerce', false ) ) {
			$this->assertNull( $registration, 'no gateway hooks without WooCommerce' );
			$this->assertFalse( class_exists( Gateway::class, false ), 'the gateway class is never loaded without WooCommerce' );
			return;
		}
		$this->assertNotNull( $registration, 'hooked on woocommerce_payment_gateways' );
		$this->gateway();
		$registry = Package::container()->get( PaymentMethodRegistry::class );
		$this->assertInstanceOf( Block_Integration::class, $registry->get_all_registered()[ Gateway::ID ] ?? null, 'registered with the Checkout block' );
	}

	public function test_the_form_keeps_enabled_title_description_and_links_to_the_settings_page(): void {
		$this->requires_woocommerce();
		$gateway = $this->gateway();

		$this->assertSame( array( 'enabled', 'title', 'description', 'connection' ), array_keys( $gateway->get_form_fields() ) );
		$this->assertSame( 'title', $gateway->get_form_fields()['connection']['type'], 'the link is text, not a setting' );
		$this->assertStringContainsString( 'href="' . esc_url( admin_url( 'admin.php?page=meum-woocommerce' ) ) . '"', $gateway->get_form_fields()['connection']['description'] );
		$this->assertSame( admin_url( 'admin.php?page=meum-woocommerce' ), $gateway->get_settings_url() );
		$this->assertSame( 'Continue to Meum', $gateway->order_button_text );
		$this->assertSame( array( 'products' ), $gateway->supports, 'no refund support: Meum cannot send refunds' );
		$this->assertFalse( $gateway->has_fields() );
		$this->assertSame( 'no', $gateway->enabled, 'off until the merchant switches it on' );
	}

	public function test_the_icon_is_a_plain_url(): void {
		$this->requires_woocommerce();
		$gateway = $this->gateway();

		$this->assertNotFalse( filter_var( $gateway->icon, FILTER_VALIDATE_URL ), $gateway->icon );
		$this->assertStringEndsWith( '/assets/meum-icon.svg', $gateway->icon );
		$this->assertFileExists( WP_PLUGIN_DIR . '/meum-woocommerce/assets/meum-icon.svg', 'the icon ships with the plugin' );
		$this->assertStringContainsString( 'src="' . esc_url( $gateway->icon ) . '"', $gateway->get_icon() );
	}

	public function test_woocommerce_payments_screen_learns_whether_setup_is_needed(): void {
		$this->requires_woocommerce();
		$gateway = $this->gateway();
		$this->assertTrue( $gateway->needs_setup(), 'not connected' );
		$this->assertFalse( $gateway->is_account_connected() );

		$this->connect_with( 'sk_live_sandbox_nopayout' );
		$this->assertTrue( $gateway->needs_setup(), 'no payout wallet' );
		$this->assertTrue( $gateway->is_account_connected() );

		$this->reconnect_with( 'sk_live_sandbox_ready' );
		$this->assertFalse( $gateway->needs_setup(), 'ready, even while switched off' );
		$this->assertTrue( $gateway->is_account_connected() );

		$this->move_site_to( 'https://staging.example.com' );
		$this->assertFalse( $gateway->is_account_connected(), 'a changed address waits for the merchant' );
		$this->assertTrue( $gateway->needs_setup() );
	}

	/**
	 * Contexts in which WooCommerce asks for the available gateways without a cart or a session.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function contexts(): array {
		return array(
			'wp-admin' => array( 'wp-admin' ),
			'cron'     => array( 'cron' ),
			'REST'     => array( 'rest' ),
		);
	}

	/**
	 * @dataProvider contexts
	 *
	 * @param string $context Where the question comes from.
	 */
	public function test_availability_is_answered_without_cart_session_or_order( string $context ): void {
		$this->requires_woocommerce();
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method_on();
		if ( 'wp-admin' === $context ) {
			set_current_screen( 'woocommerce_page_wc-orders' );
		} elseif ( 'cron' === $context ) {
			wp_set_current_user( 0 );
			$this->add_test_filter( 'wp_doing_cron', '__return_true' );
		} else {
			$this->add_test_filter( 'woocommerce_is_rest_api_request', '__return_true' );
		}
		$cart         = WC()->cart;
		$session      = WC()->session;
		WC()->cart    = null;
		WC()->session = null;
		$requests     = 0;
		$this->add_test_filter(
			'pre_http_request',
			static function ( $preempt ) use ( &$requests ) {
				++$requests;
				return $preempt;
			},
			1
		);

		try {
			$this->assertTrue( $this->offered(), "offered in $context: the total rule is skipped without a cart" );
			$this->assertTrue( $this->gateway()->is_available() );
			( new Refusals() )->refuse_currency( get_woocommerce_currency(), 'currency not accepted', time() );
			$this->assertFalse( $this->offered(), "a refused currency, in $context" );
		} finally {
			WC()->cart    = $cart;
			WC()->session = $session;
			if ( 'wp-admin' === $context ) {
				$GLOBALS['current_screen'] = null;
			}
		}
		$this->assertSame( 0, $requests, 'no network call' );
	}

	public function test_the_store_api_offers_the_method_for_a_cart_with_a_total(): void {
		$this->requires_woocommerce();
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method_on();
		wp_set_current_user( 0 );

		$this->assertNotContains( Gateway::ID, $this->store_api_methods( false ), 'an empty cart: nothing to pay' );
		$this->assertContains( Gateway::ID, $this->store_api_methods( true ), 'a cart with a product' );
	}

	/**
	 * Roles to compare classic and block checkout for.
	 *
	 * @return array<string, array{0: string|null}>
	 */
	public function buyers(): array {
		return array(
			'guest'         => array( null ),
			'customer'      => array( 'customer' ),
			'administrator' => array( 'administrator' ),
		);
	}

	/**
	 * @dataProvider buyers
	 *
	 * @param string|null $role The buyer's role, null for a guest.
	 */
	public function test_classic_and_block_checkout_offer_the_method_to_the_same_buyers( ?string $role ): void {
		$this->requires_woocommerce();
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method_on();
		$integration = Package::container()->get( PaymentMethodRegistry::class )->get_all_registered()[ Gateway::ID ];

		foreach ( array( 'ready' => true, 'no payout' => false, 'refused currency' => false ) as $case => $expected ) {
			if ( 'no payout' === $case ) {
				$this->reconnect_with( 'sk_live_sandbox_nopayout' );
			} elseif ( 'refused currency' === $case ) {
				$this->reconnect_with( 'sk_live_sandbox_ready' );
				( new Refusals() )->refuse_currency( get_woocommerce_currency(), 'currency not accepted', time() );
			}
			null === $role ? wp_set_current_user( 0 ) : $this->act_as( $role );

			$block   = $integration->is_active() && in_array( Gateway::ID, $this->store_api_methods( true ), true );
			$classic = $this->offered();
			$this->assertSame( $expected, $classic, "classic checkout, $case" );
			$this->assertSame( $classic, $block, "block checkout offers the same as classic, $case" );
			WC()->cart->empty_cart();
		}
	}

	/**
	 * The payment methods of the Store API's cart (what the Checkout block offers), as the buyer now
	 * logged in (or a guest) sees them.
	 *
	 * @param bool $with_product Whether a product is added first.
	 * @return string[] Method ids.
	 */
	private function store_api_methods( bool $with_product ): array {
		$this->add_test_filter( 'woocommerce_store_api_disable_nonce_check', '__return_true' );
		if ( $with_product ) {
			if ( null === $this->product ) {
				$this->product = new \WC_Product_Simple();
				$this->product->set_name( 'Meum test product' );
				$this->product->set_regular_price( '19.99' );
				$this->product->set_virtual( true );
				$this->product->save();
			}
			$added = $this->dispatch(
				'POST',
				'/wc/store/v1/cart/add-item',
				array(
					'id'       => $this->product->get_id(),
					'quantity' => 1,
				)
			);
			$this->assertSame( 201, $added->get_status(), (string) wp_json_encode( $added->get_data() ) );
		}
		$cart = $this->dispatch( 'GET', '/wc/store/v1/cart' );
		$this->assertSame( 200, $cart->get_status(), (string) wp_json_encode( $cart->get_data() ) );
		return (array) $this->json( $cart )['payment_methods'];
	}

	public function test_the_block_integration_holds_every_rule_that_does_not_depend_on_the_cart(): void {
		$this->requires_woocommerce();
		$integration = Package::container()->get( PaymentMethodRegistry::class )->get_all_registered()[ Gateway::ID ];
		$this->assertFalse( $integration->is_active(), 'switched off, not connected' );

		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method_on();
		$integration->initialize();
		$this->assertTrue( $integration->is_active() );

		$cart      = WC()->cart;
		WC()->cart = new \WC_Cart();
		$this->assertTrue( $integration->is_active(), 'an empty cart does not deactivate the registered method' );
		WC()->cart = $cart;

		$this->store()->update_facts( array( 'checkout_base_url' => null ) );
		$this->assertFalse( $integration->is_active(), 'no hosted checkout address' );
	}

	public function test_the_block_integration_script_and_its_data(): void {
		$this->requires_woocommerce();
		$this->switch_method_on();
		$integration = Package::container()->get( PaymentMethodRegistry::class )->get_all_registered()[ Gateway::ID ];
		$integration->initialize();

		$this->assertSame( array( Block_Integration::HANDLE ), $integration->get_payment_method_script_handles() );
		$script = wp_scripts()->registered[ Block_Integration::HANDLE ];
		$this->assertStringEndsWith( '/meum-woocommerce/build/checkout.js', $script->src );
		$this->assertContains( 'wc-blocks-registry', $script->deps, 'WooCommerce dependency extraction' );
		$this->assertContains( 'wc-settings', $script->deps );
		$this->assertContains( 'wp-i18n', $script->deps );
		$this->assertSame( 'meum-woocommerce', $script->textdomain, 'wp_set_script_translations()' );

		$this->assertSame(
			array(
				'title'                 => 'Pay with crypto (Meum)',
				'description'           => 'Pay on Meum & come back.',
				'icon'                  => plugins_url( 'assets/meum-icon.svg', WP_PLUGIN_DIR . '/meum-woocommerce/meum-woocommerce.php' ),
				'placeOrderButtonLabel' => 'Continue to Meum',
				'supports'              => array( 'products' ),
			),
			$integration->get_payment_method_data()
		);
	}

	public function test_the_block_checkout_shows_the_default_title_and_description_when_only_enabled_is_stored(): void {
		$this->requires_woocommerce();
		update_option( Availability::SETTINGS_OPTION, array( 'enabled' => 'yes' ) );
		$this->reload_gateways();
		$integration = Package::container()->get( PaymentMethodRegistry::class )->get_all_registered()[ Gateway::ID ];
		$integration->initialize();

		$data = $integration->get_payment_method_data();
		$this->assertSame( Gateway::default_title(), $data['title'] );
		$this->assertSame( Gateway::default_description(), $data['description'], 'the same description as the classic checkout shows' );
		$this->assertSame( Gateway::default_description(), WC()->payment_gateways()->payment_gateways()[ Gateway::ID ]->get_description() );
	}

	/**
	 * Flows that run process_payment(), and how many error notices each must add.
	 *
	 * @return array<string, array{0: string, 1: int}>
	 */
	public function flows(): array {
		return array(
			'classic'       => array( 'classic', 1 ),
			'pay-for-order' => array( 'pay-for-order', 1 ),
			'store-api'     => array( 'store-api', 0 ),
		);
	}

	/**
	 * @dataProvider flows
	 *
	 * @param string $flow    The flow.
	 * @param int    $notices Error notices expected.
	 */
	public function test_a_failure_message_is_added_once_in_classic_and_pay_for_order_and_never_under_the_store_api( string $flow, int $notices ): void {
		$this->requires_woocommerce();
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->switch_method_on();
		wp_set_current_user( 0 );
		$this->store_api_methods( true );
		wc_clear_notices();
		Sandbox::fail_next( '/v1/invoices', 503 );
		$order = wc_create_order();
		$order->set_payment_method( Gateway::ID );
		$order->set_total( '19.99' );
		$order->save();
		$gateway = $this->gateway();

		$result = null;
		$run    = static function () use ( $gateway, $order, &$result ) {
			$result = $gateway->process_payment( $order->get_id() );
		};
		if ( 'store-api' === $flow ) {
			// WooCommerce's own Store API path (StoreApi\Legacy), which throws the result's message.
			$context = new \Automattic\WooCommerce\StoreApi\Payments\PaymentContext();
			$context->set_order( $order );
			$context->set_payment_method( Gateway::ID );
			$payment = new \Automattic\WooCommerce\StoreApi\Payments\PaymentResult();
			$thrown  = null;
			$filters = $GLOBALS['wp_current_filter'];
			try {
				do_action_ref_array( 'woocommerce_rest_checkout_process_payment_with_context', array( $context, &$payment ) );
			} catch ( \Automattic\WooCommerce\StoreApi\Exceptions\RouteException $e ) {
				$thrown = $e->getMessage();
				// The exception left the hook on WordPress's stack, as the Store API's route leaves it.
				$GLOBALS['wp_current_filter'] = $filters; // phpcs:ignore WordPress.WP.GlobalVariablesOverride
			}
			$this->assertNotNull( $thrown, 'the Store API turns the failure into an error answer' );
			$result = array(
				'result'  => 'failure',
				'message' => html_entity_decode( (string) $thrown, ENT_QUOTES ),
			);
		} elseif ( 'pay-for-order' === $flow ) {
			do_action( 'woocommerce_before_pay_action', $order );
			$this->assertSame( 'pay-for-order', $gateway->context() );
			$run();
			do_action( 'woocommerce_after_pay_action', $order );
		} else {
			$this->assertSame( 'classic', $gateway->context() );
			$run();
		}

		$this->assertIsArray( $result );
		$this->assertSame( 'failure', $result['result'], 'Meum answers 503: the checkout fails' );
		$this->assertNotSame( '', $result['message'] ?? '', 'the message travels in the result' );
		$this->assertSame( $notices, wc_notice_count( 'error' ), "error notices in $flow" );
		if ( $notices > 0 ) {
			$this->assertSame( $result['message'], wc_get_notices( 'error' )[0]['notice'] );
		}
		$this->assertSame( 'classic', $gateway->context(), 'the flow is over' );
		$order->delete( true );
	}
}
