<?php
/**
 * Tests of the encryption of stored secrets.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Security;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Connection\Connect_Response;
use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Connector;
use Meum\WooCommerce\Connection\Handshake_Log;
use Meum\WooCommerce\Connection\Site_Identity;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Tests\Support\Sandbox;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `api_key` and `webhook_secret` are encrypted at rest with a key from outside the database; a
 * database dump reveals nothing; tampering or a changed key means "reconnect required"; with no
 * key material the plugin refuses to store secrets.
 */
class Secrets_At_Rest_Test extends Test_Case {

	/**
	 * Key material that sees only the given constants.
	 *
	 * @param array<string, string> $constants Name → value.
	 * @return Key_Material
	 */
	private function key_material_with( array $constants ): Key_Material {
		return new Key_Material(
			static function ( string $name ) use ( $constants ) {
				return $constants[ $name ] ?? null;
			}
		);
	}

	/**
	 * Everything in the database as text, as a SQL dump would hold it.
	 *
	 * @return string All rows of all tables.
	 */
	private function database_dump(): string {
		global $wpdb;
		$dump = '';
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL -- the test reads everything on purpose.
		$tables = 'sqlite' === ( defined( 'DB_ENGINE' ) ? DB_ENGINE : '' )
			? $wpdb->get_col( "SELECT name FROM sqlite_master WHERE type = 'table'" )
			: $wpdb->get_col( 'SHOW TABLES' );
		foreach ( $tables as $table ) {
			if ( 0 === strpos( $table, '_' ) || 0 === strpos( $table, 'sqlite_' ) ) {
				continue; // The SQLite driver's own bookkeeping tables, not WordPress data.
			}
			foreach ( (array) $wpdb->get_results( "SELECT * FROM `$table`", ARRAY_N ) as $row ) {
				$dump .= implode( "\t", array_map( 'strval', $row ) ) . "\n";
			}
		}
		// phpcs:enable
		$this->assertGreaterThan( 1000, strlen( $dump ), 'the dump is not empty' );
		return $dump;
	}

	public function test_secrets_are_not_stored_in_clear(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		$raw     = $this->raw_options()[ Connection_Store::CREDENTIALS_OPTION ]['value'];
		$secrets = $this->stored_credentials();
		$this->assertStringNotContainsString( $secrets['api_key'], $raw );
		$this->assertStringNotContainsString( $secrets['webhook_secret'], $raw );
		$this->assertStringContainsString( Encryption::PREFIX, $raw );
	}

	public function test_two_writes_of_the_same_secret_differ(): void {
		$encryption = new Encryption( new Key_Material() );

		$this->assertNotSame( $encryption->encrypt( 'same secret' ), $encryption->encrypt( 'same secret' ) );
		$this->assertSame( 'same secret', $encryption->decrypt( (string) $encryption->encrypt( 'same secret' ) ) );
	}

