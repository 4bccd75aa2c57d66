<?php
/**
 * The connection as the settings page may see it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Webhooks\Webhook_Health;

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
		'health_status',
		'webhook_health',
	);

	/** Why a stored connection needs a reconnect, by store state. */
	private const RECONNECT_REASONS = array(
		Connection_Store::STATE_INCONSISTENT  => 'inconsistent',
		Connection_Store::STATE_UNDECRYPTABLE => 'undecryptable',
		Connection_Store::STATE_REVOKED       => 'revoked',
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
	 * Address-change detection.
	 *
	 * @var Site_Identity
	 */
	private Site_Identity $site;

	/**
	 * Key material for the secrets.
	 *
	 * @var Key_Material
	 */
	private Key_Material $key_material;

	/**
	 * Latest handshake attempt.
	 *
	 * @var Handshake_Log
	 */
	private Handshake_Log $log;

	/**
	 * Webhook health.
	 *
	 * @var Webhook_Health|null
	 */
	private ?Webhook_Health $webhooks;

	/**
	 * Creates the builder.
	 *
	 * @param Connection_Store    $store        Stored connection.
	 * @param Environment         $environment  Site facts.
	 * @param Site_Identity       $site         Address-change detection.
	 * @param Key_Material        $key_material Key material for the secrets.
	 * @param Handshake_Log       $log          Latest handshake attempt.
	 * @param Webhook_Health|null $webhooks     Webhook health (null: the state carries none).
	 */
	public function __construct( Connection_Store $store, Environment $environment, Site_Identity $site, Key_Material $key_material, Handshake_Log $log, ?Webhook_Health $webhooks = null ) {
		$this->store        = $store;
		$this->environment  = $environment;
		$this->site         = $site;
		$this->key_material = $key_material;
		$this->log          = $log;
		$this->webhooks     = $webhooks;
	}

	/**
	 * The current connection state.
	 *
	 * @return array<string, mixed> Keys: `connected` (bool: public facts of a stored connection are
	 *         shown), `reconnect_required` (bool) and `reconnect_reason` ("inconsistent",
	 *         "undecryptable", "revoked" or null), the string facts (see FACTS; null when unknown),
	 *         `payout_configured` (bool|null), `credentials_rotated` (bool), `issues` (string[]),
	 *         `connected_at` and `status_checked_at` (UTC ISO 8601 or null), `site_change`
	 *         (see {@see Site_Identity::change()}), `encryption` (`available`, `source`,
	 *         `wp_config_line`), `last_handshake` (see {@see Handshake_Log::latest()}), `webhooks`
	 *         (see {@see Webhook_Health::summary()}; null when not connected) and
	 *         `environment` (`home_url`, `webhook_url`, `home_url_is_https`, `woocommerce_active`).
	 */
	public function get(): array {
		$loaded = $this->store->load();
		$facts  = is_array( $loaded['connection'] ) ? $loaded['connection'] : array();
		$reason = self::RECONNECT_REASONS[ $loaded['state'] ] ?? null;

		$state = array(
			'connected'          => array() !== $facts,
			'reconnect_required' => null !== $reason,
			'reconnect_reason'   => $reason,
		);
		foreach ( self::FACTS as $key ) {
			$state[ $key ] = isset( $facts[ $key ] ) && is_string( $facts[ $key ] ) ? $facts[ $key ] : null;
		}
		$state['payout_configured']   = isset( $facts['payout_configured'] ) && is_bool( $facts['payout_configured'] ) ? $facts['payout_configured'] : null;
		$state['credentials_rotated'] = ! empty( $facts['credentials_rotated'] );
		$state['issues']              = isset( $facts['issues'] ) && is_array( $facts['issues'] ) ? array_values( array_filter( $facts['issues'], 'is_string' ) ) : array();
		$state['connected_at']        = $this->time( $facts['connected_at'] ?? null );
		$state['status_checked_at']   = $this->time( $facts['status_checked_at'] ?? null );
		$state['site_change']         = array() !== $facts ? $this->site->change( $facts ) : null;
		$state['encryption']          = $this->encryption();
		$state['last_handshake']      = $this->log->latest();
		$state['webhooks']            = null !== $this->webhooks && array() !== $facts ? $this->webhooks->summary( is_int( $facts['connected_at'] ?? null ) ? $facts['connected_at'] : null ) : null;
		$state['environment']         = array(
			'home_url'           => $this->environment->home_url(),
			'webhook_url'        => $this->environment->webhook_url(),
			'home_url_is_https'  => $this->environment->home_url_is_https(),
			'woocommerce_active' => $this->environment->is_woocommerce_active(),
		);
		return $state;
	}

	/**
	 * Whether secrets can be stored, and how to make it possible.
	 *
	 * @return array{available: bool, source: string|null, wp_config_line: string|null}
	 */
	private function encryption(): array {
		$source = $this->key_material->source();
		return array(
			'available'      => null !== $source,
			'source'         => $source,
			'wp_config_line' => null === $source ? $this->key_material->suggested_wp_config_line() : null,
		);
	}

	/**
	 * Formats a stored Unix time.
	 *
	 * @param mixed $timestamp Seconds since the epoch.
	 * @return string|null UTC ISO 8601, or null when not an integer.
	 */
	private function time( $timestamp ): ?string {
		return is_int( $timestamp ) ? gmdate( 'Y-m-d\TH:i:s\Z', $timestamp ) : null;
	}
}
