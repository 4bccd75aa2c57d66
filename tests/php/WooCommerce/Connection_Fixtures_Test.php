<?php
/**
 * Writes and checks the settings page's Jest fixtures from real REST answers.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\WooCommerce;

use Meum\WooCommerce\Tests\Support\Connection_States;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * `tests/js/settings/fixtures/state-<name>.json` holds the answer of `GET /meum/v1/connection` in
 * each state (WooCommerce active, as a merchant has it), so the Jest tests of the settings page
 * run on what the PHP side really sends. This test fails when a file is stale; with
 * MEUM_WC_UPDATE_FIXTURES=1 it rewrites them instead.
 */
class Connection_Fixtures_Test extends Test_Case {

	use Connection_States;

	/** Folder of the fixtures. */
	private const DIR = __DIR__ . '/../../js/settings/fixtures';

	/**
	 * The site has the dedicated encryption key in wp-config.php, as the settings page advises
	 * (the test site itself has only its salts). Defined for the rest of this process: later tests
	 * connect afresh, so their secrets are encrypted with it.
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		if ( ! defined( 'MEUM_WC_ENCRYPTION_KEY' ) ) {
			define( 'MEUM_WC_ENCRYPTION_KEY', str_repeat( 'fixture-key-', 4 ) );
		}
	}

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
	}

	/**
	 * @dataProvider connection_states
	 *
	 * @param string $name State name.
	 */
	public function test_the_jest_fixture_is_the_real_answer( string $name ): void {
		// Encoded as the REST server sends it (empty maps stay `{}`), pretty-printed for review.
		$data = rest_get_server()->response_to_data( $this->connection_state_response( $name ), false );
		$json = wp_json_encode( $data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) . "\n";
		$file = self::DIR . "/state-$name.json";

		if ( '1' === getenv( 'MEUM_WC_UPDATE_FIXTURES' ) ) {
			file_put_contents( $file, $json ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}

		$this->assertFileExists( $file, 'run `MEUM_WC_UPDATE_FIXTURES=1 npm run test:php` (inside bin/test.sh\'s environment) to write it' );
		$this->assertSame( file_get_contents( $file ), $json, "tests/js/settings/fixtures/state-$name.json is stale: run `MEUM_WC_UPDATE_FIXTURES=1 npm run test:php` (inside bin/test.sh's environment) to update it, and commit the change" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	}
}
