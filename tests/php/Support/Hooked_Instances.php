<?php
/**
 * Test helper: what the running plugin hooked.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Finds the plugin's objects among the callbacks of a hook, to test what the composition root
 * wired without building it again.
 */
trait Hooked_Instances {

	/**
	 * The object of a class that the running plugin hooked to `$hook`, if any.
	 *
	 * @param string $hook  Hook name.
	 * @param string $class Class of the callback's object.
	 * @return object|null
	 */
	protected function hooked_instance( string $hook, string $class ): ?object {
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
}
