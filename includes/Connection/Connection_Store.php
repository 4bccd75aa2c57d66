<?php
/**
 * Where the connection to Meum is kept.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Security\Encryption;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the connection in two WordPress options:
 *
 * - `meum_wc_credentials` (autoload off): the secrets (`api_key`, `webhook_secret`), encrypted (see
 *   {@see Encryption}), read only when a request to Meum or a webhook check needs them, never sent
 *   to the browser;
 * - `meum_wc_connection` (autoloaded, no secret): the public connection facts, including the
 *   masked key and `key_check`, the fingerprint of the key the secrets were encrypted with
 *   ({@see Encryption::key_check()}), so showing the settings page never needs a secret in clear
 *   and {@see offer_state()} answers on every front-end page without a query.
 *
 * After a reconnect that rotated the credentials, the previous `webhook_secret` stays in the
 * credentials option, encrypted, for {@see ROTATION_GRACE} seconds, so deliveries Meum signed
 * before the rotation still verify; then it is deleted. The previous `api_key` is never kept.
 *
 * Both carry the same generation id. A write stores the secrets first and the facts second; if the
 * second write is lost (a crash, a failed query) the ids differ and {@see load()} reports the
 * connection as inconsistent, so the merchant is asked to reconnect instead of running on a mix of
 * old and new values.
 *
 * Every use of the stored key goes through {@see usable_credentials()}, the one answer to "may I
 * use the stored key now?" (see its contract).
 */
class Connection_Store {

	/** Option holding the secrets. */
	public const CREDENTIALS_OPTION = 'meum_wc_credentials';

	/** Option holding the public connection facts. */
	public const CONNECTION_OPTION = 'meum_wc_connection';

	/** No connection is stored. */
	public const STATE_NONE = 'none';

	/** A complete, usable connection is stored. */
	public const STATE_CONNECTED = 'connected';

	/** Stored data is incomplete or from two different handshakes. */
	public const STATE_INCONSISTENT = 'inconsistent';

	/** The secrets cannot be decrypted (key material changed, or the data was altered). */
	public const STATE_UNDECRYPTABLE = 'undecryptable';

	/** Meum no longer accepts the stored key (revoked or rotated elsewhere). */
	public const STATE_REVOKED = 'revoked';

	/** How long the previous webhook secret still verifies after a rotation, in seconds. */
	public const ROTATION_GRACE = 600;

	/** The secret fields. */
	private const SECRETS = array( 'api_key', 'webhook_secret' );

	/**
	 * Encryption of the secrets.
	 *
	 * @var Encryption
	 */
	private Encryption $encryption;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Address-change detection.
	 *
	 * @var Site_Identity
	 */
	private Site_Identity $site;

	/**
	 * Creates the store.
	 *
	 * @param Encryption         $encryption Encryption of the secrets.
	 * @param Clock|null         $clock      The time (default: the real one).
	 * @param Site_Identity|null $site       Address-change detection (default: this site's).
	 */
	public function __construct( Encryption $encryption, ?Clock $clock = null, ?Site_Identity $site = null ) {
		$this->encryption = $encryption;
		$this->clock      = $clock ?? new Clock();
		$this->site       = $site ?? new Site_Identity( new Environment() );
	}

	/**
	 * The one answer to "may I use the stored key now?", for every caller that sends the API key
	 * to Meum or signs with the webhook secret: the status refresh, the disconnect, the webhook
	 * self-test, and every caller to come (the payment gateway, every background job). Callers
	 * never read {@see credentials()} to act; they ask here and stop on an error.
	 *
	 * The key must not be used while:
	 * - no connection is stored, or it is incomplete or undecryptable (`meum_not_connected`);
	 * - a reconnect is required because Meum rejected the key (`meum_not_connected`: the stored
	 *   key is not a usable connection any more);
	 * - the site's address changed since connect and the merchant has not said what happened
	 *   (`meum_site_changed`): a staging copy must never act on the live store's orders or
	 *   connection with the live store's key. This is checked first, whenever public facts exist.
	 *
	 * @return array{api_key: string, webhook_secret: string}|WP_Error The secrets in clear when a
	 *         complete, accepted connection is stored for this site's current address; otherwise
	 *         `meum_site_changed` or `meum_not_connected` (both status 409, see {@see Errors}).
	 */
	public function usable_credentials() {
		$loaded = $this->load();
		if ( null !== $loaded['connection'] && null !== $this->site->change( $loaded['connection'] ) ) {
			return Errors::site_changed();
		}
		if ( self::STATE_CONNECTED !== $loaded['state'] ) {
			return Errors::not_connected();
		}
		$credentials = $this->credentials();
		return null === $credentials ? Errors::not_connected() : $credentials;
	}

