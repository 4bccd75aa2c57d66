<?php
/**
 * Meum's invoice endpoints.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Connection\Connection_Store;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * The only caller of `POST /v1/invoices` and `GET /v1/invoices/{id}` (Meum API §A5), through
 * {@see Client} (§A6). It takes the key from {@see Connection_Store::usable_credentials()} and makes
 * no request when that guard says no. Cancel is never called (§A5: not available to the key).
 */
class Invoice_Api {

	/** Path of the invoice collection. */
	public const PATH = '/v1/invoices';

	/**
	 * Meum API client.
	 *
	 * @var Client
	 */
	private Client $client;

	/**
	 * Stored connection (the guard on the key).
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Creates the API.
	 *
	 * @param Client           $client Meum API client.
	 * @param Connection_Store $store  Stored connection.
	 */
	public function __construct( Client $client, Connection_Store $store ) {
		$this->client = $client;
		$this->store  = $store;
	}

	/**
	 * Creates (or, for a known `external_order_id`, returns) an invoice: `POST /v1/invoices`.
	 *
	 * @param array<string, mixed> $payload `{ external_order_id, amount, currency, return_url, metadata }` (§A5).
	 * @param float                $timeout Seconds this request may take.
	 * @return Invoice|WP_Error The invoice of Meum's 200/201 answer. Otherwise the guard's error
	 *         (`meum_not_connected`, `meum_site_changed`; no request made), a transport error
	 *         (`meum_timeout`, `meum_unreachable`, `meum_tls_error`), `meum_bad_response` for an
	 *         unreadable answer, or the mapped Meum error (`meum_api_<code>` such as
	 *         `meum_api_EXTERNAL_ORDER_INTEGRATION_CONFLICT`, else `meum_<reason>` such as
	 *         `meum_rate_limited`). Error data (from {@see \Meum\WooCommerce\Api\Error_Mapper}):
	 *         `upstream_status` (Meum's HTTP status, null without an answer), `status` (the status a
	 *         plugin route may answer with), `meum_code` (Meum's `code` or null) and `details`
	 *         (object, field → message).
	 */
	public function create( array $payload, float $timeout ) {
		return $this->call( 'POST', self::PATH, $payload, $timeout );
	}

	/**
	 * Reads an invoice: `GET /v1/invoices/{id}`.
	 *
	 * @param string $invoice_id Invoice id (sent rawurlencoded).
	 * @param float  $timeout    Seconds this request may take.
	 * @return Invoice|WP_Error The invoice, or an error as for {@see create()} (404 gives
	 *                          `meum_api_INVOICE_NOT_FOUND`).
	 */
	public function read( string $invoice_id, float $timeout ) {
		return $this->call( 'GET', self::PATH . '/' . rawurlencode( $invoice_id ), null, $timeout );
	}

	/**
	 * Sends one request with the usable key.
	 *
	 * @param string                    $method  HTTP method.
	 * @param string                    $path    Path below the base URL.
	 * @param array<string, mixed>|null $body    JSON body.
	 * @param float                     $timeout Seconds.
	 * @return Invoice|WP_Error See {@see create()}.
	 */
	private function call( string $method, string $path, ?array $body, float $timeout ) {
		$credentials = $this->store->usable_credentials();
		if ( is_wp_error( $credentials ) ) {
			return $credentials;
		}
		$result = $this->client->request( $method, $path, $credentials['api_key'], $body, $timeout );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		$invoice = Invoice::from_answer( $result['body'] );
		if ( is_wp_error( $invoice ) ) {
			$invoice->add_data(
				array(
					'status'          => 502,
					'upstream_status' => $result['status'],
					'meum_code'       => null,
					'details'         => (object) array(),
				)
			);
		}
		return $invoice;
	}
}
