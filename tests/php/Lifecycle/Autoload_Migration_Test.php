<?php
/**
 * Tests of the upgrade step that autoloads what every front-end page reads.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Lifecycle;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Lifecycle\Upgrader;
use Meum\WooCommerce\Payments\Availability;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Data version 4: an install that stored the public connection facts and the refusals with
 * autoload off (and the facts without the key fingerprint) gets them autoloaded, the fingerprint
 * added, and the secrets left with autoload off.
 */
class Autoload_Migration_Test extends Test_Case {

	protected function tearDown(): void {
		delete_option( Refusals::OPTION );
		update_option( Upgrader::OPTION, Upgrader::CURRENT, true );
		parent::tearDown();
	}

	/**
	 * The autoload flag of an option as stored.
	 *
	 * @param string $name Option name.
	 * @return string|null The flag, or null when the option is missing.
	 */
	private function autoload_of( string $name ): ?string {
		global $wpdb;
		return $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", $name ) ); // phpcs:ignore WordPress.DB
	}

	public function test_version_3_data_is_autoloaded_with_the_key_fingerprint_and_the_secrets_are_not(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$facts = get_option( Connection_Store::CONNECTION_OPTION );
		$check = $facts['key_check'];
		unset( $facts['key_check'] );
		delete_option( Connection_Store::CONNECTION_OPTION );
		add_option( Connection_Store::CONNECTION_OPTION, $facts, '', false );
		delete_option( Refusals::OPTION );
		add_option( Refusals::OPTION, array( 'currencies' => array( 'JPY' => array( 'message' => 'no', 'at' => 1 ) ) ), '', false );
		update_option( Upgrader::OPTION, 3, true );

		$this->assertSame( Upgrader::CURRENT, ( new Upgrader( $this->store() ) )->maybe_upgrade() );

		$this->assertContains( $this->autoload_of( Connection_Store::CONNECTION_OPTION ), array( 'on', 'yes' ) );
		$this->assertContains( $this->autoload_of( Refusals::OPTION ), array( 'on', 'yes' ) );
		$this->assertContains( $this->autoload_of( Connection_Store::CREDENTIALS_OPTION ), array( 'off', 'no' ) );
		$this->assertSame( $check, get_option( Connection_Store::CONNECTION_OPTION )['key_check'] );
		$this->assertSame( array( 'JPY' ), ( new Refusals() )->refused_currencies(), 'the refusals are kept' );
		$this->assertSame( Connection_Store::STATE_CONNECTED, $this->store()->offer_state()['state'] );
	}

	public function test_an_install_without_refusals_gets_an_empty_autoloaded_option(): void {
		delete_option( Refusals::OPTION );
		update_option( Upgrader::OPTION, 3, true );

		( new Upgrader( $this->store() ) )->maybe_upgrade();

		$this->assertContains( $this->autoload_of( Refusals::OPTION ), array( 'on', 'yes' ), 'a missing option would cost a query on every page' );
		$this->assertNull( get_option( Connection_Store::CONNECTION_OPTION, null ), 'no connection is invented' );
	}

	public function test_the_gateway_settings_option_is_created_switched_off_and_autoloaded_and_kept_when_stored(): void {
		delete_option( Availability::SETTINGS_OPTION );
		update_option( Upgrader::OPTION, 3, true );
		( new Upgrader( $this->store() ) )->maybe_upgrade();
		$this->assertSame( array( 'enabled' => 'no' ), get_option( Availability::SETTINGS_OPTION ) );
		$this->assertContains( $this->autoload_of( Availability::SETTINGS_OPTION ), array( 'on', 'yes' ), 'the block registry reads it on every page' );

		update_option( Availability::SETTINGS_OPTION, array( 'enabled' => 'yes', 'title' => 'Crypto' ) );
		update_option( Upgrader::OPTION, 3, true );
		( new Upgrader( $this->store() ) )->maybe_upgrade();
		$this->assertSame( array( 'enabled' => 'yes', 'title' => 'Crypto' ), get_option( Availability::SETTINGS_OPTION ), 'the merchant\'s settings are kept' );
		delete_option( Availability::SETTINGS_OPTION );
	}
}
