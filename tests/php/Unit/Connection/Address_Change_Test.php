<?php
/**
 * Tests of the site-address comparison, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit\Connection;

use Meum\WooCommerce\Connection\Address_Change;
use PHPUnit\Framework\TestCase;

/**
 * Which URL differences count as a changed address, and what the change reports.
 */
class Address_Change_Test extends TestCase {

	/**
	 * Pairs of URLs and whether they count as the same address.
	 *
	 * @return array<string, array{0: string, 1: string, 2: bool}>
	 */
	public function url_pairs(): array {
		return array(
			'identical'      => array( 'https://shop.example.com', 'https://shop.example.com', true ),
			'letter case'    => array( 'https://Shop.Example.com/Store', 'https://shop.example.com/store', true ),
			'trailing slash' => array( 'https://shop.example.com/', 'https://shop.example.com', true ),
			'default port'   => array( 'https://shop.example.com:443', 'https://shop.example.com', true ),
			'query ignored'  => array( 'https://shop.example.com/?a=1', 'https://shop.example.com', true ),
			'https switch'   => array( 'http://shop.example.com', 'https://shop.example.com', false ),
			'new domain'     => array( 'https://shop.example.com', 'https://staging.example.com', false ),
			'other port'     => array( 'http://127.0.0.1:8881', 'http://127.0.0.1:8882', false ),
			'sub-directory'  => array( 'https://example.com/shop', 'https://example.com', false ),
		);
	}

	/**
	 * @dataProvider url_pairs
	 *
	 * @param string $a    First URL.
	 * @param string $b    Second URL.
	 * @param bool   $same Whether they are the same address.
	 */
	public function test_addresses_are_compared_by_scheme_host_and_path( string $a, string $b, bool $same ): void {
		$this->assertSame( $same, Address_Change::normalize( $a ) === Address_Change::normalize( $b ) );
	}

	public function test_an_unchanged_address_is_no_change(): void {
		$facts = array(
			'sent_site_url'    => 'https://shop.example.com/',
			'sent_webhook_url' => 'https://shop.example.com/wp-json/meum/v1/webhook',
		);

		$this->assertNull( ( new Address_Change() )->between( $facts, 'https://SHOP.example.com', 'https://shop.example.com/wp-json/meum/v1/webhook/' ) );
	}

	public function test_a_changed_webhook_url_alone_is_a_webhook_change(): void {
		$facts = array(
			'sent_site_url'    => 'https://shop.example.com',
			'sent_webhook_url' => 'https://shop.example.com/wp-json/meum/v1/webhook',
		);

		$change = ( new Address_Change() )->between( $facts, 'https://shop.example.com', 'https://shop.example.com/?rest_route=/meum/v1/webhook' );

		$this->assertSame(
			array(
				'kind'                  => Address_Change::CHANGE_WEBHOOK,
				'connected_site_url'    => 'https://shop.example.com',
				'current_site_url'      => 'https://shop.example.com',
				'connected_webhook_url' => 'https://shop.example.com/wp-json/meum/v1/webhook',
				'current_webhook_url'   => 'https://shop.example.com/?rest_route=/meum/v1/webhook',
			),
			$change
		);
	}

	public function test_facts_of_earlier_versions_are_read_and_unknown_addresses_are_no_change(): void {
		$earlier = array(
			'site_url'    => 'https://shop.example.com',
			'webhook_url' => 'https://shop.example.com/wp-json/meum/v1/webhook',
		);
		$change  = ( new Address_Change() )->between( $earlier, 'https://staging.example.com', 'https://staging.example.com/wp-json/meum/v1/webhook' );

		$this->assertSame( 'https://shop.example.com', $change['connected_site_url'] ?? null );
		$this->assertSame( Address_Change::CHANGE_SITE, $change['kind'] ?? null, 'a new site URL is a site change, whatever the webhook URL' );
		$this->assertNull( ( new Address_Change() )->between( array( 'site_url' => '' ), 'https://a.example', 'https://a.example/w' ) );
	}
}
