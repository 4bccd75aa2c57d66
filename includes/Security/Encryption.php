<?php
/**
 * Authenticated encryption of the stored secrets.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Security;

defined( 'ABSPATH' ) || exit;

/**
 * Encrypts and decrypts secrets with libsodium's secretbox (XSalsa20-Poly1305), a random nonce per
 * write, keyed by {@see Key_Material}. WordPress ships sodium_compat, so this works on every PHP
 * the plugin supports.
 *
 * Stored form: `meum-enc:v1:` followed by base64 of nonce and ciphertext.
 */
class Encryption {

	/** Prefix of values this class wrote. */
	public const PREFIX = 'meum-enc:v1:';

	/**
	 * Key source.
	 *
	 * @var Key_Material
	 */
	private Key_Material $key_material;

	/**
	 * Creates the encryption.
	 *
	 * @param Key_Material $key_material Key source.
	 */
	public function __construct( Key_Material $key_material ) {
		$this->key_material = $key_material;
	}

	/**
	 * Whether secrets can be encrypted on this site.
	 *
	 * @return bool False when no key material exists outside the database.
	 */
	public function is_available(): bool {
		return null !== $this->key_material->key();
	}

	/**
	 * A fingerprint of the current key, stored with the public connection facts at save time, so
	 * "do the stored secrets still decrypt?" is answered on every page without reading them: it
	 * changes exactly when the key material changes (salts rotated, constant changed or removed).
	 *
	 * Not a secret: a keyed hash of a fixed, domain-separated label, from which neither the key nor
	 * the material can be recovered.
	 *
	 * @return string|null 32 hex characters, or null when no key material exists.
	 */
	public function key_check(): ?string {
		$key = $this->key_material->key();
		return null === $key ? null : bin2hex( sodium_crypto_generichash( 'meum-woocommerce/key-check/v1', $key, 16 ) );
	}

	/**
	 * Whether a stored value is in this class's encrypted form (as opposed to a plain value
	 * written by an earlier version).
	 *
	 * @param string $stored Stored value.
	 * @return bool True for `meum-enc:v1:…`.
	 */
	public function is_encrypted( string $stored ): bool {
		return 0 === strpos( $stored, self::PREFIX );
	}

	/**
	 * Encrypts a secret.
	 *
	 * @param string $plain The secret.
	 * @return string|null The stored form, different at every call; null when no key exists.
	 */
	public function encrypt( string $plain ): ?string {
		$key = $this->key_material->key();
		if ( null === $key ) {
			return null;
		}
		$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		return self::PREFIX . base64_encode( $nonce . sodium_crypto_secretbox( $plain, $nonce, $key ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- binary ciphertext.
	}

	/**
	 * Decrypts a stored secret.
	 *
	 * @param string $stored Value written by {@see encrypt()}.
	 * @return string|null The secret; null when there is no key, the key changed (salts rotated),
	 *                     or the value was altered or is not in the encrypted form.
	 */
	public function decrypt( string $stored ): ?string {
		$key = $this->key_material->key();
		if ( null === $key || ! $this->is_encrypted( $stored ) ) {
			return null;
		}
		$raw = base64_decode( substr( $stored, strlen( self::PREFIX ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- binary ciphertext.
		if ( false === $raw || strlen( $raw ) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES + SODIUM_CRYPTO_SECRETBOX_MACBYTES ) {
			return null;
		}
		try {
			$plain = sodium_crypto_secretbox_open(
				substr( $raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ),
				substr( $raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ),
				$key
			);
		} catch ( \SodiumException $e ) {
			return null;
		}
		return false === $plain ? null : $plain;
	}
}
