<?php
/**
 * BENCH-ONLY: turns WooCommerce's transactional e-mails off while the option
 * `meum_bench_emails_off` is set, so the checkout comparison of bench/payments.ts measures the
 * payment methods, not the mailer. Linked into mu-plugins by bench/run.sh only; never shipped.
 *
 * @package Meum\WooCommerce\Bench
 */

add_filter(
	'woocommerce_email_actions',
	static function ( $actions ) {
		return get_option( 'meum_bench_emails_off' ) ? array() : $actions;
	}
);
