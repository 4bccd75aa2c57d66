<?php
/**
 * Tests of the refund notice of a Meum order.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Tests\Support\Meum_Orders;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The order screen's refund area: a Meum order says Meum cannot send refunds and how to refund
 * outside Meum and record it; the gateway offers WooCommerce no refund.
 */
class Refund_Notice_Test extends Test_Case {
	use Meum_Orders;

	private const NOTICE = 'Meum cannot send refunds. To refund this order, send the money back to the buyer outside Meum (for example from your own wallet), then record it here with &quot;Refund&quot; and &quot;Refund manually&quot;.';

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
	}

	/**
	 * What the order items box prints beside its Refund button.
	 *
	 * @param mixed $order The order WooCommerce passes.
	 * @return string HTML.
	 */
	private function buttons( $order ): string {
		ob_start();
		do_action( 'woocommerce_order_item_add_action_buttons', $order );
		return (string) ob_get_clean();
	}

	public function test_a_paid_meum_order_says_how_to_refund_outside_meum(): void {
		$order = $this->make_order();
		$order->payment_complete( 'inv_1' );

		$this->assertStringContainsString( self::NOTICE, $this->buttons( wc_get_order( $order->get_id() ) ) );
	}

	public function test_other_orders_and_fully_refunded_orders_show_nothing(): void {
		$other = $this->make_order( 'checkout', 'processing', 'cheque' );
		$this->assertStringNotContainsString( 'Meum', $this->buttons( $other ) );
		$this->assertSame( '', $this->buttons( null ) );

		$order = $this->make_order( 'checkout', 'processing' );
		wc_create_refund(
			array(
				'amount'   => '19.99',
				'order_id' => $order->get_id(),
			)
		);
		$this->assertStringNotContainsString( 'Meum', $this->buttons( wc_get_order( $order->get_id() ) ), 'nothing left to refund' );
	}
}
