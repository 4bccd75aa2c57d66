<?php
/**
 * Base class of the plugin's PHPUnit tests.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Handshake_Log;
use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;
use PHPUnit\Framework\TestCase;
use WP_REST_Request;
use WP_REST_Response;

/**
 * Gives every test a clean start: no stored connection, a fresh sandbox, no current user, a fresh
 * REST server. Users created through {@see make_user()} are deleted afterwards.
 */
abstract class Test_Case extends TestCase {

	/**
	 * Users created by the test.
	 *
	 * @var int[]
	 */
	private array $users = array();

	/**
	 * Filters added by the test, removed afterwards: [hook, callback, priority].
	 *
	 * @var array<int, array{0: string, 1: callable, 2: int}>
	 */
	private array $filters = array();

	protected function setUp(): void {
		parent::setUp();
		Sandbox::reset();
		$this->forget_connection();
		wp_set_current_user( 0 );
		$GLOBALS['wp_rest_server'] = null;
		rest_get_server();
	}

	protected function tearDown(): void {
		foreach ( $this->filters as $filter ) {
			remove_filter( $filter[0], $filter[1], $filter[2] );
		}
		foreach ( $this->users as $user_id ) {
			wp_delete_user( $user_id );
		}
		$this->forget_connection();
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	/**
	 * Skips the test on the site without WooCommerce (declared in tests/php/expected-skips.php).
	 *
	 * @return void
	 */
	protected function requires_woocommerce(): void {
		if ( ! class_exists( 'WooCommerce', false ) ) {
			$this->markTestSkipped( 'needs the genuine WooCommerce: runs on the WooCommerce sites of the matrix' );
		}
	}

	/**
	 * Skips the test on the sites with WooCommerce (declared in tests/php/expected-skips.php).
	 *
	 * @return void
	 */
	protected function requires_no_woocommerce(): void {
		if ( class_exists( 'WooCommerce', false ) ) {
			$this->markTestSkipped( 'a branch for sites without WooCommerce: runs on the no-woocommerce site of the matrix' );
		}
	}

	/**
	 * What the plugin logs while an action runs: the new lines of WooCommerce's log files for the
	 * meum-woocommerce source when WooCommerce is active, else the new rows of the plugin's log
	 * table (Logging\Plugin_Log writes to one or the other).
	 *
	 * @param callable $action Runs the code under test.
	 * @return string The new log text (rows as JSON).
	 */
	protected function logged_while( callable $action ): string {
		global $wpdb;
		$table = Tables::name( Tables::LOG );
		$files = static function (): string {
			$text = '';
			foreach ( (array) glob( trailingslashit( \Automattic\WooCommerce\Utilities\LoggingUtil::get_log_directory() ) . 'meum-woocommerce-*.log' ) as $file ) {
				$text .= (string) file_get_contents( (string) $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions
			}
			return $text;
		};
		$woocommerce = class_exists( 'WooCommerce', false );
		$before      = $woocommerce ? strlen( $files() ) : (int) $wpdb->get_var( "SELECT COALESCE( MAX( id ), 0 ) FROM $table" ); // phpcs:ignore WordPress.DB

		$action();

		return $woocommerce
			? (string) substr( $files(), $before )
			: (string) wp_json_encode( $wpdb->get_results( $wpdb->prepare( "SELECT * FROM $table WHERE id > %d ORDER BY id", $before ), ARRAY_A ) ); // phpcs:ignore WordPress.DB
	}

	/**
	 * Adds a filter for this test only.
	 *
	 * @param string   $hook     Hook name.
	 * @param callable $callback Callback.
	 * @param int      $priority Priority.
	 * @return void
	 */
	protected function add_test_filter( string $hook, callable $callback, int $priority = 10 ): void {
		add_filter( $hook, $callback, $priority, 99 );
		$this->filters[] = array( $hook, $callback, $priority );
	}

	/**
	 * Fixes the plugin's clock.
	 *
	 * @param int $now Unix time.
	 * @return void
	 */
	protected function freeze_clock( int $now ): void {
		$this->add_test_filter(
			'meum_wc_current_time',
			static function () use ( $now ) {
				return $now;
			}
		);
	}

	/**
	 * Makes this process see the site at another home URL (as a clone or a domain change would).
	 *
	 * @param string $home New home URL.
	 * @return void
	 */
	protected function move_site_to( string $home ): void {
		$old = home_url();
		$this->add_test_filter(
			'home_url',
			static function ( $url ) use ( $old, $home ) {
				return str_replace( $old, $home, $url );
			}
		);
	}

	/**
	 * Points the plugin at another Meum base URL for this test.
	 *
	 * @param string $base_url Base URL.
	 * @return void
	 */
	protected function use_meum_base_url( string $base_url ): void {
		$this->add_test_filter(
			'meum_wc_api_base_url',
			static function () use ( $base_url ) {
				return $base_url;
			}
		);
	}

	/**
	 * A connection store as the plugin builds it.
	 *
	 * @return Connection_Store
	 */
	protected function store(): Connection_Store {
		return new Connection_Store( new Encryption( new Key_Material() ) );
	}

	/**
	 * The stored secrets, decrypted.
	 *
	 * @return array{api_key: string, webhook_secret: string}|null
	 */
	protected function stored_credentials(): ?array {
		return $this->store()->credentials();
	}

	/**
	 * Deletes the plugin's options.
	 *
	 * @return void
	 */
	protected function forget_connection(): void {
		delete_option( Connection_Store::CREDENTIALS_OPTION );
		delete_option( Connection_Store::CONNECTION_OPTION );
		delete_option( Handshake_Log::OPTION );
		global $wpdb;
		foreach ( Tables::ALL as $table ) {
			$wpdb->query( 'DELETE FROM ' . Tables::name( $table ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
	}

	/**
	 * Creates a user with a role and returns its id.
	 *
	 * @param string $role Role name.
	 * @return int User id.
	 */
	protected function make_user( string $role ): int {
		$login   = 'meum_' . $role . '_' . wp_generate_password( 8, false );
		$user_id = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.com',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $user_id, "could not create a $role" );
		$this->users[] = $user_id;
		return $user_id;
	}

	/**
	 * Logs in a new administrator (or another role) for in-process REST dispatch.
	 *
	 * @param string $role Role name.
	 * @return int User id.
	 */
	protected function act_as( string $role ): int {
		$user_id = $this->make_user( $role );
		wp_set_current_user( $user_id );
		return $user_id;
	}

	/**
	 * Dispatches a request through the REST server, as WordPress does for an HTTP request.
	 *
	 * @param string               $method HTTP method.
	 * @param string               $route  Route, e.g. /meum/v1/connection.
	 * @param array<string, mixed> $body   JSON body parameters.
	 * @return WP_REST_Response The answer (errors included).
	 */
	protected function dispatch( string $method, string $route, array $body = array() ): WP_REST_Response {
		$request = new WP_REST_Request( $method, $route );
		if ( array() !== $body ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		$server   = rest_get_server();
		$response = $server->dispatch( $request );
		return apply_filters( 'rest_post_dispatch', rest_ensure_response( $response ), $server, $request );
	}

	/**
	 * The answer's data as the browser would receive it (JSON round trip).
	 *
	 * @param WP_REST_Response $response Answer.
	 * @return array<string, mixed>
	 */
	protected function json( WP_REST_Response $response ): array {
		$data = rest_get_server()->response_to_data( $response, false );
		return json_decode( (string) wp_json_encode( $data ), true );
	}

	/**
	 * The two options exactly as stored in the database: raw value and autoload flag.
	 *
	 * @return array<string, array{value: string, autoload: string}|null> Keyed by option name.
	 */
	protected function raw_options(): array {
		global $wpdb;
		$raw = array();
		foreach ( array( Connection_Store::CREDENTIALS_OPTION, Connection_Store::CONNECTION_OPTION ) as $name ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the test reads the stored bytes on purpose.
			$row          = $wpdb->get_row( $wpdb->prepare( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = %s", $name ), ARRAY_A );
			$raw[ $name ] = $row ? array(
				'value'    => $row['option_value'],
				'autoload' => $row['autoload'],
			) : null;
		}
		return $raw;
	}

	/**
	 * Deletes every payment flag (the plugin has no "dismiss all": tests start from none).
	 *
	 * @return void
	 */
	protected function delete_flags(): void {
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Tables::name( Tables::FLAGS ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table.
	}

	/**
	 * Connects this site through the REST route as a fresh administrator and asserts success.
	 *
	 * @param string $key Sandbox connection key.
	 * @return array<string, mixed> The connection state returned.
	 */
	protected function connect_with( string $key ): array {
		if ( ! current_user_can( 'manage_options' ) ) {
			$this->act_as( 'administrator' );
		}
		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => $key ) );
		$this->assertSame( 200, $response->get_status(), 'connect failed: ' . wp_json_encode( $response->get_data() ) );
		return $this->json( $response );
	}

	/**
	 * Builds a webhook delivery as Meum sends it.
	 *
	 * @param array<string, mixed> $options body (raw string), type, event_id, secret, scheme
	 *                                      (v1|sha256), timestamp, prefix, integration_id (or
	 *                                      false for none), omit (header names), signature (raw).
	 * @return array{headers: array<string, string>, body: string}
	 */
	protected function delivery( array $options = array() ): array {
		$event_id  = $options['event_id'] ?? 'evt_' . bin2hex( random_bytes( 10 ) );
		$type      = $options['type'] ?? 'invoice.paid';
		$body      = $options['body'] ?? (string) wp_json_encode(
			array(
				'id'        => $event_id,
				'type'      => $type,
				'createdAt' => gmdate( 'Y-m-d\TH:i:s.000\Z' ),
				'data'      => array(
					'invoice_id'        => 'inv_' . substr( md5( $event_id ), 0, 20 ),
					'external_order_id' => '1048',
					'amount'            => '100.00',
					'status'            => 'paid',
				),
			)
		);
		$secret    = $options['secret'] ?? ( $this->stored_credentials()['webhook_secret'] ?? 'no-secret' );
		$timestamp = (string) ( $options['timestamp'] ?? time() );
		$signature = $options['signature'] ?? ( 'sha256' === ( $options['scheme'] ?? 'v1' )
			? 'sha256=' . hash_hmac( 'sha256', $body, $secret )
			: 'v1=' . hash_hmac( 'sha256', $timestamp . '.' . $body, $secret ) );
		$prefix    = $options['prefix'] ?? 'X-Meum-';
		$headers   = array(
			'Content-Type'        => 'application/json',
			$prefix . 'Event'     => $type,
			$prefix . 'Event-Id'  => $event_id,
			$prefix . 'Timestamp' => $timestamp,
			$prefix . 'Signature' => $signature,
		);
		$facts       = (array) $this->store()->facts();
		$integration = array_key_exists( 'integration_id', $options ) ? $options['integration_id'] : ( $facts['integration_public_id'] ?? null );
		if ( is_string( $integration ) ) {
			$headers[ $prefix . 'Integration-Id' ] = $integration;
		}
		foreach ( $options['omit'] ?? array() as $name ) {
			unset( $headers[ $prefix . $name ] );
		}
		return array(
			'headers' => $headers,
			'body'    => $body,
		);
	}

	/**
	 * Dispatches a delivery to POST /meum/v1/webhook through the REST server.
	 *
	 * @param array{headers: array<string, string>, body: string} $delivery Built by {@see delivery()}.
	 * @return WP_REST_Response The receiver's answer.
	 */
	protected function deliver( array $delivery ): WP_REST_Response {
		$request = new WP_REST_Request( 'POST', '/meum/v1/webhook' );
		foreach ( $delivery['headers'] as $name => $value ) {
			$request->set_header( $name, $value );
		}
		$request->set_body( $delivery['body'] );
		$server = rest_get_server();
		return rest_ensure_response( $server->dispatch( $request ) );
	}

	/**
	 * The sandbox's record of this site's integration (with its current secrets).
	 *
	 * @return array<string, mixed>
	 */
	protected function sandbox_integration(): array {
		foreach ( Sandbox::integrations() as $integration ) {
			if ( home_url() === $integration['site_url'] ) {
				return $integration;
			}
		}
		$this->fail( 'the sandbox has no integration for ' . home_url() );
	}
}
