<?php
/**
 * Tests of the money arithmetic, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Payments;

use Meum\WooCommerce\Payments\Money;
use PHPUnit\Framework\TestCase;

/**
 * Meum API §A5 "Amounts": hundredths, half-up, never a float comparison, never the locale.
 */
class Money_Test extends TestCase {

	/**
	 * Amounts and their cents.
	 *
	 * @return array<string, array{0: string|int|float, 1: int}>
	 */
	public function amounts(): array {
		return array(
			'plain string'                         => array( '19.99', 1999 ),
			'integer string'                       => array( '20', 2000 ),
			'int'                                  => array( 7, 700 ),
			'negative int'                         => array( -3, -300 ),
			'float 19.99'                          => array( 19.99, 1999 ),
			'float 1.005 stays 1.005, rounds up'   => array( 1.005, 101 ),
			'float 0.1 + 0.2'                      => array( 0.1 + 0.2, 30 ),
			'float 2.675 (binary 2.67499…) is up'  => array( 2.675, 268 ),
			'float 1e-10'                          => array( 1e-10, 0 ),
			'float 1e6'                            => array( 1e6, 100000000 ),
			'half up'                              => array( '0.005', 1 ),
			'just below half'                      => array( '0.0049999', 0 ),
			'negative half up (away from zero)'    => array( '-0.005', -1 ),
			'three decimals'                       => array( '12.345', 1235 ),
			'four decimals'                        => array( '12.3449', 1234 ),
			'carry into units'                     => array( '99999.995', 10000000 ),
			'exponent'                             => array( '1.999e1', 1999 ),
			'negative exponent'                    => array( '1999e-2', 1999 ),
			'upper-case exponent with sign'        => array( '5E+2', 50000 ),
			'leading dot'                          => array( '.5', 50 ),
			'trailing dot'                         => array( '5.', 500 ),
			'plus sign'                            => array( '+1.10', 110 ),
			'surrounding spaces'                   => array( ' 3 ', 300 ),
			'zero'                                 => array( '0', 0 ),
			'negative zero'                        => array( '-0.00', 0 ),
			'leading zeros'                        => array( '000012.50', 1250 ),
			'many decimals'                        => array( '0.129999999999999999999', 13 ),
		);
	}

	/**
	 * @dataProvider amounts
	 *
	 * @param string|int|float $amount Amount.
	 * @param int              $cents  Expected cents.
	 */
	public function test_amounts_become_cents_rounded_half_up( $amount, int $cents ): void {
		$this->assertSame( $cents, Money::to_cents( $amount ) );
	}

	/**
	 * Inputs that are not machine amounts.
	 *
	 * @return array<string, array{0: mixed}>
	 */
	public function not_amounts(): array {
		return array(
			'comma decimal' => array( '1,50' ),
			'grouping'      => array( '1,000.00' ),
			'empty'         => array( '' ),
			'dot only'      => array( '.' ),
			'exponent only' => array( 'e5' ),
			'no exponent'   => array( '1e' ),
			'word'          => array( 'abc' ),
			'currency sign' => array( '$5' ),
			'NAN'           => array( NAN ),
			'INF'           => array( INF ),
			'-INF'          => array( -INF ),
			'out of range'  => array( '1e99' ),
			'hex'           => array( '0x1A' ),
		);
	}

	/**
	 * @dataProvider not_amounts
	 *
	 * @param mixed $amount Input.
	 */
	public function test_anything_else_is_refused( $amount ): void {
		$this->expectException( \InvalidArgumentException::class );
		Money::to_cents( $amount );
	}

	public function test_format_always_has_two_decimals_and_no_grouping(): void {
		$this->assertSame( '19.99', Money::format( 1999 ) );
		$this->assertSame( '0.05', Money::format( 5 ) );
		$this->assertSame( '0.00', Money::format( 0 ) );
		$this->assertSame( '-1.00', Money::format( -100 ) );
		$this->assertSame( '-0.05', Money::format( -5 ) );
		$this->assertSame( '1234567.89', Money::format( 123456789 ) );
	}

	public function test_the_locale_does_not_change_floats(): void {
		$previous = setlocale( LC_NUMERIC, '0' );
		$locale   = setlocale( LC_NUMERIC, 'de_DE.UTF-8', 'de_DE', 'fr_FR.UTF-8', 'fr_FR' );
		try {
			$this->assertSame( 1999, Money::to_cents( 19.99 ) );
			$this->assertSame( 101, Money::to_cents( 1.005 ) );
			$this->assertSame( '19.99', Money::format( Money::to_cents( 19.99 ) ) );
		} finally {
			setlocale( LC_NUMERIC, (string) $previous );
		}
		$this->addToAssertionCount( false === $locale ? 0 : 1 ); // Without such a locale the C locale is proven.
	}
}
