<?php
/**
 * Tests of the upgrade from plain stored secrets.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Security;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Lifecycle\Upgrader;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Secrets that an earlier version stored in clear are encrypted once by the versioned upgrade
 * routine, which is safe to run twice.
 */
class Plain_Secret_Migration_Test extends Test_Case {

	protected function tearDown(): void {
		update_option( Upgrader::OPTION, Upgrader::CURRENT, true );
		parent::tearDown();
	}

	/**
	 * Stores a connection the way version 0.1.0 did: secrets in clear.
	 *
	 * @return array{api_key: string, webhook_secret: string}
	 */
	private function store_plain_connection(): array {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$clear  = $this->stored_credentials();
		$stored = get_option( Connection_Store::CREDENTIALS_OPTION );
		update_option( Connection_Store::CREDENTIALS_OPTION, array_merge( $stored, $clear ), false );
		delete_option( Upgrader::OPTION );
		return $clear;
	}

	public function test_plain_secrets_are_encrypted_once_and_a_second_run_changes_nothing(): void {
		$clear    = $this->store_plain_connection();
		$upgrader = new Upgrader( $this->store() );

		$this->assertSame( Upgrader::CURRENT, $upgrader->maybe_upgrade() );
		$after_first = $this->raw_options();
		$this->assertSame( Upgrader::CURRENT, $upgrader->maybe_upgrade() );
		delete_option( Upgrader::OPTION );
		$this->assertSame( Upgrader::CURRENT, $upgrader->maybe_upgrade(), 'running the steps themselves again is safe too' );

		$this->assertSame( $after_first, $this->raw_options() );
		$stored = get_option( Connection_Store::CREDENTIALS_OPTION );
		$this->assertStringStartsWith( Encryption::PREFIX, $stored['api_key'] );
		$this->assertStringStartsWith( Encryption::PREFIX, $stored['webhook_secret'] );
		$this->assertSame( $clear, $this->stored_credentials() );
		$this->assertSame( Upgrader::CURRENT, (int) get_option( Upgrader::OPTION ) );
	}

	public function test_plain_secrets_stay_usable_until_key_material_exists(): void {
		$clear   = $this->store_plain_connection();
		$no_keys = new Connection_Store(
			new Encryption(
				new Key_Material(
					static function () {
						return null;
					}
				)
			)
		);

		$this->assertSame( 0, ( new Upgrader( $no_keys ) )->maybe_upgrade() );

		$this->assertSame( $clear['api_key'], get_option( Connection_Store::CREDENTIALS_OPTION )['api_key'], 'nothing lost' );
		$this->assertSame( 0, (int) get_option( Upgrader::OPTION, 0 ) );
		$this->assertSame( Upgrader::CURRENT, ( new Upgrader( $this->store() ) )->maybe_upgrade(), 'migrates once key material exists' );
	}
}
