<?php
/**
 * Tests of what Meum refused at checkout.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Meum API §A5: a refused currency stops Meum for it until the next successful status refresh.
 */
class Refusals_Test extends Test_Case {

	protected function tearDown(): void {
		delete_option( Refusals::OPTION );
		parent::tearDown();
	}

	public function test_refusals_are_kept_without_autoload_and_read_back(): void {
		global $wpdb;
		$refusals = new Refusals();
		$this->assertSame(
			array(
				'currencies' => array(),
				'amount'     => null,
			),
			$refusals->all()
		);
		$refusals->refuse_currency( 'jpy', 'Currency JPY is not accepted', 100 );
		$refusals->refuse_currency( 'not a code', 'ignored', 100 );
		$refusals->refuse_amount( '<b>Amount</b> must be at least 1.00', 200 );

		$this->assertSame( array( 'JPY' ), $refusals->refused_currencies() );
		$this->assertSame(
			array(
				'currencies' => array(
					'JPY' => array(
						'message' => 'Currency JPY is not accepted',
						'at'      => 100,
					),
				),
				'amount'     => array(
					'message' => 'Amount must be at least 1.00',
					'at'      => 200,
				),
			),
			$refusals->all()
		);
		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Refusals::OPTION ) ); // phpcs:ignore WordPress.DB
		$this->assertContains( $autoload, array( 'no', 'off' ) );
	}

	public function test_a_successful_status_refresh_clears_them_and_a_failed_one_does_not(): void {
		$refusals = new Refusals();
		$refusals->refuse_currency( 'JPY', 'no', 100 );
		$this->connect_with( 'sk_live_sandbox_ready' );
		$refresher = new Status_Refresher( new \Meum\WooCommerce\Api\Client( new \Meum\WooCommerce\Environment(), new \Meum\WooCommerce\Api\Error_Mapper() ), $this->store() );

		$timeout = static function () {
			return new \WP_Error( 'http_request_failed', 'cURL error 28: Operation timed out' );
		};
		add_filter( 'pre_http_request', $timeout );
		$this->assertInstanceOf( \WP_Error::class, $refresher->refresh() );
		$this->assertSame( array( 'JPY' ), $refusals->refused_currencies(), 'a failed refresh keeps them' );
		remove_filter( 'pre_http_request', $timeout );

		$this->assertTrue( $refresher->refresh() );
		$this->assertSame( array(), $refusals->refused_currencies(), 'the plugin clears them on meum_wc_status_refreshed' );
	}
}
