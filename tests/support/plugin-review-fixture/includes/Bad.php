<?php
/**
 * DEV-ONLY fixture: one violation of each plugin-review rule (bin/check-php.sh counts them).
 * Never loaded.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Fixture;

defined( 'ABSPATH' ) || exit;

/**
 * Breaks the rules on purpose.
 */
class Bad {

	/** An unprefixed option name. */
	public const OPTION = 'bad_option';

	/**
	 * Each line below is one finding.
	 *
	 * @return void
	 */
	public function register(): void {
		error_log( 'debug' );
		var_dump( $this );
		\print_r( $this );
		eval( '$x = 1;' );
		register_rest_route( 'meum/v1', '/open', array( 'methods' => 'GET', 'callback' => '__return_true' ) );
		wp_remote_get( 'https://example.com' );
		update_option( self::OPTION, 1 );
		set_transient( 'bad_transient', 1 );
		wp_schedule_event( time(), 'daily', 'bad_hook' );
		add_action( 'admin_post_meum_wc_bad', array( $this, 'handle' ) );
		register_setting( 'meum_wc', 'meum_wc_setting', array( 'type' => 'string' ) );
	}

	/**
	 * An admin-post handler with neither a nonce nor a capability check (two findings).
	 *
	 * @return void
	 */
	public function handle(): void {
		update_option( 'meum_wc_fine', 1 );
		$this->print_r();
	}

	/**
	 * A method named like a forbidden function is fine.
	 *
	 * @return void
	 */
	public function print_r(): void {
	}
}
