<?php
/**
 * Turns Meum's error answers and transport failures into WP_Error objects.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Api;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Maps every error shape Meum documents, and every way a request can fail on the way, to one
 * `WP_Error` form that the REST routes pass on unchanged:
 *
 * - code `meum_api_<Meum code>` when Meum sent a code, otherwise `meum_<reason>`;
 * - message: Meum's message (secrets redacted) or a plain explanation;
 * - data `{ status, upstream_status, meum_code, details }`, where `status` is the HTTP status the
 *   plugin's own REST route answers with.
 *
 * Contract: Meum error bodies come in the flat legacy shape `{ error, code?, details? }` or the
 * nested shape `{ error: { type, code, message } }`; anything else (HTML from a proxy, an empty or
 * invalid body) is reported with the HTTP status only.
 */
class Error_Mapper {

	/** Longest Meum message or detail kept, in characters. */
	private const MAX_TEXT_LENGTH = 500;

	/** Most `details` entries kept. */
	private const MAX_DETAILS = 20;

	/**
	 * Maps a Meum HTTP answer that is not a success.
	 *
	 * @param int      $upstream_status Meum's HTTP status code.
	 * @param string   $body            Raw response body.
	 * @param string[] $redact          Strings that must never appear in the result (the bearer key).
	 * @return WP_Error Error with the code, message and data described on the class.
	 */
	public function from_response( int $upstream_status, string $body, array $redact = array() ): WP_Error {
		$decoded = json_decode( $body, true );
		if ( ! is_array( $decoded ) || ( array() !== $decoded && array_is_list( $decoded ) ) ) {
			return $this->non_json_response( $upstream_status );
		}

		$meum_code = null;
		$message   = null;
		$details   = array();
		if ( isset( $decoded['error'] ) && is_array( $decoded['error'] ) ) {
			// Nested shape: an `error` object holding `type`, `code` and `message`.
			$meum_code = $this->clean_code( $decoded['error']['code'] ?? null );
			$message   = $this->clean_text( $decoded['error']['message'] ?? null, $redact );
		} else {
			// Flat legacy shape: `error` is the message, with optional `code` and `details` beside it.
			$meum_code = $this->clean_code( $decoded['code'] ?? null );
			$message   = $this->clean_text( $decoded['error'] ?? ( $decoded['message'] ?? null ), $redact );
			$details   = $this->clean_details( $decoded['details'] ?? null, $redact );
		}

		$status = $this->route_status( $upstream_status );
		$code   = null !== $meum_code ? 'meum_api_' . $meum_code : 'meum_' . $this->reason_for_status( $upstream_status );
		if ( null === $message ) {
			$message = $this->default_message( $upstream_status );
		}

		return new WP_Error( $code, $message, $this->data( $status, $upstream_status, $meum_code, $details ) );
	}

	/**
	 * Maps a 2xx answer whose body is not the JSON the endpoint promises.
	 *
	 * @param int    $upstream_status Meum's HTTP status code.
	 * @param string $why             Short plain-text reason, shown to the merchant.
	 * @return WP_Error `meum_invalid_response`, route status 502.
	 */
	public function invalid_success( int $upstream_status, string $why ): WP_Error {
		return new WP_Error(
			'meum_invalid_response',
			sprintf(
				/* translators: %s: what was wrong with Meum's answer. */
				__( 'Meum answered, but the answer is not a valid connection: %s Nothing was changed.', 'meum-woocommerce' ),
				$why
			),
			$this->data( 502, $upstream_status, null, array() )
		);
	}

