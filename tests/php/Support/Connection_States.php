<?php
/**
 * Test helper: brings the site into each connection state the settings page knows.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Handshake_Log;
use Meum\WooCommerce\Connection\Site_Identity;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Webhooks\Health_Counters;
use WP_REST_Response;

/**
 * Each state is reached through the plugin's own code (the REST routes, with Meum's answers
 * stubbed at the WordPress HTTP layer, a frozen clock and the site seen at https://shop.example.com),
 * so the answers are real and repeatable: the same run always gives the same bytes. Used by the
 * schema test (every state) and by the test that writes the settings page's Jest fixtures.
 *
 * For use in a {@see Test_Case}.
 */
trait Connection_States {

	/**
	 * What Meum's status endpoint answers next: a body, or an HTTP status for an error.
	 *
	 * @var array<string, mixed>|int
	 */
	private $meum_status_answer = 200;

	/**
	 * What Meum's connect endpoint answers next.
	 *
	 * @var array<string, mixed>
	 */
	private array $meum_connect_answer = array();

	/**
	 * The states, by name (the fixture file is `state-<name>.json`). "connected" is a healthy
	 * connection as the page shows it once the status was refreshed (Meum's connect answer carries
	 * no health), with deliveries; "just-connected" is the moment after the handshake.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function connection_states(): array {
		$names = array( 'not-connected', 'no-encryption', 'just-connected', 'connected', 'no-deliveries', 'clock-skew', 'refreshed', 'revoked', 'site-changed', 'webhook-changed', 'reconnected', 'inconsistent', 'undecryptable' );
		return array_combine( $names, array_map( static fn ( string $name ): array => array( $name ), $names ) );
	}

	/**
	 * Brings the site into a state and returns the state as the browser receives it.
	 *
	 * @param string $name A name of {@see connection_states()}.
	 * @return array<string, mixed> The answer of `GET /meum/v1/connection` (JSON round trip).
	 */
	protected function connection_state( string $name ): array {
		return $this->json( $this->connection_state_response( $name ) );
	}

	/**
	 * Brings the site into a state and returns the answer of `GET /meum/v1/connection`.
	 *
	 * @param string $name A name of {@see connection_states()}.
	 * @return WP_REST_Response The answer.
	 */
	protected function connection_state_response( string $name ): WP_REST_Response {
		$this->act_as( 'administrator' );
		$this->move_site_to( 'https://shop.example.com' );
		$this->add_test_filter( 'pre_http_request', array( $this, 'answer_as_meum' ), 10 );
		if ( 'no-encryption' === $name ) {
			return $this->state_without_key_material();
		}
		if ( 'not-connected' !== $name ) {
			$this->reach( $name );
		}
		$this->freeze_clock( strtotime( '2026-11-29T12:00:00Z' ) );
		return $this->dispatch( 'GET', '/meum/v1/connection' );
	}

	/**
	 * Stubs Meum's connect and status endpoints (the `pre_http_request` filter).
	 *
	 * @param false|array<string, mixed>|\WP_Error $preempt Earlier answer.
	 * @param array<string, mixed>                 $args    Request arguments.
	 * @param string                               $url     Request URL.
	 * @return false|array<string, mixed> An HTTP answer for Meum's endpoints, otherwise the earlier value.
	 */
	public function answer_as_meum( $preempt, $args, $url ) {
		$path = (string) wp_parse_url( $url, PHP_URL_PATH );
		if ( '/v1/integration/woocommerce/connect' === $path ) {
			return $this->http_answer( 200, $this->meum_connect_answer );
		}
		if ( '/v1/integration/woocommerce/status' === $path ) {
			return is_int( $this->meum_status_answer )
				? $this->http_answer( $this->meum_status_answer, array( 'error' => 'Invalid API key' ) )
				: $this->http_answer( 200, $this->meum_status_answer );
		}
		return $preempt;
	}

