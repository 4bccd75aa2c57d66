<?php
/**
 * The wp-config.php of the local WordPress of the demo and the tests (bin/wp-local.sh): `build`
 * copies this file into the WordPress tree. Never shipped, never used on a real site.
 *
 * Per-tree and per-start settings live beside it, in files wp-local.sh writes:
 * - wp-config-db.php: the MariaDB credentials (`build` with WP_DB=mariadb); without it, the SQLite
 *   drop-in (wp-content/db.php) ignores the DB_* credentials;
 * - wp-config-local.php: MEUM_API_BASE_URL and WP_ACCESSIBLE_HOSTS (`start`), or a test's own.
 * Environment: WP_URL, the address WordPress is served at (WP_HOME and WP_SITEURL), unless
 * WP_LOCAL_NETWORK is set (a multisite network: each site has its own address).
 *
 * @package Meum\WooCommerce\Tools
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals,WordPress.WP.GlobalVariablesOverride -- the constants and globals WordPress reads from wp-config.php.

if ( is_readable( __DIR__ . '/wp-config-db.php' ) ) {
	require __DIR__ . '/wp-config-db.php';
} else {
	define( 'DB_USER', '' );
	define( 'DB_PASSWORD', '' );
	define( 'DB_HOST', '' );
}
define( 'DB_NAME', 'wordpress' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
// Read by the SQLite drop-in only.
define( 'DB_DIR', __DIR__ . '/wp-content/database/' );
define( 'DB_FILE', '.ht.sqlite' );

foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $wp_local_salt ) {
	define( $wp_local_salt, 'local-demo-only-' . $wp_local_salt );
}

$table_prefix = 'wp_';

if ( ! getenv( 'WP_LOCAL_NETWORK' ) ) {
	$wp_local_url = getenv( 'WP_URL' );
	$wp_local_url = $wp_local_url ? $wp_local_url : 'http://127.0.0.1:8881';
	define( 'WP_HOME', $wp_local_url );
	define( 'WP_SITEURL', $wp_local_url );
}

define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', __DIR__ . '/wp-content/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
// Offline: outbound HTTP to other hosts fails at once.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'FS_METHOD', 'direct' );

if ( file_exists( __DIR__ . '/wp-config-local.php' ) ) {
	require __DIR__ . '/wp-config-local.php';
}

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
