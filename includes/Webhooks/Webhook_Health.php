<?php
/**
 * Webhook health as the settings page shows it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

use Meum\WooCommerce\Clock;

defined( 'ABSPATH' ) || exit;

/**
 * Summarises the counters for the settings page: monitoring since, last accepted and last refused
 * delivery, counts by outcome and reason (self-tests apart), and two hints: a refusal newer than
 * the latest acceptance, and a likely clock skew.
 */
class Webhook_Health {

	/**
	 * Counters.
	 *
	 * @var Health_Counters
	 */
	private Health_Counters $counters;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the summary.
	 *
	 * @param Health_Counters $counters Counters.
	 * @param Clock           $clock    The time.
	 */
	public function __construct( Health_Counters $counters, Clock $clock ) {
		$this->counters = $counters;
		$this->clock    = $clock;
	}

	/**
	 * Hooks the counter reset to a new handshake ("monitoring since").
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'meum_wc_connected', array( $this->counters, 'reset' ) );
	}

	/**
	 * The JSON Schema properties of {@see summary()}'s answer (the connection state's `webhooks`).
	 *
	 * @return array<string, array<string, mixed>> Property → schema.
	 */
	public static function summary_schema(): array {
		$time   = array(
			'type'   => array( 'string', 'null' ),
			'format' => 'date-time',
		);
		$counts = array(
			'type'       => 'object',
			'properties' => array(
				'accepted'  => array( 'type' => 'integer' ),
				'duplicate' => array( 'type' => 'integer' ),
				'refused'   => array(
					'type'                 => 'object',
					'additionalProperties' => array( 'type' => 'integer' ),
				),
			),
		);
		return array(
			'monitoring_since'         => $time,
			'server_time'              => $time,
			'last_accepted'            => array(
				'type'       => array( 'object', 'null' ),
				'properties' => array(
					'at'         => $time,
					'event_type' => array( 'type' => array( 'string', 'null' ) ),
				),
			),
			'last_refused'             => array(
				'type'       => array( 'object', 'null' ),
				'properties' => array(
					'at'     => $time,
					'reason' => array( 'type' => array( 'string', 'null' ) ),
				),
			),
			'counts'                   => $counts,
			'self_test_counts'         => $counts,
			'refusal_after_acceptance' => array( 'type' => 'boolean' ),
			'clock_skew_suspected'     => array( 'type' => 'boolean' ),
		);
	}

	/**
	 * The summary.
	 *
	 * @param int|null $monitoring_since Unix time of the current handshake, or null.
	 * @return array<string, mixed> The `webhooks` object of docs/rest-api.md (see {@see summary_schema()}).
	 */
	public function summary( ?int $monitoring_since ): array {
		$meum          = $this->counters->all( Health_Counters::SOURCE_MEUM );
		$last_accepted = $this->latest( $meum, array( 'accepted' ) );
		$refused_keys  = array_values( array_filter( array_keys( $meum ), array( $this, 'is_refusal' ) ) );
		$last_refused  = $this->latest( $meum, $refused_keys );

		return array(
			'monitoring_since'         => $this->time( $monitoring_since ),
			'server_time'              => $this->time( $this->clock->now() ),
			'last_accepted'            => null === $last_accepted ? null : array(
				'at'         => $this->time( $last_accepted['last_at'] ),
				'event_type' => $last_accepted['last_detail'],
			),
			'last_refused'             => null === $last_refused ? null : array(
				'at'     => $this->time( $last_refused['last_at'] ),
				'reason' => $last_refused['last_detail'],
			),
			'counts'                   => $this->counts( $meum ),
			'self_test_counts'         => $this->counts( $this->counters->all( Health_Counters::SOURCE_SELF_TEST ) ),
			'refusal_after_acceptance' => null !== $last_refused && null !== $last_accepted && $last_refused['last_at'] > $last_accepted['last_at'],
			'clock_skew_suspected'     => null !== $last_refused && 'stale_timestamp' === $last_refused['last_detail'],
		);
	}

	/**
	 * Whether a counter name is a refusal.
	 *
	 * @param string $counter Counter name.
	 * @return bool True for `refused:<reason>`.
	 */
	public function is_refusal( string $counter ): bool {
		return 0 === strpos( $counter, 'refused:' );
	}

	/**
	 * Counts by outcome.
	 *
	 * @param array<string, array{count: int, last_at: int|null, last_detail: string|null}> $counters Counters.
	 * @return array{accepted: int, duplicate: int, refused: object} Refused counts keyed by reason.
	 */
	private function counts( array $counters ): array {
		$refused = array();
		foreach ( $counters as $name => $counter ) {
			if ( $this->is_refusal( $name ) ) {
				$refused[ (string) substr( $name, strlen( 'refused:' ) ) ] = $counter['count'];
			}
		}
		return array(
			'accepted'  => $counters['accepted']['count'] ?? 0,
			'duplicate' => $counters['duplicate']['count'] ?? 0,
			'refused'   => (object) $refused,
		);
	}

	/**
	 * The most recent of some counters.
	 *
	 * @param array<string, array{count: int, last_at: int|null, last_detail: string|null}> $counters Counters.
	 * @param string[]                                                                      $names    Counter names to consider.
	 * @return array{count: int, last_at: int, last_detail: string|null}|null
	 */
	private function latest( array $counters, array $names ): ?array {
		$latest = null;
		foreach ( $names as $name ) {
			$counter = $counters[ $name ] ?? null;
			if ( null !== $counter && null !== $counter['last_at'] && ( null === $latest || $counter['last_at'] >= $latest['last_at'] ) ) {
				$latest = $counter;
			}
		}
		return $latest;
	}

	/**
	 * Formats a Unix time.
	 *
	 * @param int|null $timestamp Seconds.
	 * @return string|null UTC ISO 8601, or null.
	 */
	private function time( ?int $timestamp ): ?string {
		return null === $timestamp ? null : gmdate( 'Y-m-d\TH:i:s\Z', $timestamp );
	}
}
