<?php
/**
 * Orders paid with Meum and their invoices, made for a test.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Payments;

/**
 * Makes WooCommerce orders (in the storage the site uses) and records their invoices the way the
 * checkout does: a row in the plugin's invoice table, the id in the order's invoice history and,
 * for the latest, as the current invoice. The orders are deleted after the test.
 */
trait Meum_Orders {

	use Local_Invoices;

	/**
	 * Orders made by the test.
	 *
	 * @var int[]
	 */
	private array $meum_orders = array();

	/**
	 * Deletes the orders made by the test.
	 *
	 * @after
	 */
	public function delete_meum_orders(): void {
		foreach ( $this->meum_orders as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order ) {
				$order->delete( true );
			}
		}
		$this->meum_orders = array();
	}

	/**
	 * Makes an order of 19.99 USD.
	 *
	 * @param string $created_via    `checkout`, `store-api`, `admin` …
	 * @param string $status         Order status.
	 * @param string $payment_method Payment method id.
	 * @return \WC_Order The saved order.
	 */
	protected function make_order( string $created_via = 'checkout', string $status = 'pending', string $payment_method = Order_Payments::GATEWAY_ID ): \WC_Order {
		$order = new \WC_Order();
		$order->set_currency( 'USD' );
		$order->set_total( '19.99' );
		$order->set_payment_method( $payment_method );
		$order->set_created_via( $created_via );
		$order->set_billing_email( 'buyer@example.com' );
		$order->set_status( $status );
		$order->save();
		$this->meum_orders[] = $order->get_id();
		return $order;
	}

	/**
	 * Records an invoice of the order as the checkout does, as its current invoice.
	 *
	 * @param \WC_Order $order      The order.
	 * @param string    $status     Meum status as last known.
	 * @param string    $expires_at `expires_at` as Meum sends it (ISO 8601; 2099 = never).
	 * @param int|null  $now        Time of the record (default: now).
	 * @param bool      $current    Whether it becomes the current invoice.
	 * @return string The invoice id.
	 */
	protected function add_invoice( \WC_Order $order, string $status, string $expires_at, ?int $now = null, bool $current = true ): string {
		$suffix     = count( ( new Invoice_Table() )->for_order( $order->get_id() ) ) + 1;
		$invoice_id = 'inv_' . bin2hex( random_bytes( 8 ) );
		return $this->record_local_invoice(
			$order,
			array(
				'id'           => $invoice_id,
				'status'       => $status,
				'checkout_url' => 'https://pay.example.test/i/' . $invoice_id,
				'expires_at'   => $expires_at,
			),
			$suffix,
			$current,
			$now
		);
	}

	/**
	 * An ISO 8601 time, `$seconds` from now.
	 *
	 * @param int $seconds Offset.
	 * @return string E.g. 2026-01-01T10:00:00Z.
	 */
	protected function iso_in( int $seconds ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', time() + $seconds );
	}
}
