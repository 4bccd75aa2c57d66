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
 * `WP_Error` form (the code, status and details are decided by {@see Error_Shape}; this class
 * adds the cleaned, translated text) that the REST routes pass on unchanged:
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

	/**
	 * The decision of code, status and details.
	 *
	 * @var Error_Shape
	 */
	private Error_Shape $shape;

	/**
	 * Creates the mapper.
	 *
	 * @param Error_Shape|null $shape The decision of code, status and details (default: the plugin's).
	 */
	public function __construct( ?Error_Shape $shape = null ) {
		$this->shape = $shape ?? new Error_Shape();
	}

	/**
	 * Maps a Meum HTTP answer that is not a success.
	 *
	 * @param int      $upstream_status Meum's HTTP status code.
	 * @param string   $body            Raw response body.
	 * @param string[] $redact          Strings that must never appear in the result (the bearer key).
	 * @return WP_Error Error with the code, message and data described on the class.
	 */
	public function from_response( int $upstream_status, string $body, array $redact = array() ): WP_Error {
		$decision = $this->shape->of_response(
			$upstream_status,
			$body,
			function ( $text ) use ( $redact ): ?string {
				return $this->clean_text( $text, $redact );
			}
		);
		if ( Error_Shape::UNREADABLE === $decision['code'] ) {
			return $this->non_json_response( $upstream_status );
		}
		$message = $decision['message'] ?? $this->default_message( $upstream_status );
		return new WP_Error( $decision['code'], $message, $this->data( $decision['status'], $upstream_status, $decision['meum_code'], $decision['details'] ) );
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
		$code      = $this->shape->of_transport_error( $technical );

		if ( Error_Shape::TIMEOUT === $code ) {
			/* translators: %s: host name of the Meum API. */
			$message = __( 'Meum (%s) did not answer within the time limit.', 'meum-woocommerce' );
		} elseif ( Error_Shape::TLS_ERROR === $code ) {
			/* translators: %s: host name of the Meum API. */
			$message = __( 'A secure (TLS) connection to Meum (%s) could not be established. The server\'s certificates or a proxy may be at fault.', 'meum-woocommerce' );
		} else {
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
		return $this->shape->route_status( $upstream_status );
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
}
