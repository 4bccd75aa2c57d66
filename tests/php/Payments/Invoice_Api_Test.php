<?php
/**
 * Tests of the invoice endpoints' client, one class with the network stubbed.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Payments\Invoice;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Meum API §A5 / §A6: `POST /v1/invoices` and `GET /v1/invoices/{id}` with the usable key, the
 * caller's timeout, Meum's code kept in the error. The network is stubbed at `pre_http_request`
 * for the invoice paths only (the connection itself is made with the sandbox).
 */
class Invoice_Api_Test extends Test_Case {

	/**
	 * Requests seen by the stub: [method, url, args].
	 *
	 * @var array<int, array{0: string, 1: string, 2: array<string, mixed>}>
	 */
	private array $seen = array();

	/**
	 * The stub's answer for invoice paths: [status, body].
	 *
	 * @var array{0: int, 1: string}|\WP_Error
	 */
	private $answer;

	protected function setUp(): void {
		parent::setUp();
		$this->seen = array();
		$this->add_test_filter(
			'pre_http_request',
			function ( $pre, $args, $url ) {
				if ( false === strpos( (string) $url, '/v1/invoices' ) ) {
					return $pre;
				}
				$this->seen[] = array( (string) $args['method'], (string) $url, $args );
				if ( $this->answer instanceof \WP_Error ) {
					return $this->answer;
				}
				return array(
					'headers'  => array(),
					'body'     => $this->answer[1],
					'response' => array(
						'code'    => $this->answer[0],
						'message' => '',
					),
					'cookies'  => array(),
				);
			}
		);
	}

	/**
	 * The API as the plugin builds it.
	 *
	 * @return Invoice_Api
	 */
	private function api(): Invoice_Api {
		return new Invoice_Api( new Client( new Environment(), new Error_Mapper() ), $this->store() );
	}

	public function test_nothing_is_sent_without_a_usable_connection(): void {
		$this->answer = array( 201, '{}' );
		$result       = $this->api()->create( array( 'external_order_id' => '1' ), 5.0 );
		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'meum_not_connected', $result->get_error_code() );
		$this->assertSame( array(), $this->seen );
	}

	public function test_create_posts_the_payload_with_the_key_and_the_timeout(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->answer = array(
			201,
			(string) wp_json_encode(
				array(
					'id'                => 'inv_9',
					'status'            => 'pending',
					'checkout_url'      => 'https://pay.example/inv_9',
					'amount'            => '5.00',
					'currency'          => 'USD',
					'external_order_id' => '12',
				)
			),
		);
		$payload = array(
			'external_order_id' => '12',
			'amount'            => '5.00',
			'currency'          => 'USD',
			'return_url'        => 'https://shop.example/r',
			'metadata'          => array( 'order_number' => 'A-12' ),
		);
		$invoice = $this->api()->create( $payload, 7.5 );

		$this->assertInstanceOf( Invoice::class, $invoice );
		$this->assertSame( 'inv_9', $invoice->id() );
		$this->assertCount( 1, $this->seen );
		list( $method, $url, $args ) = $this->seen[0];
		$this->assertSame( 'POST', $method );
		$this->assertSame( MEUM_API_BASE_URL . '/v1/invoices', $url );
		$this->assertSame( 7.5, $args['timeout'] );
		$this->assertSame( $payload, json_decode( $args['body'], true ) );
		$this->assertSame( 'Bearer ' . $this->stored_credentials()['api_key'], $args['headers']['Authorization'] );
	}

	public function test_read_gets_the_encoded_id(): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->answer = array( 200, '{"id":"inv/1 x","status":"paid","amount":"5.00","currency":"USD","external_order_id":"12","received_amount":"5.00"}' );
		$invoice      = $this->api()->read( 'inv/1 x', 5.0 );
		$this->assertInstanceOf( Invoice::class, $invoice );
		$this->assertSame( 500, $invoice->paid_cents( false ) );
		$this->assertSame( 'GET', $this->seen[0][0] );
		$this->assertSame( MEUM_API_BASE_URL . '/v1/invoices/inv%2F1%20x', $this->seen[0][1] );
		$this->assertSame( 5.0, $this->seen[0][2]['timeout'] );
	}

	/**
	 * Error answers and the code and data they give.
	 *
	 * @return array<string, array{0: array{0: int, 1: string}|\WP_Error, 1: string, 2: int|null, 3: string|null}>
	 */
	public function errors(): array {
		return array(
			'409 conflict (flat)'      => array( array( 409, '{"error":"taken","code":"EXTERNAL_ORDER_INTEGRATION_CONFLICT"}' ), 'meum_api_EXTERNAL_ORDER_INTEGRATION_CONFLICT', 409, 'EXTERNAL_ORDER_INTEGRATION_CONFLICT' ),
			'422 validation (details)' => array( array( 422, '{"error":"invalid","code":"VALIDATION_ERROR","details":{"currency":"JPY is not accepted"}}' ), 'meum_api_VALIDATION_ERROR', 422, 'VALIDATION_ERROR' ),
			'400 payout (nested)'      => array( array( 400, '{"error":{"type":"invalid_request","code":"payout_wallet_not_configured","message":"no wallet"}}' ), 'meum_api_payout_wallet_not_configured', 400, 'payout_wallet_not_configured' ),
			'429 without a code'       => array( array( 429, '{"error":"slow down"}' ), 'meum_rate_limited', 429, null ),
			'503 HTML'                 => array( array( 503, '<html>busy</html>' ), 'meum_bad_response', 503, null ),
			'201 without an id'        => array( array( 201, '{"status":"pending"}' ), 'meum_bad_response', 201, null ),
			'timeout'                  => array( new \WP_Error( 'http_request_failed', 'cURL error 28: Operation timed out' ), 'meum_timeout', null, null ),
		);
	}

	/**
	 * @dataProvider errors
	 *
	 * @param array{0: int, 1: string}|\WP_Error $answer    Stubbed answer.
	 * @param string                             $code      Expected code.
	 * @param int|null                           $upstream  Expected upstream status.
	 * @param string|null                        $meum_code Expected Meum code.
	 */
	public function test_errors_keep_meums_code_and_status( $answer, string $code, ?int $upstream, ?string $meum_code ): void {
		$this->connect_with( 'sk_live_sandbox_ready' );
		$this->answer = $answer;
		$result       = $this->api()->create( array( 'external_order_id' => '1' ), 5.0 );
		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( $code, $result->get_error_code() );
		$data = $result->get_error_data();
		$this->assertSame( $upstream, $data['upstream_status'] );
		$this->assertSame( $meum_code, $data['meum_code'] );
		$this->assertStringNotContainsString( $this->stored_credentials()['api_key'], (string) wp_json_encode( array( $result->get_error_messages(), $data ) ) );
		if ( 'meum_api_VALIDATION_ERROR' === $code ) {
			$this->assertSame( array( 'currency' => 'JPY is not accepted' ), (array) $data['details'] );
		}
	}
}
