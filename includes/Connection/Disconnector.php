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
	 * Error mapping.
	 *
	 * @var Error_Mapper
	 */
	private Error_Mapper $errors;

	/**
	 * Creates the disconnector.
	 *
	 * @param Client           $client Meum API client.
	 * @param Connection_Store $store  Stored connection (and the guard on its key).
	 * @param Error_Mapper     $errors Error mapping.
	 */
	public function __construct( Client $client, Connection_Store $store, Error_Mapper $errors ) {
		$this->client = $client;
		$this->store  = $store;
		$this->errors = $errors;
	}

	/**
	 * Disconnects at Meum and deletes the stored connection.
	 *
	 * @return true|WP_Error True once Meum confirmed (or no longer knew the integration) and the
	 *         credentials are deleted. Otherwise a WP_Error with `data.can_forget = true` (nothing
	 *         deleted): the mapped Meum or transport error, `meum_invalid_response` for a 2xx
	 *         without `disconnected: true`, or the refusal of
	 *         {@see Connection_Store::usable_credentials()} (`meum_site_changed`,
	 *         `meum_not_connected`, 409). `meum_not_connected` without `can_forget` when nothing
	 *         is stored at all.
	 */
	public function disconnect() {
		if ( ! $this->store->has_stored_connection() ) {
			return Errors::not_connected();
		}
		$credentials = $this->store->usable_credentials();
		if ( is_wp_error( $credentials ) ) {
			return $this->forgettable( $credentials );
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
