<?php
/**
 * Tests of the Plugins-screen link.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Admin;

use Meum\WooCommerce\Admin\Plugin_Links;
use Meum\WooCommerce\Tests\Support\Hooked_Instances;
use PHPUnit\Framework\TestCase;

/**
 * The Settings link in the plugin's row on the Plugins screen. It needs neither Meum nor a stored
 * connection, so this extends PHPUnit's TestCase directly. tests/release/zip-install.sh checks the same hooks end to end on the installed zip.
 */
class Plugin_Links_Test extends TestCase {

	use Hooked_Instances;

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
}
