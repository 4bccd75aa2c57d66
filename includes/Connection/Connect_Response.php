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
 * facts. The contract's decision is {@see Connect_Response_Check}'s; this class words the problem
 * for the merchant and sanitizes the facts.
 */
class Connect_Response {

	/**
	 * The contract's decision (plain PHP).
	 *
	 * @var Connect_Response_Check
	 */
	private Connect_Response_Check $check;

	/**
	 * Creates the validation.
	 *
	 * @param Connect_Response_Check|null $check The contract's decision (default: the plugin's).
	 */
	public function __construct( ?Connect_Response_Check $check = null ) {
		$this->check = $check ?? new Connect_Response_Check();
	}

	/**
	 * Finds what is wrong with a connect answer.
	 *
	 * @param array<string, mixed> $body Decoded JSON object of a 200 answer.
	 * @return string|null Plain-text reason naming the first bad field, or null when the answer is valid.
	 */
	public function problem( array $body ): ?string {
		$found = $this->check->problem( $body );
		if ( null === $found ) {
			return null;
		}
		switch ( $found['problem'] ) {
			case Connect_Response_Check::MISSING:
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is missing or empty.', 'meum-woocommerce' ), $found['field'] );
			case Connect_Response_Check::INVALID_CREDENTIAL:
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is not a valid credential.', 'meum-woocommerce' ), $found['field'] );
			case Connect_Response_Check::NOT_BOOLEAN:
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is not true or false.', 'meum-woocommerce' ), $found['field'] );
			default:
				/* translators: %s: field name in Meum's answer. */
				return sprintf( __( '"%s" is not text.', 'meum-woocommerce' ), $found['field'] );
		}
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
		foreach ( Connect_Response_Check::OPTIONAL_TEXT as $field ) {
			$value           = isset( $body[ $field ] ) ? sanitize_text_field( $body[ $field ] ) : '';
			$facts[ $field ] = '' !== $value ? $value : null;
		}
		foreach ( Connect_Response_Check::OPTIONAL_URLS as $field ) {
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
		return Connect_Response_Check::mask( $key );
	}
}
