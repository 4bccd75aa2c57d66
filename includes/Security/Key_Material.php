<?php
/**
 * Where the encryption key for stored secrets comes from.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Security;

defined( 'ABSPATH' ) || exit;

/**
 * Derives the 32-byte key that encrypts the stored Meum secrets from material kept outside the
 * database, so a database dump alone never reveals them:
 *
 * 1. the `MEUM_WC_ENCRYPTION_KEY` constant, when defined in wp-config.php (at least 32 characters);
 * 2. otherwise the salt constants defined in wp-config.php (`AUTH_KEY` … `NONCE_SALT`).
 *
 * Salts that WordPress generated and stored in the database (what `wp_salt()` falls back to when
 * the constants are missing or left at the sample phrase) do not count: with no material outside
 * the database there is no key, and the plugin refuses to store secrets (fail closed).
 */
class Key_Material {

	/** Name of the dedicated constant. */
	public const CONSTANT = 'MEUM_WC_ENCRYPTION_KEY';

	/** Shortest accepted value of the dedicated constant. */
	public const MIN_CONSTANT_LENGTH = 32;

	/** Salt constants WordPress reads from wp-config.php. */
	private const SALT_CONSTANTS = array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' );

	/** The placeholder of wp-config-sample.php, which is not a secret. */
	private const SAMPLE_PHRASE = 'put your unique phrase here';

	/**
	 * Reads a constant: name → value, or null when undefined.
	 *
	 * @var callable(string): mixed
	 */
	private $read_constant;

	/**
	 * Creates the key source.
	 *
	 * @param callable(string): mixed|null $read_constant Reads a constant by name and returns its
	 *                                                    value or null; defaults to the real
	 *                                                    constants (tests pass another reader).
	 */
	public function __construct( ?callable $read_constant = null ) {
		$this->read_constant = $read_constant ?? static function ( string $name ) {
			return defined( $name ) ? constant( $name ) : null;
		};
	}

	/**
	 * Which material is used.
	 *
	 * @return string|null "constant", "salts", or null when there is none.
	 */
	public function source(): ?string {
		if ( null !== $this->constant_value() ) {
			return 'constant';
		}
		return array() !== $this->salt_values() ? 'salts' : null;
	}

	/**
	 * The encryption key.
	 *
	 * @return string|null 32 raw bytes (SODIUM_CRYPTO_SECRETBOX_KEYBYTES), or null when no key
	 *                     material exists outside the database.
	 */
	public function key(): ?string {
		$constant = $this->constant_value();
		if ( null !== $constant ) {
			$material = 'constant:' . $constant;
		} else {
			$salts = $this->salt_values();
			if ( array() === $salts ) {
				return null;
			}
			$material = 'salts:' . implode( "\0", $salts );
		}
		// Domain-separated, so the key is not reused from any other use of the same salts.
		return sodium_crypto_generichash( 'meum-woocommerce/secrets/v1' . "\0" . $material, '', SODIUM_CRYPTO_SECRETBOX_KEYBYTES );
	}

	/**
	 * The line a site owner can add to wp-config.php to provide key material.
	 *
	 * @return string A `define()` line with a fresh random 64-hex-character key.
	 */
	public function suggested_wp_config_line(): string {
		return sprintf( "define( '%s', '%s' );", self::CONSTANT, bin2hex( random_bytes( 32 ) ) );
	}

	/**
	 * The dedicated constant's value when usable.
	 *
	 * @return string|null Value, or null when undefined or too short.
	 */
	private function constant_value(): ?string {
		$value = ( $this->read_constant )( self::CONSTANT );
		return ( is_string( $value ) && strlen( $value ) >= self::MIN_CONSTANT_LENGTH ) ? $value : null;
	}

	/**
	 * Values of the salt constants that are defined in wp-config.php with a real value.
	 *
	 * @return array<string, string> Name → value, in a fixed order.
	 */
	private function salt_values(): array {
		$values = array();
		foreach ( self::SALT_CONSTANTS as $name ) {
			$value = ( $this->read_constant )( $name );
			if ( is_string( $value ) && '' !== trim( $value ) && self::SAMPLE_PHRASE !== $value ) {
				$values[ $name ] = $value;
			}
		}
		return $values;
	}
}
