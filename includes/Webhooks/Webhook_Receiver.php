<?php
/**
 * Receives Meum's webhook deliveries.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Logging\Plugin_Log;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Verifies, deduplicates and dispatches one delivery, and counts the outcome.
 *
 * Contract: Meum API Part A §A4. Order: body size (413) → signature checks (401, see
 * {@see Signature_Verifier}) → the verified body must be a JSON object whose `id` equals the
 * Event-Id header (400) → the event id is claimed in the database (a repeat answers
 * `{ received: true, duplicate: true }` with no side effect) → the type's handler runs; if it
 * fails the claim is released and the answer is 500, so Meum retries; if it throws
 * {@see Retry_Later} (the order's lock or a read from Meum did not fit the delivery's budget,
 * §A5) the claim is released and the answer is 503 `{ received: false, error: "retry_later" }`.
 * Nothing reads the body as JSON before the signature is verified.
 */
class Webhook_Receiver {

	/** Largest accepted body, in bytes (256 KiB). */
	public const MAX_BODY_BYTES = 262144;

	/** Option holding the current self-test token (see Self_Test). */
	public const SELF_TEST_OPTION = 'meum_wc_self_test_token';

	/**
	 * Stored connection.
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Signature checks.
	 *
	 * @var Signature_Verifier
	 */
	private Signature_Verifier $verifier;

	/**
	 * Idempotency and event records.
	 *
	 * @var Event_Store
	 */
	private Event_Store $events;

	/**
	 * Counters.
	 *
	 * @var Health_Counters
	 */
	private Health_Counters $counters;

	/**
	 * Handlers.
	 *
	 * @var Handler_Registry
	 */
	private Handler_Registry $handlers;

	/**
	 * Plugin log.
	 *
	 * @var Plugin_Log
	 */
	private Plugin_Log $log;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the receiver.
	 *
	 * @param Connection_Store   $store    Stored connection.
	 * @param Signature_Verifier $verifier Signature checks.
	 * @param Event_Store        $events   Idempotency and event records.
	 * @param Health_Counters    $counters Counters.
	 * @param Handler_Registry   $handlers Handlers.
	 * @param Plugin_Log         $log      Plugin log.
	 * @param Clock              $clock    The time.
	 */
	public function __construct( Connection_Store $store, Signature_Verifier $verifier, Event_Store $events, Health_Counters $counters, Handler_Registry $handlers, Plugin_Log $log, Clock $clock ) {
		$this->store    = $store;
		$this->verifier = $verifier;
		$this->events   = $events;
		$this->counters = $counters;
		$this->handlers = $handlers;
		$this->log      = $log;
		$this->clock    = $clock;
	}

	/**
	 * Handles one delivery.
	 *
	 * @param WP_REST_Request $request The delivery, with its raw body.
	 * @return WP_REST_Response 200 `{ received: true }` (plus `duplicate: true` for a repeat);
	 *                          401/400/413/500 `{ received: false, error: <reason> }`.
	 */
	public function receive( WP_REST_Request $request ): WP_REST_Response {
		$now     = $this->clock->now();
		$headers = Webhook_Headers::read( $request );
		$source  = $this->claims_self_test( $request ) ? Health_Counters::SOURCE_SELF_TEST : Health_Counters::SOURCE_MEUM;

		$length = (int) $request->get_header( 'Content-Length' );
		$body   = $request->get_body();
		if ( $length > self::MAX_BODY_BYTES || strlen( $body ) > self::MAX_BODY_BYTES ) {
			return $this->refuse( 413, 'body_too_large', $headers, $source, $now );
		}

		$reason = $this->verifier->refusal( $headers, $body, $this->store->webhook_secrets(), $this->integration_ids(), $now );
		if ( null !== $reason ) {
			return $this->refuse( 401, $reason, $headers, $source, $now );
		}

		// Verified from here on.
		$event = json_decode( $body, true );
		if ( ! is_array( $event ) || ( array() !== $event && array_is_list( $event ) ) ) {
			return $this->refuse( 400, 'invalid_json', $headers, $source, $now );
		}
		if ( ! isset( $event['id'] ) || ! is_string( $event['id'] ) || ! hash_equals( $event['id'], (string) $headers['Event-Id'] ) || strlen( $event['id'] ) > 191 ) {
			return $this->refuse( 400, 'event_id_mismatch', $headers, $source, $now );
		}
		$type = isset( $event['type'] ) && is_string( $event['type'] ) ? $event['type'] : (string) $headers['Event'];
		if ( Health_Counters::SOURCE_SELF_TEST === $source && 'webhook.test' !== $type ) {
			$source = Health_Counters::SOURCE_MEUM;
		}
		return $this->process( $event, $type, $source, $now );
	}

