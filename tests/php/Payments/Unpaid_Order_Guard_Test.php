<?php
/**
 * Tests of the unpaid-order cancellation guard.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Order_Payments;
use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `woocommerce_cancel_unpaid_order` as WooCommerce 10.2.4 applies it in `wc_cancel_unpaid_orders()`
 * (incoming value: `'checkout' === created_via`), for orders created via checkout, store-api and
 * admin: Meum orders that may still be paid are kept; every other order gets the incoming value
 * untouched; the check writes nothing.
 */
class Unpaid_Order_Guard_Test extends Test_Case {
	use Meum_Orders;

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
	}

	/**
	 * The three ways an order is created.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function created_via(): array {
		return array(
			'checkout'  => array( 'checkout' ),
			'store-api' => array( 'store-api' ),
			'admin'     => array( 'admin' ),
		);
	}

	/**
	 * What the filter answers for the order, as WooCommerce asks it.
	 *
	 * @param \WC_Order $order The order.
	 * @return mixed The filtered value.
	 */
	private function cancel( \WC_Order $order ) {
		$order = wc_get_order( $order->get_id() );
		return apply_filters( 'woocommerce_cancel_unpaid_order', 'checkout' === $order->get_created_via(), $order );
	}

	/**
	 * @dataProvider created_via
	 *
	 * @param string $created_via How the order was created.
	 */
	public function test_a_meum_order_with_an_open_invoice_before_its_expiry_is_kept( string $created_via ): void {
		$order = $this->make_order( $created_via );
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );

		$this->assertFalse( $this->cancel( $order ), 'an invoice the buyer may still pay keeps the order' );
	}

	/**
	 * @dataProvider created_via
	 *
	 * @param string $created_via How the order was created.
	 */
	public function test_a_meum_order_whose_invoices_are_final_or_expired_gets_the_incoming_value( string $created_via ): void {
		$order = $this->make_order( $created_via );
		$this->add_invoice( $order, 'failed', $this->iso_in( HOUR_IN_SECONDS ), null, false );
		$this->add_invoice( $order, 'pending', $this->iso_in( -60 ) );

		$this->assertSame( 'checkout' === $created_via, $this->cancel( $order ), 'WooCommerce decides: the invoices cannot be paid any more' );
	}

	/**
	 * @dataProvider created_via
	 *
	 * @param string $created_via How the order was created.
	 */
	public function test_another_invoice_open_or_paid_as_last_known_keeps_the_order( string $created_via ): void {
		foreach ( array( 'quoted', 'paid', 'underpaid' ) as $other ) {
			$order = $this->make_order( $created_via );
			$this->add_invoice( $order, $other, $this->iso_in( HOUR_IN_SECONDS ), null, false );
			$this->add_invoice( $order, 'expired', $this->iso_in( -60 ) );

			$this->assertFalse( $this->cancel( $order ), "another invoice $other keeps the order" );
		}
	}

	/**
	 * @dataProvider created_via
	 *
	 * @param string $created_via How the order was created.
	 */
	public function test_an_invoice_without_expiry_counts_as_expired_after_the_maximum_window( string $created_via ): void {
		$created = time();
		$order   = $this->make_order( $created_via );
		$this->add_invoice( $order, 'pending', '2099-12-31T23:59:59Z', $created );

		$this->freeze_clock( $created + DAY_IN_SECONDS - 60 );
		$this->assertFalse( $this->cancel( $order ), 'within 24 h the invoice may still be paid' );

		$this->freeze_clock( $created + DAY_IN_SECONDS + 60 );
		$this->assertSame( 'checkout' === $created_via, $this->cancel( $order ), 'after 24 h WooCommerce decides' );
	}

	public function test_the_maximum_window_is_filterable(): void {
		$created = time();
		$order   = $this->make_order();
		$this->add_invoice( $order, 'pending', '2099-01-01T00:00:00Z', $created );
		$this->freeze_clock( $created + 2 * HOUR_IN_SECONDS );

		$this->add_test_filter(
			Order_Payments::MAX_WINDOW_FILTER,
			static function () {
				return HOUR_IN_SECONDS;
			}
		);

		$this->assertTrue( $this->cancel( $order ) );
	}

	/**
	 * @dataProvider created_via
	 *
	 * @param string $created_via How the order was created.
	 */
	public function test_other_orders_get_the_incoming_value_untouched( string $created_via ): void {
		$order = $this->make_order( $created_via, 'pending', 'cheque' );
		$this->add_invoice( $order, 'awaiting_payment', $this->iso_in( HOUR_IN_SECONDS ) );
		$order = wc_get_order( $order->get_id() );

		foreach ( array( true, false, 'yes', 0, null ) as $incoming ) {
			$this->assertSame( $incoming, apply_filters( 'woocommerce_cancel_unpaid_order', $incoming, $order ), 'another payment method: ' . wp_json_encode( $incoming ) );
		}
		$meum = $this->make_order( $created_via );
		$this->add_invoice( $meum, 'expired', $this->iso_in( -60 ) );
		$meum = wc_get_order( $meum->get_id() );
		foreach ( array( true, false, 'yes', 0, null ) as $incoming ) {
			$this->assertSame( $incoming, apply_filters( 'woocommerce_cancel_unpaid_order', $incoming, $meum ), 'a Meum order that cannot be paid: ' . wp_json_encode( $incoming ) );
		}
		$this->assertTrue( apply_filters( 'woocommerce_cancel_unpaid_order', true, null ), 'no order: untouched' );
	}

	public function test_the_check_writes_nothing(): void {
		global $wpdb;
		$kept    = $this->make_order();
		$passed  = $this->make_order();
		$this->add_invoice( $kept, 'pending', $this->iso_in( HOUR_IN_SECONDS ) );
		$this->add_invoice( $passed, 'expired', $this->iso_in( -60 ) );
		$modified = array(
			$kept->get_id()   => wc_get_order( $kept->get_id() )->get_date_modified()->getTimestamp(),
			$passed->get_id() => wc_get_order( $passed->get_id() )->get_date_modified()->getTimestamp(),
		);
		$writes   = array();
		$spy      = static function ( $query ) use ( &$writes ) {
			if ( preg_match( '/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i', (string) $query ) ) {
				$writes[] = $query;
			}
			return $query;
		};
		$this->add_test_filter( 'query', $spy );

		$this->assertFalse( $this->cancel( $kept ) );
		$this->assertTrue( $this->cancel( $passed ) );

		$this->assertSame( array(), $writes, 'the check writes nothing' );
		foreach ( $modified as $order_id => $timestamp ) {
			wp_cache_flush();
			$this->assertSame( $timestamp, wc_get_order( $order_id )->get_date_modified()->getTimestamp() );
		}
	}
}
