<?php
/**
 * The connection as the settings page may see it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the browser-safe connection state: the shape of `GET /meum/v1/connection`, also
 * preloaded into the settings page. It is made from the public facts only; no secret can reach it.
 */
class Connection_State {

	/** Public facts copied as they are (string or null). */
	private const FACTS = array(
		'status',
		'store_id',
		'store_name',
		'integration_id',
		'integration_public_id',
		'installation_id',
		'site_url',
		'webhook_url',
		'webhook_id',
		'checkout_base_url',
		'masked_api_key',
		'warning',
	);

	/**
	 * Stored connection.
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Creates the builder.
	 *
	 * @param Connection_Store $store       Stored connection.
	 * @param Environment      $environment Site facts.
	 */
	public function __construct( Connection_Store $store, Environment $environment ) {
		$this->store       = $store;
		$this->environment = $environment;
	}

	/**
	 * The current connection state.
	 *
	 * @return array<string, mixed> Keys: `connected` (bool), `reconnect_required` (bool), the string
	 *         facts (see FACTS; null when unknown), `payout_configured` (bool|null),
	 *         `credentials_rotated` (bool), `connected_at` (ISO 8601 UTC string or null) and
	 *         `environment` (`home_url`, `webhook_url`, `home_url_is_https`, `woocommerce_active`).
	 */
	public function get(): array {
		$loaded = $this->store->load();
		$facts  = is_array( $loaded['connection'] ) ? $loaded['connection'] : array();

		$state = array(
			'connected'          => Connection_Store::STATE_CONNECTED === $loaded['state'],
			'reconnect_required' => Connection_Store::STATE_INCONSISTENT === $loaded['state'],
		);
		foreach ( self::FACTS as $key ) {
			$state[ $key ] = isset( $facts[ $key ] ) && is_string( $facts[ $key ] ) ? $facts[ $key ] : null;
		}
		$state['payout_configured']   = isset( $facts['payout_configured'] ) && is_bool( $facts['payout_configured'] ) ? $facts['payout_configured'] : null;
		$state['credentials_rotated'] = ! empty( $facts['credentials_rotated'] );
		$state['connected_at']        = isset( $facts['connected_at'] ) && is_int( $facts['connected_at'] ) ? gmdate( 'Y-m-d\TH:i:s\Z', $facts['connected_at'] ) : null;
		$state['environment']         = array(
			'home_url'           => $this->environment->home_url(),
			'webhook_url'        => $this->environment->webhook_url(),
			'home_url_is_https'  => $this->environment->home_url_is_https(),
			'woocommerce_active' => $this->environment->is_woocommerce_active(),
		);
		return $state;
	}
}
