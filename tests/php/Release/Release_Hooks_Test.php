<?php
/**
 * Tests of the release hooks: the Plugins-screen link, the suggested privacy text and the
 * WooCommerce feature declarations.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Release;

use Meum\WooCommerce\Admin\Plugin_Links;
use Meum\WooCommerce\Admin\Privacy_Policy;
use Meum\WooCommerce\Compat\WooCommerce_Features;
use PHPUnit\Framework\TestCase;

/**
 * The three small classes the composition root wires for the release. They need neither Meum nor
 * a stored connection, so this extends PHPUnit's TestCase directly. tests/release/zip-install.sh
 * checks the same hooks end to end on the installed zip (including a stand-in FeaturesUtil).
 */
class Release_Hooks_Test extends TestCase {

	/**
	 * The object of a class that the running plugin hooked to `$hook`, if any.
	 *
	 * @param string $hook  Hook name.
	 * @param string $class Class of the callback's object.
	 * @return object|null
	 */
	private function hooked_instance( string $hook, string $class ): ?object {
		global $wp_filter;
		if ( ! isset( $wp_filter[ $hook ] ) ) {
			return null;
		}
		foreach ( $wp_filter[ $hook ]->callbacks as $callbacks ) {
			foreach ( $callbacks as $callback ) {
				if ( is_array( $callback['function'] ) && $callback['function'][0] instanceof $class ) {
					return $callback['function'][0];
				}
			}
		}
		return null;
	}

	public function test_settings_link_comes_first_in_the_plugin_row(): void {
		$hook = 'plugin_action_links_' . plugin_basename( MEUM_WC_FILE );
		$this->assertSame( 'meum-woocommerce/meum-woocommerce.php', plugin_basename( MEUM_WC_FILE ) );
		$this->assertNotNull( $this->hooked_instance( $hook, Plugin_Links::class ), 'the plugin hooks its row' );

		$links = apply_filters( $hook, array( 'deactivate' => '<a href="#">Deactivate</a>' ), plugin_basename( MEUM_WC_FILE ), array(), 'all' );

		$this->assertSame( array( 'settings', 'deactivate' ), array_keys( $links ) );
		$this->assertSame(
			'<a href="' . esc_url( admin_url( 'admin.php?page=meum-woocommerce' ) ) . '">Settings</a>',
			$links['settings']
		);
	}

	public function test_settings_link_is_escaped_and_tolerates_a_bad_filter_value(): void {
		$links   = new Plugin_Links( MEUM_WC_FILE );
		$hostile = static function () {
			return 'http://example.org/wp-admin/"><script>alert(1)</script>';
		};
		add_filter( 'admin_url', $hostile );
		try {
			$result = $links->add_settings_link( null );
		} finally {
			remove_filter( 'admin_url', $hostile );
		}

		$this->assertSame( array( 'settings' ), array_keys( $result ) );
		$this->assertStringNotContainsString( '<script>', $result['settings'] );
		$this->assertSame( 2, substr_count( $result['settings'], '"' ), 'the address cannot break out of href' );
	}

	public function test_privacy_text_says_what_is_sent_to_meum_and_when(): void {
		$this->assertNotNull( $this->hooked_instance( 'admin_init', Privacy_Policy::class ), 'the text is offered on admin_init' );

		$text = ( new Privacy_Policy() )->content();

		foreach ( array( 'connects the store', 'address of our website', 'receives notifications from Meum', 'versions of WordPress, WooCommerce', 'connection key', 'refreshes the connection status', 'disconnects the store', 'dedicated key', 'IP address', 'https://meum.io', 'https://docs.meum.io' ) as $fact ) {
			$this->assertStringContainsString( $fact, $text );
		}
		$this->assertStringContainsString( 'sends no information about your customers', $text, 'payments are not part of this release' );
		$this->assertSame( wp_kses_post( $text ), $text, 'the text is safe HTML' );
	}

	public function test_features_are_declared_on_before_woocommerce_init_only_when_woocommerce_can_take_them(): void {
		$this->assertNotNull( $this->hooked_instance( 'before_woocommerce_init', WooCommerce_Features::class ) );
		$this->assertSame( array( 'custom_order_tables', 'cart_checkout_blocks' ), WooCommerce_Features::COMPATIBLE_FEATURES );
		$this->assertFalse( class_exists( WooCommerce_Features::FEATURES_UTIL ), 'WooCommerce is not installed in the test site' );

		// Without FeaturesUtil, the declaration is a silent no-op.
		( new WooCommerce_Features( MEUM_WC_FILE ) )->declare_compatibility();
		$this->assertFalse( class_exists( WooCommerce_Features::FEATURES_UTIL ) );
	}
}
