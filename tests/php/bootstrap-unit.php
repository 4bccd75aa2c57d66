<?php
/**
 * PHPUnit bootstrap of the fast tier: the plugin's classes without WordPress.
 *
 * The plugin's files only check that ABSPATH is defined; nothing of WordPress is loaded, so a pure
 * class that starts to call a WordPress function fails its test with "undefined function".
 *
 * @package Meum\WooCommerce\Tests
 */

if ( function_exists( 'add_action' ) ) {
	fwrite( STDERR, "The unit tier must run without WordPress.\n" );
	exit( 1 );
}

define( 'ABSPATH', __DIR__ . '/Unit/no-wordpress/' );

// The plugin's PSR-4 layout (composer.json), without depending on a generated autoloader.
spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'Meum\\WooCommerce\\';
		if ( 0 === strpos( $class_name, $prefix ) ) {
			$file = dirname( __DIR__, 2 ) . '/includes/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
			if ( is_readable( $file ) ) {
				require $file;
			}
		}
	}
);

require __DIR__ . '/Support/Error_Cases.php';
require __DIR__ . '/Support/Webhook_Cases.php';