	/**
	 * The connection's state as far as offering payments needs it, asked on every front-end page
	 * (the block integration's `is_active()`, the gateway's availability): from the autoloaded
	 * public facts alone when they carry the key fingerprint, so no query and no decryption.
	 *
	 * "Credentials that decrypt" is answered by comparing the fingerprint stored at save time with
	 * the current key material's. What this cannot see (secrets deleted or altered in the database,
	 * a lost write) is still caught where the key is used: {@see usable_credentials()} decrypts, and
	 * the checkout fails cleanly. Facts without a fingerprint (before the upgrade step) and a site
	 * without facts are answered by {@see load()}.
	 *
	 * @return array{state: string, connection: array<string, mixed>|null, site_changed: bool}
	 *         `state` and `connection` as {@see load()} says; `site_changed` is true when the site's
	 *         address changed since connect (then {@see usable_credentials()} refuses the key).
	 */
	public function offer_state(): array {
		$facts = $this->facts();
		if ( null !== $facts && isset( $facts['key_check'], $facts['generation'] ) && is_string( $facts['key_check'] ) ) {
			$current = $this->encryption->key_check();
			if ( null === $current || ! hash_equals( $facts['key_check'], $current ) ) {
				$loaded = $this->loaded( self::STATE_UNDECRYPTABLE, $facts );
			} else {
				$loaded = $this->loaded( empty( $facts['revoked'] ) ? self::STATE_CONNECTED : self::STATE_REVOKED, $facts );
			}
		} else {
			$loaded = $this->load();
		}
		$loaded['site_changed'] = null !== $loaded['connection'] && null !== $this->site->change( $loaded['connection'] );
		return $loaded;
	}

	/**
	 * Upgrade step: keeps the public facts autoloaded, with the key fingerprint when the stored
	 * secrets decrypt with the current key (an earlier version stored them with autoload off and
	 * without it). Safe to run any number of times; the secrets option is left as it is.
	 *
	 * @return void
	 */
	public function autoload_facts(): void {
		$facts = $this->facts();
		if ( null === $facts ) {
			return;
		}
		if ( ! isset( $facts['key_check'] ) && null !== $this->credentials() ) {
			$facts['key_check'] = $this->encryption->key_check();
		}
		update_option( self::CONNECTION_OPTION, $facts, true );
		wp_set_option_autoload( self::CONNECTION_OPTION, true );
	}

	/**
	 * Whether anything of a connection is stored (the secrets or the public facts).
	 *
	 * @return bool False only on a site that was never connected, or after disconnect or forget.
	 */
	public function has_stored_connection(): bool {
		return self::STATE_NONE !== $this->load()['state'];
	}

	/**
	 * The stored public facts, exactly as stored (no secrets).
	 *
	 * @return array<string, mixed>|null The facts of the latest handshake with the refreshed status,
	 *         or null when none are stored. They may belong to an inconsistent or revoked
	 *         connection; use {@see load()} or {@see usable_credentials()} to decide anything.
	 */
	public function facts(): ?array {
		$connection = get_option( self::CONNECTION_OPTION, null );
		return is_array( $connection ) ? $connection : null;
	}

