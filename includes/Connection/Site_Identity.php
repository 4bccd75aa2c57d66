<?php
/**
 * Detects a change of the site's address since it was connected.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Compares the home and webhook URLs sent at connect with the current ones. A domain change, an
 * https switch, a permalink change or a clone to staging makes them differ; until the merchant
 * chooses what happened, the stored key must not be used (a clone calling Meum with production's
 * key could cut off the production store).
 */
class Site_Identity {

	/** `kind` of a change of the site URL (with or without the webhook URL). */
	public const CHANGE_SITE = 'site';

	/** `kind` of a change of the webhook URL alone. */
	public const CHANGE_WEBHOOK = 'webhook';

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Creates the detector.
	 *
	 * @param Environment $environment Site facts.
	 */
	public function __construct( Environment $environment ) {
		$this->environment = $environment;
	}

	/**
	 * The form in which two URLs are compared.
	 *
	 * @param string $url Absolute URL.
	 * @return string Lowercase scheme, host (with a non-default port) and path, without trailing
	 *                slash; query and fragment dropped. Example: "https://shop.example.com/wp-json/meum/v1/webhook".
	 */
	public static function normalize( string $url ): string {
		$parts  = wp_parse_url( trim( $url ) );
		$scheme = strtolower( (string) ( $parts['scheme'] ?? '' ) );
		$host   = strtolower( (string) ( $parts['host'] ?? '' ) );
		$port   = isset( $parts['port'] ) ? (int) $parts['port'] : null;
		if ( null !== $port && ! ( ( 'http' === $scheme && 80 === $port ) || ( 'https' === $scheme && 443 === $port ) ) ) {
			$host .= ':' . $port;
		}
		$path = rtrim( strtolower( (string) ( $parts['path'] ?? '' ) ), '/' );
		return $scheme . '://' . $host . $path;
	}

	/**
	 * The change of address, if any.
	 *
	 * @param array<string, mixed> $facts Stored public facts (with `sent_site_url` / `sent_webhook_url`).
	 * @return array{kind: string, connected_site_url: string, current_site_url: string, connected_webhook_url: string, current_webhook_url: string}|null
	 *         Null when the address is unchanged or unknown. `kind` is `site` when the site URL
	 *         changed (a new domain, https, a copy: the merchant chooses new site or same site), or
	 *         `webhook` when only the webhook URL changed (e.g. permalinks switched to plain: a
	 *         reconnect registers the new address).
	 */
	public function change( array $facts ): ?array {
		$connected_site    = $this->string_fact( $facts, 'sent_site_url', 'site_url' );
		$connected_webhook = $this->string_fact( $facts, 'sent_webhook_url', 'webhook_url' );
		if ( null === $connected_site || null === $connected_webhook ) {
			return null;
		}
		$current_site    = $this->environment->home_url();
		$current_webhook = $this->environment->webhook_url();
		$same_site       = self::normalize( $connected_site ) === self::normalize( $current_site );
		if ( $same_site && self::normalize( $connected_webhook ) === self::normalize( $current_webhook ) ) {
			return null;
		}
		return array(
			'kind'                  => $same_site ? self::CHANGE_WEBHOOK : self::CHANGE_SITE,
			'connected_site_url'    => $connected_site,
			'current_site_url'      => $current_site,
			'connected_webhook_url' => $connected_webhook,
			'current_webhook_url'   => $current_webhook,
		);
	}

	/**
	 * A string fact, with a fallback key for data stored by earlier versions.
	 *
	 * @param array<string, mixed> $facts    Facts.
	 * @param string               $key      Preferred key.
	 * @param string               $fallback Fallback key.
	 * @return string|null The value, or null.
	 */
	private function string_fact( array $facts, string $key, string $fallback ): ?string {
		foreach ( array( $key, $fallback ) as $name ) {
			if ( isset( $facts[ $name ] ) && is_string( $facts[ $name ] ) && '' !== $facts[ $name ] ) {
				return $facts[ $name ];
			}
		}
		return null;
	}
}
