<?php
/**
 * Tests of the plugin's order meta.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Order_Meta;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Issue 10: the order's facts in order meta through the CRUD methods (HPOS and posts alike), and
 * §A5's fresh read that bypasses every cache.
 */
class Order_Meta_Test extends Test_Case {

	public function test_the_facts_are_kept_through_the_orders_crud(): void {
		$this->requires_woocommerce();
		$order = wc_create_order();
		$this->assertNull( Order_Meta::current_invoice( $order ) );
		$this->assertSame( array(), Order_Meta::invoice_ids( $order ) );
		$this->assertSame( 0, Order_Meta::last_suffix( $order ) );
		$this->assertFalse( Order_Meta::is_review_hold( $order ) );
		$this->assertNull( Order_Meta::paid_invoice( $order ) );

		Order_Meta::set_current_invoice( $order, 'inv_1' );
		Order_Meta::add_invoice( $order, 'inv_1' );
		Order_Meta::add_invoice( $order, 'inv_0' );
		Order_Meta::set_current_invoice( $order, 'inv_2' );
		Order_Meta::set_last_suffix( $order, 2 );
		Order_Meta::set_review_hold( $order, true );
		Order_Meta::set_paid_invoice( $order, 'inv_2' );
		$order->save();

		$stored = Order_Meta::fresh_order( $order->get_id() );
		$this->assertNotNull( $stored );
		$this->assertSame( 'inv_2', Order_Meta::current_invoice( $stored ) );
		$ids = Order_Meta::invoice_ids( $stored );
		sort( $ids );
		$this->assertSame( array( 'inv_0', 'inv_1', 'inv_2' ), $ids, 'one meta row per invoice, none twice' );
		$this->assertCount( 3, $stored->get_meta( Order_Meta::INVOICE_ID, false ) );
		$this->assertSame( 2, Order_Meta::last_suffix( $stored ) );
		$this->assertTrue( Order_Meta::is_review_hold( $stored ) );
		$this->assertSame( 'inv_2', Order_Meta::paid_invoice( $stored ) );

		Order_Meta::set_review_hold( $stored, false );
		$stored->save();
		$this->assertFalse( Order_Meta::is_review_hold( (object) Order_Meta::fresh_order( $order->get_id() ) ) );
		$order->delete( true );
	}

	public function test_a_fresh_read_sees_the_database_not_a_stale_cached_copy(): void {
		$this->requires_woocommerce();
		global $wpdb;
		$order = wc_create_order();
		$order->set_status( 'pending' );
		$order->save();
		$id = $order->get_id();
		wc_get_order( $id ); // Primes WooCommerce's order cache and the meta caches.

		// Another process changes the order behind this one's caches.
		$hpos = \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
		if ( $hpos ) {
			$wpdb->update( $wpdb->prefix . 'wc_orders', array( 'status' => 'wc-processing' ), array( 'id' => $id ) ); // phpcs:ignore WordPress.DB
			$wpdb->insert( $wpdb->prefix . 'wc_orders_meta', array( 'order_id' => $id, 'meta_key' => Order_Meta::CURRENT_INVOICE, 'meta_value' => 'inv_other' ) ); // phpcs:ignore WordPress.DB
		} else {
			$wpdb->update( $wpdb->posts, array( 'post_status' => 'wc-processing' ), array( 'ID' => $id ) ); // phpcs:ignore WordPress.DB
			$wpdb->insert( $wpdb->postmeta, array( 'post_id' => $id, 'meta_key' => Order_Meta::CURRENT_INVOICE, 'meta_value' => 'inv_other' ) ); // phpcs:ignore WordPress.DB
		}

		$fresh = Order_Meta::fresh_order( $id );
		$this->assertNotNull( $fresh );
		$this->assertSame( 'processing', $fresh->get_status() );
		$this->assertSame( 'inv_other', Order_Meta::current_invoice( $fresh ) );
		$this->assertNull( Order_Meta::fresh_order( 999999999 ), 'no such order' );
		$fresh->delete( true );
	}
}
