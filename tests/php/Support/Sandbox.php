<?php
/**
 * Test helper: the Meum sandbox's control routes.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Reads and resets the Meum sandbox (tools/meum-sandbox) over HTTP.
 */
class Sandbox {

	/**
	 * Base URL of the sandbox, e.g. http://127.0.0.1:8895.
	 *
	 * @return string
	 */
	public static function url(): string {
		return rtrim( (string) getenv( 'MEUM_SANDBOX_URL' ), '/' );
	}

	/**
	 * Forgets every integration and request.
	 *
	 * @return void
	 */
	public static function reset(): void {
		self::call( 'POST', '/__sandbox/reset' );
	}

	/**
	 * The requests the sandbox received (oldest first).
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function requests(): array {
		return self::call( 'GET', '/__sandbox/requests' )['requests'];
	}

	/**
	 * Empties the sandbox's request log (integrations stay).
	 *
	 * @return void
	 */
	public static function reset_requests(): void {
		self::call( 'DELETE', '/__sandbox/requests' );
	}

	/**
	 * The sandbox's integrations, with their current secrets.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function integrations(): array {
		$body = self::call( 'GET', '/__sandbox/integrations' );
		return $body['integrations'] ?? $body;
	}

	/**
	 * Revokes a site's current api_key at Meum (as if revoked in the Meum dashboard).
	 *
	 * @param string $site_url The integration's site URL.
	 * @return void
	 */
	public static function revoke( string $site_url ): void {
		self::call( 'POST', '/__sandbox/revoke', array( 'site_url' => $site_url ) );
	}

	/**
	 * Changes what Meum's status endpoint reports for a site.
	 *
	 * @param string               $site_url The integration's site URL.
	 * @param array<string, mixed> $changes  payout_configured, health_status, webhook_health, issues.
	 * @return void
	 */
	public static function set_store( string $site_url, array $changes ): void {
		self::call( 'POST', '/__sandbox/store', array_merge( array( 'site_url' => $site_url ), $changes ) );
	}

	/**
	 * Makes the next calls to a Meum path fail with an HTML 5xx page.
	 *
	 * @param string $path   Meum path, e.g. "/v1/invoices" or "/v1/invoices/{id}" (any invoice).
	 * @param int    $status 500, 502 or 503.
	 * @param int    $times  How many calls fail.
	 * @return void
	 */
	public static function fail_next( string $path, int $status, int $times = 1 ): void {
		self::fail_next_with(
			$path,
			array(
				'status' => $status,
				'times'  => $times,
			)
		);
	}

	/**
	 * Arms a failure of the next calls to a Meum path with any error the sandbox knows (its
	 * `/__sandbox/fail-next`: status, code, shape, message, type, details, delay_ms, times).
	 *
	 * @param string               $path Meum path, e.g. "/v1/invoices" or "/v1/invoices/{id}".
	 * @param array<string, mixed> $spec The failure.
	 * @return void Throws a RuntimeException when the sandbox refuses it (an unknown path …), so a
	 *              test never runs without the failure it asked for.
	 */
	public static function fail_next_with( string $path, array $spec ): void {
		$answer = self::call( 'POST', '/__sandbox/fail-next', array_merge( array( 'path' => $path ), $spec ) );
		if ( isset( $answer['error'] ) ) {
			throw new \RuntimeException( 'fail-next refused: ' . wp_json_encode( $answer ) );
		}
	}

	/**
	 * The invoices the sandbox holds (every store), oldest first.
	 *
	 * @return array<int, array<string, mixed>> Read answers plus `store_id`, `integration_id`.
	 */
	public static function invoices(): array {
		return self::call( 'GET', '/__sandbox/invoices' )['invoices'];
	}

	/**
	 * Moves an invoice as the hosted checkout would (and sends its webhook, waiting for the answer).
	 *
	 * @param string $invoice_id Invoice id.
	 * @param string $action     pay, underpay, overpay, fail or expire.
	 * @param bool   $deliver    False: the webhook is dropped (Meum moved, the site has not heard;
	 *                           with WooCommerce the delivered webhook would update the order).
	 * @return array<string, mixed> The sandbox's answer (`invoice`, `webhook`).
	 */
	public static function move_invoice( string $invoice_id, string $action, bool $deliver = true ): array {
		if ( ! $deliver ) {
			self::call( 'POST', '/__sandbox/delivery-policy', array( 'drop' => true ) );
		}
		$answer = self::call( 'POST', '/__sandbox/invoices/' . rawurlencode( $invoice_id ) . '/' . $action, array( 'wait' => true ), 30 );
		if ( ! isset( $answer['invoice'] ) ) {
			throw new \RuntimeException( "the sandbox did not $action $invoice_id: " . wp_json_encode( $answer ) );
		}
		return $answer;
	}

