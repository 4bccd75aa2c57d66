<?php
/**
 * The plugin's facts on an order.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * The only code that knows the plugin's order meta keys (issue 10: "the order's own facts stay in
 * order meta, written through the order's CRUD methods only"), so they work with HPOS and posts
 * storage alike. Setters change the order object; the caller saves it.
 *
 * - `_meum_wc_current_invoice`: the invoice the last successful submit redirected the buyer to
 *   (§A5 "Current").
 * - `_meum_wc_invoice_id`: one row per invoice of the order (non-unique meta), so the orders-list
 *   search finds the order by any of its invoice ids.
 * - `_meum_wc_last_suffix`: the highest `external_order_id` suffix ever used for the order.
 * - `_meum_wc_review_hold`: "yes" while this plugin holds the order on-hold for review.
 * - `_meum_wc_paid_invoice`: the invoice that completed the order.
 */
final class Order_Meta {

	/** Meta key of the current invoice id. */
	public const CURRENT_INVOICE = '_meum_wc_current_invoice';

	/** Meta key of each invoice id (one row per invoice). */
	public const INVOICE_ID = '_meum_wc_invoice_id';

	/** Meta key of the highest suffix used. */
	public const LAST_SUFFIX = '_meum_wc_last_suffix';

	/** Meta key of the review hold. */
	public const REVIEW_HOLD = '_meum_wc_review_hold';

	/** Meta key of the invoice that paid the order. */
	public const PAID_INVOICE = '_meum_wc_paid_invoice';

	/**
	 * The current invoice.
	 *
	 * @param \WC_Order $order Order.
	 * @return string|null Invoice id, or null when the order was never sent to Meum.
	 */
	public static function current_invoice( \WC_Order $order ): ?string {
		return self::text( $order->get_meta( self::CURRENT_INVOICE, true, 'edit' ) );
	}

	/**
	 * Sets the current invoice (and adds it to the history).
	 *
	 * @param \WC_Order $order      Order.
	 * @param string    $invoice_id Invoice id.
	 * @return void
	 */
	public static function set_current_invoice( \WC_Order $order, string $invoice_id ): void {
		self::add_invoice( $order, $invoice_id );
		$order->update_meta_data( self::CURRENT_INVOICE, $invoice_id );
	}

	/**
	 * Adds an invoice to the order's history (never as current); a known id is not added twice.
	 *
	 * @param \WC_Order $order      Order.
	 * @param string    $invoice_id Invoice id.
	 * @return void
	 */
	public static function add_invoice( \WC_Order $order, string $invoice_id ): void {
		if ( ! in_array( $invoice_id, self::invoice_ids( $order ), true ) ) {
			$order->add_meta_data( self::INVOICE_ID, $invoice_id, false );
		}
	}

	/**
	 * The order's invoice ids.
	 *
	 * @param \WC_Order $order Order.
	 * @return string[] Each id once, in the order the storage returns them.
	 */
	public static function invoice_ids( \WC_Order $order ): array {
		$ids = array();
		foreach ( $order->get_meta( self::INVOICE_ID, false, 'edit' ) as $meta ) {
			$id = self::text( $meta instanceof \WC_Meta_Data ? $meta->value : null );
			if ( null !== $id && ! in_array( $id, $ids, true ) ) {
				$ids[] = $id;
			}
		}
		return $ids;
	}

	/**
	 * The highest suffix used.
	 *
	 * @param \WC_Order $order Order.
	 * @return int 0 when no invoice was ever asked for.
	 */
	public static function last_suffix( \WC_Order $order ): int {
		return max( 0, (int) $order->get_meta( self::LAST_SUFFIX, true, 'edit' ) );
	}

	/**
	 * Sets the highest suffix used.
	 *
	 * @param \WC_Order $order  Order.
	 * @param int       $suffix Suffix (1 for "1234", 2 for "1234-2", …).
	 * @return void
	 */
	public static function set_last_suffix( \WC_Order $order, int $suffix ): void {
		$order->update_meta_data( self::LAST_SUFFIX, (string) $suffix );
	}

	/**
	 * Whether this plugin holds the order for review.
	 *
	 * @param \WC_Order $order Order.
	 * @return bool True when the hold is set.
	 */
	public static function is_review_hold( \WC_Order $order ): bool {
		return 'yes' === $order->get_meta( self::REVIEW_HOLD, true, 'edit' );
	}

	/**
	 * Sets or clears the review hold.
	 *
	 * @param \WC_Order $order Order.
	 * @param bool      $hold  Whether the plugin holds it.
	 * @return void
	 */
	public static function set_review_hold( \WC_Order $order, bool $hold ): void {
		if ( $hold ) {
			$order->update_meta_data( self::REVIEW_HOLD, 'yes' );
		} else {
			$order->delete_meta_data( self::REVIEW_HOLD );
		}
	}

	/**
	 * The invoice that paid the order.
	 *
	 * @param \WC_Order $order Order.
	 * @return string|null Invoice id, or null.
	 */
	public static function paid_invoice( \WC_Order $order ): ?string {
		return self::text( $order->get_meta( self::PAID_INVOICE, true, 'edit' ) );
	}

	/**
	 * Sets the invoice that paid the order.
	 *
	 * @param \WC_Order $order      Order.
	 * @param string    $invoice_id Invoice id.
	 * @return void
	 */
	public static function set_paid_invoice( \WC_Order $order, string $invoice_id ): void {
		$order->update_meta_data( self::PAID_INVOICE, $invoice_id );
	}

	/**
	 * The order as stored in the database now (§A5 "fresh read"): drops it from WooCommerce's order
	 * cache and WordPress's post, post-meta and order-meta caches, then reads it.
	 *
	 * @param int $order_id Order id.
	 * @return \WC_Order|null The order, or null when there is no such order (or it is a refund).
	 */
	public static function fresh_order( int $order_id ): ?\WC_Order {
		if ( $order_id <= 0 || ! function_exists( 'wc_get_order' ) ) {
			return null;
		}
		if ( function_exists( 'wc_get_container' ) && class_exists( \Automattic\WooCommerce\Caches\OrderCache::class ) ) {
			wc_get_container()->get( \Automattic\WooCommerce\Caches\OrderCache::class )->remove( $order_id );
		}
		clean_post_cache( $order_id );
		wp_cache_delete( $order_id, 'post_meta' );
		wp_cache_delete( $order_id, 'posts' );
		wp_cache_delete( \WC_Order::generate_meta_cache_key( $order_id, 'orders' ), 'orders' );
		$order = wc_get_order( $order_id );
		return $order instanceof \WC_Order ? $order : null;
	}

	/**
	 * A meta value as non-empty text.
	 *
	 * @param mixed $value Stored value.
	 * @return string|null Text, or null when empty or not scalar.
	 */
	private static function text( $value ): ?string {
		if ( is_string( $value ) || is_int( $value ) ) {
			$value = trim( (string) $value );
			return '' === $value ? null : $value;
		}
		return null;
	}
}
