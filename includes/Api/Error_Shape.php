<?php
/**
 * The decision part of error mapping: which code, status and details an answer gets.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Api;

defined( 'ABSPATH' ) || exit;

/**
 * Reads Meum's error answers and transport failures and decides the code, the route status and
 * the details of the error; {@see Error_Mapper} turns the decision into a `WP_Error` with
 * translated text. Plain PHP: it needs no WordPress function, so its tests run without WordPress.
 *
 * Contract: Meum error bodies come in the flat legacy shape `{ error, code?, details? }` or the
 * nested shape `{ error: { type, code, message } }` (Meum API Part A §A2); anything else (HTML
 * from a proxy, an empty or invalid body) is decided from the HTTP status only.
 */
class Error_Shape {

	/** Most `details` entries kept. */
	public const MAX_DETAILS = 20;

	/** The error code when Meum's answer is not a JSON object. */
	public const UNREADABLE = 'meum_bad_response';

	/** The error code of a transport timeout. */
	public const TIMEOUT = 'meum_timeout';

	/** The error code of a failed TLS connection. */
	public const TLS_ERROR = 'meum_tls_error';

	/** The error code when Meum could not be reached at all. */
	public const UNREACHABLE = 'meum_unreachable';

	/** The cURL error numbers of TLS and certificate failures. */
	private const TLS_CURL_ERRORS = array( 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91 );

	/** The `meum_<reason>` suffix by Meum status, when Meum sent no code. */
	private const REASONS = array(
		401 => 'unauthorized',
		403 => 'forbidden',
		409 => 'conflict',
		422 => 'validation_failed',
		429 => 'rate_limited',
	);

	/**
	 * Decides the error of a Meum HTTP answer that is not a success.
	 *
	 * @param int                      $upstream_status Meum's HTTP status code.
	 * @param string                   $body            Raw response body.
	 * @param callable(mixed): ?string $clean_text      Makes an untrusted value safe plain text
	 *                                                  (null when there is none); the caller's
	 *                                                  sanitizing and redaction.
	 * @return array{code: string, status: int, upstream_status: int, meum_code: string|null, message: string|null, details: array<string, string>}
	 *         `code`: `meum_api_<Meum code>` when Meum sent a usable code, `meum_bad_response`
	 *         when the body is not a JSON object, otherwise `meum_<reason for the status>`;
	 *         `status`: the plugin route's status (see {@see route_status()}; 502 for an
	 *         unreadable body); `message`: Meum's cleaned message, or null (the caller words one).
	 */
	public function of_response( int $upstream_status, string $body, callable $clean_text ): array {
		$decoded = json_decode( $body, true );
		if ( ! is_array( $decoded ) || ( array() !== $decoded && array_is_list( $decoded ) ) ) {
			return $this->decision( self::UNREADABLE, 502, $upstream_status, null, null, array() );
		}

		$details = array();
		if ( isset( $decoded['error'] ) && is_array( $decoded['error'] ) ) {
			// Nested shape: an `error` object holding `type`, `code` and `message`.
			$meum_code = $this->clean_code( $decoded['error']['code'] ?? null );
			$message   = $clean_text( $decoded['error']['message'] ?? null );
		} else {
			// Flat legacy shape: `error` is the message, with optional `code` and `details` beside it.
			$meum_code = $this->clean_code( $decoded['code'] ?? null );
			$message   = $clean_text( $decoded['error'] ?? ( $decoded['message'] ?? null ) );
			$details   = $this->details( $decoded['details'] ?? null, $clean_text );
		}

		$code = null !== $meum_code ? 'meum_api_' . $meum_code : 'meum_' . $this->reason_for_status( $upstream_status );
		return $this->decision( $code, $this->route_status( $upstream_status ), $upstream_status, $meum_code, $message, $details );
	}

