<?php
/**
 * Tests of idempotency under concurrent deliveries and of Meum's real delivery format.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Webhooks;

use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;
use Meum\WooCommerce\Webhooks\Health_Counters;
use Meum\WooCommerce\Database\Tables;

/**
 * The sandbox delivers over real HTTP to the running WordPress (4 PHP workers), so concurrent
 * deliveries are handled by different PHP processes; the database alone decides which one wins.
 * This suite runs on SQLite and again on MariaDB.
 */
class Webhook_Concurrency_Test extends Test_Case {

	protected function setUp(): void {
		parent::setUp();
		$this->connect_with( 'sk_live_sandbox_ready' );
	}

	public function test_the_same_event_50_times_at_once_has_exactly_one_effect(): void {
		global $wpdb;

		$report = Sandbox::deliver(
			array(
				'site_url' => home_url(),
				'type'     => 'invoice.paid',
				'count'    => 50,
			)
		);

		$statuses   = array_column( $report['deliveries'], 'status' );
		$bodies     = array_map( static fn ( $d ) => json_decode( $d['body'], true ), $report['deliveries'] );
		$first_time = array_filter( $bodies, static fn ( $b ) => array( 'received' => true ) === $b );
		$duplicates = array_filter( $bodies, static fn ( $b ) => array( 'received' => true, 'duplicate' => true ) === $b );
		$this->assertSame( array_fill( 0, 50, 200 ), $statuses );
		$this->assertCount( 1, $first_time );
		$this->assertCount( 49, $duplicates );
		$this->assertSame( 1, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Tables::name( Tables::EVENTS ) . ' WHERE event_id = %s', $report['event_id'] ) ) ); // phpcs:ignore WordPress.DB
		$counters = ( new Health_Counters() )->all( Health_Counters::SOURCE_MEUM );
		$this->assertSame( 1, $counters['accepted']['count'] );
		$this->assertSame( 49, $counters['duplicate']['count'] );
	}

	/**
	 * Every documented event type.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function event_types(): array {
		$types = array( 'invoice.created', 'invoice.paid', 'invoice.underpaid', 'invoice.failed', 'invoice.expired', 'invoice.cancelled', 'invoice.refunded', 'webhook.test' );
		return array_combine( $types, array_map( static fn ( $t ) => array( $t ), $types ) );
	}

	/**
	 * @dataProvider event_types
	 *
	 * @param string $type Event type.
	 */
	public function test_meums_delivery_of_each_event_type_is_accepted( string $type ): void {
		$report = Sandbox::deliver(
			array(
				'site_url' => home_url(),
				'type'     => $type,
			)
		);

		$this->assertSame( 200, $report['deliveries'][0]['status'], $report['deliveries'][0]['body'] );
		$this->assertSame( array( 'received' => true ), json_decode( $report['deliveries'][0]['body'], true ) );
	}

	/**
	 * Sandbox options, expected status and reason.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: int, 2: string|null}>
	 */
	public function delivery_variants(): array {
		return array(
			'legacy sha256, X-Stablecoin-' => array( array( 'scheme' => 'sha256', 'prefix' => 'X-Stablecoin-' ), 200, null ),
			'wrong secret'                 => array( array( 'sign_with' => 'wrong' ), 401, 'invalid_signature' ),
			'400 s late'                   => array( array( 'timestamp_skew' => -400 ), 401, 'stale_timestamp' ),
			'wrong integration'            => array( array( 'integration_id_header' => 'wrong' ), 401, 'integration_mismatch' ),
			'no integration header'        => array( array( 'integration_id_header' => 'none' ), 200, null ),
			'no signature header'          => array( array( 'omit_headers' => array( 'Signature' ) ), 401, 'missing_headers' ),
		);
	}

	/**
	 * @dataProvider delivery_variants
	 *
	 * @param array<string, mixed> $options Sandbox options.
	 * @param int                  $status  Expected status.
	 * @param string|null          $reason  Expected refusal reason.
	 */
	public function test_meums_delivery_variants( array $options, int $status, ?string $reason ): void {
		$report = Sandbox::deliver( array_merge( array( 'site_url' => home_url() ), $options ) );

		$this->assertSame( $status, $report['deliveries'][0]['status'] );
		if ( null !== $reason ) {
			$this->assertSame( $reason, json_decode( $report['deliveries'][0]['body'], true )['error'] );
		}
	}

	public function test_a_delivery_signed_with_the_previous_secret_verifies_after_rotation(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		$report = Sandbox::deliver(
			array(
				'site_url'  => home_url(),
				'sign_with' => 'previous',
			)
		);

		$this->assertSame( 200, $report['deliveries'][0]['status'] );
	}
}
