<?php
/**
 * DEV-ONLY fixture for tests/support/plugin-review.php: a main file that breaks the rules on
 * purpose (bin/check-php.sh expects each finding). Never loaded.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

// Finding: the direct-access guard is missing.
require __DIR__ . '/includes/Bad.php';
