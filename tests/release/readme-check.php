<?php
/**
 * TEST-ONLY: checks readme.txt against the WordPress.org readme format and against the plugin's
 * own headers. Plain PHP CLI, no WordPress needed.
 *
 * Usage: php tests/release/readme-check.php [readme.txt] [meum-woocommerce.php]
 * Prints one line per check ("ok" or "FAIL") and exits 1 when any check fails.
 *
 * @package Meum\WooCommerce\Tests
 */

declare( strict_types=1 );

$repo        = dirname( __DIR__, 2 );
$readme_path = $argv[1] ?? $repo . '/readme.txt';
$plugin_path = $argv[2] ?? $repo . '/meum-woocommerce.php';

/** Sections WordPress.org and the release issue require. */
const REQUIRED_SECTIONS = array( 'Description', 'Installation', 'Frequently Asked Questions', 'Screenshots', 'Changelog', 'External services' );

/** Readme headers that must be present. */
const REQUIRED_HEADERS = array( 'Contributors', 'Tags', 'Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License', 'License URI' );

/**
 * Hosts the readme may link to. Meum publishes no terms or privacy addresses that the project has
 * confirmed (see ../shared/meum-api.md), so none may appear until they are added here on purpose.
 */
const ALLOWED_URL_PREFIXES = array( 'https://meum.io', 'https://docs.meum.io', 'https://api.meum.io', 'https://pay.meum.io', 'https://www.gnu.org/licenses/' );

$failures = 0;

/**
 * Prints the outcome of one check and counts failures.
 *
 * @param bool   $ok    Whether the check passed.
 * @param string $label What was checked.
 * @return void
 */
function check( bool $ok, string $label ): void {
	global $failures;
	echo ( $ok ? 'ok   ' : 'FAIL ' ), $label, "\n";
	if ( ! $ok ) {
		++$failures;
	}
}

/**
 * Reads headers from the first 8 KiB of a plugin file, as WordPress's get_file_data() does.
 *
 * @param string   $file  Path.
 * @param string[] $names Header names.
 * @return array<string, string> Name => value ('' when absent).
 */
function plugin_headers( string $file, array $names ): array {
	$data   = (string) file_get_contents( $file, false, null, 0, 8192 );
	$data   = str_replace( "\r", "\n", $data );
	$result = array();
	foreach ( $names as $name ) {
		$result[ $name ] = preg_match( '/^(?:[ \t]*<\?php)?[ \t\/*#@]*' . preg_quote( $name, '/' ) . ':(.*)$/mi', $data, $m )
			? trim( (string) preg_replace( '/\s*(?:\*\/|\?>).*/', '', $m[1] ) )
			: '';
	}
	return $result;
}

if ( ! is_readable( $readme_path ) || ! is_readable( $plugin_path ) ) {
	fwrite( STDERR, "cannot read $readme_path or $plugin_path\n" );
	exit( 1 );
}

$raw = (string) file_get_contents( $readme_path );
echo "checking $readme_path against $plugin_path\n";
check( 1 === preg_match( '//u', $raw ), 'readme.txt is valid UTF-8' );
check( 0 !== strncmp( $raw, "\xEF\xBB\xBF", 3 ), 'readme.txt has no byte-order mark' );
check( false === strpos( $raw, "\r" ), 'readme.txt has Unix line endings' );

$plugin = plugin_headers(
	$plugin_path,
	array( 'Plugin Name', 'Description', 'Version', 'Requires at least', 'Requires PHP', 'License', 'License URI', 'Text Domain', 'WC requires at least', 'WC tested up to', 'Requires Plugins' )
);
$lines  = explode( "\n", str_replace( "\r\n", "\n", $raw ) );

// Title line.
$title = array_shift( $lines );
check( 1 === preg_match( '/^=== (.+) ===$/', trim( (string) $title ), $m ), 'first line is "=== Plugin Name ==="' );
check( isset( $m[1] ) && $m[1] === $plugin['Plugin Name'], sprintf( 'title equals the Plugin Name header ("%s")', $plugin['Plugin Name'] ) );

// Header block: "Name: value" lines up to the first blank line.
$headers = array();
while ( $lines && '' !== trim( $lines[0] ) ) {
	$line = (string) array_shift( $lines );
	if ( preg_match( '/^([A-Za-z ]+):\s*(.*)$/', $line, $hm ) ) {
		$headers[ strtolower( trim( $hm[1] ) ) ] = trim( $hm[2] );
	} else {
		check( false, "header line \"$line\" has the form \"Name: value\"" );
	}
}
$header = static function ( string $name ) use ( $headers ): string {
	return $headers[ strtolower( $name ) ] ?? '';
};
foreach ( REQUIRED_HEADERS as $name ) {
	check( '' !== $header( $name ), "header \"$name\" is present" );
}

