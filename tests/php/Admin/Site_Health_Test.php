<?php
/**
 * Tests of the Site Health checks and debug information.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Admin;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Each check reports the stored state truthfully; the debug section holds no secret.
 */
class Site_Health_Test extends Test_Case {

	/**
	 * Runs one of the plugin's Site Health tests.
	 *
	 * @param string $name Check name without the prefix.
	 * @return array<string, mixed> The result.
	 */
	private function check( string $name ): array {
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array(), 'async' => array() ) );
		$this->assertArrayHasKey( 'meum_wc_' . $name, $tests['direct'] );
		return call_user_func( $tests['direct'][ 'meum_wc_' . $name ]['test'] );
	}

	public function test_all_checks_are_registered_and_good_on_a_healthy_connection(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		foreach ( array( 'connection', 'key_material', 'decryptable', 'payout', 'site_address' ) as $name ) {
			$this->assertSame( 'good', $this->check( $name )['status'], $name );
		}
		$this->assertSame( 'recommended', $this->check( 'https' )['status'], 'the test site runs on http' );
	}

	public function test_not_connected_is_recommended(): void {
		$this->assertSame( 'recommended', $this->check( 'connection' )['status'] );
	}

	public function test_missing_payout_wallet_is_recommended(): void {
		$this->connect_with( 'sk_live_sandbox_nopayout' );

		$this->assertSame( 'recommended', $this->check( 'payout' )['status'] );
	}

	public function test_undecryptable_secrets_are_critical(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$stored                   = get_option( Connection_Store::CREDENTIALS_OPTION );
		$stored['webhook_secret'] = 'meum-enc:v1:' . base64_encode( str_repeat( 'x', 80 ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
		update_option( Connection_Store::CREDENTIALS_OPTION, $stored, false );

		$this->assertSame( 'critical', $this->check( 'decryptable' )['status'] );
		$this->assertSame( 'critical', $this->check( 'connection' )['status'] );
	}

	public function test_a_changed_address_is_critical(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->store()->update_facts( array( 'sent_site_url' => 'https://old.example.com' ) );

		$result = $this->check( 'site_address' );

		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'old.example.com', $result['description'] );
	}

	public function test_debug_information_has_the_facts_and_no_secret(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );

		$info    = apply_filters( 'debug_information', array() );
		$section = $info['meum-woocommerce']['fields'];
		$json    = (string) wp_json_encode( $info['meum-woocommerce'] );

		$this->assertSame( 'Northwind Sandbox Store', $section['store_name']['value'] );
		$this->assertSame( 'salts', $section['key_material']['value'] );
		foreach ( $this->stored_credentials() as $secret ) {
			$this->assertStringNotContainsString( $secret, $json );
		}
	}

	public function test_the_webhook_check_appears_once_deliveries_flow_and_flags_a_later_refusal(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array() ) );
		$this->assertArrayNotHasKey( 'meum_wc_webhooks', $tests['direct'], 'no deliveries expected yet' );

		$this->deliver( $this->delivery() );
		$this->assertSame( 'good', $this->check( 'webhooks' )['status'] );

		sleep( 1 );
		$this->deliver( $this->delivery( array( 'secret' => 'wrong' ) ) );
		$this->assertSame( 'recommended', $this->check( 'webhooks' )['status'] );
	}

	public function test_the_status_check_and_paid_webhook_checks_are_there_exactly_with_woocommerce(): void {
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array() ) );

		foreach ( array( 'meum_wc_status_checks' => 'Meum status checks run', 'meum_wc_paid_webhooks' => 'Meum webhooks arrive for paid invoices' ) as $test => $label ) {
			if ( class_exists( 'WooCommerce', false ) ) {
				$this->assertSame( $label, $tests['direct'][ $test ]['label'] ?? null, $test );
			} else {
				$this->assertArrayNotHasKey( $test, $tests['direct'], 'no orders to check without WooCommerce' );
			}
		}
	}
}
