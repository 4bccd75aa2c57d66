<?php
/**
 * The only code that talks to Meum.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Api;

use Meum\WooCommerce\Environment;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Sends JSON requests to the Meum API through WordPress's HTTP API and returns either the decoded
 * JSON object of a 2xx answer or a `WP_Error` built by {@see Error_Mapper}. Callers never see raw
 * response arrays.
 *
 * Contract: Meum API Part A §A6 (timeout, User-Agent, JSON in and out, TLS verification on,
 * secrets never in errors). The base URL is trusted configuration (the `MEUM_API_BASE_URL` constant
 * or the `meum_wc_api_base_url` filter), never input from a request, so `wp_remote_request()` is
 * used rather than the "safe" variant that refuses local development hosts.
 */
class Client {

	/** Meum's production API. */
	public const DEFAULT_BASE_URL = 'https://api.meum.io';

	/** Default request timeout, in seconds. */
	public const DEFAULT_TIMEOUT = 15;

	/**
	 * Site facts for the User-Agent.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Error mapping.
	 *
	 * @var Error_Mapper
	 */
	private Error_Mapper $errors;

	/**
	 * Creates the client.
	 *
	 * @param Environment  $environment Site facts.
	 * @param Error_Mapper $errors      Error mapping.
	 */
	public function __construct( Environment $environment, Error_Mapper $errors ) {
		$this->environment = $environment;
		$this->errors      = $errors;
	}

	/**
	 * The Meum API base URL, without a trailing slash.
	 *
	 * @return string `MEUM_API_BASE_URL` when defined, else https://api.meum.io, passed through the
	 *                `meum_wc_api_base_url` filter.
	 */
	public function base_url(): string {
		$base = ( defined( 'MEUM_API_BASE_URL' ) && is_string( MEUM_API_BASE_URL ) && '' !== MEUM_API_BASE_URL )
			? MEUM_API_BASE_URL
			: self::DEFAULT_BASE_URL;

		/**
		 * Filters the Meum API base URL (for a staging or local Meum).
		 *
		 * @param string $base Base URL without trailing slash, e.g. https://api.meum.io.
		 */
		$base = apply_filters( 'meum_wc_api_base_url', $base );
		return untrailingslashit( is_string( $base ) ? $base : self::DEFAULT_BASE_URL );
	}

	/**
	 * Sends one request to Meum.
	 *
	 * @param string                    $method  HTTP method, e.g. "POST".
	 * @param string                    $path    Path below the base URL, e.g. "/v1/integration/woocommerce/connect".
	 * @param string                    $bearer  Key for the `Authorization: Bearer` header; never echoed in errors.
	 * @param array<string, mixed>|null $body    JSON body, or null for none.
	 * @param float|null                $timeout Seconds for this request (the checkout's remaining
	 *                                           budget, a webhook's 5 s read); null for {@see timeout()}.
	 * @return array{status: int, body: array<string, mixed>}|WP_Error The HTTP status and decoded JSON
	 *         object of a 2xx answer; otherwise a WP_Error from {@see Error_Mapper} (codes
	 *         `meum_api_*`, `meum_bad_response`, `meum_timeout`, `meum_unreachable`, `meum_tls_error`, …).
	 */
	public function request( string $method, string $path, string $bearer, ?array $body = null, ?float $timeout = null ) {
		$url    = $this->base_url() . $path;
		$redact = array( $bearer );
		$args   = array(
			'method'      => $method,
			'timeout'     => null !== $timeout && $timeout > 0 ? $timeout : $this->timeout(),
			'redirection' => 0,
			'sslverify'   => true,
			'headers'     => array(
				'Authorization' => 'Bearer ' . $bearer,
				'Accept'        => 'application/json',
				'User-Agent'    => $this->user_agent(),
			),
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json';
			$args['body']                    = (string) wp_json_encode( $body );
		}

		/**
		 * Filters the arguments of every request to Meum.
		 *
		 * Never log these arguments: they carry the Authorization header.
		 *
		 * @param array  $args   Arguments for wp_remote_request().
		 * @param string $method HTTP method.
		 * @param string $path   Path below the base URL.
		 */
		$args = apply_filters( 'meum_wc_http_request_args', $args, $method, $path );

		$response = wp_remote_request( $url, $args );
		if ( is_wp_error( $response ) ) {
			return $this->errors->from_transport_error( $response, (string) wp_parse_url( $url, PHP_URL_HOST ), $redact );
		}

		$status   = (int) wp_remote_retrieve_response_code( $response );
		$raw_body = (string) wp_remote_retrieve_body( $response );
		if ( $status < 200 || $status >= 300 ) {
			return $this->errors->from_response( $status, $raw_body, $redact );
		}

		$decoded = json_decode( $raw_body, true );
		if ( ! is_array( $decoded ) || ( array() !== $decoded && array_is_list( $decoded ) ) ) {
			return $this->errors->from_response( $status, $raw_body, $redact );
		}
		return array(
			'status' => $status,
			'body'   => $decoded,
		);
	}

	/**
	 * The request timeout.
	 *
	 * @return float Seconds; 15 unless the `meum_wc_http_timeout` filter says otherwise.
	 */
	public function timeout(): float {
		/**
		 * Filters the timeout of requests to Meum.
		 *
		 * @param float $timeout Seconds; default 15.
		 */
		$timeout = (float) apply_filters( 'meum_wc_http_timeout', (float) self::DEFAULT_TIMEOUT );
		return $timeout > 0 ? $timeout : (float) self::DEFAULT_TIMEOUT;
	}

	/**
	 * The User-Agent naming the plugin and the platform versions.
	 *
	 * @return string For example "meum-woocommerce/0.1.0 WordPress/6.8.3 WooCommerce/9.9.0".
	 */
	public function user_agent(): string {
		$agent = 'meum-woocommerce/' . MEUM_WC_VERSION;
		$wp    = $this->environment->wordpress_version();
		$wc    = $this->environment->woocommerce_version();
		if ( null !== $wp ) {
			$agent .= ' WordPress/' . $wp;
		}
		if ( null !== $wc ) {
			$agent .= ' WooCommerce/' . $wc;
		}
		return $agent;
	}
}
