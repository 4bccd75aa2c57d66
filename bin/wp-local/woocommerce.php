<?php
/**
 * `bin/wp-local.sh` with WP_WOOCOMMERCE=1: sets up the genuine WooCommerce on the local WordPress,
 * deterministically, before any test or demo request. Never shipped.
 *
 * Two commands, each its own PHP process:
 * - `php woocommerce.php activate`: activation (WC_Install::install() runs on the activation hook);
 * - `php woocommerce.php configure hpos|posts`: with WooCommerce loaded,
 *     - what WooCommerce does on the first wp-admin visit (WC_Install::newly_installed(): HPOS and
 *       "Coming soon" on), done now so no test request meets it, then "Coming soon" off;
 *     - quiet and offline: no onboarding redirect, task lists hidden, no marketplace suggestions,
 *       tracking or remote logging; USD, US:CA;
 *     - the order storage, chosen before any order exists (WooCommerce refuses to switch once orders
 *       exist): HPOS authoritative with sync off, or posts;
 *     - a sample store: a virtual product at 19.99 with stock management, the default block Cart and
 *       Checkout pages, and shortcode pages that the tests' switch (meum-wc-checkout-switch.php) uses.
 * Prints one line; exit 3 from configure means "already set up" (nothing changed), so the caller
 * knows whether WooCommerce's first-run notices went to debug.log.
 *
 * @package Meum\WooCommerce\Tools
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals,WordPress.Security.EscapeOutput,WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- a command-line program; its output is plain text.

require __DIR__ . '/load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

$wp_local_command = $argv[1] ?? '';
if ( 'activate' === $wp_local_command ) {
	$wp_local_result = activate_plugin( 'woocommerce/woocommerce.php' );
	if ( is_wp_error( $wp_local_result ) ) {
		fwrite( STDERR, 'activating WooCommerce failed: ' . $wp_local_result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "activate woocommerce: ok\n";
	exit( 0 );
}

$wp_local_storage = $argv[2] ?? '';
if ( 'configure' !== $wp_local_command || ! in_array( $wp_local_storage, array( 'hpos', 'posts' ), true ) ) {
	fwrite( STDERR, "usage: php woocommerce.php activate | configure hpos|posts\n" );
	exit( 2 );
}
if ( ! class_exists( 'WooCommerce' ) ) {
	fwrite( STDERR, "WooCommerce is not active\n" );
	exit( 1 );
}
$wp_local_done = get_option( 'meum_wc_local_storage' );
if ( $wp_local_done ) {
	if ( $wp_local_done !== $wp_local_storage ) {
		fwrite( STDERR, "this site was set up with $wp_local_done storage, not $wp_local_storage; WooCommerce cannot switch once orders exist: run bin/wp-local.sh reset\n" );
		exit( 1 );
	}
	exit( 3 );
}
wp_set_current_user( 1 );

WC_Install::newly_installed();

$wp_local_onboarding            = (array) get_option( 'woocommerce_onboarding_profile', array() );
$wp_local_onboarding['skipped'] = true;
$wp_local_options               = array(
	'woocommerce_onboarding_profile'                    => $wp_local_onboarding,
	'woocommerce_task_list_hidden_lists'                => array( 'setup', 'extended' ),
	'woocommerce_show_marketplace_suggestions'          => 'no',
	'woocommerce_allow_tracking'                        => 'no',
	'woocommerce_feature_remote_logging_enabled'        => 'no',
	'woocommerce_coming_soon'                           => 'no',
	'woocommerce_store_pages_only'                      => 'no',
	'woocommerce_currency'                              => 'USD',
	'woocommerce_default_country'                       => 'US:CA',
	'woocommerce_manage_stock'                          => 'yes',
	'woocommerce_custom_orders_table_data_sync_enabled' => 'no',
);
foreach ( $wp_local_options as $wp_local_name => $wp_local_value ) {
	update_option( $wp_local_name, $wp_local_value );
}
delete_transient( '_wc_activation_redirect' );

if ( 'hpos' === $wp_local_storage ) {
	wc_get_container()->get( Automattic\WooCommerce\Internal\DataStores\Orders\DataSynchronizer::class )->create_database_tables();
}
wc_get_container()->get( Automattic\WooCommerce\Internal\Features\FeaturesController::class )
	->change_feature_enable( 'custom_order_tables', 'hpos' === $wp_local_storage );
update_option( 'woocommerce_custom_orders_table_enabled', 'hpos' === $wp_local_storage ? 'yes' : 'no' );

/**
 * Creates a published post.
 *
 * @param string               $type The post type.
 * @param string               $slug The post name.
 * @param array<string, mixed> $args More wp_insert_post() arguments.
 * @return int The post id.
 */
function wp_local_insert( string $type, string $slug, array $args ): int {
	$args += array(
		'post_type'   => $type,
		'post_name'   => $slug,
		'post_status' => 'publish',
	);
	return (int) wp_insert_post( $args );
}

$wp_local_product = new WC_Product_Simple();
$wp_local_product->set_name( 'Meum Sample Product' );
$wp_local_product->set_slug( 'meum-sample-product' );
$wp_local_product->set_regular_price( '19.99' );
$wp_local_product->set_virtual( true );
$wp_local_product->set_manage_stock( true );
$wp_local_product->set_stock_quantity( 1000 );
$wp_local_product->set_status( 'publish' );
$wp_local_product->save();

WC_Install::create_pages();
foreach ( array( 'checkout', 'cart' ) as $wp_local_page ) {
	$wp_local_id = wp_local_insert(
		'page',
		"classic-$wp_local_page",
		array(
			'post_title'   => 'Classic ' . $wp_local_page,
			'post_content' => "<!-- wp:shortcode -->[woocommerce_$wp_local_page]<!-- /wp:shortcode -->",
		)
	);
	update_option( "meum_wc_local_classic_{$wp_local_page}_page_id", $wp_local_id, false );
}
update_option( 'meum_wc_local_storage', $wp_local_storage, false );

printf(
	"WooCommerce %s set up: %s storage, product #%d at %s %s, block checkout %s\n",
	WC()->version,
	'hpos' === $wp_local_storage ? 'HPOS' : 'posts',
	$wp_local_product->get_id(),
	$wp_local_product->get_price(),
	get_woocommerce_currency(),
	(string) get_permalink( wc_get_page_id( 'checkout' ) )
);
