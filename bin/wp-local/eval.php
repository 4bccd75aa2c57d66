<?php
/**
 * `bin/wp-local.sh eval 'php code'`: runs PHP code inside the local WordPress, with the admin API
 * loaded (a stand-in for `wp eval`: WP-CLI is not available offline). Never shipped.
 *
 * @package Meum\WooCommerce\Tools
 */

// The code comes from the caller (tests, scripts) on the command line.
require __DIR__ . '/load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

// phpcs:ignore Squiz.PHP.Eval.Discouraged -- running the caller's code is this program's purpose.
eval( $argv[1] );
