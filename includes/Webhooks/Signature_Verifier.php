<?php
/**
 * Verification of Meum's webhook signatures.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Checks a delivery's headers against the stored secrets, in the documented order; the first
 * failed check is the reason.
 *
 * Contract: Meum API Part A §A4. Signature `v1=` + lowercase hex HMAC-SHA256(secret,
 * timestamp + "." + raw body); the documented legacy form `sha256=` + hex HMAC-SHA256(secret, raw
 * body) is accepted after it; a comma-separated list is accepted if any entry matches. Every
 * comparison is constant-time (`hash_equals`). The timestamp must be within 300 seconds of now,
 * in the past or the future.
 */
class Signature_Verifier {

	/** Largest allowed distance between the delivery's timestamp and now, in seconds. */
	public const TOLERANCE = 300;

	/**
	 * Finds why a delivery must be refused.
	 *
	 * @param array<string, string|null> $headers         Webhook_Headers::read() result.
	 * @param string                     $raw_body        The body bytes exactly as received.
	 * @param string[]                   $secrets         Secrets that may have signed it (current first).
	 * @param string[]                   $integration_ids The stored integration ids it may name.
	 * @param int                        $now             Unix time.
	 * @return string|null Refusal reason (`no_secret`, `missing_headers`, `invalid_timestamp`,
	 *                     `stale_timestamp`, `integration_mismatch`, `invalid_signature`), or null
	 *                     when the delivery is authentic.
	 */
	public function refusal( array $headers, string $raw_body, array $secrets, array $integration_ids, int $now ): ?string {
		if ( array() === $secrets ) {
			return 'no_secret';
		}
		foreach ( Webhook_Headers::REQUIRED as $name ) {
			if ( null === $headers[ $name ] || '' === $headers[ $name ] ) {
				return 'missing_headers';
			}
		}
		$timestamp = (string) $headers['Timestamp'];
		if ( ! preg_match( '/^\d{1,12}$/', $timestamp ) ) {
			return 'invalid_timestamp';
		}
		if ( abs( $now - (int) $timestamp ) > self::TOLERANCE ) {
			return 'stale_timestamp';
		}
		$integration = $headers['Integration-Id'];
		if ( null !== $integration && '' !== $integration && ! in_array( $integration, $integration_ids, true ) ) {
			return 'integration_mismatch';
		}
		return $this->signature_matches( (string) $headers['Signature'], $timestamp, $raw_body, $secrets ) ? null : 'invalid_signature';
	}

	/**
	 * Whether any signature in the header matches any secret: every `v1=` entry first, then the
	 * legacy `sha256=` entries.
	 *
	 * @param string   $header    Signature header value.
	 * @param string   $timestamp Timestamp header value.
	 * @param string   $raw_body  Body bytes.
	 * @param string[] $secrets   Secrets.
	 * @return bool True on a match.
	 */
	private function signature_matches( string $header, string $timestamp, string $raw_body, array $secrets ): bool {
		$given = array(
			'v1'     => array(),
			'sha256' => array(),
		);
		foreach ( explode( ',', $header ) as $entry ) {
			$parts = explode( '=', trim( $entry ), 2 );
			if ( 2 === count( $parts ) && isset( $given[ $parts[0] ] ) && '' !== $parts[1] ) {
				$given[ $parts[0] ][] = $parts[1];
			}
		}
		$matched = false;
		foreach ( array( 'v1', 'sha256' ) as $scheme ) {
			foreach ( $given[ $scheme ] as $signature ) {
				foreach ( $secrets as $secret ) {
					$signed   = 'v1' === $scheme ? $timestamp . '.' . $raw_body : $raw_body;
					$expected = hash_hmac( 'sha256', $signed, $secret );
					// Keep comparing after a match: the time taken must not depend on which entry matched.
					$matched = hash_equals( $expected, $signature ) || $matched;
				}
			}
		}
		return $matched;
	}
}
