<?php
/**
 * Test helper: the Meum sandbox's control routes.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Reads and resets the Meum sandbox (tools/meum-sandbox) over HTTP.
 */
class Sandbox {

	/**
	 * Base URL of the sandbox, e.g. http://127.0.0.1:8892.
	 *
	 * @return string
	 */
	public static function url(): string {
		return rtrim( (string) getenv( 'MEUM_SANDBOX_URL' ), '/' );
	}

	/**
	 * Forgets every integration and request.
	 *
	 * @return void
	 */
	public static function reset(): void {
		self::call( 'POST', '/__sandbox/reset' );
	}

	/**
	 * The requests the sandbox received (oldest first).
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function requests(): array {
		return self::call( 'GET', '/__sandbox/requests' )['requests'];
	}

	/**
	 * The sandbox's integrations, with their current secrets.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function integrations(): array {
		$body = self::call( 'GET', '/__sandbox/integrations' );
		return $body['integrations'] ?? $body;
	}

	/**
	 * Calls a control route.
	 *
	 * @param string $method HTTP method.
	 * @param string $path   Path.
	 * @return array<string, mixed> Decoded JSON answer.
	 */
	private static function call( string $method, string $path ): array {
		$response = wp_remote_request( self::url() . $path, array( 'method' => $method, 'timeout' => 5 ) );
		if ( is_wp_error( $response ) ) {
			throw new \RuntimeException( 'Meum sandbox unreachable: ' . $response->get_error_message() );
		}
		$decoded = json_decode( wp_remote_retrieve_body( $response ), true );
		if ( ! is_array( $decoded ) ) {
			throw new \RuntimeException( "Meum sandbox gave no JSON for $method $path" );
		}
		return $decoded;
	}
}