// Headers against the plugin file.
check( '' !== $plugin['Version'], sprintf( 'the plugin file has a Version header (%s)', $plugin['Version'] ) );
check( $header( 'Stable tag' ) === $plugin['Version'], sprintf( 'Stable tag (%s) equals the plugin Version (%s)', $header( 'Stable tag' ), $plugin['Version'] ) );
check( 'trunk' !== strtolower( $header( 'Stable tag' ) ), 'Stable tag is a release, not trunk' );
check( $header( 'Requires at least' ) === $plugin['Requires at least'], sprintf( 'Requires at least (%s) equals the plugin header (%s)', $header( 'Requires at least' ), $plugin['Requires at least'] ) );
check( $header( 'Requires PHP' ) === $plugin['Requires PHP'], sprintf( 'Requires PHP (%s) equals the plugin header (%s)', $header( 'Requires PHP' ), $plugin['Requires PHP'] ) );
check( $header( 'License' ) === $plugin['License'], sprintf( 'License (%s) equals the plugin header (%s)', $header( 'License' ), $plugin['License'] ) );
check( $header( 'License URI' ) === $plugin['License URI'], sprintf( 'License URI (%s) equals the plugin header (%s)', $header( 'License URI' ), $plugin['License URI'] ) );
$tested = $header( 'Tested up to' );
check( 1 === preg_match( '/^\d+\.\d+$/', $tested ), "Tested up to ($tested) is a major WordPress version (x.y)" );
check( version_compare( $tested, $header( 'Requires at least' ), '>=' ), 'Tested up to is not older than Requires at least' );
check( 1 === preg_match( '/^\d+\.\d+(\.\d+)?$/', $header( 'Requires PHP' ) ), 'Requires PHP is a version number' );

$contributors = array_filter( array_map( 'trim', explode( ',', $header( 'Contributors' ) ) ), 'strlen' );
check( array() !== $contributors, 'at least one contributor' );
foreach ( $contributors as $contributor ) {
	check( 1 === preg_match( '/^[a-z0-9_-]+$/', $contributor ), "contributor \"$contributor\" looks like a WordPress.org username" );
}
$tags = array_filter( array_map( 'trim', explode( ',', $header( 'Tags' ) ) ), 'strlen' );
check( count( $tags ) >= 1 && count( $tags ) <= 5, sprintf( 'between 1 and 5 tags (%d: %s)', count( $tags ), implode( ', ', $tags ) ) );
check( count( $tags ) === count( array_unique( array_map( 'strtolower', $tags ) ) ), 'no tag is repeated' );

// Plugin-file headers that belong to this release.
check( '8.0' === $plugin['WC requires at least'], sprintf( 'plugin header "WC requires at least" is 8.0 (%s)', $plugin['WC requires at least'] ) );
// "WC tested up to" is the WooCommerce the tests run on: the version bin/third-party.sh pins.
$tested_wc = preg_match( '/^\s*woocommerce\) echo "WOOCOMMERCE \S+ (\d+\.\d+)\.\d+ /m', (string) file_get_contents( __DIR__ . '/../../bin/third-party.sh' ), $pinned ) ? $pinned[1] : '?';
check( $tested_wc === $plugin['WC tested up to'], sprintf( 'plugin header "WC tested up to" is %s, the WooCommerce the tests install (%s)', $tested_wc, $plugin['WC tested up to'] ) );
check( false !== strpos( $raw, "Tested with WooCommerce $tested_wc" ), "readme.txt says which WooCommerce is tested (\"Tested with WooCommerce $tested_wc\")" );
check( '' === $plugin['Requires Plugins'], 'no "Requires Plugins" header (connecting works without WooCommerce)' );
check( 'meum-woocommerce' === $plugin['Text Domain'], 'plugin Text Domain is meum-woocommerce' );

