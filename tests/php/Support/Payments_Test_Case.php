<?php
/**
 * Base of the tests that pay real WooCommerce orders with Meum.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Each test starts connected to the sandbox's store with a payout wallet, no flags, WooCommerce's
 * e-mails counted and none sent ({@see Payment_Orders::start_payments_test()}), and ends with its
 * products and flags deleted. Skipped, as declared, without WooCommerce.
 */
abstract class Payments_Test_Case extends Test_Case {

	use Payment_Orders;

	/**
	 * Starts a payments test.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->start_payments_test();
	}

	/**
	 * Ends a payments test.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$this->finish_payments_test();
		parent::tearDown();
	}
}
