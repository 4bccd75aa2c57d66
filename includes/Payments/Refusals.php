<?php
/**
 * What Meum refused at checkout.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Meum API §A5: Meum publishes neither its accepted currencies nor its limits, so the plugin learns
 * them from refusals. After Meum refuses a currency, Meum is not offered for that currency until the
 * next successful status refresh (`meum_wc_status_refreshed` clears everything); a refused amount is
 * shown to the merchant. Stored in the option `meum_wc_refusals` (autoload off):
 * `{ currencies: { "JPY": { message, at } }, amount: { message, at } | null }`.
 */
class Refusals {

	/** Option holding the refusals. */
	public const OPTION = 'meum_wc_refusals';

	/** Action fired after a successful status refresh. */
	public const CLEAR_HOOK = 'meum_wc_status_refreshed';

	/** Most currencies kept. */
	private const MAX_CURRENCIES = 50;

	/**
	 * Clears the refusals after every successful status refresh.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( self::CLEAR_HOOK, array( $this, 'clear' ) );
	}

	/**
	 * Records that Meum refused a currency.
	 *
	 * @param string $currency ISO 4217 code (any case).
	 * @param string $message  Meum's message (plain text, no secret), shown to the merchant.
	 * @param int    $now      Unix time.
	 * @return void
	 */
	public function refuse_currency( string $currency, string $message, int $now ): void {
		$currency = strtoupper( trim( $currency ) );
		if ( 1 !== preg_match( '/^[A-Z]{3}$/', $currency ) ) {
			return;
		}
		$all = $this->all();
		unset( $all['currencies'][ $currency ] );
		$all['currencies'][ $currency ] = self::entry( $message, $now );
		$all['currencies']              = array_slice( $all['currencies'], -self::MAX_CURRENCIES, null, true );
		update_option( self::OPTION, $all, false );
	}

	/**
	 * Records that Meum refused an amount (outside its limits).
	 *
	 * @param string $message Meum's message (plain text, no secret), shown to the merchant.
	 * @param int    $now     Unix time.
	 * @return void
	 */
	public function refuse_amount( string $message, int $now ): void {
		$all           = $this->all();
		$all['amount'] = self::entry( $message, $now );
		update_option( self::OPTION, $all, false );
	}

	/**
	 * The refused currencies.
	 *
	 * @return string[] Upper-case codes.
	 */
	public function refused_currencies(): array {
		return array_map( 'strval', array_keys( $this->all()['currencies'] ) );
	}

	/**
	 * Everything refused.
	 *
	 * @return array{currencies: array<string, array{message: string, at: int}>, amount: array{message: string, at: int}|null}
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		$all    = array(
			'currencies' => array(),
			'amount'     => null,
		);
		foreach ( is_array( $stored['currencies'] ?? null ) ? $stored['currencies'] : array() as $currency => $entry ) {
			if ( is_string( $currency ) && is_array( $entry ) ) {
				$all['currencies'][ $currency ] = self::entry( (string) ( $entry['message'] ?? '' ), (int) ( $entry['at'] ?? 0 ) );
			}
		}
		if ( is_array( $stored['amount'] ?? null ) ) {
			$all['amount'] = self::entry( (string) ( $stored['amount']['message'] ?? '' ), (int) ( $stored['amount']['at'] ?? 0 ) );
		}
		return $all;
	}

	/**
	 * Forgets every refusal.
	 *
	 * @return void
	 */
	public function clear(): void {
		delete_option( self::OPTION );
	}

	/**
	 * One refusal.
	 *
	 * @param string $message Message.
	 * @param int    $now     Unix time.
	 * @return array{message: string, at: int}
	 */
	private static function entry( string $message, int $now ): array {
		return array(
			'message' => (string) substr( wp_strip_all_tags( $message ), 0, 300 ),
			'at'      => $now,
		);
	}
}
