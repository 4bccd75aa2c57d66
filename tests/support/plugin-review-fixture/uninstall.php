<?php
/**
 * DEV-ONLY fixture: uninstall.php guarded by the wrong constant (a finding). Never loaded.
 *
 * @package Meum\WooCommerce
 */

defined( 'ABSPATH' ) || exit;
