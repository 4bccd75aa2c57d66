<?php
/**
 * Detects a change of the site's address since it was connected.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Compares the home and webhook URLs sent at connect with the current ones (the comparison itself
 * is {@see Address_Change}'s). A domain change, an https switch, a permalink change or a clone to
 * staging makes them differ; until the merchant chooses what happened, the stored key must not be
 * used (a clone calling Meum with production's key could cut off the production store).
 */
class Site_Identity {

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Creates the detector.
	 *
	 * @param Environment $environment Site facts.
	 */
	public function __construct( Environment $environment ) {
		$this->environment = $environment;
	}

	/**
	 * The change of address, if any.
	 *
	 * @param array<string, mixed> $facts Stored public facts (with `sent_site_url` / `sent_webhook_url`).
	 * @return array{kind: string, connected_site_url: string, current_site_url: string, connected_webhook_url: string, current_webhook_url: string}|null
	 *         Null when the address is unchanged or unknown; `kind` as {@see Address_Change::between()} says.
	 */
	public function change( array $facts ): ?array {
		return ( new Address_Change() )->between( $facts, $this->environment->home_url(), $this->environment->webhook_url() );
	}
}
