<?php
/**
 * Tests of the suggested privacy text.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Admin;

use Meum\WooCommerce\Admin\Privacy_Policy;
use Meum\WooCommerce\Tests\Support\Hooked_Instances;
use PHPUnit\Framework\TestCase;

/**
 * The text suggested for the site's privacy policy. It needs neither Meum nor a stored
 * connection, so this extends PHPUnit's TestCase directly. tests/release/zip-install.sh checks the same hooks end to end on the installed zip.
 */
class Privacy_Policy_Test extends TestCase {

	use Hooked_Instances;

	public function test_privacy_text_says_what_is_sent_to_meum_and_when(): void {
		$this->assertNotNull( $this->hooked_instance( 'admin_init', Privacy_Policy::class ), 'the text is offered on admin_init' );

		$text = ( new Privacy_Policy() )->content();

		foreach ( array( 'connects the store', 'address of our website', 'receives notifications from Meum', 'versions of WordPress, WooCommerce', 'connection key', 'refreshes the connection status', 'disconnects the store', 'dedicated key', 'IP address', 'https://meum.io', 'https://docs.meum.io' ) as $fact ) {
			$this->assertStringContainsString( $fact, $text );
		}
		foreach ( array( 'the order id, the amount, the currency', 'order confirmation page', 'the order number', 'no name, e-mail address, postal address or other personal data', 'hosted checkout page', 'your browser goes to Meum' ) as $fact ) {
			$this->assertStringContainsString( $fact, $text, 'what each invoice sends, and where the buyer\'s browser goes' );
		}
		$this->assertStringNotContainsString( 'does not take payments', $text );
		$this->assertSame( wp_kses_post( $text ), $text, 'the text is safe HTML' );
	}
}
