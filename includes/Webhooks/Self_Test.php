<?php
/**
 * The "Test webhook delivery" button's work.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Environment;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Sends a correctly signed `webhook.test` delivery to the site's own webhook URL over real HTTP
 * (short timeout, redirects not followed) and says what came back, so a merchant can see whether
 * Meum's deliveries can get through: accepted, refused (with the receiver's reason), redirected,
 * blocked by something in front of WordPress, unreachable, or timed out.
 *
 * The delivery carries a short-lived token header so the receiver counts it apart from Meum's.
 */
class Self_Test {

	/** Timeout of the test delivery, in seconds. */
	public const TIMEOUT = 10;

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
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the self-test.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Connection_Store $store       Stored connection (and the guard on its key).
	 * @param Clock|null       $clock       The time (default: the real one).
	 */
	public function __construct( Environment $environment, Connection_Store $store, ?Clock $clock = null ) {
		$this->environment = $environment;
		$this->store       = $store;
		$this->clock       = $clock ?? new Clock();
	}

	/**
	 * Sends the test delivery.
	 *
	 * @return array{result: string, url: string, http_status: int|null, reason: string|null, location: string|null, excerpt: string|null, message: string}|WP_Error
	 *         The outcome; the refusal of {@see Connection_Store::usable_credentials()}
	 *         (`meum_not_connected`, `meum_site_changed`, 409) when the stored key may not be used.
	 */
	public function run() {
		$credentials = $this->store->usable_credentials();
		if ( is_wp_error( $credentials ) ) {
			return $credentials;
		}
		$facts = (array) $this->store->facts();

		$url       = $this->environment->webhook_url();
		$token     = wp_generate_password( 32, false );
		$event_id  = 'evt_selftest_' . bin2hex( random_bytes( 12 ) );
		$timestamp = (string) $this->clock->now();
		$body      = (string) wp_json_encode(
			array(
				'id'        => $event_id,
				'type'      => 'webhook.test',
				'createdAt' => gmdate( 'Y-m-d\TH:i:s.000\Z' ),
				'data'      => array( 'message' => 'Test delivery from Meum for WooCommerce' ),
			)
		);
		$headers   = array(
			'Content-Type'     => 'application/json',
			'X-Meum-Event'     => 'webhook.test',
			'X-Meum-Event-Id'  => $event_id,
			'X-Meum-Timestamp' => $timestamp,
			'X-Meum-Signature' => 'v1=' . hash_hmac( 'sha256', $timestamp . '.' . $body, $credentials['webhook_secret'] ),
			'X-Meum-Self-Test' => $token,
		);

		$integration = $facts['integration_public_id'] ?? ( $facts['integration_id'] ?? null );
		if ( is_string( $integration ) && '' !== $integration ) {
			$headers['X-Meum-Integration-Id'] = $integration;
		}

		update_option(
			Webhook_Receiver::SELF_TEST_OPTION,
			array(
				'token'   => $token,
				'expires' => $this->clock->now() + self::TIMEOUT + 5,
			),
			false
		);
		// The site's own address is trusted configuration; loopback certificates are often self-signed.
		$response = wp_remote_post(
			$url,
			array(
				'timeout'     => self::TIMEOUT,
				'redirection' => 0,
				'headers'     => $headers,
				'body'        => $body,
				'sslverify'   => apply_filters( 'https_local_ssl_verify', false ), // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress core's own filter.
			)
		);
		delete_option( Webhook_Receiver::SELF_TEST_OPTION );

		return $this->outcome( $url, $response );
	}

	/**
	 * Classifies what came back.
	 *
	 * @param string                        $url      The webhook URL.
	 * @param array<string, mixed>|WP_Error $response wp_remote_post() result.
	 * @return array{result: string, url: string, http_status: int|null, reason: string|null, location: string|null, excerpt: string|null, message: string}
	 */
	private function outcome( string $url, $response ): array {
		$outcome = array(
			'result'      => 'unreachable',
			'url'         => $url,
			'http_status' => null,
			'reason'      => null,
			'location'    => null,
			'excerpt'     => null,
			'message'     => '',
		);
		if ( is_wp_error( $response ) ) {
			$text               = $response->get_error_message();
			$timed_out          = false !== stripos( $text, 'timed out' ) || false !== strpos( $text, 'cURL error 28' );
			$outcome['result']  = $timed_out ? 'timeout' : 'unreachable';
			$outcome['message'] = sanitize_text_field( $text );
			return $outcome;
		}

		$status                 = (int) wp_remote_retrieve_response_code( $response );
		$outcome['http_status'] = $status;
		$decoded                = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( $status >= 300 && $status < 400 ) {
			$outcome['result']   = 'redirected';
			$location            = wp_remote_retrieve_header( $response, 'location' ); // An array when the header repeats.
			$outcome['location'] = esc_url_raw( is_array( $location ) ? (string) reset( $location ) : $location );
			$outcome['message']  = __( 'The webhook URL redirects. Meum does not follow redirects.', 'meum-woocommerce' );
		} elseif ( 200 === $status && is_array( $decoded ) && true === ( $decoded['received'] ?? null ) ) {
			$outcome['result']  = 'accepted';
			$outcome['message'] = __( 'The test delivery reached this site and was accepted.', 'meum-woocommerce' );
		} elseif ( is_array( $decoded ) && false === ( $decoded['received'] ?? null ) && is_string( $decoded['error'] ?? null ) ) {
			$outcome['result']  = 'refused';
			$outcome['reason']  = Webhook_Receiver::printable( $decoded['error'] );
			$outcome['message'] = __( 'The plugin\'s receiver refused the test delivery.', 'meum-woocommerce' );
		} else {
			$outcome['result']  = 'blocked';
			$outcome['excerpt'] = $this->excerpt( (string) wp_remote_retrieve_response_message( $response ), (string) wp_remote_retrieve_body( $response ) );
			$outcome['message'] = __( 'Something in front of the plugin answered instead of its receiver.', 'meum-woocommerce' );
		}
		return $outcome;
	}

	/**
	 * A short, safe excerpt of a blocking answer.
	 *
	 * @param string $status_text HTTP status text.
	 * @param string $body        Body.
	 * @return string Tags stripped, whitespace collapsed, at most 200 characters of the body.
	 */
	private function excerpt( string $status_text, string $body ): string {
		$text = trim( (string) preg_replace( '/\s+/', ' ', wp_strip_all_tags( $body ) ) );
		return trim( $status_text . ': ' . mb_substr( $text, 0, 200 ), ': ' );
	}
}