	/**
	 * Makes an untrusted value safe for a log line or a counter.
	 *
	 * @param mixed $value Any value.
	 * @return string Printable ASCII, at most 64 characters; "-" when empty or not a string.
	 */
	public static function printable( $value ): string {
		if ( ! is_string( $value ) && ! is_int( $value ) ) {
			return '-';
		}
		$clean = (string) substr( (string) preg_replace( '/[^A-Za-z0-9_.:\-]/', '', (string) $value ), 0, 64 );
		return '' === $clean ? '-' : $clean;
	}

	/**
	 * Claims, handles and counts a verified event.
	 *
	 * @param array<string, mixed> $event  Decoded payload.
	 * @param string               $type   Event type.
	 * @param string               $source Counter source.
	 * @param int                  $now    Unix time.
	 * @return WP_REST_Response The answer.
	 */
	private function process( array $event, string $type, string $source, int $now ): WP_REST_Response {
		$data  = isset( $event['data'] ) && is_array( $event['data'] ) ? $event['data'] : array();
		$claim = $this->events->claim(
			array(
				'event_id'          => $event['id'],
				'event_type'        => (string) substr( self::printable( $type ), 0, 64 ),
				'invoice_id'        => isset( $data['invoice_id'] ) && is_string( $data['invoice_id'] ) ? (string) substr( $data['invoice_id'], 0, 191 ) : null,
				'external_order_id' => isset( $data['external_order_id'] ) && ( is_string( $data['external_order_id'] ) || is_int( $data['external_order_id'] ) ) ? (string) substr( (string) $data['external_order_id'], 0, 191 ) : null,
				'source'            => $source,
			),
			$now
		);
		if ( Event_Store::DUPLICATE === $claim ) {
			$this->counters->increment( $source, 'duplicate', self::printable( $type ), $now );
			return new WP_REST_Response(
				array(
					'received'  => true,
					'duplicate' => true,
				),
				200
			);
		}
		if ( Event_Store::FAILED === $claim ) {
			return $this->failed( $event, $type, $source, $now, 'the event could not be recorded' );
		}

		$handler = $this->handlers->handler_for( $type );
		if ( null === $handler ) {
			$this->log->log( 'info', sprintf( 'Meum event of unknown type %s (%s) recorded and acknowledged.', self::printable( $type ), self::printable( $event['id'] ) ), $now );
		} else {
			try {
				$handler->handle( $event, $source );
			} catch ( Retry_Later $later ) {
				$this->events->release( $event['id'] );
				return $this->retry_later( $event, $type, $source, $now, $later->getMessage() );
			} catch ( \Throwable $error ) {
				$this->events->release( $event['id'] );
				return $this->failed( $event, $type, $source, $now, get_class( $error ) );
			}
		}
		$this->counters->increment( $source, 'accepted', self::printable( $type ), $now );
		return new WP_REST_Response( array( 'received' => true ), 200 );
	}

