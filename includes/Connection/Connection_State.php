<?php
/**
 * The connection as the settings page may see it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Webhooks\Webhook_Health;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the browser-safe connection state: the shape of `GET /meum/v1/connection`, also
 * preloaded into the settings page. It is made from the public facts only; no secret can reach it.
 *
 * This class owns the state's field list: {@see get()} builds it and {@see schema()} describes
 * it (the REST routes publish that schema); a test checks that they cover exactly the same fields
 * in every state, and writes the settings page's Jest fixtures from the real answers.
 */
class Connection_State {

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
	 * The invoice table (orders waiting for Meum).
	 *
	 * @var Invoice_Table|null
	 */
	private ?Invoice_Table $invoices;

	/**
	 * Creates the builder.
	 *
	 * @param Connection_Store    $store        Stored connection.
	 * @param Environment         $environment  Site facts.
	 * @param Site_Identity       $site         Address-change detection.
	 * @param Key_Material        $key_material Key material for the secrets.
	 * @param Handshake_Log       $log          Latest handshake attempt.
	 * @param Webhook_Health|null $webhooks     Webhook health (null: the state carries none).
	 * @param Invoice_Table|null  $invoices     The invoice table (null: no order waits).
	 */
	public function __construct( Connection_Store $store, Environment $environment, Site_Identity $site, Key_Material $key_material, Handshake_Log $log, ?Webhook_Health $webhooks = null, ?Invoice_Table $invoices = null ) {
		$this->store        = $store;
		$this->environment  = $environment;
		$this->site         = $site;
		$this->key_material = $key_material;
		$this->log          = $log;
		$this->webhooks     = $webhooks;
		$this->invoices     = $invoices;
	}

