<?php
/**
 * Finds orders by Meum invoice id in the orders list.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the order meta key that holds each of an order's invoice ids ({@see Order_Meta::INVOICE_ID})
 * to the fields the orders-list search looks in, in both storages: HPOS
 * (`woocommerce_order_table_search_query_meta_keys`, searched by the default "All" filter) and
 * posts (`woocommerce_shop_order_search_fields`).
 *
 * Contract: issue 10 ("The invoice id finds the order in the orders list search, in both storages").
 */
class Order_Search {

	/**
	 * Hooks the search fields.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_filter( 'woocommerce_order_table_search_query_meta_keys', array( $this, 'add_meta_key' ) );
		add_filter( 'woocommerce_shop_order_search_fields', array( $this, 'add_meta_key' ) );
	}

	/**
	 * Adds the invoice id meta key to the searched keys.
	 *
	 * @param mixed $keys The meta keys searched so far (an array; anything else is returned as is).
	 * @return mixed The keys with the invoice id key.
	 */
	public function add_meta_key( $keys ) {
		if ( ! is_array( $keys ) ) {
			return $keys;
		}
		if ( ! in_array( Order_Meta::INVOICE_ID, $keys, true ) ) {
			$keys[] = Order_Meta::INVOICE_ID;
		}
		return $keys;
	}
}
