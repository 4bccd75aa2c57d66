<?php
/**
 * Seeded fuzzing of the webhook receiver.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Webhooks;

use Meum\WooCommerce\Tests\Support\Test_Case;
use Meum\WooCommerce\Database\Tables;

/**
 * At least 5,000 generated deliveries, of which at least 1,000 are correctly signed hostile bodies
 * (deep nesting, invalid UTF-8, wrong JSON types, huge strings up to 1 MiB, header injection
 * attempts). Every answer must be 200, 400, 401 or 413; the PHP error log must not change; and
 * no refused or malformed delivery may leave an event record. The seed is fixed (override with
 * MEUM_FUZZ_SEED) and the counts per category are printed.
 */
class Webhook_Fuzz_Test extends Test_Case {

	/** Deliveries per category. */
	private const PER_CATEGORY = array(
		'unsigned random bytes'      => 1000,
		'hostile headers'            => 1000,
		'signed hostile bodies'      => 1500,
		'signed valid, random types' => 700,
		'skewed or foreign'          => 800,
	);

	/**
	 * A random string.
	 *
	 * @param int  $length Length in bytes.
	 * @param bool $binary Any byte (true) or printable ASCII (false).
	 * @return string
	 */
	private function random_string( int $length, bool $binary ): string {
		$out = '';
		for ( $i = 0; $i < $length; $i++ ) {
			$out .= chr( $binary ? mt_rand( 0, 255 ) : mt_rand( 32, 126 ) );
		}
		return $out;
	}

	/**
	 * A hostile JSON-ish body for a signed delivery.
	 *
	 * @param string $event_id The Event-Id header value.
	 * @return string Body bytes.
	 */
	private function hostile_body( string $event_id ): string {
		switch ( mt_rand( 0, 9 ) ) {
			case 0: // Deep nesting beyond json_decode()'s depth.
				$depth = mt_rand( 513, 5000 );
				return str_repeat( '[', $depth ) . str_repeat( ']', $depth );
			case 1: // Deep nesting inside a valid envelope.
				$depth = mt_rand( 100, 600 );
				return '{"id":"' . $event_id . '","type":"invoice.paid","data":' . str_repeat( '{"a":', $depth ) . '1' . str_repeat( '}', $depth ) . '}';
			case 2: // Invalid UTF-8.
				return '{"id":"' . $event_id . '","type":"invoice.paid","data":{"x":"' . "\xC3\x28\xA0\xA1\xF0\x28\x8C\xBC" . '"}}';
			case 3: // Wrong JSON types.
				$values = array( 'null', '1', '1.5e308', 'true', '[]', '{}', '"x"', '[1,2]' );
				return '{"id":' . $values[ mt_rand( 0, 7 ) ] . ',"type":' . $values[ mt_rand( 0, 7 ) ] . ',"data":' . $values[ mt_rand( 0, 7 ) ] . '}';
			case 4: // Huge strings, up to 1 MiB.
				return '{"id":"' . $event_id . '","type":"invoice.paid","data":{"s":"' . str_repeat( 'A', mt_rand( 1000, 1048576 ) ) . '"}}';
			case 5: // Not an object at top level.
				$tops = array( '[]', '"str"', '12', 'null', 'true', '[{"id":"' . $event_id . '"}]' );
				return $tops[ mt_rand( 0, 5 ) ];
			case 6: // Truncated.
				return substr( '{"id":"' . $event_id . '","type":"invoice.paid","data":{"a":1}}', 0, mt_rand( 1, 40 ) );
			case 7: // Event id mismatch or missing.
				return mt_rand( 0, 1 ) ? '{"type":"invoice.paid"}' : '{"id":"evt_other_' . mt_rand() . '","type":"invoice.paid"}';
			case 8: // Hostile values inside a valid envelope.
				return (string) wp_json_encode(
					array(
						'id'   => $event_id,
						'type' => "invoice.paid\r\nX-Injected: 1<script>",
						'data' => array(
							'invoice_id'        => str_repeat( 'i', mt_rand( 100, 5000 ) ),
							'external_order_id' => array( 'nested' => array( 1, 2 ) ),
						),
					)
				);
			default: // Random bytes, signed.
				return $this->random_string( mt_rand( 0, 2000 ), true );
		}
	}

