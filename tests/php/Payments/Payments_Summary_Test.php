<?php
/**
 * Tests of the settings page's payments slot and the flags route.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Availability;
use Meum\WooCommerce\Payments\Flags;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Tests\Support\Hooked_Instances;
use Meum\WooCommerce\Tests\Support\Recorded_Outcomes;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The payments slot (enabled, available, the first reason, the flags) as the plugin prints it, and
 * `DELETE /meum/v1/payments/flags/{id}` with its role matrix.
 */
class Payments_Summary_Test extends Test_Case {

	use Hooked_Instances;
	use Recorded_Outcomes;

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
		delete_option( Availability::SETTINGS_OPTION );
		delete_option( Refusals::OPTION );
		$this->delete_flags();
	}

	protected function tearDown(): void {
		delete_option( Availability::SETTINGS_OPTION );
		delete_option( Refusals::OPTION );
		$this->delete_flags();
		parent::tearDown();
	}

	/**
	 * The slot as the running plugin's settings page prints it now.
	 *
	 * @return array<string, mixed>
	 */
	private function slot(): array {
		$page = $this->hooked_instance( 'admin_menu', \Meum\WooCommerce\Admin\Settings_Page::class );
		$this->assertNotNull( $page, 'the settings page is hooked' );
		$payments = $page->settings_data()['payments'];
		$this->assertIsArray( $payments );
		return $payments;
	}

	public function test_the_slot_says_why_checkout_does_not_offer_meum(): void {
		$this->assertFalse( $this->slot()['enabled'] );
		$this->assertFalse( $this->slot()['available'] );
		$this->assertSame( 'The store is not connected to Meum.', $this->slot()['reason'], 'the first reason other than switched off' );

		update_option( Availability::SETTINGS_OPTION, array( 'enabled' => 'yes' ) );
		$this->connect_with( 'sk_live_sandbox_nopayout' );
		$this->assertTrue( $this->slot()['enabled'] );
		$this->assertFalse( $this->slot()['available'] );
		$this->assertSame( 'No payout wallet is set in Meum.', $this->slot()['reason'] );

		$this->forget_connection();
		Sandbox::reset();
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->assertTrue( $this->slot()['available'] );
		$this->assertNull( $this->slot()['reason'] );

		( new Refusals() )->refuse_currency( get_woocommerce_currency(), 'currency not accepted', time() );
		$this->assertFalse( $this->slot()['available'] );
		$this->assertStringContainsString( get_woocommerce_currency(), (string) $this->slot()['reason'] );
	}

	public function test_a_switched_off_method_is_never_available_even_when_ready(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		$this->assertSame( array( false, false, null ), array( $this->slot()['enabled'], $this->slot()['available'], $this->slot()['reason'] ) );
	}

	public function test_flags_are_listed_newest_first_with_their_order(): void {
		$order = wc_create_order();
		$flags = new Flags();
		$old   = $flags->raise( $order->get_id(), 'second_payment', 'A second invoice was paid.', 1764500000 );
		$new   = $flags->raise( $order->get_id() + 1000, 'overpaid', 'Meum received more than the total.', 1764600000 );

		$listed = $this->slot()['flags'];
		$this->assertSame( array( $new, $old ), array_column( $listed, 'id' ) );
		$this->assertSame(
			array(
				'id'       => $old,
				'orderId'  => $order->get_id(),
				'orderUrl' => $order->get_edit_order_url(),
				'kind'     => 'second_payment',
				'message'  => 'A second invoice was paid.',
				'at'       => '2025-11-30T10:53:20Z',
			),
			$listed[1]
		);
		$this->assertSame( '/meum/v1/payments/flags', $this->slot()['flagsPath'] );
		$order->delete( true );
	}

	public function test_the_slot_counts_the_payments_a_status_check_found_in_the_last_30_days(): void {
		$this->record_outcome( 'webhook' );
		$this->assertSame( 0, $this->slot()['reconciled'], 'payments a webhook brought are not counted' );

		$this->record_outcome( 'reconciliation', HOUR_IN_SECONDS );
		$this->record_outcome( 'reconciliation', 29 * DAY_IN_SECONDS );
		$this->record_outcome( 'reconciliation', 31 * DAY_IN_SECONDS );
		$this->record_outcome( 'reconciliation', HOUR_IN_SECONDS, 'expired' );
		$this->record_outcome( 'return_page' );

		$this->assertSame( 2, $this->slot()['reconciled'], 'paid by a scheduled status check, in the last 30 days' );
	}

	/**
	 * Role, expected status.
	 *
	 * @return array<string, array{0: string|null, 1: int}>
	 */
	public function roles(): array {
		return array(
			'anonymous'     => array( null, 401 ),
			'customer'      => array( 'customer', 403 ),
			'editor'        => array( 'editor', 403 ),
			'shop manager'  => array( 'shop_manager', 200 ),
			'administrator' => array( 'administrator', 200 ),
		);
	}

	/**
	 * @dataProvider roles
	 *
	 * @param string|null $role   Role, null for anonymous.
	 * @param int         $status Expected status.
	 */
	public function test_dismissing_a_flag_needs_the_management_capability( ?string $role, int $status ): void {
		$flags = new Flags();
		$id    = $flags->raise( 41, 'overpaid', 'Meum received more than the total.', 1764600000 );
		$other = $flags->raise( 42, 'paid_elsewhere', 'This order was paid another way.', 1764600100 );
		if ( null !== $role ) {
			$this->act_as( $role );
		}

		$response = $this->dispatch( 'DELETE', '/meum/v1/payments/flags/' . $id );

		$this->assertSame( $status, $response->get_status() );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] ?? null );
		if ( 200 === $status ) {
			$this->assertSame( array( $other ), array_column( $this->json( $response )['flags'], 'id' ), 'answers the flags that remain' );
			$this->assertSame( array( $other ), array_column( $flags->all(), 'id' ) );
			$again = $this->dispatch( 'DELETE', '/meum/v1/payments/flags/' . $id );
			$this->assertSame( 200, $again->get_status(), 'dismissing a flag already gone is not an error' );
		} else {
			$this->assertCount( 2, $flags->all(), 'nothing dismissed' );
		}
	}

	public function test_a_malformed_flag_id_is_not_routed(): void {
		$this->act_as( 'administrator' );

		$this->assertSame( 404, $this->dispatch( 'DELETE', '/meum/v1/payments/flags/' . rawurlencode( '../x' ) )->get_status() );
	}
}
