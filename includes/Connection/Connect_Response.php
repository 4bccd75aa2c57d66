<?php
/**
 * Validation of Meum's answer to the connect handshake.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Checks a connect answer before anything is stored and splits it into the secrets and the public
 * facts.
 *
 * Contract: `WooConnectResponse` of `POST /v1/integration/woocommerce/connect` and Meum API Part A
 * §A1: the handshake succeeded only when `api_key`, `webhook_secret` and `integration_id` are
 * non-empty strings and the booleans are booleans; optional text fields, when present, are strings.
 */
class Connect_Response {

	/** Fields that must be non-empty strings. */
	private const REQUIRED_STRINGS = array( 'api_key', 'webhook_secret', 'integration_id' );

	/** Optional plain-text fields kept as public facts. */
	private const OPTIONAL_TEXT = array( 'store_id', 'store_name', 'integration_public_id', 'installation_id', 'webhook_id', 'status', 'warning' );

	/** Optional URL fields kept as public facts. */
	private const OPTIONAL_URLS = array( 'site_url', 'webhook_url', 'checkout_base_url' );

	/** Fields that, when present, must be booleans. */
	private const BOOLEANS = array( 'credentials_rotated', 'payout_configured' );

	/** Longest secret accepted, in bytes. */
	private const MAX_SECRET_LENGTH = 512;

	/**
	 * Finds what is wrong with a connect answer.
	 *
	 * @param array<string, mixed> $body Decoded JSON object of a 200 answer.
	 * @return string|null Plain-text reason naming the first bad field, or null when the answer is valid.
	 */
	public function problem( array $body ): ?string {
		foreach ( self::REQUIRED_STRINGS as $field ) {
			if ( ! isset( $body[ $field ] ) || ! is_string( $body[ $field ] ) || '' === trim( $body[ $field ] ) ) {
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is missing or empty.', 'meum-woocommerce' ), $field );
			}
		}
		foreach ( array( 'api_key', 'webhook_secret' ) as $field ) {
			if ( strlen( $body[ $field ] ) > self::MAX_SECRET_LENGTH || preg_match( '/[\s\x00-\x1f]/', $body[ $field ] ) ) {
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is not a valid credential.', 'meum-woocommerce' ), $field );
			}
		}
		foreach ( self::BOOLEANS as $field ) {
			if ( array_key_exists( $field, $body ) && ! is_bool( $body[ $field ] ) ) {
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is not true or false.', 'meum-woocommerce' ), $field );
			}
		}
		foreach ( array_merge( self::OPTIONAL_TEXT, self::OPTIONAL_URLS ) as $field ) {
			if ( isset( $body[ $field ] ) && ! is_string( $body[ $field ] ) ) {
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is not text.', 'meum-woocommerce' ), $field );
			}
		}
		return null;
	}

	/**
	 * The secrets of a valid answer.
	 *
	 * @param array<string, mixed> $body A body for which {@see problem()} returned null.
	 * @return array{api_key: string, webhook_secret: string}
	 */
	public function credentials( array $body ): array {
		return array(
			'api_key'        => $body['api_key'],
			'webhook_secret' => $body['webhook_secret'],
		);
	}

	/**
	 * The public facts of a valid answer, sanitized, with the masked key and the handshake time.
	 *
	 * @param array<string, mixed>                         $body         A body for which {@see problem()} returned null.
	 * @param array{site_url: string, webhook_url: string} $sent         The URLs sent in the handshake.
	 * @param int                                          $connected_at Unix time of the handshake, in seconds.
	 * @return array<string, mixed> Facts keyed as in the answer, plus `masked_api_key`,
	 *         `connected_at`, `sent_site_url` and `sent_webhook_url`. Missing optional fields are null.
	 */
	public function public_facts( array $body, array $sent, int $connected_at ): array {
		$facts = array( 'integration_id' => sanitize_text_field( $body['integration_id'] ) );
		foreach ( self::OPTIONAL_TEXT as $field ) {
			$value           = isset( $body[ $field ] ) ? sanitize_text_field( $body[ $field ] ) : '';
			$facts[ $field ] = '' !== $value ? $value : null;
		}
		foreach ( self::OPTIONAL_URLS as $field ) {
			$value           = isset( $body[ $field ] ) ? esc_url_raw( $body[ $field ], array( 'http', 'https' ) ) : '';
			$facts[ $field ] = '' !== $value ? $value : null;
		}
		$facts['site_url']            = $facts['site_url'] ?? $sent['site_url'];
		$facts['webhook_url']         = $facts['webhook_url'] ?? $sent['webhook_url'];
		$facts['credentials_rotated'] = $body['credentials_rotated'] ?? false;
		$facts['payout_configured']   = $body['payout_configured'] ?? null;
		$facts['masked_api_key']      = self::mask( $body['api_key'] );
		$facts['connected_at']        = $connected_at;
		$facts['sent_site_url']       = $sent['site_url'];
		$facts['sent_webhook_url']    = $sent['webhook_url'];
		return $facts;
	}

	/**
	 * Masks an API key for display: its prefix (such as `sk_live_`) and last 4 characters.
	 *
	 * @param string $key The key.
	 * @return string For example "sk_live_…a1B2"; keys too short to mask safely give "…".
	 */
	public static function mask( string $key ): string {
		if ( strlen( $key ) < 16 ) {
			return '…';
		}
		$prefix = preg_match( '/^([a-z]+_(?:[a-z]+_)?)/', $key, $match ) ? $match[1] : '';
		return $prefix . '…' . substr( $key, -4 );
	}
}
