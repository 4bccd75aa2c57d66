<?php
/**
 * Money amounts as integer hundredths.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Turns machine amounts (order totals, Meum's decimal strings) into integer cents and back, so that
 * no amount is ever compared or sent as a PHP float (Meum API §A5 "Amounts": the amount sent is the
 * order's current total at two decimals as a plain string, rounded half-up; what was paid is
 * compared with the order's total in hundredths).
 *
 * Pure: no WordPress, no locale. Rounding is half-up on the magnitude (half away from zero).
 */
final class Money {

	/** Most digits of the integer part accepted (keeps every result inside a 64-bit int). */
	private const MAX_INTEGER_DIGITS = 15;

	/**
	 * An amount in hundredths.
	 *
	 * @param string|int|float $amount A decimal string ("19.99", "1e2", "-0.5", " 3 "), an int, or a
	 *                                 float (taken as its shortest round-trip decimal, so 1.005
	 *                                 stays "1.005"). A comma is never a decimal separator.
	 * @return int Cents, rounded half-up (half away from zero) to hundredths.
	 * @throws \InvalidArgumentException On anything non-numeric, NAN, INF, or out of range.
	 */
	public static function to_cents( $amount ): int {
		if ( is_int( $amount ) ) {
			$amount = (string) $amount;
		} elseif ( is_float( $amount ) ) {
			$amount = self::float_to_decimal( $amount );
		}
		if ( 1 !== preg_match( '/^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?\s*$/D', $amount, $parts ) ) {
			throw new \InvalidArgumentException( 'Not a decimal amount.' );
		}
		$integer  = $parts[2];
		$fraction = $parts[3] ?? '';
		if ( '' === $integer && '' === $fraction ) {
			throw new \InvalidArgumentException( 'Not a decimal amount.' );
		}
		$negative = '-' === $parts[1];
		$exponent = isset( $parts[4] ) ? (int) $parts[4] : 0;

		// All significant digits, and where the decimal point sits after shifting to hundredths.
		$digits = ltrim( $integer . $fraction, '0' );
		if ( '' === $digits ) {
			return 0;
		}
		$point = strlen( $integer ) - ( strlen( $integer . $fraction ) - strlen( $digits ) ) + $exponent + 2;
		if ( $point > self::MAX_INTEGER_DIGITS + 2 ) {
			throw new \InvalidArgumentException( 'Amount out of range.' );
		}
		if ( $point >= strlen( $digits ) ) {
			$cents = (int) ( $digits . str_repeat( '0', $point - strlen( $digits ) ) );
		} elseif ( $point < 0 ) {
			$cents = 0;
		} else {
			$cents = (int) ( '' === substr( $digits, 0, $point ) ? '0' : substr( $digits, 0, $point ) );
			if ( (int) $digits[ $point ] >= 5 ) {
				++$cents;
			}
		}
		return $negative ? -$cents : $cents;
	}

	/**
	 * Cents as a plain decimal string.
	 *
	 * @param int $cents Hundredths.
	 * @return string Two decimals, no grouping, "." as separator: "19.99", "0.05", "-1.00".
	 */
	public static function format( int $cents ): string {
		$sign     = $cents < 0 ? '-' : '';
		$absolute = ltrim( (string) $cents, '-' );
		$absolute = str_pad( $absolute, 3, '0', STR_PAD_LEFT );
		return $sign . substr( $absolute, 0, -2 ) . '.' . substr( $absolute, -2 );
	}

	/**
	 * An order's current total in hundredths.
	 *
	 * @param \WC_Order $order The order.
	 * @return int Cents of `get_total( 'edit' )`, rounded half-up.
	 * @throws \InvalidArgumentException When the stored total is not a number.
	 */
	public static function order_total_cents( \WC_Order $order ): int {
		return self::to_cents( $order->get_total( 'edit' ) );
	}

	/**
	 * The shortest decimal that reads back as the same float, independent of `precision`,
	 * `serialize_precision` and the locale.
	 *
	 * @param float $amount Finite float.
	 * @return string Scientific notation, e.g. "1.005e+0".
	 * @throws \InvalidArgumentException On NAN or INF.
	 */
	private static function float_to_decimal( float $amount ): string {
		if ( is_nan( $amount ) || is_infinite( $amount ) ) {
			throw new \InvalidArgumentException( 'An amount must be finite.' );
		}
		for ( $precision = 0; $precision <= 16; $precision++ ) {
			// `%e` may follow LC_NUMERIC: its only separator is the decimal point.
			$text = str_replace( ',', '.', sprintf( '%.' . $precision . 'e', $amount ) );
			if ( (float) $text === $amount ) {
				return $text;
			}
		}
		return str_replace( ',', '.', sprintf( '%.16e', $amount ) );
	}
}
