<?php
/**
 * TEST-ONLY: records what happens to WooCommerce orders in the database, so a test counts effects
 * that happen in several PHP processes (webhook deliveries over real HTTP) or in its own process.
 * Never shipped: the release zip leaves out tests/, and only the test command links this file into
 * mu-plugins.
 *
 * Table `{prefix}meum_wc_test_effects` (created on first use): one row per
 * - `payment_complete`  (woocommerce_payment_complete),
 * - `email`             (woocommerce_email_sent; detail = the e-mail id, e.g. new_order),
 * - `note`              (woocommerce_order_note_added; detail = the note's first 190 characters),
 * - `stock_reduced`     (woocommerce_reduce_order_stock).
 *
 * @package Meum\WooCommerce\Tests
 */

/**
 * Records one effect.
 *
 * @param int    $order_id Order id.
 * @param string $kind     Kind.
 * @param string $detail   Detail.
 * @return void
 */
function meum_wc_test_record_effect( int $order_id, string $kind, string $detail = '' ): void {
	global $wpdb;
	static $table_ready = false;
	$table = $wpdb->prefix . 'meum_wc_test_effects';
	if ( ! $table_ready ) {
		// phpcs:ignore WordPress.DB
		$wpdb->query( "CREATE TABLE IF NOT EXISTS $table ( id bigint(20) unsigned NOT NULL AUTO_INCREMENT, order_id bigint(20) unsigned NOT NULL, kind varchar(32) NOT NULL, detail varchar(191) NOT NULL DEFAULT '', pid int unsigned NOT NULL DEFAULT 0, PRIMARY KEY (id), KEY order_id (order_id) )" );
		$table_ready = true;
	}
	// phpcs:ignore WordPress.DB
	$wpdb->insert(
		$table,
		array(
			'order_id' => $order_id,
			'kind'     => $kind,
			'detail'   => substr( $detail, 0, 190 ),
			'pid'      => (int) getmypid(),
		)
	);
}

add_action(
	'woocommerce_payment_complete',
	static function ( $order_id ) {
		meum_wc_test_record_effect( (int) $order_id, 'payment_complete' );
	}
);
add_action(
	'woocommerce_email_sent',
	static function ( $sent, $email_id, $email ) {
		$order = is_object( $email ) && isset( $email->object ) && $email->object instanceof WC_Order ? $email->object : null;
		meum_wc_test_record_effect( $order ? (int) $order->get_id() : 0, 'email', (string) $email_id );
	},
	10,
	3
);
add_action(
	'woocommerce_order_note_added',
	static function ( $comment_id, $order ) {
		$comment = get_comment( (int) $comment_id );
		meum_wc_test_record_effect( $order instanceof WC_Order ? (int) $order->get_id() : 0, 'note', $comment ? (string) $comment->comment_content : '' );
	},
	10,
	2
);
add_action(
	'woocommerce_reduce_order_stock',
	static function ( $order ) {
		meum_wc_test_record_effect( $order instanceof WC_Order ? (int) $order->get_id() : 0, 'stock_reduced' );
	}
);