	/**
	 * Arms the sandbox's delivery policy or changes its time scale (`/__sandbox/delivery-policy`).
	 *
	 * @param array<string, mixed> $policy time_scale, count, delay_ms, drop, duplicate, reorder, clear.
	 * @return array<string, mixed> The policy now armed.
	 */
	public static function delivery_policy( array $policy ): array {
		return self::call( 'POST', '/__sandbox/delivery-policy', $policy );
	}

	/**
	 * The invoice webhook deliveries the sandbox sent or dropped (every attempt), oldest first.
	 *
	 * @param string|null $invoice_id Only those of one invoice.
	 * @return array<int, array<string, mixed>>
	 */
	public static function invoice_deliveries( ?string $invoice_id = null ): array {
		$all = self::call( 'GET', '/__sandbox/deliveries' )['deliveries'];
		return array_values(
			array_filter(
				$all,
				static fn ( $d ) => isset( $d['invoice_id'] ) && ( null === $invoice_id || $d['invoice_id'] === $invoice_id )
			)
		);
	}

	/**
	 * What the sandbox's webhook dispatcher sent, dropped, duplicated, delayed and reordered.
	 *
	 * @return array<string, int> events, sent, acknowledged, retried, dropped, duplicated, delayed, reordered.
	 */
	public static function delivery_counts(): array {
		return self::call( 'GET', '/__sandbox/delivery-counts' )['counts'];
	}

	/**
	 * Switches a Meum path down (every call answers an HTML 503) until {@see up()}.
	 *
	 * @param string $path Meum path, e.g. "/v1/invoices/{id}" (every invoice read).
	 * @return void
	 */
	public static function down( string $path ): void {
		self::call( 'POST', '/__sandbox/down', array( 'path' => $path ) );
	}

	/**
	 * Brings every path switched down up again.
	 *
	 * @return void
	 */
	public static function up(): void {
		self::call( 'DELETE', '/__sandbox/down' );
	}

	/**
	 * Asks the sandbox to deliver a signed webhook (see its README, `/__sandbox/deliver`).
	 *
	 * @param array<string, mixed> $options Delivery options (site_url, type, count, sign_with, …).
	 * @return array<string, mixed> The sandbox's report, with `deliveries`.
	 */
	public static function deliver( array $options ): array {
		return self::call( 'POST', '/__sandbox/deliver', $options, 120 );
	}

	/**
	 * Calls a Meum endpoint directly with a key, as another client would.
	 *
	 * @param string $method HTTP method.
	 * @param string $path   Meum path.
	 * @param string $key    Bearer key.
	 * @return int HTTP status.
	 */
	public static function call_meum( string $method, string $path, string $key ): int {
		$response = wp_remote_request(
			self::url() . $path,
			array(
				'method'  => $method,
				'timeout' => 5,
				'headers' => array( 'Authorization' => 'Bearer ' . $key ),
			)
		);
		return (int) wp_remote_retrieve_response_code( $response );
	}

	/**
	 * Calls a control route.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $path   Path.
	 * @param array<string, mixed>|null $body    JSON body.
	 * @param int                       $timeout Seconds.
	 * @return array<string, mixed> Decoded JSON answer.
	 */
	private static function call( string $method, string $path, ?array $body = null, int $timeout = 5 ): array {
		$args = array(
			'method'  => $method,
			'timeout' => $timeout,
		);
		if ( null !== $body ) {
			$args['headers'] = array( 'Content-Type' => 'application/json' );
			$args['body']    = (string) wp_json_encode( $body );
		}
		$response = wp_remote_request( self::url() . $path, $args );
		if ( is_wp_error( $response ) ) {
			throw new \RuntimeException( 'Meum sandbox unreachable: ' . $response->get_error_message() );
		}
		$decoded = json_decode( wp_remote_retrieve_body( $response ), true );
		if ( ! is_array( $decoded ) ) {
			throw new \RuntimeException( "Meum sandbox gave no JSON for $method $path" );
		}
		return $decoded;
	}
}
