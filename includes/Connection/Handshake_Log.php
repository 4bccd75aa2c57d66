<?php
/**
 * The result of the latest connect handshake, for support.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

use Meum\WooCommerce\Clock;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Remembers the latest handshake attempt (result, time, error code and message) in its own
 * option with autoload off. It never holds a key: error messages are already redacted by the
 * error mapping.
 */
class Handshake_Log {

	/** The option. */
	public const OPTION = 'meum_wc_last_handshake';

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the log.
	 *
	 * @param Clock|null $clock The time (default: the real one).
	 */
	public function __construct( ?Clock $clock = null ) {
		$this->clock = $clock ?? new Clock();
	}

	/**
	 * Records a successful handshake.
	 *
	 * @return void
	 */
	public function record_success(): void {
		$this->record( 'success', null, null );
	}

	/**
	 * Records a failed handshake.
	 *
	 * @param WP_Error $error The failure.
	 * @return void
	 */
	public function record_failure( WP_Error $error ): void {
		$this->record( 'failure', (string) $error->get_error_code(), $error->get_error_message() );
	}

	/**
	 * The latest attempt.
	 *
	 * @return array{result: string, at: string, code: string|null, message: string|null}|null
	 *         `at` in UTC ISO 8601; null when no handshake was attempted.
	 */
	public function latest(): ?array {
		$entry = get_option( self::OPTION, null );
		if ( ! is_array( $entry ) || ! isset( $entry['result'], $entry['at'] ) ) {
			return null;
		}
		return array(
			'result'  => (string) $entry['result'],
			'at'      => gmdate( 'Y-m-d\TH:i:s\Z', (int) $entry['at'] ),
			'code'    => isset( $entry['code'] ) ? (string) $entry['code'] : null,
			'message' => isset( $entry['message'] ) ? (string) $entry['message'] : null,
		);
	}

	/**
	 * Writes the entry.
	 *
	 * @param string      $result  "success" or "failure".
	 * @param string|null $code    Error code.
	 * @param string|null $message Error message.
	 * @return void
	 */
	private function record( string $result, ?string $code, ?string $message ): void {
		update_option(
			self::OPTION,
			array(
				'result'  => $result,
				'at'      => $this->clock->now(),
				'code'    => $code,
				'message' => $message,
			),
			false
		);
	}
}