	public function test_a_database_dump_reveals_no_part_of_a_secret(): void {
		$this->connect_with( 'sk_live_sandbox_nopayout' );
		$secrets = $this->stored_credentials();

		$dump = $this->database_dump();

		foreach ( $secrets as $name => $secret ) {
			// The documented `sk_live_` prefix is public (every Meum key has it); the rest is secret.
			$private = preg_replace( '/^sk_live_/', '', $secret );
			$forms   = array( $secret, base64_encode( $secret ), bin2hex( $secret ), strtoupper( bin2hex( $secret ) ), rtrim( base64_encode( $secret ), '=' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
			foreach ( $forms as $form ) {
				$this->assertStringNotContainsString( $form, $dump, "$name found in the dump" );
			}
			for ( $i = 0; $i + 8 <= strlen( $private ); $i++ ) {
				$this->assertStringNotContainsString( substr( $private, $i, 8 ), $dump, "an 8-character piece of $name is in the dump" );
			}
		}
	}

	/**
	 * Ways the stored ciphertext can go bad.
	 *
	 * @return array<string, array{0: callable(string): string}>
	 */
	public function corruptions(): array {
		return array(
			'a flipped byte'       => array(
				static function ( string $stored ): string {
					$raw       = base64_decode( substr( $stored, strlen( Encryption::PREFIX ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
					$raw[ 30 ] = chr( ord( $raw[30] ) ^ 0x01 );
					return Encryption::PREFIX . base64_encode( $raw ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
				},
			),
			'another key'          => array(
				static function ( string $stored ): string {
					$other = new Encryption(
						new Key_Material(
							static function ( string $name ) {
								return 'MEUM_WC_ENCRYPTION_KEY' === $name ? str_repeat( 'k', 40 ) : null;
							}
						)
					);
					return (string) $other->encrypt( 'sk_live_secret_from_elsewhere_1234' );
				},
			),
			'truncated'            => array(
				static function ( string $stored ): string {
					return substr( $stored, 0, 30 );
				},
			),
			'not base64'           => array(
				static function ( string $stored ): string {
					return Encryption::PREFIX . '%%%not-base64%%%';
				},
			),
		);
	}

	/**
	 * @dataProvider corruptions
	 *
	 * @param callable $corrupt Turns the stored api_key into a bad value.
	 */
	public function test_undecryptable_secrets_require_a_reconnect( callable $corrupt ): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$stored            = get_option( Connection_Store::CREDENTIALS_OPTION );
		$stored['api_key'] = $corrupt( $stored['api_key'] );
		update_option( Connection_Store::CREDENTIALS_OPTION, $stored, false );
		$requests = count( Sandbox::requests() );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );

		$this->assertTrue( $state['reconnect_required'] );
		$this->assertSame( 'undecryptable', $state['reconnect_reason'] );
		$this->assertTrue( $state['connected'], 'the facts stay visible' );
		$this->assertNull( $this->stored_credentials() );
		$refresh = $this->dispatch( 'POST', '/meum/v1/connection/refresh' );
		$this->assertSame( 409, $refresh->get_status() );
		$this->assertCount( $requests, Sandbox::requests(), 'no call to Meum with unusable credentials' );
	}

	public function test_changed_salts_make_secrets_undecryptable(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$stored        = get_option( Connection_Store::CREDENTIALS_OPTION );
		$changed_salts = new Encryption( $this->key_material_with( array( 'AUTH_KEY' => 'a brand new salt value after a reset' ) ) );

		$this->assertNull( $changed_salts->decrypt( $stored['api_key'] ) );
		$this->assertNotNull( ( new Encryption( new Key_Material() ) )->decrypt( $stored['api_key'] ) );
	}

	public function test_without_key_material_connecting_is_refused_before_calling_meum(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$before       = $this->raw_options();
		$key_material = $this->key_material_with( array() );
		$environment  = new Environment();
		$errors       = new Error_Mapper();
		$store        = new Connection_Store( new Encryption( $key_material ) );
		$connector    = new Connector( new Client( $environment, $errors ), $environment, $store, new Connect_Response(), $errors, new Encryption( $key_material ), new Handshake_Log() );
		$requests     = count( Sandbox::requests() );

		$result = $connector->connect( 'sk_live_sandbox_ready' );

		$this->assertWPErrorCode( 'meum_no_key_material', $result );
		$this->assertSame( 409, $result->get_error_data()['status'] );
		$this->assertStringContainsString( 'wp-config.php', $result->get_error_message() );
		$this->assertCount( $requests, Sandbox::requests(), 'Meum was not called: its new credentials could not be stored' );
		$this->assertSame( $before, $this->raw_options() );
	}

	public function test_without_key_material_the_store_refuses_to_write(): void {
		$store = new Connection_Store( new Encryption( $this->key_material_with( array() ) ) );

		$result = $store->save( array( 'api_key' => 'sk_live_x', 'webhook_secret' => 'y' ), array( 'integration_id' => 'z' ) );

		$this->assertWPErrorCode( 'meum_no_key_material', $result );
		$this->assertNull( get_option( Connection_Store::CREDENTIALS_OPTION, null ) );
		$this->assertNull( get_option( Connection_Store::CONNECTION_OPTION, null ) );
	}

	public function test_state_says_what_to_add_to_wp_config_when_there_is_no_key_material(): void {
		$environment = new Environment();
		$material    = $this->key_material_with( array( 'AUTH_KEY' => 'put your unique phrase here' ) );
		$state       = ( new Connection_State( new Connection_Store( new Encryption( $material ) ), $environment, new Site_Identity( $environment ), $material, new Handshake_Log() ) )->get();

		$this->assertFalse( $state['encryption']['available'] );
		$this->assertNull( $state['encryption']['source'] );
		$this->assertMatchesRegularExpression( "/^define\\( 'MEUM_WC_ENCRYPTION_KEY', '[0-9a-f]{64}' \\);$/", $state['encryption']['wp_config_line'] );
	}

	/**
	 * Constants, expected source.
	 *
	 * @return array<string, array{0: array<string, string>, 1: string|null}>
	 */
	public function key_sources(): array {
		$long = str_repeat( 'x', 32 );
		return array(
			'dedicated constant'               => array( array( 'MEUM_WC_ENCRYPTION_KEY' => $long, 'AUTH_KEY' => 'salt' ), 'constant' ),
			'short constant falls back'        => array( array( 'MEUM_WC_ENCRYPTION_KEY' => 'short', 'AUTH_KEY' => 'salt' ), 'salts' ),
			'salts from wp-config'             => array( array( 'NONCE_SALT' => 'a real salt' ), 'salts' ),
			'sample phrase is not key material' => array( array( 'AUTH_KEY' => 'put your unique phrase here' ), null ),
			'nothing'                          => array( array(), null ),
		);
	}

	/**
	 * @dataProvider key_sources
	 *
	 * @param array<string, string> $constants Defined constants.
	 * @param string|null           $source    Expected source.
	 */
	public function test_key_material_comes_only_from_outside_the_database( array $constants, ?string $source ): void {
		$material = $this->key_material_with( $constants );

		$this->assertSame( $source, $material->source() );
		$this->assertSame( null === $source, null === $material->key() );
	}

	public function test_the_dedicated_constant_and_the_salts_give_different_keys(): void {
		$salts    = $this->key_material_with( array( 'AUTH_KEY' => 'salt' ) );
		$constant = $this->key_material_with( array( 'AUTH_KEY' => 'salt', 'MEUM_WC_ENCRYPTION_KEY' => str_repeat( 'x', 32 ) ) );

		$this->assertNotSame( $salts->key(), $constant->key() );
		$this->assertSame( SODIUM_CRYPTO_SECRETBOX_KEYBYTES, strlen( (string) $salts->key() ) );
	}

	/**
	 * Asserts a WP_Error with a code.
	 *
	 * @param string $code  Expected code.
	 * @param mixed  $value Value.
	 */
	private function assertWPErrorCode( string $code, $value ): void {
		$this->assertInstanceOf( \WP_Error::class, $value );
		$this->assertSame( $code, $value->get_error_code() );
	}
}