	/**
	 * Stores the result of a successful handshake, replacing any earlier connection.
	 *
	 * @param array{api_key: string, webhook_secret: string} $credentials The secrets, in clear.
	 * @param array<string, mixed>                           $connection  Public facts (no secrets).
	 * @param bool                                           $rotated     Meum re-issued the credentials
	 *                                                                    (`credentials_rotated`): keep the
	 *                                                                    previous webhook secret for the grace.
	 * @return true|WP_Error True once both options are written. `meum_no_key_material` (409) when
	 *                       the secrets cannot be encrypted (nothing is written then);
	 *                       `meum_storage_failed` (500) when the database refused a write.
	 */
	public function save( array $credentials, array $connection, bool $rotated = false ) {
		$generation = wp_generate_uuid4();
		$secrets    = array( 'generation' => $generation );
		foreach ( self::SECRETS as $field ) {
			$encrypted = $this->encryption->encrypt( $credentials[ $field ] );
			if ( null === $encrypted ) {
				return Errors::no_key_material();
			}
			$secrets[ $field ] = $encrypted;
		}
		$previous = $rotated ? $this->credentials() : null;
		if ( null !== $previous && ! hash_equals( $previous['webhook_secret'], $credentials['webhook_secret'] ) ) {
			$secrets['previous_webhook_secret'] = $this->encryption->encrypt( $previous['webhook_secret'] );
			$secrets['previous_secret_expires'] = $this->clock->now() + self::ROTATION_GRACE;
		}

		if ( ! update_option( self::CREDENTIALS_OPTION, $secrets, false ) ) {
			return Errors::storage_failed();
		}
		$connection['generation'] = $generation;
		$connection['key_check']  = $this->encryption->key_check();
		if ( ! update_option( self::CONNECTION_OPTION, $connection, true ) ) {
			return Errors::storage_failed();
		}
		return true;
	}

	/**
	 * Changes some public facts of the stored connection (after a status refresh), keeping its
	 * generation.
	 *
	 * @param array<string, mixed> $changes Facts to set.
	 * @return bool True when written; false when no connection is stored or the write failed.
	 */
	public function update_facts( array $changes ): bool {
		$connection = $this->facts();
		if ( null === $connection ) {
			return false;
		}
		unset( $changes['generation'], $changes['key_check'] );
		$updated = array_merge( $connection, $changes );
		return $updated === $connection || update_option( self::CONNECTION_OPTION, $updated, true );
	}

	/**
	 * Deletes the stored connection (secrets first).
	 *
	 * @return void
	 */
	public function forget(): void {
		delete_option( self::CREDENTIALS_OPTION );
		delete_option( self::CONNECTION_OPTION );
	}

	/**
	 * Reads the stored connection.
	 *
	 * @return array{state: string, connection: array<string, mixed>|null} `state` is one of the
	 *         STATE_* constants; `connection` holds the public facts whenever they are stored and
	 *         belong to the stored secrets (connected, undecryptable, revoked), null otherwise.
	 */
	public function load(): array {
		$connection  = get_option( self::CONNECTION_OPTION, null );
		$credentials = get_option( self::CREDENTIALS_OPTION, null );

		if ( null === $connection && null === $credentials ) {
			return $this->loaded( self::STATE_NONE, null );
		}
		if ( ! $this->is_consistent( $connection, $credentials ) ) {
			return $this->loaded( self::STATE_INCONSISTENT, null );
		}
		if ( null === $this->decrypt_all( $credentials ) ) {
			return $this->loaded( self::STATE_UNDECRYPTABLE, $connection );
		}
		if ( ! empty( $connection['revoked'] ) ) {
			return $this->loaded( self::STATE_REVOKED, $connection );
		}
		return $this->loaded( self::STATE_CONNECTED, $connection );
	}

