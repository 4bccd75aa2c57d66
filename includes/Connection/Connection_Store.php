<?php
/**
 * Where the connection to Meum is kept.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the connection in two WordPress options, both with autoload off:
 *
 * - `meum_wc_credentials`: the secrets (`api_key`, `webhook_secret`), read only when a request to
 *   Meum or a webhook check needs them, never sent to the browser;
 * - `meum_wc_connection`: the public connection facts, including the masked key, so showing the
 *   settings page never needs a secret.
 *
 * Both carry the same generation id. A write stores the secrets first and the facts second; if the
 * second write is lost (a crash, a failed query) the ids differ and {@see load()} reports the
 * connection as inconsistent, so the merchant is asked to reconnect instead of running on a mix of
 * old and new values.
 */
class Connection_Store {

	/** Option holding the secrets. */
	public const CREDENTIALS_OPTION = 'meum_wc_credentials';

	/** Option holding the public connection facts. */
	public const CONNECTION_OPTION = 'meum_wc_connection';

	/** No connection is stored. */
	public const STATE_NONE = 'none';

	/** A complete connection is stored. */
	public const STATE_CONNECTED = 'connected';

	/** Stored data is incomplete or from two different handshakes. */
	public const STATE_INCONSISTENT = 'inconsistent';

	/**
	 * Stores the result of a successful handshake, replacing any earlier connection.
	 *
	 * @param array{api_key: string, webhook_secret: string} $credentials The secrets.
	 * @param array<string, mixed>                           $connection  Public facts (no secrets).
	 * @return true|WP_Error True once both options are written; `meum_storage_failed` (status 500)
	 *                       when the database refused a write.
	 */
	public function save( array $credentials, array $connection ) {
		$generation = wp_generate_uuid4();

		$secrets = array(
			'api_key'        => $credentials['api_key'],
			'webhook_secret' => $credentials['webhook_secret'],
			'generation'     => $generation,
		);
		if ( ! update_option( self::CREDENTIALS_OPTION, $secrets, false ) ) {
			return $this->storage_failed();
		}

		$connection['generation'] = $generation;
		if ( ! update_option( self::CONNECTION_OPTION, $connection, false ) ) {
			return $this->storage_failed();
		}
		return true;
	}

	/**
	 * Reads the stored connection.
	 *
	 * @return array{state: string, connection: array<string, mixed>|null} `state` is one of the
	 *         STATE_* constants; `connection` holds the public facts when the state is connected.
	 */
	public function load(): array {
		$connection  = get_option( self::CONNECTION_OPTION, null );
		$credentials = get_option( self::CREDENTIALS_OPTION, null );

		if ( null === $connection && null === $credentials ) {
			return array(
				'state'      => self::STATE_NONE,
				'connection' => null,
			);
		}
		if ( ! $this->is_consistent( $connection, $credentials ) ) {
			return array(
				'state'      => self::STATE_INCONSISTENT,
				'connection' => null,
			);
		}
		return array(
			'state'      => self::STATE_CONNECTED,
			'connection' => $connection,
		);
	}

	/**
	 * The stored secrets, for server-side calls and webhook checks only.
	 *
	 * @return array{api_key: string, webhook_secret: string}|null Null unless a consistent
	 *         connection is stored.
	 */
	public function credentials(): ?array {
		$credentials = get_option( self::CREDENTIALS_OPTION, null );
		if ( ! $this->is_consistent( get_option( self::CONNECTION_OPTION, null ), $credentials ) ) {
			return null;
		}
		return array(
			'api_key'        => $credentials['api_key'],
			'webhook_secret' => $credentials['webhook_secret'],
		);
	}

	/**
	 * Whether both options exist, are well formed and come from the same handshake.
	 *
	 * @param mixed $connection  Value of the connection option.
	 * @param mixed $credentials Value of the credentials option.
	 * @return bool True when they belong together.
	 */
	private function is_consistent( $connection, $credentials ): bool {
		if ( ! is_array( $connection ) || ! is_array( $credentials ) ) {
			return false;
		}
		foreach ( array( 'api_key', 'webhook_secret', 'generation' ) as $key ) {
			if ( empty( $credentials[ $key ] ) || ! is_string( $credentials[ $key ] ) ) {
				return false;
			}
		}
		return isset( $connection['generation'] ) && is_string( $connection['generation'] )
			&& hash_equals( $credentials['generation'], $connection['generation'] );
	}

	/**
	 * Error for a write the database refused.
	 *
	 * @return WP_Error `meum_storage_failed`, status 500.
	 */
	private function storage_failed(): WP_Error {
		return new WP_Error(
			'meum_storage_failed',
			__( 'The connection could not be saved in the WordPress database. Check the database and connect again.', 'meum-woocommerce' ),
			array(
				'status'          => 500,
				'upstream_status' => null,
				'meum_code'       => null,
				'details'         => (object) array(),
			)
		);
	}
}