	/**
	 * Reaches a connected state.
	 *
	 * @param string $name State name.
	 * @return void
	 */
	private function reach( string $name ): void {
		$this->connect_at( '2026-11-29T11:20:00Z', array() );
		if ( 'just-connected' === $name ) {
			return;
		}
		$this->refresh_at( '2026-11-29T11:20:00Z', array() );
		if ( 'no-deliveries' !== $name && 'reconnected' !== $name ) {
			$this->seed_deliveries( 'clock-skew' === $name );
		}
		if ( 'refreshed' === $name ) {
			$this->refresh_at(
				'2026-11-30T09:15:00Z',
				array(
					'health_status'  => 'DEGRADED',
					'webhook_health' => 'FAILING',
					'issues'         => array( 'Webhook deliveries are failing.' ),
				)
			);
		} elseif ( 'revoked' === $name ) {
			$this->meum_status_answer = 401;
			$this->freeze_clock( strtotime( '2026-11-30T09:15:00Z' ) );
			$this->assertSame( 200, $this->dispatch( 'POST', '/meum/v1/connection/refresh' )->get_status() );
		} elseif ( 'site-changed' === $name ) {
			$this->move_site_to( 'https://staging.example.com' );
		} elseif ( 'webhook-changed' === $name ) {
			// As switching permalinks to plain does: the REST URL becomes the ?rest_route= form.
			$this->add_test_filter(
				'rest_url',
				static function ( $url ) {
					return str_replace( '/wp-json/meum/v1/webhook', '/?rest_route=/meum/v1/webhook', (string) $url );
				}
			);
		} elseif ( 'reconnected' === $name ) {
			$this->connect_at(
				'2026-11-30T08:05:00Z',
				array(
					'api_key'             => 'sk_live_fixture_rotated_Z9y8',
					'webhook_secret'      => 'whsec_fixture_rotated_0002',
					'store_name'          => 'Renamed Store',
					'installation_id'     => 'inst_new456',
					'credentials_rotated' => true,
				)
			);
		} elseif ( 'inconsistent' === $name ) {
			delete_option( Connection_Store::CREDENTIALS_OPTION );
		} elseif ( 'undecryptable' === $name ) {
			$stored            = get_option( Connection_Store::CREDENTIALS_OPTION );
			$stored['api_key'] = Encryption::PREFIX . 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
			update_option( Connection_Store::CREDENTIALS_OPTION, $stored, false );
		}
	}

	/**
	 * Connects through the REST route at a given time, Meum answering the demo store's facts.
	 *
	 * @param string               $at      UTC time.
	 * @param array<string, mixed> $changes Changes to Meum's answer.
	 * @return void
	 */
	private function connect_at( string $at, array $changes ): void {
		$this->freeze_clock( strtotime( $at ) );
		$this->meum_connect_answer = array_merge(
			array(
				'api_key'               => 'sk_live_fixture_key_a1B2',
				'webhook_secret'        => 'whsec_fixture_secret_0001',
				'integration_id'        => '5b9e11aa-integration',
				'integration_public_id' => 'int_public_1',
				'installation_id'       => 'inst_abc123',
				'store_id'              => '7d0c2f9e-store',
				'store_name'            => 'Demo Store',
				'webhook_id'            => '0a4c-webhook',
				'checkout_base_url'     => 'https://pay.meum.io',
				'site_url'              => 'https://shop.example.com',
				'webhook_url'           => 'https://shop.example.com/wp-json/meum/v1/webhook',
				'status'                => 'ACTIVE',
				'credentials_rotated'   => false,
				'payout_configured'     => true,
				'warning'               => null,
			),
			$changes
		);
		$this->connect_with( 'sk_live_fixture_connection_key' );
	}