	/**
	 * The stored secrets in clear, whatever the connection's state: for the webhook signature
	 * check and the rotation. To act with the key, ask {@see usable_credentials()}.
	 *
	 * @return array{api_key: string, webhook_secret: string}|null Null unless a consistent,
	 *         decryptable connection is stored.
	 */
	public function credentials(): ?array {
		$credentials = get_option( self::CREDENTIALS_OPTION, null );
		if ( ! $this->is_consistent( get_option( self::CONNECTION_OPTION, null ), $credentials ) ) {
			return null;
		}
		return $this->decrypt_all( $credentials );
	}

	/**
	 * The webhook secrets that may sign a delivery now: the current one, and the previous one
	 * during the rotation grace. An expired previous secret is deleted here.
	 *
	 * @return string[] Secrets in clear, current first; empty without a usable connection.
	 */
	public function webhook_secrets(): array {
		$current = $this->credentials();
		if ( null === $current ) {
			return array();
		}
		$stored  = get_option( self::CREDENTIALS_OPTION );
		$secrets = array( $current['webhook_secret'] );
		if ( isset( $stored['previous_webhook_secret'], $stored['previous_secret_expires'] ) ) {
			if ( (int) $stored['previous_secret_expires'] > $this->clock->now() ) {
				$previous = $this->encryption->decrypt( (string) $stored['previous_webhook_secret'] );
				if ( null !== $previous ) {
					$secrets[] = $previous;
				}
			} else {
				unset( $stored['previous_webhook_secret'], $stored['previous_secret_expires'] );
				update_option( self::CREDENTIALS_OPTION, $stored, false );
			}
		}
		return $secrets;
	}

	/**
	 * Encrypts secrets that an earlier version stored in clear. Safe to run any number of times:
	 * encrypted values are left alone.
	 *
	 * @return bool|null True when something was encrypted, false when nothing needed it, null when
	 *                   plain values remain because no key material exists yet.
	 */
	public function encrypt_plain_secrets() {
		$credentials = get_option( self::CREDENTIALS_OPTION, null );
		if ( ! is_array( $credentials ) ) {
			return false;
		}
		$changed = false;
		foreach ( self::SECRETS as $field ) {
			if ( ! isset( $credentials[ $field ] ) || ! is_string( $credentials[ $field ] ) || $this->encryption->is_encrypted( $credentials[ $field ] ) ) {
				continue;
			}
			$encrypted = $this->encryption->encrypt( $credentials[ $field ] );
			if ( null === $encrypted ) {
				return null;
			}
			$credentials[ $field ] = $encrypted;
			$changed               = true;
		}
		if ( $changed ) {
			update_option( self::CREDENTIALS_OPTION, $credentials, false );
		}
		return $changed;
	}

	/**
	 * Decrypts every secret; values of an earlier version that are still in clear are used as
	 * they are until the upgrade routine encrypts them.
	 *
	 * @param array<string, mixed> $credentials Value of the credentials option.
	 * @return array{api_key: string, webhook_secret: string}|null Null when any secret fails to decrypt.
	 */
	private function decrypt_all( array $credentials ): ?array {
		$clear = array();
		foreach ( self::SECRETS as $field ) {
			$stored = $credentials[ $field ];
			$value  = $this->encryption->is_encrypted( $stored ) ? $this->encryption->decrypt( $stored ) : $stored;
			if ( null === $value || '' === $value ) {
				return null;
			}
			$clear[ $field ] = $value;
		}
		return $clear;
	}

	/**
	 * Builds the answer of {@see load()}.
	 *
	 * @param string                    $state      One of the STATE_* constants.
	 * @param array<string, mixed>|null $connection Public facts.
	 * @return array{state: string, connection: array<string, mixed>|null}
	 */
	private function loaded( string $state, ?array $connection ): array {
		return array(
			'state'      => $state,
			'connection' => $connection,
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
		foreach ( array_merge( self::SECRETS, array( 'generation' ) ) as $key ) {
			if ( empty( $credentials[ $key ] ) || ! is_string( $credentials[ $key ] ) ) {
				return false;
			}
		}
		return isset( $connection['generation'] ) && is_string( $connection['generation'] )
			&& hash_equals( $credentials['generation'], $connection['generation'] );
	}
}
