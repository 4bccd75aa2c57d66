<?php
/**
 * Tests of the invoice value object.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Invoice;
use PHPUnit\Framework\TestCase;

/**
 * Meum API §A5: the create and read answers, with their documented fallbacks.
 */
class Invoice_Test extends TestCase {

	/**
	 * A complete answer.
	 *
	 * @param array<string, mixed> $changes Fields to change (null removes one).
	 * @return array<string, mixed>
	 */
	private function answer( array $changes = array() ): array {
		$answer = array_merge(
			array(
				'id'                => 'inv_123',
				'status'            => 'pending',
				'checkout_url'      => 'https://pay.meum.io/i/inv_123',
				'amount'            => '19.99',
				'currency'          => 'usd',
				'external_order_id' => '42',
				'expires_at'        => '2026-12-02T01:00:00Z',
			),
			$changes
		);
		return array_filter( $answer, static fn ( $value ) => null !== $value );
	}

	public function test_a_create_answer_becomes_an_invoice(): void {
		$invoice = Invoice::from_answer( $this->answer() );
		$this->assertInstanceOf( Invoice::class, $invoice );
		$this->assertSame( 'inv_123', $invoice->id() );
		$this->assertSame( 'pending', $invoice->status() );
		$this->assertSame( 'https://pay.meum.io/i/inv_123', $invoice->checkout_url() );
		$this->assertSame( '19.99', $invoice->amount() );
		$this->assertSame( 'USD', $invoice->currency(), 'the currency is upper-cased' );
		$this->assertSame( '42', $invoice->external_order_id() );
		$this->assertSame( gmmktime( 1, 0, 0, 12, 2, 2026 ), $invoice->expires_at() );
		$this->assertTrue( $invoice->is_open() );
		$this->assertFalse( $invoice->is_final() );
	}

	public function test_the_documented_fallbacks_are_read(): void {
		$invoice = Invoice::from_answer(
			$this->answer(
				array(
					'id'           => null,
					'invoiceId'    => 'b3f1c2d4-0000-4000-8000-000000000001',
					'checkout_url' => null,
					'payment_url'  => 'https://pay.meum.io/p/1',
					'amount'       => 19.99,
					'asset'        => 'USDC',
					'network'      => 'base',
				)
			)
		);
		$this->assertInstanceOf( Invoice::class, $invoice );
		$this->assertSame( 'b3f1c2d4-0000-4000-8000-000000000001', $invoice->id() );
		$this->assertSame( 'https://pay.meum.io/p/1', $invoice->checkout_url() );
		$this->assertSame( '19.99', $invoice->amount(), 'a JSON number is read as its two-decimal amount' );
		$this->assertSame( 'USDC (base)', $invoice->field( 'settlement_asset' ) );
	}

	/**
	 * @return array<string, array{0: string}>
	 */
	public function required_fields(): array {
		$fields = array( 'id', 'status', 'amount', 'currency', 'external_order_id' );
		return array_combine( $fields, array_map( static fn ( $f ) => array( $f ), $fields ) );
	}

	/**
	 * @dataProvider required_fields
	 *
	 * @param string $field Field removed.
	 */
	public function test_an_answer_without_a_required_field_is_a_bad_response( string $field ): void {
		$this->assertWPErrorCode( 'meum_bad_response', Invoice::from_answer( $this->answer( array( $field => null ) ) ) );
		$this->assertWPErrorCode( 'meum_bad_response', Invoice::from_answer( $this->answer( array( $field => array( 'x' ) ) ) ), 'not scalar' );
		$this->assertWPErrorCode( 'meum_bad_response', Invoice::from_answer( $this->answer( array( $field => '' ) ) ), 'empty' );
	}

	public function test_an_expiry_in_2099_or_later_means_never(): void {
		foreach ( array( '2099-01-01T00:00:00Z', '2150-06-01T00:00:00Z', null, 'not a date' ) as $expires ) {
			$invoice = Invoice::from_answer( $this->answer( array( 'expires_at' => $expires ) ) );
			$this->assertInstanceOf( Invoice::class, $invoice );
			$this->assertNull( $invoice->expires_at(), (string) $expires );
		}
		$invoice = Invoice::from_answer( $this->answer( array( 'expires_at' => '2098-12-31T23:59:59Z' ) ) );
		$this->assertInstanceOf( Invoice::class, $invoice );
		$this->assertSame( gmmktime( 23, 59, 59, 12, 31, 2098 ), $invoice->expires_at() );
	}

	public function test_open_statuses_are_pending_quoted_and_awaiting_payment(): void {
		foreach ( array( 'pending', 'quoted', 'awaiting_payment', 'PENDING' ) as $status ) {
			$invoice = Invoice::from_answer( $this->answer( array( 'status' => $status ) ) );
			$this->assertInstanceOf( Invoice::class, $invoice );
			$this->assertTrue( $invoice->is_open(), $status );
		}
		foreach ( array( 'paid', 'underpaid', 'failed', 'expired', 'cancelled', 'refunded', 'something_new' ) as $status ) {
			$invoice = Invoice::from_answer( $this->answer( array( 'status' => $status ) ) );
			$this->assertInstanceOf( Invoice::class, $invoice );
			$this->assertTrue( $invoice->is_final(), $status );
		}
	}

	public function test_paid_is_received_then_paid_amount_then_for_paid_only_the_amount(): void {
		$both = Invoice::from_answer(
			$this->answer(
				array(
					'received_amount' => '10.005',
					'paid_amount'     => '9.00',
				)
			)
		);
		$paid = Invoice::from_answer( $this->answer( array( 'paid_amount' => '9.00' ) ) );
		$none = Invoice::from_answer( $this->answer() );
		$this->assertInstanceOf( Invoice::class, $both );
		$this->assertInstanceOf( Invoice::class, $paid );
		$this->assertInstanceOf( Invoice::class, $none );
		$this->assertSame( 1001, $both->paid_cents( false ) );
		$this->assertSame( 900, $paid->paid_cents( true ) );
		$this->assertNull( $none->paid_cents( false ) );
		$this->assertSame( 1999, $none->paid_cents( true ) );
		$this->assertSame( '10.005', $both->field( 'received_amount' ) );
		$this->assertNull( $none->field( 'transaction_hash' ) );
	}

	/**
	 * Asserts a WP_Error code.
	 *
	 * @param string $code    Expected code.
	 * @param mixed  $actual  Value.
	 * @param string $message Failure message.
	 */
	private function assertWPErrorCode( string $code, $actual, string $message = '' ): void {
		$this->assertInstanceOf( \WP_Error::class, $actual, $message );
		$this->assertSame( $code, $actual->get_error_code(), $message );
	}
}