	/**
	 * Maps a failure of the HTTP transport (no HTTP answer at all).
	 *
	 * @param WP_Error $transport_error The error returned by `wp_remote_request()`.
	 * @param string   $host            Host that was called, named in the message.
	 * @param string[] $redact          Strings that must never appear in the result.
	 * @return WP_Error `meum_timeout`, `meum_tls_error` or `meum_unreachable`, route status 504.
	 */
	public function from_transport_error( WP_Error $transport_error, string $host, array $redact = array() ): WP_Error {
		$technical = (string) $this->clean_text( $transport_error->get_error_message(), $redact );
		$curl_code = preg_match( '/cURL error (\d+)/', $technical, $match ) ? (int) $match[1] : 0;

		if ( 28 === $curl_code || false !== stripos( $technical, 'timed out' ) ) {
			$code = 'meum_timeout';
			/* translators: %s: host name of the Meum API. */
			$message = __( 'Meum (%s) did not answer within the time limit.', 'meum-woocommerce' );
		} elseif ( in_array( $curl_code, array( 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91 ), true )
			|| preg_match( '/\b(ssl|tls|certificate)\b/i', $technical ) ) {
			$code = 'meum_tls_error';
			/* translators: %s: host name of the Meum API. */
			$message = __( 'A secure (TLS) connection to Meum (%s) could not be established. The server\'s certificates or a proxy may be at fault.', 'meum-woocommerce' );
		} else {
			$code = 'meum_unreachable';
			/* translators: %s: host name of the Meum API. */
			$message = __( 'Meum (%s) could not be reached: the name did not resolve or the connection was refused. Check the server\'s internet access and DNS.', 'meum-woocommerce' );
		}

		return new WP_Error(
			$code,
			sprintf( $message, $host ) . ( '' !== $technical ? ' (' . $technical . ')' : '' ),
			$this->data( 504, null, null, array() )
		);
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
	 * Builds the error data array.
	 *
	 * @param int                   $status          The plugin route's HTTP status.
	 * @param int|null              $upstream_status Meum's HTTP status, null when Meum was not reached.
	 * @param string|null           $meum_code       Meum's error code, if any.
	 * @param array<string, string> $details         Field → message map.
	 * @return array{status: int, upstream_status: int|null, meum_code: string|null, details: object}
	 *         `details` is an object so that an empty map is sent as `{}` in JSON.
	 */
	private function data( int $status, ?int $upstream_status, ?string $meum_code, array $details ): array {
		return array(
			'status'          => $status,
			'upstream_status' => $upstream_status,
			'meum_code'       => $meum_code,
			'details'         => (object) $details,
		);
	}

	/**
	 * Error for an answer whose body is not a JSON object.
	 *
	 * @param int $upstream_status Meum's HTTP status code.
	 * @return WP_Error `meum_bad_response`, route status 502.
	 */
	private function non_json_response( int $upstream_status ): WP_Error {
		return new WP_Error(
			'meum_bad_response',
			sprintf(
				/* translators: %d: HTTP status code. */
				__( 'Meum\'s answer (HTTP %d) could not be read: it is not JSON. A proxy or firewall between this site and Meum may have answered instead.', 'meum-woocommerce' ),
				$upstream_status
			),
			$this->data( 502, $upstream_status, null, array() )
		);
	}

	/**
	 * The `meum_<reason>` suffix for a status when Meum sent no code.
	 *
	 * @param int $upstream_status Meum's HTTP status code.
	 * @return string Reason slug.
	 */
	private function reason_for_status( int $upstream_status ): string {
		$reasons = array(
			401 => 'unauthorized',
			403 => 'forbidden',
			409 => 'conflict',
			422 => 'validation_failed',
			429 => 'rate_limited',
		);
		if ( isset( $reasons[ $upstream_status ] ) ) {
			return $reasons[ $upstream_status ];
		}
		if ( $upstream_status >= 500 ) {
			return 'server_error';
		}
		return $upstream_status >= 400 ? 'bad_request' : 'unexpected_status';
	}

	/**
	 * Plain explanation when Meum sent no message.
	 *
	 * @param int $upstream_status Meum's HTTP status code.
	 * @return string Translated message.
	 */
	private function default_message( int $upstream_status ): string {
		if ( 401 === $upstream_status || 403 === $upstream_status ) {
			return __( 'Meum did not accept the key.', 'meum-woocommerce' );
		}
		if ( 429 === $upstream_status ) {
			return __( 'Too many requests to Meum. Try again in a few minutes.', 'meum-woocommerce' );
		}
		if ( $upstream_status >= 500 ) {
			/* translators: %d: HTTP status code. */
			return sprintf( __( 'Meum is having trouble right now (HTTP %d). Try again later.', 'meum-woocommerce' ), $upstream_status );
		}
		/* translators: %d: HTTP status code. */
		return sprintf( __( 'Meum refused the request (HTTP %d).', 'meum-woocommerce' ), $upstream_status );
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
	 * Makes an untrusted text safe to store and show: plain text, bounded, secrets redacted.
	 *
	 * @param mixed    $text   Candidate text.
	 * @param string[] $redact Strings to replace with "[redacted]".
	 * @return string|null Clean text, or null when there is none.
	 */
	private function clean_text( $text, array $redact ): ?string {
		if ( ! is_string( $text ) ) {
			return null;
		}
		foreach ( $redact as $secret ) {
			if ( '' !== $secret ) {
				$text = str_replace( $secret, '[redacted]', $text );
			}
		}
		$text = sanitize_text_field( $text );
		if ( '' === $text ) {
			return null;
		}
		return mb_substr( $text, 0, self::MAX_TEXT_LENGTH );
	}

	/**
	 * Keeps the field → message pairs of a `details` object.
	 *
	 * @param mixed    $details Value of the `details` field.
	 * @param string[] $redact  Strings to redact.
	 * @return array<string, string> Clean map, possibly empty.
	 */
	private function clean_details( $details, array $redact ): array {
		$clean = array();
		if ( ! is_array( $details ) ) {
			return $clean;
		}
		foreach ( $details as $field => $message ) {
			$field   = is_string( $field ) ? preg_replace( '/[^A-Za-z0-9_.\-]/', '', $field ) : '';
			$message = $this->clean_text( $message, $redact );
			if ( '' !== $field && null !== $message ) {
				$clean[ $field ] = $message;
			}
			if ( count( $clean ) >= self::MAX_DETAILS ) {
				break;
			}
		}
		return $clean;
	}
}

