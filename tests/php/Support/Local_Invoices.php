<?php
/**
 * Test helper: an invoice recorded on the store's side only, as a checkout records it.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

use Meum\WooCommerce\Payments\Invoice;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Meta;

/**
 * Records an invoice the way `Payments\Checkout` does after Meum's answer: a row in the plugin's
 * invoice table, the id in the order's invoice history, optionally as the current invoice, and the
 * highest suffix used. Meum (the sandbox) does not know it. For use in a {@see Test_Case}.
 */
trait Local_Invoices {

	/**
	 * Records an invoice of the order locally.
	 *
	 * @param \WC_Order            $order   The order (saved by this method).
	 * @param array<string, mixed> $answer  Fields of Meum's answer over the defaults: status
	 *                                      (awaiting_payment), amount and currency (the order's),
	 *                                      expires_at (in 1 h), checkout_url.
	 * @param int                  $suffix  The invoice's suffix (1 = the order id alone).
	 * @param bool                 $current Whether it becomes the current invoice.
	 * @param int|null             $now     Time of the record (default: now).
	 * @return string The invoice id.
	 */
	protected function record_local_invoice( \WC_Order $order, array $answer = array(), int $suffix = 1, bool $current = true, ?int $now = null ): string {
		$invoice_id = (string) ( $answer['id'] ?? 'inv_test_' . bin2hex( random_bytes( 8 ) ) );
		$invoice    = Invoice::from_answer(
			array_merge(
				array(
					'id'                => $invoice_id,
					'status'            => 'awaiting_payment',
					'amount'            => $order->get_total( 'edit' ),
					'currency'          => $order->get_currency( 'edit' ),
					'external_order_id' => $order->get_id() . ( $suffix > 1 ? '-' . $suffix : '' ),
					'checkout_url'      => 'http://127.0.0.1/checkout/' . $invoice_id,
					'expires_at'        => gmdate( 'c', time() + 3600 ),
				),
				$answer
			)
		);
		$this->assertInstanceOf( Invoice::class, $invoice );
		( new Invoice_Table() )->record( $order->get_id(), $suffix, $invoice, $now ?? time() );
		Order_Meta::add_invoice( $order, $invoice_id );
		if ( $current ) {
			Order_Meta::set_current_invoice( $order, $invoice_id );
		}
		Order_Meta::set_last_suffix( $order, max( $suffix, Order_Meta::last_suffix( $order ) ) );
		$order->save();
		return $invoice_id;
	}
}