// Short description: the text between the header block and the first section.
$short = array();
while ( $lines && ! preg_match( '/^==\s*[^=].*==\s*$/', trim( $lines[0] ) ) ) {
	$line = trim( (string) array_shift( $lines ) );
	if ( '' !== $line ) {
		$short[] = $line;
	}
}
$short_text = implode( ' ', $short );
check( '' !== $short_text, 'a short description follows the headers' );
check( count( $short ) <= 1, 'the short description is one paragraph of one line' );
$length = function_exists( 'mb_strlen' ) ? mb_strlen( $short_text, 'UTF-8' ) : strlen( $short_text );
check( $length <= 150, "the short description has at most 150 characters ($length)" );
check( 0 === preg_match( '/[<>\[\]*`]/', $short_text ), 'the short description is plain text (no markup)' );
// The plugin takes payments (issue 10): both descriptions say so.
foreach ( array( 'readme short description' => $short_text, 'plugin header Description' => (string) $plugin['Description'] ) as $what => $text ) {
	check( 1 === preg_match( '/\b(accept|take)s? crypto payments/i', $text ), "the $what says the plugin takes crypto payments" );
	check( false === stripos( $text, 'later version' ), "the $what no longer says payments come later" );
}

// Sections.
$sections = array();
$current  = null;
foreach ( $lines as $line ) {
	if ( preg_match( '/^==\s*([^=].*?)\s*==\s*$/', trim( $line ), $sm ) ) {
		$current              = $sm[1];
		$sections[ $current ] = '';
		continue;
	}
	if ( null !== $current ) {
		$sections[ $current ] .= $line . "\n";
	}
}
$names = array_keys( $sections );
foreach ( REQUIRED_SECTIONS as $name ) {
	check( isset( $sections[ $name ] ) && '' !== trim( $sections[ $name ] ), "section \"$name\" is present and not empty" );
}
check( count( $names ) === count( array_unique( $names ) ), 'no section appears twice' );

$description  = $sections['Description'] ?? '';
$installation = $sections['Installation'] ?? '';
$faq          = $sections['Frequently Asked Questions'] ?? '';
$screenshots  = $sections['Screenshots'] ?? '';
$changelog    = $sections['Changelog'] ?? '';
$external     = $sections['External services'] ?? '';

check( 0 === preg_match( '/does not (take|accept) payments/i', $description ) && false !== stripos( $description, 'hosted checkout' ), 'Description says the plugin takes payments through Meum\'s hosted checkout' );
check( false !== strpos( $installation, 'sk_live_' ), 'Installation says the connection key starts with sk_live_' );
check( 1 === preg_match( '/24 hours/i', $installation ), 'Installation says the connection key is valid for 24 hours' );
check( false !== stripos( $installation, 'Meum dashboard' ), 'Installation says the key comes from the Meum dashboard' );
check( preg_match_all( '/^= .+ =$/m', $faq ) >= 1, sprintf( 'FAQ has questions (%d)', preg_match_all( '/^= .+ =$/m', $faq ) ) );
preg_match_all( '/^(\d+)\. \S/m', $screenshots, $shots );
check( array() !== $shots[1] && array_map( 'intval', $shots[1] ) === range( 1, count( $shots[1] ) ), sprintf( 'Screenshots are captions numbered 1..n (%d)', count( $shots[1] ) ) );
check( 1 === preg_match( '/^= ' . preg_quote( $plugin['Version'], '/' ) . ' =$/m', $changelog ), sprintf( 'Changelog has an entry for %s', $plugin['Version'] ) );
check( 1 === preg_match( '#https://meum\.io(?![\w.-])#', $external ), 'External services links https://meum.io' );
check( false !== strpos( $external, 'https://docs.meum.io' ), 'External services links https://docs.meum.io' );
foreach ( array( 'site address', 'webhook address', 'connection key', 'versions', 'dedicated API key' ) as $fact ) {
	check( false !== stripos( $external, $fact ), "External services names what is sent: \"$fact\"" );
}
foreach ( array( 'order id', 'amount', 'currency', 'return URL', 'order number', 'site URL', 'hosted checkout', 'browser' ) as $fact ) {
	check( false !== stripos( $external, $fact ), "External services names what each invoice sends and where the buyer goes: \"$fact\"" );
}
foreach ( array( 'Connect', 'Status', 'Disconnect', 'Invoice', 'Invoice status' ) as $call ) {
	check( 1 === preg_match( '/\*\*' . $call . '\*\*, when/', $external ), "External services says when \"$call\" is called" );
}

// Every link points at an address the project has confirmed.
preg_match_all( '#https?://[^\s)\]`>]+#', $raw, $urls );
foreach ( array_unique( $urls[0] ) as $url ) {
	$allowed = false;
	foreach ( ALLOWED_URL_PREFIXES as $prefix ) {
		$base    = rtrim( $prefix, '/' );
		$allowed = $allowed || $url === $base || 0 === strpos( $url, $base . '/' );
	}
	check( $allowed, "link $url is a confirmed address" );
}

echo 0 === $failures ? "readme.txt: all checks passed\n" : "readme.txt: $failures check(s) failed\n";
exit( 0 === $failures ? 0 : 1 );