	/**
	 * Refreshes the status through the REST route at a given time.
	 *
	 * @param string               $at      UTC time.
	 * @param array<string, mixed> $changes Changes to Meum's status answer.
	 * @return void
	 */
	private function refresh_at( string $at, array $changes ): void {
		$this->freeze_clock( strtotime( $at ) );
		$this->meum_status_answer = array_merge(
			array(
				'status'            => 'ACTIVE',
				'health_status'     => 'HEALTHY',
				'webhook_health'    => 'HEALTHY',
				'issues'            => array(),
				'payout_configured' => true,
			),
			$changes
		);
		$response = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
	}

	/**
	 * Records deliveries in the counters, as the receiver counts them.
	 *
	 * @param bool $skewed Whether Meum's latest deliveries were refused for their timestamp.
	 * @return void
	 */
	private function seed_deliveries( bool $skewed ): void {
		$counters   = new Health_Counters();
		$deliveries = array(
			array( Health_Counters::SOURCE_MEUM, 'refused:invalid_signature', 'invalid_signature', '11:25' ),
			array( Health_Counters::SOURCE_MEUM, 'refused:invalid_signature', 'invalid_signature', '11:30' ),
			array( Health_Counters::SOURCE_MEUM, 'accepted', 'invoice.created', '11:40' ),
			array( Health_Counters::SOURCE_MEUM, 'accepted', 'invoice.paid', '11:42' ),
			array( Health_Counters::SOURCE_MEUM, 'duplicate', 'invoice.paid', '11:44' ),
			array( Health_Counters::SOURCE_MEUM, 'accepted', 'invoice.paid', '11:45' ),
			array( Health_Counters::SOURCE_SELF_TEST, 'accepted', 'webhook.test', '11:50' ),
		);
		if ( $skewed ) {
			$deliveries[] = array( Health_Counters::SOURCE_MEUM, 'refused:gremlins', 'gremlins', '11:10' );
			foreach ( array( '11:52', '11:53', '11:54', '11:55' ) as $time ) {
				$deliveries[] = array( Health_Counters::SOURCE_MEUM, 'refused:stale_timestamp', 'stale_timestamp', $time );
			}
		}
		foreach ( $deliveries as $delivery ) {
			$counters->increment( $delivery[0], $delivery[1], $delivery[2], (int) strtotime( '2026-11-29T' . $delivery[3] . ':00Z' ) );
		}
	}

	/**
	 * The not-connected state of a site without encryption key material outside the database,
	 * built by the route's own builder with key material that sees no constant (the test site has
	 * its salts). The suggested key, random on every call, is replaced by a fixed one.
	 *
	 * @return WP_REST_Response The state as the route would answer it.
	 */
	private function state_without_key_material(): WP_REST_Response {
		$environment = new Environment();
		$material    = new Key_Material(
			static function () {
				return null;
			}
		);
		$store       = new Connection_Store( new Encryption( $material ) );
		$state       = ( new Connection_State( $store, $environment, new Site_Identity( $environment ), $material, new Handshake_Log() ) )->get();
		$this->assertMatchesRegularExpression( '/^define\( \'MEUM_WC_ENCRYPTION_KEY\', \'[0-9a-f]{64}\' \);$/', $state['encryption']['wp_config_line'] );
		$state['encryption']['wp_config_line'] = "define( 'MEUM_WC_ENCRYPTION_KEY', '" . str_repeat( '7f3a', 16 ) . "' );";
		return rest_ensure_response( $state );
	}

	/**
	 * An HTTP answer as `wp_remote_request()` returns it.
	 *
	 * @param int                  $status HTTP status.
	 * @param array<string, mixed> $body   JSON body.
	 * @return array<string, mixed>
	 */
	private function http_answer( int $status, array $body ): array {
		return array(
			'headers'  => array( 'content-type' => 'application/json' ),
			'body'     => (string) wp_json_encode( $body ),
			'response' => array(
				'code'    => $status,
				'message' => 200 === $status ? 'OK' : 'Error',
			),
			'cookies'  => array(),
			'filename' => null,
		);
	}
}
