<?php
/**
 * The decision part of site identity: did the site's address change since connect?
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Compares the home and webhook URLs sent at connect with the current ones, in a normalized form.
 * Plain PHP: it needs no WordPress function, so its tests run without WordPress;
 * {@see Site_Identity} gives it the site's current URLs.
 */
class Address_Change {

	/** `kind` of a change of the site URL (with or without the webhook URL). */
	public const CHANGE_SITE = 'site';

	/** `kind` of a change of the webhook URL alone. */
	public const CHANGE_WEBHOOK = 'webhook';

	/**
	 * The form in which two URLs are compared.
	 *
	 * @param string $url Absolute URL.
	 * @return string Lowercase scheme, host (with a non-default port) and path, without trailing
	 *                slash; query and fragment dropped. Example: "https://shop.example.com/wp-json/meum/v1/webhook".
	 */
	public static function normalize( string $url ): string {
		// wp_parse_url() only differs from parse_url() on PHP < 5.4.7; this class must not need WordPress.
		$parts  = parse_url( trim( $url ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
		$parts  = is_array( $parts ) ? $parts : array();
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
	 * The change of address between the stored facts and the current URLs, if any.
	 *
	 * @param array<string, mixed> $facts           Stored public facts (`sent_site_url` /
	 *                                              `sent_webhook_url`, or from earlier versions
	 *                                              `site_url` / `webhook_url`).
	 * @param string               $current_site    The site's home URL now.
	 * @param string               $current_webhook The site's webhook URL now.
	 * @return array{kind: string, connected_site_url: string, current_site_url: string, connected_webhook_url: string, current_webhook_url: string}|null
	 *         Null when the address is unchanged or the connected one is unknown. `kind` is
	 *         `site` when the site URL changed (a new domain, https, a copy: the merchant chooses
	 *         new site or same site), or `webhook` when only the webhook URL changed (e.g.
	 *         permalinks switched to plain: a reconnect registers the new address).
	 */
	public function between( array $facts, string $current_site, string $current_webhook ): ?array {
		$connected_site    = $this->string_fact( $facts, 'sent_site_url', 'site_url' );
		$connected_webhook = $this->string_fact( $facts, 'sent_webhook_url', 'webhook_url' );
		if ( null === $connected_site || null === $connected_webhook ) {
			return null;
		}
		$same_site = self::normalize( $connected_site ) === self::normalize( $current_site );
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
