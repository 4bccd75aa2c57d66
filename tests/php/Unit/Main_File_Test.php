<?php
/**
 * Tests of the main file's requirement notices, without WordPress.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Unit;

use PHPUnit\Framework\TestCase;

/**
 * `meum-woocommerce.php` loaded as WordPress loads a plugin, in a copy without `vendor/`: it must
 * not translate anything while it loads (WordPress 6.7+ logs "translation loading was triggered
 * too early"), only when the notice is printed.
 */
class Main_File_Test extends TestCase {

	/**
	 * Loads a copy of the main file without vendor/ in a separate PHP process with recording
	 * stand-ins for the WordPress functions it calls, then prints the admin notices.
	 *
	 * @return array{translated_while_loading: string[], notices: int, output: string}
	 */
	private function load_without_autoloader(): array {
		$dir = sys_get_temp_dir() . '/meum-wc-main-' . bin2hex( random_bytes( 6 ) );
		mkdir( $dir );
		copy( dirname( __DIR__, 3 ) . '/meum-woocommerce.php', $dir . '/meum-woocommerce.php' );
		file_put_contents(
			$dir . '/run.php',
			<<<'PHP'
<?php
define( 'ABSPATH', __DIR__ . '/' );
$GLOBALS['translated'] = array();
$GLOBALS['actions']    = array();
function __( $text, $domain ) {
	$GLOBALS['translated'][] = $text;
	return '[' . $domain . '] ' . $text;
}
function esc_html( $text ) {
	return htmlspecialchars( $text, ENT_QUOTES );
}
function add_action( $hook, $callback ) {
	$GLOBALS['actions'][ $hook ][] = $callback;
}
require __DIR__ . '/meum-woocommerce.php';
$while_loading = $GLOBALS['translated'];
ob_start();
foreach ( $GLOBALS['actions']['admin_notices'] ?? array() as $callback ) {
	$callback();
}
echo json_encode(
	array(
		'translated_while_loading' => $while_loading,
		'notices'                  => count( $GLOBALS['actions']['admin_notices'] ?? array() ),
		'output'                   => ob_get_clean(),
	)
);
PHP
		);
		$output = shell_exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( $dir . '/run.php' ) . ' 2>&1' );
		array_map( 'unlink', glob( $dir . '/*' ) );
		rmdir( $dir );
		$result = json_decode( (string) $output, true );
		$this->assertIsArray( $result, 'the main file did not load: ' . $output );
		return $result;
	}

	public function test_without_the_autoloader_nothing_is_translated_while_loading(): void {
		$result = $this->load_without_autoloader();

		$this->assertSame( array(), $result['translated_while_loading'], 'translating while plugins load is "too early" since WordPress 6.7' );
	}

	public function test_without_the_autoloader_the_notice_is_translated_when_printed(): void {
		$result = $this->load_without_autoloader();

		$this->assertSame( 1, $result['notices'] );
		$this->assertStringStartsWith( '<div class="notice notice-error"><p>[meum-woocommerce] Meum for WooCommerce is incomplete: its vendor/autoload.php file is missing.', $result['output'] );
		$this->assertStringContainsString( '&quot;composer dump-autoload&quot;', $result['output'], 'escaped' );
	}
}
