<?php
/**
 * The Meum connect handshake.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Security\Encryption;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Connects (or reconnects) this site to a Meum store with a merchant's connection key.
 *
 * Contract: `POST /v1/integration/woocommerce/connect` (Meum API Part A §A1). The connection key
 * is used for this one request and never stored. Meum's answer is validated completely before
 * anything is written, so a failure of any kind leaves the stored connection exactly as it was.
 */
class Connector {

	/** Path of Meum's connect endpoint. */
	public const CONNECT_PATH = '/v1/integration/woocommerce/connect';

	/**
	 * Meum API client.
	 *
	 * @var Client
	 */
	private Client $client;

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Stored connection.
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Answer validation.
	 *
	 * @var Connect_Response
	 */
	private Connect_Response $response;

	/**
	 * Error mapping.
	 *
	 * @var Error_Mapper
	 */
	private Error_Mapper $errors;

	/**
	 * Encryption (checked before Meum is called).
	 *
	 * @var Encryption
	 */
	private Encryption $encryption;

	/**
	 * Record of the latest attempt.
	 *
	 * @var Handshake_Log
	 */
	private Handshake_Log $log;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the connector.
	 *
	 * @param Client           $client      Meum API client.
	 * @param Environment      $environment Site facts.
	 * @param Connection_Store $store       Stored connection.
	 * @param Connect_Response $response    Answer validation.
	 * @param Error_Mapper     $errors      Error mapping.
	 * @param Encryption       $encryption  Encryption of the secrets.
	 * @param Handshake_Log    $log         Record of the latest attempt.
	 * @param Clock|null       $clock       The time (default: the real one).
	 */
	public function __construct( Client $client, Environment $environment, Connection_Store $store, Connect_Response $response, Error_Mapper $errors, Encryption $encryption, Handshake_Log $log, ?Clock $clock = null ) {
		$this->client      = $client;
		$this->environment = $environment;
		$this->store       = $store;
		$this->response    = $response;
		$this->errors      = $errors;
		$this->encryption  = $encryption;
		$this->log         = $log;
		$this->clock       = $clock ?? new Clock();
	}

	/**
	 * The JSON body of the connect request.
	 *
	 * @return array{site_url: string, webhook_url: string, plugin_version?: string, wordpress_version?: string, woocommerce_version?: string}
	 *         `site_url` and `webhook_url` always; `plugin_version`, `wordpress_version` and
	 *         `woocommerce_version` only when known (never sent empty).
	 */
	public function request_body(): array {
		$body     = array(
			'webhook_url' => $this->environment->webhook_url(),
			'site_url'    => $this->environment->home_url(),
		);
		$versions = array(
			'plugin_version'      => MEUM_WC_VERSION,
			'wordpress_version'   => $this->environment->wordpress_version(),
			'woocommerce_version' => $this->environment->woocommerce_version(),
		);
		foreach ( $versions as $field => $version ) {
			if ( null !== $version && '' !== $version ) {
				$body[ $field ] = $version;
			}
		}
		return $body;
	}

	/**
	 * Performs the handshake and stores its result.
	 *
	 * @param string $connection_key The merchant's connection key (`sk_live_…`), already sanitized.
	 * @return true|WP_Error True when the new connection is stored. Otherwise a WP_Error whose data
	 *         is `{ status, upstream_status, meum_code, details }`: Meum's errors as mapped by
	 *         {@see Error_Mapper}, `meum_invalid_response` (502) for a 2xx answer without valid
	 *         credentials, `meum_no_key_material` (409, Meum not called: its new credentials could
	 *         not be stored safely), `meum_storage_failed` (500) when the database refused the write.
	 *         The attempt is recorded in the {@see Handshake_Log} either way.
	 */
	public function connect( string $connection_key ) {
		$result = $this->attempt( $connection_key );
		if ( is_wp_error( $result ) ) {
			$this->log->record_failure( $result );
			return $result;
		}
		$this->log->record_success();
		/**
		 * Fires after a successful connect handshake was stored (a new monitoring period starts).
		 */
		do_action( 'meum_wc_connected' );
		return $result;
	}

	/**
	 * One handshake attempt.
	 *
	 * @param string $connection_key The merchant's connection key.
	 * @return true|WP_Error See {@see connect()}.
	 */
	private function attempt( string $connection_key ) {
		if ( ! $this->encryption->is_available() ) {
			return Errors::no_key_material();
		}
		$body   = $this->request_body();
		$result = $this->client->request( 'POST', self::CONNECT_PATH, $connection_key, $body );
		if ( is_wp_error( $result ) ) {
			return $result;
		}

		if ( 200 !== $result['status'] ) {
			return $this->errors->invalid_success(
				$result['status'],
				/* translators: %d: HTTP status code. */
				sprintf( __( 'the status is %d instead of 200.', 'meum-woocommerce' ), $result['status'] )
			);
		}
		$problem = $this->response->problem( $result['body'] );
		if ( null !== $problem ) {
			return $this->errors->invalid_success( $result['status'], $problem );
		}

		$facts = $this->response->public_facts( $result['body'], $body, $this->clock->now() );
		return $this->store->save( $this->response->credentials( $result['body'] ), $facts, true === $facts['credentials_rotated'] );
	}
}
