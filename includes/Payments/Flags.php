<?php
/**
 * Payment flags for the merchant.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * The "flag" of Meum API Part A §A5: a payment the merchant must look at (paid another way, paid
 * twice, overpaid, underpaid, another currency, a cancelled order). The order gets a note from
 * {@see Order_Updater}; this class keeps the settings-page item until it is dismissed.
 *
 * Stored in the option `meum_wc_payment_flags` (autoload off), newest last, at most 50 items:
 * raising a 51st drops the oldest. One item per (order, kind): raising it again updates its
 * message and time ("flag updated").
 */
class Flags {

	/** Option name. */
	public const OPTION = 'meum_wc_payment_flags';

	/** Most items kept. */
	public const CAP = 50;

	/**
	 * Raises (or updates) a flag.
	 *
	 * @param int    $order_id Order id.
	 * @param string $kind     Flag kind (see Outcome_Rules::FLAG_*).
	 * @param string $message  What the merchant should do, already translated.
	 * @param int    $now      Unix time.
	 * @return string The flag's id (stable per order and kind).
	 */
	public function raise( int $order_id, string $kind, string $message, int $now ): string {
		$id    = substr( md5( $order_id . ':' . $kind ), 0, 12 );
		$flags = array_values(
			array_filter(
				$this->all(),
				static function ( array $flag ) use ( $id ): bool {
					return $flag['id'] !== $id;
				}
			)
		);

		$flags[] = array(
			'id'       => $id,
			'order_id' => $order_id,
			'kind'     => $kind,
			'message'  => $message,
			'at'       => $now,
		);
		$this->save( array_slice( $flags, -self::CAP ) );
		return $id;
	}

	/**
	 * The flags not dismissed, oldest first.
	 *
	 * @return array<int, array{id: string, order_id: int, kind: string, message: string, at: int}>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$flags  = array();
		foreach ( is_array( $stored ) ? $stored : array() as $flag ) {
			if ( is_array( $flag ) && isset( $flag['id'], $flag['order_id'], $flag['kind'], $flag['message'], $flag['at'] ) ) {
				$flags[] = array(
					'id'       => (string) $flag['id'],
					'order_id' => (int) $flag['order_id'],
					'kind'     => (string) $flag['kind'],
					'message'  => (string) $flag['message'],
					'at'       => (int) $flag['at'],
				);
			}
		}
		return $flags;
	}

	/**
	 * Dismisses a flag (the order's note stays).
	 *
	 * @param string $id Flag id.
	 * @return bool True when a flag was removed.
	 */
	public function dismiss( string $id ): bool {
		$flags = $this->all();
		$kept  = array_values(
			array_filter(
				$flags,
				static function ( array $flag ) use ( $id ): bool {
					return $flag['id'] !== $id;
				}
			)
		);
		if ( count( $kept ) === count( $flags ) ) {
			return false;
		}
		$this->save( $kept );
		return true;
	}

	/**
	 * Writes the list.
	 *
	 * @param array<int, array<string, mixed>> $flags Items.
	 * @return void
	 */
	private function save( array $flags ): void {
		if ( false === get_option( self::OPTION, false ) ) {
			add_option( self::OPTION, $flags, '', false );
			return;
		}
		update_option( self::OPTION, $flags, false );
	}
}