	public function test_hostile_deliveries_never_crash_or_leave_records(): void {
		global $wpdb;
		$this->connect_with( 'sk_live_sandbox_ready' );
		wp_set_current_user( 0 );
		$seed = (int) ( getenv( 'MEUM_FUZZ_SEED' ) ?: 20261129 );
		mt_srand( $seed );
		$debug_log = WP_CONTENT_DIR . '/debug.log';
		$log_size  = file_exists( $debug_log ) ? filesize( $debug_log ) : 0;

		$statuses = array();
		$accepted = array();
		$signed_hostile = 0;
		foreach ( self::PER_CATEGORY as $category => $count ) {
			for ( $i = 0; $i < $count; $i++ ) {
				$event_id = 'evt_fuzz_' . mt_rand();
				switch ( $category ) {
					case 'unsigned random bytes':
						$delivery = array(
							'headers' => array( 'Content-Type' => 'application/json' ),
							'body'    => $this->random_string( mt_rand( 0, 3000 ), true ),
						);
						break;
					case 'hostile headers':
						$delivery = $this->delivery( array( 'event_id' => $event_id, 'secret' => 'wrong' ) );
						foreach ( array_keys( $delivery['headers'] ) as $name ) {
							if ( mt_rand( 0, 2 ) === 0 ) {
								$hostile = array( "v1=abc\r\nX-Injected: yes", str_repeat( 'v1=', 5000 ), "\0\0\0", '-1', '99999999999999999999', $this->random_string( mt_rand( 0, 300 ), false ), '' );
								$delivery['headers'][ $name ] = $hostile[ mt_rand( 0, count( $hostile ) - 1 ) ];
							}
						}
						break;
					case 'signed hostile bodies':
						$body     = $this->hostile_body( $event_id );
						$delivery = $this->delivery( array( 'event_id' => $event_id, 'body' => $body ) );
						++$signed_hostile;
						break;
					case 'signed valid, random types':
						$types    = array( 'invoice.created', 'invoice.paid', 'invoice.underpaid', 'invoice.failed', 'invoice.expired', 'invoice.cancelled', 'invoice.refunded', 'webhook.test', 'something.else' );
						$reuse    = mt_rand( 0, 4 ) === 0 && array() !== $accepted;
						$event_id = $reuse ? array_rand( $accepted ) : $event_id;
						$delivery = $this->delivery( array( 'event_id' => $event_id, 'type' => $types[ mt_rand( 0, 8 ) ] ) );
						break;
					default:
						$delivery = mt_rand( 0, 1 )
							? $this->delivery( array( 'event_id' => $event_id, 'timestamp' => time() + ( mt_rand( 0, 1 ) ? 1 : -1 ) * mt_rand( 301, 100000 ) ) )
							: $this->delivery( array( 'event_id' => $event_id, 'integration_id' => 'int_' . mt_rand() ) );
				}

				$response = $this->deliver( $delivery );
				$status   = $response->get_status();
				$data     = $response->get_data();
				$statuses[ $category ][ $status ] = ( $statuses[ $category ][ $status ] ?? 0 ) + 1;
				$this->assertContains( $status, array( 200, 400, 401, 413 ), "$category produced HTTP $status" );
				if ( 200 === $status && empty( $data['duplicate'] ) ) {
					$accepted[ json_decode( $delivery['body'], true )['id'] ] = true;
				}
			}
		}

		$rows = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Tables::name( Tables::EVENTS ) ); // phpcs:ignore WordPress.DB
		$this->assertSame( count( $accepted ), $rows, 'only accepted deliveries are recorded' );
		$this->assertSame( $log_size, file_exists( $debug_log ) ? filesize( $debug_log ) : 0, 'the PHP error log changed' );
		$this->assertGreaterThanOrEqual( 1000, $signed_hostile );
		$this->assertGreaterThanOrEqual( 5000, array_sum( self::PER_CATEGORY ) );

		$report = "\nwebhook fuzz (seed $seed): " . array_sum( self::PER_CATEGORY ) . " deliveries, $rows recorded\n";
		foreach ( $statuses as $category => $by_status ) {
			ksort( $by_status );
			$report .= sprintf( "  %-28s %5d  %s\n", $category, array_sum( $by_status ), (string) wp_json_encode( $by_status ) );
		}
		fwrite( STDERR, $report );
	}
}
