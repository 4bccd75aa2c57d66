<?php
/**
 * Refreshes the stored connection status from Meum.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Clock;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Calls Meum's status endpoint with the stored key and updates the stored public facts: status,
 * health, issues, webhook health and payout readiness when Meum reports it.
 *
 * Contract: `GET /v1/integration/woocommerce/status` (Meum API Part A §A3). A 401/403 means the
 * key was revoked or rotated elsewhere: the connection is marked "reconnect required". It never
 * runs inside an ordinary page request: only on the merchant's click, from the daily scheduled
 * event (see Lifecycle\Daily_Event), and from the one-off background action a checkout queues
 * after Meum refused an invoice for lack of a payout wallet ({@see queue_refresh()}).
 */
class Status_Refresher {

	/** One-off action: refresh the status soon (queued after Meum refused an invoice for lack of a payout wallet). */
	public const SOON_HOOK = 'meum_wc_refresh_status_soon';

	/** Path of Meum's status endpoint. */
	public const STATUS_PATH = '/v1/integration/woocommerce/status';

	/** The daily event's hook. */
	public const HOOK = 'meum_wc_refresh_status';

	/** A stored status older than this is refreshed by the scheduled event, in seconds. */
	public const MAX_AGE = DAY_IN_SECONDS;

	/** Most issues kept. */
	private const MAX_ISSUES = 20;

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
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the refresher.
	 *
	 * @param Client           $client Meum API client.
	 * @param Connection_Store $store  Stored connection (and the guard on its key).
	 * @param Clock|null       $clock  The time (default: the real one).
	 */
	public function __construct( Client $client, Connection_Store $store, ?Clock $clock = null ) {
		$this->client = $client;
		$this->store  = $store;
		$this->clock  = $clock ?? new Clock();
	}

	/**
	 * Refreshes the status now.
	 *
	 * @return true|WP_Error True when the stored facts were updated, including the case where
	 *         Meum rejected the key (then they say "revoked"). The refusal of
	 *         {@see Connection_Store::usable_credentials()} (`meum_site_changed`,
	 *         `meum_not_connected`, 409: Meum is not called), otherwise the mapped Meum or
	 *         transport error; nothing stored changes on error.
	 */
	public function refresh() {
		$credentials = $this->store->usable_credentials();
		if ( is_wp_error( $credentials ) ) {
			return $credentials;
		}

		$result = $this->client->request( 'GET', self::STATUS_PATH, $credentials['api_key'] );
		if ( is_wp_error( $result ) ) {
			$upstream = $result->get_error_data()['upstream_status'] ?? null;
			if ( 401 === $upstream || 403 === $upstream ) {
				$this->store->update_facts( array( 'revoked' => true ) );
				return true;
			}
			return $result;
		}

		$this->store->update_facts( $this->facts_from_status( $result['body'] ) );

		/**
		 * Fires after Meum answered a status refresh and the stored facts were updated (not when
		 * Meum rejected the key). What Meum refused at checkout is forgotten then (Meum API §A5).
		 */
		do_action( 'meum_wc_status_refreshed' );
		return true;
	}

	/**
	 * Queues one status refresh in the background (Action Scheduler when available, else WP-Cron),
	 * unless one is queued already (Meum API §A5: after `payout_wallet_not_configured`). The
	 * refresh itself runs on {@see SOON_HOOK}, outside the buyer's request.
	 *
	 * @return void
	 */
	public function queue_refresh(): void {
		if ( function_exists( 'as_has_scheduled_action' ) && function_exists( 'as_enqueue_async_action' ) ) {
			if ( ! as_has_scheduled_action( self::SOON_HOOK, array(), 'meum-woocommerce' ) ) {
				as_enqueue_async_action( self::SOON_HOOK, array(), 'meum-woocommerce' );
			}
			return;
		}
		if ( false === wp_next_scheduled( self::SOON_HOOK ) ) {
			wp_schedule_single_event( time(), self::SOON_HOOK );
		}
	}

	/**
	 * Removes a queued refresh (deactivation).
	 *
	 * @return void
	 */
	public function unqueue_refresh(): void {
		wp_clear_scheduled_hook( self::SOON_HOOK );
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( self::SOON_HOOK );
		}
	}

	/**
	 * Refreshes the status when the stored one is older than a day (the scheduled event's job).
	 *
	 * @return void
	 */
	public function refresh_if_stale(): void {
		$loaded = $this->store->load();
		if ( Connection_Store::STATE_CONNECTED !== $loaded['state'] ) {
			return;
		}
		$facts = (array) $loaded['connection'];
		$last  = (int) ( $facts['status_checked_at'] ?? $facts['connected_at'] ?? 0 );
		if ( $this->clock->now() - $last >= self::MAX_AGE ) {
			$this->refresh();
		}
	}

	/**
	 * The public facts a status answer sets.
	 *
	 * @param array<string, mixed> $body Decoded status answer.
	 * @return array<string, mixed> Facts: `status`, `health_status`, `webhook_health`, `issues`,
	 *         `status_checked_at`, `revoked` (false), and `payout_configured` / `warning` when
	 *         Meum reports payout readiness.
	 */
	private function facts_from_status( array $body ): array {
		$facts = array(
			'revoked'           => false,
			'status_checked_at' => $this->clock->now(),
		);
		foreach ( array( 'status', 'health_status', 'webhook_health' ) as $field ) {
			if ( isset( $body[ $field ] ) && is_string( $body[ $field ] ) ) {
				$facts[ $field ] = sanitize_text_field( $body[ $field ] );
			}
		}
		$issues = array();
		if ( isset( $body['issues'] ) && is_array( $body['issues'] ) ) {
			foreach ( $body['issues'] as $issue ) {
				if ( is_string( $issue ) && '' !== trim( $issue ) && count( $issues ) < self::MAX_ISSUES ) {
					$issues[] = sanitize_text_field( $issue );
				}
			}
		}
		$facts['issues'] = $issues;
		if ( isset( $body['payout_configured'] ) && is_bool( $body['payout_configured'] ) ) {
			$facts['payout_configured'] = $body['payout_configured'];
			$facts['warning']           = isset( $body['warning'] ) && is_string( $body['warning'] ) && '' !== $body['warning']
				? sanitize_text_field( $body['warning'] )
				: null;
		}
		return $facts;
	}
}