	/**
	 * Decides the code of a failure of the HTTP transport (no HTTP answer at all).
	 *
	 * @param string $technical The transport's message, e.g. "cURL error 28: Operation timed out".
	 * @return string `meum_timeout`, `meum_tls_error` or `meum_unreachable` (the route answers 504).
	 */
	public function of_transport_error( string $technical ): string {
		$curl_code = preg_match( '/cURL error (\d+)/', $technical, $match ) ? (int) $match[1] : 0;
		if ( 28 === $curl_code || false !== stripos( $technical, 'timed out' ) ) {
			return self::TIMEOUT;
		}
		if ( in_array( $curl_code, self::TLS_CURL_ERRORS, true ) || preg_match( '/\b(ssl|tls|certificate)\b/i', $technical ) ) {
			return self::TLS_ERROR;
		}
		return self::UNREACHABLE;
	}

	/**
	 * The HTTP status the plugin's REST route answers for a Meum status.
	 *
	 * A 401 from the plugin's routes must only ever mean "you are not logged in to WordPress", so
	 * Meum's 401 and 403 (a rejected key) become 400.
	 *
	 * @param int $upstream_status Meum's HTTP status code.
	 * @return int 400, 409, 422, 429 or 502.
	 */
	public function route_status( int $upstream_status ): int {
		if ( in_array( $upstream_status, array( 409, 422, 429 ), true ) ) {
			return $upstream_status;
		}
		if ( $upstream_status >= 400 && $upstream_status < 500 ) {
			return 400;
		}
		return 502;
	}

	/**
	 * The `meum_<reason>` suffix for a status when Meum sent no code.
	 *
	 * @param int $upstream_status Meum's HTTP status code.
	 * @return string Reason slug.
	 */
	private function reason_for_status( int $upstream_status ): string {
		if ( isset( self::REASONS[ $upstream_status ] ) ) {
			return self::REASONS[ $upstream_status ];
		}
		if ( $upstream_status >= 500 ) {
			return 'server_error';
		}
		return $upstream_status >= 400 ? 'bad_request' : 'unexpected_status';
	}

	/**
	 * Keeps a Meum error code only when it looks like one.
	 *
	 * @param mixed $code Value of the `code` field.
	 * @return string|null The code, or null.
	 */
	private function clean_code( $code ): ?string {
		if ( is_string( $code ) && preg_match( '/^[A-Za-z0-9_.\-]{1,64}$/', $code ) ) {
			return $code;
		}
		return null;
	}

	/**
	 * Keeps the field → message pairs of a `details` object.
	 *
	 * @param mixed                    $details    Value of the `details` field.
	 * @param callable(mixed): ?string $clean_text Text cleaning.
	 * @return array<string, string> Clean map, at most MAX_DETAILS entries, possibly empty.
	 */
	private function details( $details, callable $clean_text ): array {
		$clean = array();
		if ( ! is_array( $details ) ) {
			return $clean;
		}
		foreach ( $details as $field => $message ) {
			$field   = is_string( $field ) ? (string) preg_replace( '/[^A-Za-z0-9_.\-]/', '', $field ) : '';
			$message = $clean_text( $message );
			if ( '' !== $field && null !== $message ) {
				$clean[ $field ] = $message;
			}
			if ( count( $clean ) >= self::MAX_DETAILS ) {
				break;
			}
		}
		return $clean;
	}

	/**
	 * Builds a decision.
	 *
	 * @param string                $code            Error code.
	 * @param int                   $status          The plugin route's HTTP status.
	 * @param int                   $upstream_status Meum's HTTP status.
	 * @param string|null           $meum_code       Meum's error code.
	 * @param string|null           $message         Meum's cleaned message.
	 * @param array<string, string> $details         Field → message map.
	 * @return array{code: string, status: int, upstream_status: int, meum_code: string|null, message: string|null, details: array<string, string>}
	 */
	private function decision( string $code, int $status, int $upstream_status, ?string $meum_code, ?string $message, array $details ): array {
		return array(
			'code'            => $code,
			'status'          => $status,
			'upstream_status' => $upstream_status,
			'meum_code'       => $meum_code,
			'message'         => $message,
			'details'         => $details,
		);
	}
}
