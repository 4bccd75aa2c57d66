<?php
/**
 * Tests of the webhook receiver's rules.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Webhooks;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Tests\Support\Test_Case;
use Meum\WooCommerce\Webhooks\Event_Handler;
use Meum\WooCommerce\Webhooks\Event_Store;
use Meum\WooCommerce\Webhooks\Health_Counters;
use Meum\WooCommerce\Database\Tables;

/**
 * Every rule of Meum API Part A §A4 as the plugin applies it, through the REST server.
 */
class Webhook_Receiver_Test extends Test_Case {

	protected function setUp(): void {
		parent::setUp();
		$this->connect_with( 'sk_live_sandbox_ready' );
		wp_set_current_user( 0 ); // Deliveries are anonymous.
	}

	/**
	 * Rows of the events table.
	 *
	 * @return int Count.
	 */
	private function event_rows(): int {
		global $wpdb;
		return (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Tables::name( Tables::EVENTS ) ); // phpcs:ignore WordPress.DB
	}

	/**
	 * A counter's value.
	 *
	 * @param string $counter Counter name.
	 * @param string $source  Source.
	 * @return int Count.
	 */
	private function counter( string $counter, string $source = Health_Counters::SOURCE_MEUM ): int {
		return ( new Health_Counters() )->all( $source )[ $counter ]['count'] ?? 0;
	}

	/**
	 * Asserts a refusal: status, body, no event recorded, the reason counted.
	 *
	 * @param int                  $status   Expected status.
	 * @param string               $reason   Expected reason.
	 * @param array<string, mixed> $delivery Delivery.
	 * @return void
	 */
	private function assertRefused( int $status, string $reason, array $delivery ): void {
		$before   = $this->counter( 'refused:' . $reason );
		$rows     = $this->event_rows();
		$accepted = $this->counter( 'accepted' );
		$response = $this->deliver( $delivery );
		$this->assertSame( $status, $response->get_status() );
		$this->assertSame(
			array(
				'received' => false,
				'error'    => $reason,
			),
			$response->get_data()
		);
		$this->assertSame( $rows, $this->event_rows(), 'a refused delivery left an event record' );
		$this->assertSame( $before + 1, $this->counter( 'refused:' . $reason ) );
		$this->assertSame( $accepted, $this->counter( 'accepted' ), 'a refused delivery was counted as accepted' );
	}