	/**
	 * Answers and counts a failed handler.
	 *
	 * @param array<string, mixed> $event  Payload.
	 * @param string               $type   Event type.
	 * @param string               $source Counter source.
	 * @param int                  $now    Unix time.
	 * @param string               $why    Short cause for the log (no payload data).
	 * @return WP_REST_Response 500 `{ received: false, error: "handler_failed" }`.
	 */
	private function failed( array $event, string $type, string $source, int $now, string $why ): WP_REST_Response {
		$this->counters->increment( $source, 'refused:handler_failed', 'handler_failed', $now );
		$this->log->log( 'error', sprintf( 'Meum event %s (%s) could not be processed (%s); Meum will retry.', self::printable( $type ), self::printable( $event['id'] ), self::printable( $why ) ), $now );
		return new WP_REST_Response(
			array(
				'received' => false,
				'error'    => 'handler_failed',
			),
			500
		);
	}

	/**
	 * Answers and counts a delivery left for Meum's retry.
	 *
	 * @param array<string, mixed> $event  Payload.
	 * @param string               $type   Event type.
	 * @param string               $source Counter source.
	 * @param int                  $now    Unix time.
	 * @param string               $why    Short reason (e.g. `locked`, `meum_unreachable`).
	 * @return WP_REST_Response 503 `{ received: false, error: "retry_later" }`.
	 */
	private function retry_later( array $event, string $type, string $source, int $now, string $why ): WP_REST_Response {
		$this->counters->increment( $source, 'refused:retry_later', 'retry_later', $now );
		$this->log->log( 'warning', sprintf( 'Meum event %s (%s) left for Meum\'s retry (%s).', self::printable( $type ), self::printable( $event['id'] ), self::printable( $why ) ), $now );
		return new WP_REST_Response(
			array(
				'received' => false,
				'error'    => 'retry_later',
			),
			503
		);
	}

	/**
	 * Answers, counts and logs a refusal.
	 *
	 * @param int                        $status  HTTP status.
	 * @param string                     $reason  Refusal reason.
	 * @param array<string, string|null> $headers Webhook headers (only the event type and id are logged).
	 * @param string                     $source  Counter source.
	 * @param int                        $now     Unix time.
	 * @return WP_REST_Response `{ received: false, error: <reason> }`.
	 */
	private function refuse( int $status, string $reason, array $headers, string $source, int $now ): WP_REST_Response {
		$this->counters->increment( $source, 'refused:' . $reason, $reason, $now );
		$this->log->log( 'warning', sprintf( 'Refused a webhook delivery: %s (event %s, id %s).', $reason, self::printable( $headers['Event'] ), self::printable( $headers['Event-Id'] ) ), $now );
		return new WP_REST_Response(
			array(
				'received' => false,
				'error'    => $reason,
			),
			$status
		);
	}

	/**
	 * The integration ids a delivery may name.
	 *
	 * @return string[] The stored `integration_id` and `integration_public_id`.
	 */
	private function integration_ids(): array {
		$facts = (array) $this->store->facts();
		$ids   = array();
		foreach ( array( 'integration_id', 'integration_public_id' ) as $key ) {
			if ( isset( $facts[ $key ] ) && is_string( $facts[ $key ] ) && '' !== $facts[ $key ] ) {
				$ids[] = $facts[ $key ];
			}
		}
		return $ids;
	}

	/**
	 * Whether the delivery carries the token of a self-test the site is running now. Only used to
	 * count the delivery apart; it grants nothing.
	 *
	 * @param WP_REST_Request $request The delivery.
	 * @return bool True when the X-Meum-Self-Test header matches the live token.
	 */
	private function claims_self_test( WP_REST_Request $request ): bool {
		$given = $request->get_header( 'X-Meum-Self-Test' );
		if ( ! is_string( $given ) || '' === $given ) {
			return false;
		}
		$token = get_option( self::SELF_TEST_OPTION, null );
		return is_array( $token ) && isset( $token['token'], $token['expires'] )
			&& (int) $token['expires'] > $this->clock->now() && hash_equals( (string) $token['token'], $given );
	}
}
