<?php
/**
 * Tests of the stored connection's consistency rules.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Connection;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * A half-finished write (one option from another handshake, or missing) is detected on read and
 * reported as "reconnect required", never shown as a working connection.
 */
class Connection_Store_Test extends Test_Case {

	public function test_a_fresh_site_is_not_connected(): void {
		$this->act_as( 'administrator' );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );

		$this->assertFalse( $state['connected'] );
		$this->assertFalse( $state['reconnect_required'] );
		$this->assertNull( $state['masked_api_key'] );
	}

	public function test_facts_from_another_handshake_require_a_reconnect(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$old_facts = get_option( Connection_Store::CONNECTION_OPTION );
		$this->connect_with( 'sk_live_sandbox_ready' );
		// Simulate a lost second write: new secrets, facts of the previous handshake.
		update_option( Connection_Store::CONNECTION_OPTION, $old_facts, false );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );

		$this->assertFalse( $state['connected'] );
		$this->assertTrue( $state['reconnect_required'] );
		$this->assertNull( $this->stored_credentials() );
	}

	public function test_missing_facts_require_a_reconnect(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		delete_option( Connection_Store::CONNECTION_OPTION );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );

		$this->assertTrue( $state['reconnect_required'] );
	}

	public function test_missing_secrets_require_a_reconnect(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		delete_option( Connection_Store::CREDENTIALS_OPTION );

		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );

		$this->assertTrue( $state['reconnect_required'] );
		$this->assertFalse( $state['connected'] );
	}

	public function test_a_failed_second_write_is_reported_as_storage_failure_and_detected(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->add_test_filter(
			'pre_update_option_' . Connection_Store::CONNECTION_OPTION,
			static function ( $value, $old_value ) {
				return $old_value; // The database "keeps" the old facts: update_option() returns false.
			}
		);

		$response = $this->dispatch( 'POST', '/meum/v1/connection', array( 'connection_key' => 'sk_live_sandbox_ready' ) );

		$this->assertSame( 500, $response->get_status() );
		$this->assertSame( 'meum_storage_failed', $this->json( $response )['code'] );
		$state = $this->json( $this->dispatch( 'GET', '/meum/v1/connection' ) );
		$this->assertTrue( $state['reconnect_required'] );
	}

	public function test_a_repaired_connection_works_again_after_reconnect(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		delete_option( Connection_Store::CONNECTION_OPTION );

		$state = $this->connect_with( 'sk_live_sandbox_ready' );

		$this->assertTrue( $state['connected'] );
		$this->assertFalse( $state['reconnect_required'] );
		$this->assertNotNull( $this->stored_credentials() );
	}

	/**
	 * Stored connections the key must not be used with, and the refusal expected.
	 *
	 * @return array<string, array{0: string, 1: string}> How to spoil the stored connection, error code.
	 */
	public function unusable_connections(): array {
		return array(
			'nothing stored'      => array( 'forget', 'meum_not_connected' ),
			'facts missing'       => array( 'no_facts', 'meum_not_connected' ),
			'secrets missing'     => array( 'no_secrets', 'meum_not_connected' ),
			'undecryptable'       => array( 'undecryptable', 'meum_not_connected' ),
			'revoked at Meum'     => array( 'revoked', 'meum_not_connected' ),
			'site address moved'  => array( 'moved', 'meum_site_changed' ),
			'revoked, then moved' => array( 'revoked_moved', 'meum_site_changed' ),
		);
	}

	/**
	 * @dataProvider unusable_connections
	 *
	 * @param string $spoil How to spoil the stored connection.
	 * @param string $code  Expected error code.
	 */
	public function test_the_guard_refuses_the_key_unless_connected_at_this_address( string $spoil, string $code ): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$store = $this->store();
		$this->assertSame( $this->stored_credentials(), $store->usable_credentials(), 'a fresh connection may use its key' );
		if ( 'forget' === $spoil ) {
			$store->forget();
		} elseif ( 'no_facts' === $spoil ) {
			delete_option( Connection_Store::CONNECTION_OPTION );
		} elseif ( 'no_secrets' === $spoil ) {
			delete_option( Connection_Store::CREDENTIALS_OPTION );
		} elseif ( 'undecryptable' === $spoil ) {
			$stored            = get_option( Connection_Store::CREDENTIALS_OPTION );
			$stored['api_key'] = \Meum\WooCommerce\Security\Encryption::PREFIX . base64_encode( random_bytes( 48 ) ); // Encrypted with no key this site has.
			update_option( Connection_Store::CREDENTIALS_OPTION, $stored, false );
		} else {
			if ( 'moved' !== $spoil ) {
				$store->update_facts( array( 'revoked' => true ) );
			}
			if ( 'revoked' !== $spoil ) {
				$this->move_site_to( 'https://staging.example.com' );
			}
		}

		$refusal = $this->store()->usable_credentials();

		$this->assertInstanceOf( \WP_Error::class, $refusal );
		$this->assertSame( $code, $refusal->get_error_code() );
		$this->assertSame( 409, $refusal->get_error_data()['status'] );
	}

	public function test_the_facts_accessor_gives_the_public_facts_only(): void {
		$this->assertNull( $this->store()->facts(), 'nothing stored' );
		$this->connect_with( 'sk_live_sandbox_ready' );

		$facts = $this->store()->facts();

		$this->assertSame( get_option( Connection_Store::CONNECTION_OPTION ), $facts );
		$this->assertArrayNotHasKey( 'api_key', $facts );
		$this->assertArrayNotHasKey( 'webhook_secret', $facts );
	}
}
