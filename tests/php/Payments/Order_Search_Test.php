<?php
/**
 * Tests of the orders-list search by invoice id.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Automattic\WooCommerce\Utilities\OrderUtil;
use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Any invoice id of an order (current or earlier) finds it in the orders list's search, in the
 * storage the site uses (HPOS or posts; the matrix runs both).
 */
class Order_Search_Test extends Test_Case {
	use Meum_Orders;

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
	}

	/**
	 * The order ids the orders list finds for a search term, as its screen searches.
	 *
	 * @param string $term Search term.
	 * @return int[] Order ids.
	 */
	private function search( string $term ): array {
		if ( OrderUtil::custom_orders_table_usage_is_enabled() ) {
			$ids = wc_get_orders(
				array(
					's'             => $term,
					'search_filter' => 'all',
					'return'        => 'ids',
					'limit'         => -1,
				)
			);
		} else {
			$ids = \WC_Data_Store::load( 'order' )->search_orders( $term );
		}
		return array_map( 'intval', (array) $ids );
	}

	public function test_every_invoice_id_of_an_order_finds_it(): void {
		$order   = $this->make_order();
		$first   = $this->add_invoice( $order, 'expired', $this->iso_in( -60 ) );
		$current = $this->add_invoice( $order, 'pending', $this->iso_in( HOUR_IN_SECONDS ) );
		$other   = $this->make_order();
		$this->add_invoice( $other, 'pending', $this->iso_in( HOUR_IN_SECONDS ) );

		foreach ( array( $first, $current ) as $invoice_id ) {
			$this->assertSame( array( $order->get_id() ), $this->search( $invoice_id ), "$invoice_id finds its order and only it" );
		}
	}

	public function test_the_default_search_fields_stay(): void {
		$keys = apply_filters( 'woocommerce_order_table_search_query_meta_keys', array( '_billing_address_index' ) );
		$this->assertSame( array( '_billing_address_index', '_meum_wc_invoice_id' ), $keys );
		$fields = apply_filters( 'woocommerce_shop_order_search_fields', array( '_billing_email' ) );
		$this->assertSame( array( '_billing_email', '_meum_wc_invoice_id' ), $fields );
	}
}
