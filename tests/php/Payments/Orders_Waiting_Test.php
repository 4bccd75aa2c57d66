<?php
/**
 * Tests of the count of orders waiting for Meum in the connection state.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `orders_waiting` of `GET /meum/v1/connection`: the orders whose invoices are open at Meum as
 * last known, which the settings page's Disconnect, Forget locally and "This is a new site"
 * confirmations count.
 */
class Orders_Waiting_Test extends Test_Case {
	use Meum_Orders;

	public function test_the_state_counts_the_orders_with_an_open_invoice(): void {
		$this->requires_woocommerce();
		$this->act_as( 'administrator' );
		$this->assertSame( 0, $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) )['orders_waiting'] );

		$two_open = $this->make_order();
		$this->add_invoice( $two_open, 'pending', $this->iso_in( HOUR_IN_SECONDS ), null, false );
		$this->add_invoice( $two_open, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$this->add_invoice( $this->make_order(), 'quoted', $this->iso_in( HOUR_IN_SECONDS ) );
		$this->add_invoice( $this->make_order(), 'paid', $this->iso_in( HOUR_IN_SECONDS ) );
		$this->add_invoice( $this->make_order(), 'expired', $this->iso_in( -60 ) );

		$this->assertSame( 2, $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) )['orders_waiting'], 'two orders, one of them with two open invoices' );
	}

	public function test_without_woocommerce_no_order_waits(): void {
		$this->requires_no_woocommerce();
		$this->act_as( 'administrator' );

		$this->assertSame( 0, $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) )['orders_waiting'] );
	}
}
