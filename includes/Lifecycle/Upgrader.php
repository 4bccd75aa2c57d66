<?php
/**
 * Versioned upgrade routine for stored data.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Lifecycle;

use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Database\Tables;
use Meum\WooCommerce\Payments\Availability;
use Meum\WooCommerce\Payments\Refusals;

defined( 'ABSPATH' ) || exit;

/**
 * Brings data stored by earlier versions up to date, once per data version. Every step is safe to
 * run twice. The stored data version lives in an autoloaded option, so the check costs no query.
 *
 * Steps:
 * - 1: encrypt `api_key` and `webhook_secret` that versions before encryption stored in clear.
 *   Without key material the version stays unchanged and the step runs again on a later request.
 * - 2: create the webhook tables (`dbDelta()`, so it also upgrades them).
 * - 3: create the payment tables (invoices, order locks, outcomes; `dbDelta()` again).
 * - 4: autoload the public connection facts (with the key fingerprint) and the refusals, which
 *   the availability rules read on every front-end page; the secrets stay with autoload off. The
 *   gateway's settings option is created (switched off, autoloaded) when missing: the Checkout
 *   block's registry reads it on every front-end page, and a missing option costs a query each time.
 * - 5: the scheduled checks' columns of the invoice table (`checks_done`, `check_claim`,
 *   `claimed_until`, `last_checked_at`, `last_check_error`; `dbDelta()` adds them; issue 11).
 */
class Upgrader {

	/** Option holding the data version. */
	public const OPTION = 'meum_wc_data_version';

	/** The data version this code writes. */
	public const CURRENT = 5;

	/**
	 * Stored connection.
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Creates the upgrader.
	 *
	 * @param Connection_Store $store Stored connection.
	 */
	public function __construct( Connection_Store $store ) {
		$this->store = $store;
	}

	/**
	 * Runs the upgrade on `init`.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'init', array( $this, 'maybe_upgrade' ) );
	}

	/**
	 * Activation hook callback: runs the upgrade (WordPress expects no return value there).
	 *
	 * @return void
	 */
	public function activate(): void {
		$this->maybe_upgrade();
	}

	/**
	 * Runs the steps the stored data version has not had yet.
	 *
	 * @return int The data version after the run.
	 */
	public function maybe_upgrade(): int {
		$version = (int) get_option( self::OPTION, 0 );
		if ( $version < 1 ) {
			if ( null === $this->store->encrypt_plain_secrets() ) {
				return $version; // No key material yet: try again later, never store a downgrade.
			}
			$version = 1;
		}
		if ( $version < 2 ) {
			Tables::install();
			$version = 2;
		}
		if ( $version < 3 ) {
			Tables::install();
			$version = 3;
		}
		if ( $version < 4 ) {
			$this->store->autoload_facts();
			( new Refusals() )->autoload();
			add_option( Availability::SETTINGS_OPTION, array( 'enabled' => 'no' ), '', true ); // Keeps stored settings.
			$version = 4;
		}
		if ( $version < 5 ) {
			Tables::install();
			$version = 5;
		}
		if ( (int) get_option( self::OPTION, 0 ) !== $version ) {
			update_option( self::OPTION, $version, true );
		}
		return $version;
	}
}
