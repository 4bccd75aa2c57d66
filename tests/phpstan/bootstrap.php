<?php
/**
 * PHPStan bootstrap: the constants the analysed code reads but that the stubs do not declare.
 *
 * The plugin's own constants come from meum-woocommerce.php (defined when it loads). The optional
 * ones below are set by a site owner in wp-config.php, or by WordPress itself; phpstan.neon.dist
 * lists them as dynamic, so their values here are placeholders that only give them a type.
 *
 * @package Meum\WooCommerce
 */

// Defined by meum-woocommerce.php.
define( 'MEUM_WC_VERSION', '0.0.0' );
define( 'MEUM_WC_FILE', __DIR__ . '/../meum-woocommerce.php' );
define( 'MEUM_WC_MIN_PHP', '7.4' );

// Optional, from wp-config.php: the encryption key and a non-production Meum API.
define( 'MEUM_WC_ENCRYPTION_KEY', '' );
define( 'MEUM_API_BASE_URL', '' );

// Defined by WordPress core (wp-includes/default-constants.php), missing from the stubs.
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', '/' );
}

// WordPress core constants (wp-includes/default-constants.php, wp-settings.php) missing from the stubs.
define( 'MINUTE_IN_SECONDS', 60 );
define( 'HOUR_IN_SECONDS', 60 * MINUTE_IN_SECONDS );
define( 'DAY_IN_SECONDS', 24 * HOUR_IN_SECONDS );
define( 'WEEK_IN_SECONDS', 7 * DAY_IN_SECONDS );
define( 'MONTH_IN_SECONDS', 30 * DAY_IN_SECONDS );
define( 'YEAR_IN_SECONDS', 365 * DAY_IN_SECONDS );
define( 'OBJECT', 'OBJECT' );
define( 'OBJECT_K', 'OBJECT_K' );
define( 'ARRAY_A', 'ARRAY_A' );
define( 'ARRAY_N', 'ARRAY_N' );
