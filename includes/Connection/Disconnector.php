<?php
/**
 * Ends the connection to Meum.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Disconnects at Meum, then deletes the stored connection; or forgets it locally only.
 *
 * Contract: `POST /v1/integration/woocommerce/disconnect` (Meum API Part A §A3): on
 * `{ "disconnected": true }` or `INTEGRATION_NOT_FOUND` the credentials are deleted; after any
 * other failure the merchant may "forget locally", so nobody is ever stuck with a dead connection.
 */
class Disconnector {

	/** Path of Meum's disconnect endpoint. */
	public const DISCONNECT_PATH = '/v1/integration/woocommerce/disconnect';

	/**
	 * Meum API client.
	 *
	 * @var Client
	 */
	private Client $client;

	/**
	 * Stored connection.
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Address-change detection.
	 *
	 * @var Site_Identity
	 */
	private Site_Identity $site;

	/**
	 * Error mapping.
	 *
	 * @var Error_Mapper
	 */
	private Error_Mapper $errors;

	/**
	 * Creates the disconnector.
	 *
	 * @param Client           $client Meum API client.
	 * @param Connection_Store $store  Stored connection.
	 * @param Site_Identity    $site   Address-change detection.
	 * @param Error_Mapper     $errors Error mapping.
	 */
	public function __construct( Client $client, Connection_Store $store, Site_Identity $site, Error_Mapper $errors ) {
		$this->client = $client;
		$this->store  = $store;
		$this->site   = $site;
		$this->errors = $errors;
	}

	/**
	 * Disconnects at Meum and deletes the stored connection.
	 *
	 * @return true|WP_Error True once Meum confirmed (or no longer knew the integration) and the
	 *         credentials are deleted. Otherwise a WP_Error with `data.can_forget = true` (nothing
	 *         deleted): the mapped Meum or transport error, `meum_invalid_response` for a 2xx
	 *         without `disconnected: true`, `meum_site_changed` (409) while the address change is
	 *         unresolved, `meum_not_connected` (409) when no usable key is stored.
	 */
	public function disconnect() {
		$loaded = $this->store->load();
		if ( Connection_Store::STATE_NONE === $loaded['state'] ) {
			return Errors::not_connected();
		}
		if ( null !== $loaded['connection'] && null !== $this->site->change( $loaded['connection'] ) ) {
			return Errors::site_changed( array( 'can_forget' => true ) );
		}
		$credentials = $this->store->credentials();
		if ( null === $credentials ) {
			return $this->forgettable( Errors::not_connected() );
		}

		$result = $this->client->request( 'POST', self::DISCONNECT_PATH, $credentials['api_key'] );
		if ( is_wp_error( $result ) ) {
			if ( 'INTEGRATION_NOT_FOUND' === ( $result->get_error_data()['meum_code'] ?? null ) ) {
				$this->forget();
				return true;
			}
			return $this->forgettable( $result );
		}
		if ( true !== ( $result['body']['disconnected'] ?? null ) ) {
			return $this->forgettable(
				$this->errors->invalid_success( $result['status'], __( '"disconnected" is not true.', 'meum-woocommerce' ) )
			);
		}
		$this->forget();
		return true;
	}

	/**
	 * Deletes the stored connection without calling Meum.
	 *
	 * @return void
	 */
	public function forget(): void {
		$this->store->forget();
	}

	/**
	 * Marks an error as one after which "forget locally" is offered.
	 *
	 * @param WP_Error $error The failure.
	 * @return WP_Error The same error with `data.can_forget = true`.
	 */
	private function forgettable( WP_Error $error ): WP_Error {
		$data               = (array) $error->get_error_data();
		$data['can_forget'] = true;
		$error->add_data( $data );
		return $error;
	}
}
