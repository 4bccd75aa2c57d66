<?php
/**
 * Tests of the WooCommerce feature declarations.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Compat;

use Meum\WooCommerce\Compat\WooCommerce_Features;
use Meum\WooCommerce\Tests\Support\Hooked_Instances;
use PHPUnit\Framework\TestCase;

/**
 * The HPOS and block-checkout declarations. It needs neither Meum nor a stored
 * connection, so this extends PHPUnit's TestCase directly. tests/release/zip-install.sh checks the same hooks end to end on the installed zip.
 */
class WooCommerce_Features_Test extends TestCase {

	use Hooked_Instances;

	public function test_features_are_declared_on_before_woocommerce_init_only_when_woocommerce_can_take_them(): void {
		if ( class_exists( 'WooCommerce', false ) ) {
			$this->markTestSkipped( 'the branch without WooCommerce; with it, WooCommerce_Active_Test asks WooCommerce\'s feature registry' );
		}
		$this->assertNotNull( $this->hooked_instance( 'before_woocommerce_init', WooCommerce_Features::class ) );
		$this->assertSame( array( 'custom_order_tables', 'cart_checkout_blocks' ), WooCommerce_Features::COMPATIBLE_FEATURES );
		$this->assertFalse( class_exists( WooCommerce_Features::FEATURES_UTIL ), 'WooCommerce is not active on this site' );

		// Without FeaturesUtil, the declaration is a silent no-op.
		( new WooCommerce_Features( MEUM_WC_FILE ) )->declare_compatibility();
		$this->assertFalse( class_exists( WooCommerce_Features::FEATURES_UTIL ) );
	}
}
