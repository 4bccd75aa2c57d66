<?php
/**
 * Tests that the connection routes publish the schema of what they answer.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Rest;

use Meum\WooCommerce\Tests\Support\Connection_States;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * The schema of `meum/v1/connection` (Connection_State::schema()) covers exactly the fields the
 * routes return, in every state, and every route of the controller publishes it.
 */
class Connection_Schema_Test extends Test_Case {

	use Connection_States;

	/**
	 * The published schema, as an OPTIONS request gives it.
	 *
	 * @param string $route Route.
	 * @return array<string, mixed>|null The schema, or null when the route publishes none.
	 */
	private function published_schema( string $route ): ?array {
		$this->act_as( 'administrator' );
		return $this->json( $this->dispatch( 'OPTIONS', $route ) )['schema'] ?? null;
	}

	/**
	 * Asserts that an object's keys are exactly the schema's properties, at every depth.
	 *
	 * @param array<string, mixed> $schema Schema of the object.
	 * @param mixed                $value  The value.
	 * @param string               $path   Where the value is, for the message.
	 * @return void
	 */
	private function assertCoversExactly( array $schema, $value, string $path ): void {
		if ( ! isset( $schema['properties'] ) || ! is_array( $value ) ) {
			return;
		}
		$expected = array_keys( $schema['properties'] );
		$actual   = array_keys( $value );
		sort( $expected );
		sort( $actual );
		$this->assertSame( $expected, $actual, "the schema of $path lists exactly the fields the route returns" );
		foreach ( $schema['properties'] as $name => $property ) {
			$this->assertCoversExactly( $property, $value[ $name ], "$path.$name" );
		}
	}

	/**
	 * @dataProvider connection_states
	 *
	 * @param string $name State name.
	 */
	public function test_the_schema_covers_exactly_what_the_route_returns( string $name ): void {
		$state  = $this->connection_state( $name );
		$schema = $this->published_schema( '/meum/v1/connection' );

		$this->assertIsArray( $schema );
		$this->assertCoversExactly( $schema, $state, $name );
		$valid = rest_validate_value_from_schema( $state, $schema, $name );
		$this->assertTrue( $valid, is_wp_error( $valid ) ? $valid->get_error_message() : '' );
	}

	public function test_every_connection_route_publishes_the_state_schema(): void {
		foreach ( array( '/meum/v1/connection', '/meum/v1/connection/refresh', '/meum/v1/connection/forget' ) as $route ) {
			$schema = $this->published_schema( $route );

			$this->assertSame( 'meum-connection', $schema['title'] ?? null, "$route publishes the state schema" );
			$this->assertArrayHasKey( 'webhooks', $schema['properties'] );
		}
	}
}
