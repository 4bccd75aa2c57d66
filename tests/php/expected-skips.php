<?php
/**
 * The tests each configuration of the matrix skips, and why; bin/lib/junit-matrix.php fails the run
 * on any other skip, and on a declared skip that ran. A name is a test class, or Class::method.
 *
 * @package Meum\WooCommerce\Tests
 */

$meum_wc_with_woocommerce = array(
	'Meum\WooCommerce\Tests\Admin\Settings_Page_Test::test_page_opens_under_settings_without_woocommerce_at_both_urls' => 'without WooCommerce the page sits under Settings; with it, WooCommerce_Active_Test opens it under WooCommerce',
	'Meum\WooCommerce\Tests\Compat\WooCommerce_Features_Test::test_features_are_declared_on_before_woocommerce_init_only_when_woocommerce_can_take_them' => 'the no-op branch without WooCommerce; with it, WooCommerce_Active_Test asks WooCommerce\'s feature registry',
	'Meum\WooCommerce\Tests\Payments\Orders_Waiting_Test::test_without_woocommerce_no_order_waits' => 'the branch without WooCommerce; with it, test_the_state_counts_the_orders_with_an_open_invoice',
);

return array(
	'no-woocommerce' => array(
		'Meum\WooCommerce\Tests\WooCommerce\WooCommerce_Active_Test'  => 'needs the genuine WooCommerce: roles, menu, Action Scheduler, logger, feature registry',
		'Meum\WooCommerce\Tests\WooCommerce\Connection_Fixtures_Test' => 'the Jest fixtures are the answers of a store with WooCommerce active',
		'Meum\WooCommerce\Tests\Payments\Unpaid_Order_Guard_Test'    => 'WooCommerce orders and its unpaid-order cancellation',
		'Meum\WooCommerce\Tests\Payments\Return_Page_Test'           => 'WooCommerce\'s order-received page',
		'Meum\WooCommerce\Tests\Payments\Refund_Notice_Test'         => 'WooCommerce\'s order screen refund area',
		'Meum\WooCommerce\Tests\Payments\Order_Search_Test'          => 'WooCommerce\'s orders-list search',
		'Meum\WooCommerce\Tests\Payments\Order_Box_Test'             => 'WooCommerce\'s order screen and orders',
		'Meum\WooCommerce\Tests\Payments\Orders_Waiting_Test::test_the_state_counts_the_orders_with_an_open_invoice' => 'counts WooCommerce orders',
		'Meum\WooCommerce\Tests\Payments\Order_Updates_Test'         => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Meum_Read_Outcomes_Test'    => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Payment_Concurrency_Test'   => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Order_Meta_Test'         => 'orders exist only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Checkout_Test'           => 'process_payment() runs only with WooCommerce',
	),
	'hpos-sqlite'    => array_merge(
		$meum_wc_with_woocommerce,
		array(
			'Meum\WooCommerce\Tests\Payments\Payment_Concurrency_Test' => 'needs MariaDB and parallel PHP workers: runs on posts-mariadb and hpos-mariadb',
		)
	),
	'posts-mariadb'  => $meum_wc_with_woocommerce,
	'hpos-mariadb'   => $meum_wc_with_woocommerce,
);