	/**
	 * The current connection state.
	 *
	 * @return array<string, mixed> Keys: `connected` (bool: public facts of a stored connection are
	 *         shown), `reconnect_required` (bool) and `reconnect_reason` ("inconsistent",
	 *         "undecryptable", "revoked" or null), the string facts (see fact_descriptions(); null
	 *         when unknown), `payout_configured` (bool|null), `credentials_rotated` (bool), `issues`
	 *         (string[]), `connected_at` and `status_checked_at` (UTC ISO 8601 or null), `site_change`
	 *         (see {@see Site_Identity::change()}), `encryption` (`available`, `source`,
	 *         `wp_config_line`), `last_handshake` (see {@see Handshake_Log::latest()}), `webhooks`
	 *         (see {@see Webhook_Health::summary()}; null when not connected) and
	 *         `environment` (`home_url`, `webhook_url`, `home_url_is_https`, `woocommerce_active`),
	 *         `orders_waiting` (int: orders with an invoice whose last known status is open, see
	 *         {@see Invoice_Table::orders_waiting()}; 0 without WooCommerce).
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
		foreach ( array_keys( $this->fact_descriptions() ) as $key ) {
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
		$state['orders_waiting']      = null !== $this->invoices && $this->environment->is_woocommerce_active() ? $this->invoices->orders_waiting() : 0;
		return $state;
	}

	/**
	 * The JSON Schema of the state {@see get()} returns. Every field of get() is here and nothing
	 * else (Rest/Connection_Schema_Test checks it in every state): add a field in both at once.
	 *
	 * @return array<string, mixed> Schema (draft 4, as WordPress uses it), every property read-only.
	 */
	public function schema(): array {
		$nullable_string = array( 'string', 'null' );
		$time            = array(
			'type'   => $nullable_string,
			'format' => 'date-time',
		);
		$properties      = array(
			'connected'          => array(
				'description' => __( 'Whether a connection is stored (its facts are shown).', 'meum-woocommerce' ),
				'type'        => 'boolean',
			),
			'reconnect_required' => array(
				'description' => __( 'Whether the stored connection is unusable and must be made again.', 'meum-woocommerce' ),
				'type'        => 'boolean',
			),
			'reconnect_reason'   => array(
				'description' => __( 'Why a reconnect is required: inconsistent, undecryptable or revoked.', 'meum-woocommerce' ),
				'type'        => $nullable_string,
				'enum'        => array_merge( array_values( self::RECONNECT_REASONS ), array( null ) ),
			),
		);
		foreach ( $this->fact_descriptions() as $name => $description ) {
			$properties[ $name ] = array(
				'description' => $description,
				'type'        => $nullable_string,
			);
		}
		$properties += array(
			'payout_configured'   => array(
				'description' => __( 'Whether the Meum store has a payout wallet; null when unknown.', 'meum-woocommerce' ),
				'type'        => array( 'boolean', 'null' ),
			),
			'credentials_rotated' => array(
				'description' => __( 'Whether the latest handshake re-issued the credentials.', 'meum-woocommerce' ),
				'type'        => 'boolean',
			),
			'issues'              => array(
				'description' => __( 'Problems Meum reports that need the merchant.', 'meum-woocommerce' ),
				'type'        => 'array',
				'items'       => array( 'type' => 'string' ),
			),
			'connected_at'        => array( 'description' => __( 'Time of the latest successful handshake (UTC).', 'meum-woocommerce' ) ) + $time,
			'status_checked_at'   => array( 'description' => __( 'Time of the latest status refresh (UTC).', 'meum-woocommerce' ) ) + $time,
			'site_change'         => array(
				'description' => __( 'The site address registered at connect and the current one, when they differ.', 'meum-woocommerce' ),
				'type'        => array( 'object', 'null' ),
				'properties'  => array(
					'kind' => array(
						'description' => __( '"site" when the site URL changed (new site or same site?), "webhook" when only the webhook URL changed (a reconnect registers it).', 'meum-woocommerce' ),
						'type'        => 'string',
						'enum'        => array( Address_Change::CHANGE_SITE, Address_Change::CHANGE_WEBHOOK ),
					),
				) + array_fill_keys( array( 'connected_site_url', 'current_site_url', 'connected_webhook_url', 'current_webhook_url' ), array( 'type' => 'string' ) ),
			),
			'encryption'          => array(
				'description' => __( 'Whether secrets can be stored encrypted, and how to make it possible.', 'meum-woocommerce' ),
				'type'        => 'object',
				'properties'  => array(
					'available'      => array( 'type' => 'boolean' ),
					'source'         => array( 'type' => $nullable_string ),
					'wp_config_line' => array( 'type' => $nullable_string ),
				),
			),
			'last_handshake'      => array(
				'description' => __( 'Result of the latest connect attempt, for support.', 'meum-woocommerce' ),
				'type'        => array( 'object', 'null' ),
				'properties'  => array(
					'result'  => array(
						'type' => 'string',
						'enum' => array( 'success', 'failure' ),
					),
					'at'      => array(
						'type'   => 'string',
						'format' => 'date-time',
					),
					'code'    => array( 'type' => $nullable_string ),
					'message' => array( 'type' => $nullable_string ),
				),
			),
			'webhooks'            => array(
				'description' => __( 'Webhook deliveries this site received since connect, by outcome; null when not connected.', 'meum-woocommerce' ),
				'type'        => array( 'object', 'null' ),
				'properties'  => Webhook_Health::summary_schema(),
			),
			'environment'         => array(
				'description' => __( 'What this site would send to Meum now.', 'meum-woocommerce' ),
				'type'        => 'object',
				'properties'  => array(
					'home_url'           => array( 'type' => 'string' ),
					'webhook_url'        => array( 'type' => 'string' ),
					'home_url_is_https'  => array( 'type' => 'boolean' ),
					'woocommerce_active' => array( 'type' => 'boolean' ),
				),
			),
			'orders_waiting'      => array(
				'description' => __( 'Orders waiting for Meum: orders with an invoice whose last known status is open. Disconnecting or forgetting the connection stops their payments from updating them.', 'meum-woocommerce' ),
				'type'        => 'integer',
				'minimum'     => 0,
			),
		);
		foreach ( $properties as $name => $property ) {
			$properties[ $name ]['context']  = array( 'view', 'edit' );
			$properties[ $name ]['readonly'] = true;
		}
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'meum-connection',
			'type'       => 'object',
			'properties' => $properties,
		);
	}

	/**
	 * What each string fact means.
	 *
	 * @return array<string, string> String fact, copied as stored (string or null) → translated description.
	 */
	private function fact_descriptions(): array {
		return array(
			'status'                => __( 'Meum connection status, e.g. ACTIVE.', 'meum-woocommerce' ),
			'store_id'              => __( 'Meum store id.', 'meum-woocommerce' ),
			'store_name'            => __( 'Meum store name.', 'meum-woocommerce' ),
			'integration_id'        => __( 'Meum integration id.', 'meum-woocommerce' ),
			'integration_public_id' => __( 'Meum public integration id (int_…).', 'meum-woocommerce' ),
			'installation_id'       => __( 'Meum installation id.', 'meum-woocommerce' ),
			'site_url'              => __( 'Site URL registered with Meum.', 'meum-woocommerce' ),
			'webhook_url'           => __( 'Webhook URL registered with Meum.', 'meum-woocommerce' ),
			'webhook_id'            => __( 'Meum webhook endpoint id.', 'meum-woocommerce' ),
			'checkout_base_url'     => __( 'Base URL of Meum\'s hosted checkout.', 'meum-woocommerce' ),
			'masked_api_key'        => __( 'The API key\'s prefix and last 4 characters.', 'meum-woocommerce' ),
			'warning'               => __( 'Meum\'s warning about the store, e.g. a missing payout wallet.', 'meum-woocommerce' ),
			'health_status'         => __( 'Meum\'s health status of the integration, e.g. HEALTHY.', 'meum-woocommerce' ),
			'webhook_health'        => __( 'Meum\'s view of webhook deliveries to this site.', 'meum-woocommerce' ),
		);
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