	public function test_an_authentic_delivery_is_accepted_and_recorded(): void {
		$delivery = $this->delivery( array( 'event_id' => 'evt_accept_1' ) );

		$response = $this->deliver( $delivery );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => true ), $response->get_data() );
		$record = ( new Event_Store() )->find( 'evt_accept_1' );
		$this->assertSame( 'invoice.paid', $record['event_type'] );
		$this->assertStringStartsWith( 'inv_', $record['invoice_id'] );
		$this->assertSame( '1048', $record['external_order_id'] );
		$this->assertSame( 'meum', $record['source'] );
		$this->assertSame( 1, $this->counter( 'accepted' ) );
	}

	public function test_a_repeated_event_id_is_a_duplicate_without_side_effects(): void {
		$delivery = $this->delivery();
		$this->deliver( $delivery );

		$response = $this->deliver( $delivery );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => true, 'duplicate' => true ), $response->get_data() );
		$this->assertSame( 1, $this->event_rows() );
		$this->assertSame( 1, $this->counter( 'accepted' ) );
		$this->assertSame( 1, $this->counter( 'duplicate' ) );
	}

	public function test_without_a_stored_secret_every_delivery_is_refused(): void {
		$delivery = $this->delivery();
		$this->forget_connection();

		$this->assertRefused( 401, 'no_secret', $delivery );
	}

	/**
	 * @return array<string, array{0: string}>
	 */
	public function required_headers(): array {
		return array(
			'Event'     => array( 'Event' ),
			'Event-Id'  => array( 'Event-Id' ),
			'Timestamp' => array( 'Timestamp' ),
			'Signature' => array( 'Signature' ),
		);
	}

	/**
	 * @dataProvider required_headers
	 *
	 * @param string $header Header left out.
	 */
	public function test_each_missing_header_is_refused( string $header ): void {
		$this->assertRefused( 401, 'missing_headers', $this->delivery( array( 'omit' => array( $header ) ) ) );
	}

	public function test_the_stablecoin_header_prefix_is_accepted(): void {
		$response = $this->deliver( $this->delivery( array( 'prefix' => 'X-Stablecoin-' ) ) );

		$this->assertSame( 200, $response->get_status() );
	}

	public function test_header_names_in_any_letter_case_are_read(): void {
		$delivery            = $this->delivery();
		$delivery['headers'] = array_change_key_case( $delivery['headers'], CASE_LOWER );

		$this->assertSame( 200, $this->deliver( $delivery )->get_status() );
	}

	/**
	 * @dataProvider \Meum\WooCommerce\Tests\Support\Webhook_Cases::timestamp_edges
	 *
	 * @param int         $offset Timestamp minus now.
	 * @param string|null $reason Expected refusal, null for acceptance.
	 */
	public function test_the_timestamp_window_is_300_seconds_both_ways( int $offset, ?string $reason ): void {
		$now = 1_800_000_000;
		$this->freeze_clock( $now );
		$delivery = $this->delivery( array( 'timestamp' => $now + $offset ) );

		if ( null === $reason ) {
			$this->assertSame( 200, $this->deliver( $delivery )->get_status() );
		} else {
			$this->assertRefused( 401, $reason, $delivery );
		}
	}

	public function test_a_timestamp_that_is_not_digits_is_refused(): void {
		$this->assertRefused( 401, 'invalid_timestamp', $this->delivery( array( 'timestamp' => '1719234567.5' ) ) );
	}

	/**
	 * Integration-Id header values, expected outcome.
	 *
	 * @return array<string, array{0: string|false, 1: string|null}>
	 */
	public function integration_ids(): array {
		return array(
			'no header'         => array( false, null ),
			'the integration id' => array( 'integration_id', null ),
			'the public id'     => array( 'integration_public_id', null ),
			'another id'        => array( 'int_someoneelse00000000000000', 'integration_mismatch' ),
		);
	}

	/**
	 * @dataProvider integration_ids
	 *
	 * @param string|false $which  Header value, or the name of the stored id to send.
	 * @param string|null  $reason Expected refusal.
	 */
	public function test_the_integration_id_must_match_when_sent( $which, ?string $reason ): void {
		$facts = get_option( Connection_Store::CONNECTION_OPTION );
		$value = false === $which ? false : ( $facts[ $which ] ?? $which );
		$delivery = $this->delivery( array( 'integration_id' => false === $value ? null : $value ) );

		if ( null === $reason ) {
			$this->assertSame( 200, $this->deliver( $delivery )->get_status() );
		} else {
			$this->assertRefused( 401, $reason, $delivery );
		}
	}

	/**
	 * Signature variants: how to sign, expected refusal (null: accepted).
	 *
	 * @return array<string, array{0: callable, 1: string|null}>
	 */
	public function signatures(): array {
		$v1 = static function ( string $secret, string $timestamp, string $body ): string {
			return hash_hmac( 'sha256', $timestamp . '.' . $body, $secret );
		};
		return array(
			'v1'                         => array( static fn ( $s, $t, $b ) => 'v1=' . $v1( $s, $t, $b ), null ),
			'legacy sha256'              => array( static fn ( $s, $t, $b ) => 'sha256=' . hash_hmac( 'sha256', $b, $s ), null ),
			'list with a matching entry' => array( static fn ( $s, $t, $b ) => 'v1=' . str_repeat( '0', 64 ) . ', v1=' . $v1( $s, $t, $b ), null ),
			'v1 and legacy together'     => array( static fn ( $s, $t, $b ) => 'v1=' . str_repeat( 'a', 64 ) . ',sha256=' . hash_hmac( 'sha256', $b, $s ), null ),
			'uppercase hex'              => array( static fn ( $s, $t, $b ) => 'v1=' . strtoupper( $v1( $s, $t, $b ) ), 'invalid_signature' ),
			'wrong secret'               => array( static fn ( $s, $t, $b ) => 'v1=' . $v1( 'wrong', $t, $b ), 'invalid_signature' ),
			'v1 over the body only'      => array( static fn ( $s, $t, $b ) => 'v1=' . hash_hmac( 'sha256', $b, $s ), 'invalid_signature' ),
			'legacy over timestamp.body' => array( static fn ( $s, $t, $b ) => 'sha256=' . $v1( $s, $t, $b ), 'invalid_signature' ),
			'unknown scheme'             => array( static fn ( $s, $t, $b ) => 'v2=' . $v1( $s, $t, $b ), 'invalid_signature' ),
			'bare hex'                   => array( static fn ( $s, $t, $b ) => $v1( $s, $t, $b ), 'invalid_signature' ),
			'empty value'                => array( static fn ( $s, $t, $b ) => 'v1=', 'invalid_signature' ),
		);
	}

	/**
	 * @dataProvider signatures
	 *
	 * @param callable    $sign   (secret, timestamp, body) → header value.
	 * @param string|null $reason Expected refusal.
	 */
	public function test_signature_schemes( callable $sign, ?string $reason ): void {
		$timestamp = (string) time();
		$base      = $this->delivery( array( 'timestamp' => $timestamp ) );
		$delivery  = $this->delivery(
			array(
				'timestamp' => $timestamp,
				'body'      => $base['body'],
				'event_id'  => json_decode( $base['body'], true )['id'],
				'signature' => $sign( $this->stored_credentials()['webhook_secret'], $timestamp, $base['body'] ),
			)
		);

		if ( null === $reason ) {
			$this->assertSame( 200, $this->deliver( $delivery )->get_status() );
		} else {
			$this->assertRefused( 401, $reason, $delivery );
		}
	}

	public function test_the_first_failed_check_is_the_reason(): void {
		$this->assertRefused( 401, 'missing_headers', $this->delivery( array( 'omit' => array( 'Event' ), 'secret' => 'wrong', 'timestamp' => 1 ) ) );
		$this->assertRefused( 401, 'stale_timestamp', $this->delivery( array( 'secret' => 'wrong', 'timestamp' => 1, 'integration_id' => 'int_other' ) ) );
		$this->assertRefused( 401, 'integration_mismatch', $this->delivery( array( 'secret' => 'wrong', 'integration_id' => 'int_other' ) ) );
	}

	public function test_body_bytes_that_would_change_if_re_encoded_verify_and_one_changed_byte_does_not(): void {
		$body = "{ \"id\":\"evt_bytes_1\" ,\"type\":\"invoice.paid\",\n\t\"data\":{\"url\":\"https:\\/\\/pay.meum.io\\/inv_1\",\"note\":\"caf\\u00e9 \\u2603\",\"amount\":1.10,\"zz\":1,\"aa\":[1.0,2e3]},\"createdAt\":\"2024-06-24T12:00:00.000Z\"}  ";
		$ok   = $this->delivery( array( 'body' => $body, 'event_id' => 'evt_bytes_1' ) );

		$this->assertSame( 200, $this->deliver( $ok )->get_status() );

		$tampered         = $this->delivery( array( 'body' => $body, 'event_id' => 'evt_bytes_2' ) );
		$tampered['body'] = str_replace( '1.10', '1.11', $body );
		$this->assertRefused( 401, 'invalid_signature', $tampered );
	}

	public function test_a_signed_body_that_is_not_json_is_a_400(): void {
		$this->assertRefused( 400, 'invalid_json', $this->delivery( array( 'body' => '{"id": "evt_x", "type": ' ) ) );
		$this->assertRefused( 400, 'invalid_json', $this->delivery( array( 'body' => '["evt_x"]' ) ) );
		$this->assertRefused( 400, 'invalid_json', $this->delivery( array( 'body' => '"just a string"' ) ) );
	}

	public function test_an_unsigned_body_of_any_shape_is_a_401(): void {
		foreach ( array( '{"id": ', 'not json at all', '', '[]', '{"id":"evt_1"}' ) as $body ) {
			$this->assertRefused( 401, 'invalid_signature', $this->delivery( array( 'body' => $body, 'secret' => 'an attacker guess' ) ) );
		}
	}

	public function test_the_payload_id_must_equal_the_event_id_header(): void {
		$delivery = $this->delivery( array( 'event_id' => 'evt_header' ) );
		$body     = (string) wp_json_encode( array( 'id' => 'evt_other', 'type' => 'invoice.paid', 'data' => array() ) );
		$signed   = $this->delivery( array( 'event_id' => 'evt_header', 'body' => $body ) );

		$this->assertRefused( 400, 'event_id_mismatch', $signed );
		$this->assertSame( 200, $this->deliver( $delivery )->get_status() );
	}

	public function test_a_body_over_256_kib_is_a_413_signed_or_not(): void {
		$big = (string) wp_json_encode( array( 'id' => 'evt_big', 'type' => 'invoice.paid', 'data' => array( 'pad' => str_repeat( 'x', 262144 ) ) ) );

		$this->assertRefused( 413, 'body_too_large', $this->delivery( array( 'body' => $big, 'event_id' => 'evt_big' ) ) );
		$this->assertRefused( 413, 'body_too_large', $this->delivery( array( 'body' => $big, 'secret' => 'wrong' ) ) );
		$frame = '{"id":"evt_edge","type":"invoice.paid","data":{"pad":""}}';
		$exact = '{"id":"evt_edge","type":"invoice.paid","data":{"pad":"' . str_repeat( 'y', 262144 - strlen( $frame ) ) . '"}}';
		$this->assertSame( 262144, strlen( $exact ) );
		$this->assertSame( 200, $this->deliver( $this->delivery( array( 'body' => $exact, 'event_id' => 'evt_edge' ) ) )->get_status() );
	}

	public function test_an_unknown_event_type_is_recorded_and_acknowledged(): void {
		$response = $this->deliver( $this->delivery( array( 'type' => 'invoice.teleported', 'event_id' => 'evt_unknown' ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'invoice.teleported', ( new Event_Store() )->find( 'evt_unknown' )['event_type'] );
	}

	public function test_a_failing_handler_releases_the_claim_and_a_retry_succeeds(): void {
		$delivery = $this->delivery( array( 'event_id' => 'evt_retry' ) );
		$failing  = new class() implements Event_Handler {
			public function handle( array $event, string $source ): void {
				throw new \RuntimeException( 'database went away' );
			}
		};
		$swap = static function ( $handlers ) use ( $failing ) {
			$handlers['invoice.paid'] = $failing;
			return $handlers;
		};
		add_filter( 'meum_wc_webhook_handlers', $swap );

		$first = $this->deliver( $delivery );
		remove_filter( 'meum_wc_webhook_handlers', $swap );

		$this->assertSame( 500, $first->get_status() );
		$this->assertSame( array( 'received' => false, 'error' => 'handler_failed' ), $first->get_data() );
		$this->assertNull( ( new Event_Store() )->find( 'evt_retry' ) );

		$retry = $this->deliver( $delivery );
		$this->assertSame( array( 'received' => true ), $retry->get_data(), 'the retry is processed, not a duplicate' );
		$this->assertNotNull( ( new Event_Store() )->find( 'evt_retry' ) );
	}

	/**
	 * Seconds after the rotation, whether the previous secret still verifies.
	 *
	 * @return array<string, array{0: int, 1: bool, 2: bool}>
	 */
	public function grace_edges(): array {
		return array(
			'599 s'                     => array( 599, true, false ),
			'601 s'                     => array( 601, false, false ),
			'599 s after a cache flush' => array( 599, true, true ),
		);
	}

	/**
	 * @dataProvider grace_edges
	 *
	 * @param int  $after    Seconds after the rotation.
	 * @param bool $verifies Whether the previous secret verifies.
	 * @param bool $flush    Flush the object cache first.
	 */
	public function test_the_previous_secret_verifies_for_600_seconds_after_a_rotation( int $after, bool $verifies, bool $flush ): void {
		$old_secret = $this->stored_credentials()['webhook_secret'];
		$rotated_at = time();
		$this->freeze_clock( $rotated_at );
		$state = $this->connect_with( 'sk_live_sandbox_ready' );
		$this->assertTrue( $state['credentials_rotated'] );
		wp_set_current_user( 0 );
		remove_all_filters( 'meum_wc_current_time' );
		$this->freeze_clock( $rotated_at + $after );
		if ( $flush ) {
			wp_cache_flush();
		}

		$delivery = $this->delivery( array( 'secret' => $old_secret, 'timestamp' => $rotated_at + $after ) );

		if ( $verifies ) {
			$this->assertSame( 200, $this->deliver( $delivery )->get_status() );
		} else {
			$this->assertRefused( 401, 'invalid_signature', $delivery );
			$this->assertArrayNotHasKey( 'previous_webhook_secret', get_option( Connection_Store::CREDENTIALS_OPTION ), 'deleted once expired' );
		}
		$this->assertSame( 200, $this->deliver( $this->delivery( array( 'timestamp' => $rotated_at + $after ) ) )->get_status(), 'the new secret verifies' );
	}

	public function test_the_previous_secret_is_stored_encrypted_and_deleted_on_disconnect(): void {
		$old_secret = $this->stored_credentials()['webhook_secret'];
		$this->connect_with( 'sk_live_sandbox_ready' );
		$stored = get_option( Connection_Store::CREDENTIALS_OPTION );
		$this->assertArrayHasKey( 'previous_webhook_secret', $stored );
		$this->assertStringNotContainsString( $old_secret, (string) wp_json_encode( $stored ) );

		$this->dispatch( 'DELETE', '/meum/v1/connection' );

		$this->assertNull( get_option( Connection_Store::CREDENTIALS_OPTION, null ) );
	}

	public function test_refusals_are_logged_without_secret_signature_or_body(): void {
		$delivery = $this->delivery( array( 'secret' => 'wrong', 'body' => '{"id":"evt_log","secret_marker":"BODY-MARKER"}', 'event_id' => 'evt_log' ) );

		$log = $this->logged_while(
			function () use ( $delivery ) {
				$this->deliver( $delivery );
			}
		);

		$this->assertStringContainsString( 'invalid_signature', $log );
		$this->assertStringNotContainsString( 'BODY-MARKER', $log );
		$this->assertStringNotContainsString( substr( $delivery['headers']['X-Meum-Signature'], 3, 20 ), $log );
		$this->assertStringNotContainsString( $this->stored_credentials()['webhook_secret'], $log );
	}

	public function test_a_flood_of_refusals_adds_no_rows(): void {
		global $wpdb;
		for ( $i = 0; $i < 300; $i++ ) {
			$this->deliver( $this->delivery( array( 'secret' => 'wrong' ) ) );
		}

		$this->assertSame( 300, $this->counter( 'refused:invalid_signature' ) );
		$this->assertSame( 1, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Tables::name( Tables::COUNTERS ) ) ); // phpcs:ignore WordPress.DB
		$this->assertLessThanOrEqual( 200, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Tables::name( Tables::LOG ) ) ); // phpcs:ignore WordPress.DB
		$this->assertSame( 0, $this->event_rows() );
	}

	public function test_old_records_are_pruned_in_batches_and_recent_ones_kept(): void {
		global $wpdb;
		$table = Tables::name( Tables::EVENTS );
		for ( $i = 0; $i < 1100; $i++ ) {
			$wpdb->insert( $table, array( 'event_id' => "evt_old_$i", 'event_type' => 'invoice.paid', 'source' => 'meum', 'received_at' => gmdate( 'Y-m-d H:i:s', time() - 31 * DAY_IN_SECONDS ) ) ); // phpcs:ignore WordPress.DB
		}
		$this->deliver( $this->delivery( array( 'event_id' => 'evt_recent' ) ) );

		do_action( Event_Store::PRUNE_HOOK );

		$this->assertSame( 1, $this->event_rows() );
		$this->assertNotNull( ( new Event_Store() )->find( 'evt_recent' ) );
	}
}
