<?php
/**
 * Test helper: a logged-in HTTP session against the running test WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Logs in through the real wp-login.php form with a cookie jar (curl), then calls REST routes
 * over real HTTP, with or without the `wp_rest` nonce. Used where in-process dispatch would skip
 * WordPress's cookie and nonce checks.
 */
class Browserless_Session {

	/**
	 * Cookie jar file.
	 *
	 * @var string
	 */
	private string $jar;

	/**
	 * Starts a session and logs in.
	 *
	 * @param string $login    User login.
	 * @param string $password Password.
	 */
	public function __construct( string $login, string $password ) {
		$this->jar = (string) tempnam( sys_get_temp_dir(), 'meum-jar-' );
		$this->request( 'GET', '/wp-login.php' );
		$answer = $this->request(
			'POST',
			'/wp-login.php',
			array(),
			http_build_query(
				array(
					'log'        => $login,
					'pwd'        => $password,
					'wp-submit'  => 'Log In',
					'testcookie' => '1',
				)
			),
			'application/x-www-form-urlencoded'
		);
		if ( 302 !== $answer['status'] ) {
			throw new \RuntimeException( "login as $login failed (HTTP {$answer['status']})" );
		}
	}

	public function __destruct() {
		@unlink( $this->jar ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	}

	/**
	 * A fresh `wp_rest` nonce for this session.
	 *
	 * @return string
	 */
	public function rest_nonce(): string {
		return trim( $this->request( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce' )['body'] );
	}

	/**
	 * Sends an HTTP request with the session's cookies.
	 *
	 * @param string                $method       HTTP method.
	 * @param string                $path         Path below the site URL.
	 * @param array<string, string> $headers      Extra headers.
	 * @param string|null           $body         Body.
	 * @param string                $content_type Body type.
	 * @return array{status: int, headers: array<string, string>, body: string}
	 */
	public function request( string $method, string $path, array $headers = array(), ?string $body = null, string $content_type = 'application/json' ): array {
		$curl         = curl_init( rtrim( (string) getenv( 'WP_URL' ), '/' ) . $path );
		$header_lines = array();
		foreach ( $headers as $name => $value ) {
			$header_lines[] = "$name: $value";
		}
		if ( null !== $body ) {
			$header_lines[] = "Content-Type: $content_type";
			curl_setopt( $curl, CURLOPT_POSTFIELDS, $body );
		}
		$received = array();
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_COOKIEJAR      => $this->jar,
				CURLOPT_COOKIEFILE     => $this->jar,
				CURLOPT_HTTPHEADER     => $header_lines,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_HEADERFUNCTION => static function ( $handle, $line ) use ( &$received ) {
					$parts = explode( ':', $line, 2 );
					if ( 2 === count( $parts ) ) {
						$received[ strtolower( trim( $parts[0] ) ) ] = trim( $parts[1] );
					}
					return strlen( $line );
				},
			)
		);
		$answer = curl_exec( $curl );
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		return array(
			'status'  => $status,
			'headers' => $received,
			'body'    => is_string( $answer ) ? $answer : '',
		);
	}
}
