<?php
/**
 * The decision part of validating Meum's connect answer.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Finds the first field of a connect answer that breaks the contract, and masks the API key for
 * display. Plain PHP: it needs no WordPress function, so its tests run without WordPress;
 * {@see Connect_Response} words the problem and sanitizes the facts.
 *
 * Contract: `WooConnectResponse` of `POST /v1/integration/woocommerce/connect` and Meum API Part A
 * §A1: the handshake succeeded only when `api_key`, `webhook_secret` and `integration_id` are
 * non-empty strings and the booleans are booleans; optional text fields, when present, are strings.
 */
class Connect_Response_Check {

	/** Fields that must be non-empty strings. */
	public const REQUIRED_STRINGS = array( 'api_key', 'webhook_secret', 'integration_id' );

	/** The secret fields, which must also be a valid credential. */
	public const SECRETS = array( 'api_key', 'webhook_secret' );

	/** Optional plain-text fields kept as public facts. */
	public const OPTIONAL_TEXT = array( 'store_id', 'store_name', 'integration_public_id', 'installation_id', 'webhook_id', 'status', 'warning' );

	/** Optional URL fields kept as public facts. */
	public const OPTIONAL_URLS = array( 'site_url', 'webhook_url', 'checkout_base_url' );

	/** Fields that, when present, must be booleans. */
	public const BOOLEANS = array( 'credentials_rotated', 'payout_configured' );

	/** Longest secret accepted, in bytes. */
	public const MAX_SECRET_LENGTH = 512;

	/** Problem: a required field is missing, not a string, or empty. */
	public const MISSING = 'missing';

	/** Problem: a secret is too long or holds whitespace or control characters. */
	public const INVALID_CREDENTIAL = 'invalid_credential';

	/** Problem: a boolean field is not a boolean. */
	public const NOT_BOOLEAN = 'not_boolean';

	/** Problem: an optional text field is not a string. */
	public const NOT_TEXT = 'not_text';

	/**
	 * Finds the first field that breaks the contract, in the order: required strings, secrets,
	 * booleans, optional text.
	 *
	 * @param array<string, mixed> $body Decoded JSON object of a 200 answer.
	 * @return array{field: string, problem: string}|null The field and its problem (one of the
	 *         problem constants), or null when the answer is valid.
	 */
	public function problem( array $body ): ?array {
		foreach ( self::REQUIRED_STRINGS as $field ) {
			if ( ! isset( $body[ $field ] ) || ! is_string( $body[ $field ] ) || '' === trim( $body[ $field ] ) ) {
				return $this->found( $field, self::MISSING );
			}
		}
		foreach ( self::SECRETS as $field ) {
			if ( strlen( $body[ $field ] ) > self::MAX_SECRET_LENGTH || preg_match( '/[\s\x00-\x1f]/', $body[ $field ] ) ) {
				return $this->found( $field, self::INVALID_CREDENTIAL );
			}
		}
		foreach ( self::BOOLEANS as $field ) {
			if ( array_key_exists( $field, $body ) && ! is_bool( $body[ $field ] ) ) {
				return $this->found( $field, self::NOT_BOOLEAN );
			}
		}
		foreach ( array_merge( self::OPTIONAL_TEXT, self::OPTIONAL_URLS ) as $field ) {
			if ( isset( $body[ $field ] ) && ! is_string( $body[ $field ] ) ) {
				return $this->found( $field, self::NOT_TEXT );
			}
		}
		return null;
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

	/**
	 * Builds a problem.
	 *
	 * @param string $field   Field name.
	 * @param string $problem One of the problem constants.
	 * @return array{field: string, problem: string}
	 */
	private function found( string $field, string $problem ): array {
		return array(
			'field'   => $field,
			'problem' => $problem,
		);
	}
}
