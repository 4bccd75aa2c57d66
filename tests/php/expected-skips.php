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
		'Meum\WooCommerce\Tests\Payments\Payment_State_Test'         => 'the order-received page\'s route reads WooCommerce orders',
		'Meum\WooCommerce\Tests\Payments\Refund_Notice_Test'         => 'WooCommerce\'s order screen refund area',
		'Meum\WooCommerce\Tests\Payments\Order_Search_Test'          => 'WooCommerce\'s orders-list search',
		'Meum\WooCommerce\Tests\Payments\Order_Box_Test'             => 'WooCommerce\'s order screen and orders',
		'Meum\WooCommerce\Tests\Payments\Order_Bulk_Check_Test'      => 'WooCommerce\'s orders lists, orders and Action Scheduler',
		'Meum\WooCommerce\Tests\Admin\Operations_Health_Test'        => 'the status-check and paid-webhook Site Health tests exist only with WooCommerce (without it they are absent: Site_Health_Test)',
		'Meum\WooCommerce\Tests\Payments\Orders_Waiting_Test::test_the_state_counts_the_orders_with_an_open_invoice' => 'counts WooCommerce orders',
		'Meum\WooCommerce\Tests\Payments\Order_Updates_Test'         => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Meum_Read_Outcomes_Test'    => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Faults\Sandbox_Faults_Test'          => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Faults\Reconciliation_Faults_Test'   => 'the scheduled checks update WooCommerce orders',
		'Meum\WooCommerce\Tests\Payments\Payment_Concurrency_Test'   => 'orders updated from Meum need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Reconciliation_Test'        => 'the scheduled checks update WooCommerce orders',
		'Meum\WooCommerce\Tests\Payments\Reconciliation_Schedule_Test' => 'Action Scheduler comes with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Webhook_During_Create_Test' => 'process_payment() and orders need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Reconciliation_Triggers_Test' => 'Action Scheduler and orders need the genuine WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Order_Meta_Test'         => 'orders exist only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Checkout_Test'           => 'process_payment() runs only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Payments_Summary_Test'   => 'the payments slot and the flags exist only with WooCommerce (without it the slot is null: Settings_Page_Test)',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_the_form_keeps_enabled_title_description_and_links_to_the_settings_page' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_the_icon_is_a_plain_url' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_woocommerce_payments_screen_learns_whether_setup_is_needed' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_availability_is_answered_without_cart_session_or_order' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_the_store_api_offers_the_method_for_a_cart_with_a_total' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_classic_and_block_checkout_offer_the_method_to_the_same_buyers' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_the_block_integration_holds_every_rule_that_does_not_depend_on_the_cart' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_the_block_integration_script_and_its_data' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_the_block_checkout_shows_the_default_title_and_description_when_only_enabled_is_stored' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Placed_Order_Guard_Test'  => 'the Store API and its orders exist only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Gateway_Test::test_a_failure_message_is_added_once_in_classic_and_pay_for_order_and_never_under_the_store_api' => 'the gateway exists only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Availability_Test::test_a_currency_meum_refused_is_not_offered_until_the_next_status_refresh' => 'store currency, orders and carts exist only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Availability_Test::test_the_order_being_paid_decides_the_total_and_the_currency' => 'store currency, orders and carts exist only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Availability_Test::test_the_cart_total_applies_when_there_is_a_cart_and_no_order' => 'store currency, orders and carts exist only with WooCommerce',
		'Meum\WooCommerce\Tests\Payments\Availability_Test::test_the_setup_rules_ignore_the_cart' => 'store currency, orders and carts exist only with WooCommerce',
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
