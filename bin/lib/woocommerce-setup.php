<?php
/**
 * Sets up a genuine WooCommerce on the local WordPress, deterministically, before any test or demo
 * request: what WooCommerce would otherwise do on the first wp-admin visit, a quiet offline store,
 * the chosen order storage, and a sample store.
 *
 * Usage: php bin/lib/woocommerce-setup.php WP_ROOT activate   (first process: activation runs WC_Install::install())
 *        php bin/lib/woocommerce-setup.php WP_ROOT configure hpos|posts   (second process: WooCommerce loaded)
 * Env:   WP_URL (the site URL, as in wp-config.php).
 *
 * Idempotent: running it again changes nothing that is already set, and never a second product or page.
 *
 * @package Meum\WooCommerce
 */

// phpcs:disable WordPress.WP.GlobalVariablesOverride.Prohibited -- a CLI bootstrap, outside any request.

if ( PHP_SAPI !== 'cli' || $argc < 3 ) {
	fwrite( STDERR, "usage: php woocommerce-setup.php WP_ROOT activate|configure [hpos|posts]\n" );
	exit( 2 );
}
$_SERVER['HTTP_HOST'] = (string) parse_url( (string) getenv( 'WP_URL' ), PHP_URL_HOST );
require rtrim( $argv[1], '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

if ( 'activate' === $argv[2] ) {
	$result = activate_plugin( 'woocommerce/woocommerce.php' );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, 'activating WooCommerce failed: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo 'activate woocommerce: ok', "\n";
	exit( 0 );
}

$storage = $argv[3] ?? 'hpos';
if ( 'configure' !== $argv[2] || ! in_array( $storage, array( 'hpos', 'posts' ), true ) || ! class_exists( 'WooCommerce' ) ) {
	fwrite( STDERR, "configure needs WooCommerce active and a storage: hpos or posts\n" );
	exit( 2 );
}
wp_set_current_user( 1 );

// What WooCommerce does on the first wp-admin visit (turns HPOS and "Coming soon" on): done now,
// so no test request meets it half-way.
WC_Install::newly_installed();

// Offline and quiet: no onboarding redirect, no task lists, no suggestions, no tracking.
$onboarding            = (array) get_option( 'woocommerce_onboarding_profile', array() );
$onboarding['skipped'] = true;
$quiet_options         = array(
	'woocommerce_onboarding_profile'             => $onboarding,
	'woocommerce_task_list_hidden_lists'         => array( 'setup', 'extended' ),
	'woocommerce_show_marketplace_suggestions'   => 'no',
	'woocommerce_allow_tracking'                 => 'no',
	'woocommerce_feature_remote_logging_enabled' => 'no',
	'woocommerce_coming_soon'                    => 'no',
	'woocommerce_store_pages_only'               => 'no',
	'woocommerce_currency'                       => 'USD',
	'woocommerce_default_country'                => 'US:CA',
	'woocommerce_manage_stock'                   => 'yes',
);
foreach ( $quiet_options as $name => $value ) {
	update_option( $name, $value );
}
delete_transient( '_wc_activation_redirect' );

// Order storage, chosen before any order exists (WooCommerce refuses to switch once orders exist).
$features = wc_get_container()->get( Automattic\WooCommerce\Internal\Features\FeaturesController::class );
update_option( 'woocommerce_custom_orders_table_data_sync_enabled', 'no' );
if ( 'hpos' === $storage ) {
	$synchronizer = wc_get_container()->get( Automattic\WooCommerce\Internal\DataStores\Orders\DataSynchronizer::class );
	$synchronizer->create_database_tables();
}
$features->change_feature_enable( 'custom_order_tables', 'hpos' === $storage );
update_option( 'woocommerce_custom_orders_table_enabled', 'hpos' === $storage ? 'yes' : 'no' );

/**
 * Finds a published post by slug and type, or creates it.
 *
 * @param string               $slug The post name.
 * @param string               $type The post type.
 * @param array<string, mixed> $args wp_insert_post() arguments for a new post.
 * @return int The post id.
 */
function meum_wc_local_find_or_create( string $slug, string $type, array $args ): int {
	$found = get_posts(
		array(
			'name'        => $slug,
			'post_type'   => $type,
			'post_status' => 'publish',
			'numberposts' => 1,
			'fields'      => 'ids',
		)
	);
	if ( $found ) {
		return (int) $found[0];
	}
	return (int) wp_insert_post( array_merge( $args, array( 'post_name' => $slug, 'post_type' => $type, 'post_status' => 'publish' ) ), true );
}

// The sample store: one virtual product with stock management (stock changes can be asserted), the
// default block Cart and Checkout pages, and shortcode pages that a test mu-plugin can switch to.
$product_id = meum_wc_local_find_or_create( 'meum-sample-product', 'product', array( 'post_title' => 'Meum Sample Product' ) );
$product    = wc_get_product( $product_id );
if ( ! $product || '19.99' !== $product->get_regular_price() ) {
	$product = new WC_Product_Simple( $product_id );
	$product->set_name( 'Meum Sample Product' );
	$product->set_slug( 'meum-sample-product' );
	$product->set_regular_price( '19.99' );
	$product->set_virtual( true );
	$product->set_manage_stock( true );
	$product->set_stock_quantity( 1000 );
	$product->set_status( 'publish' );
	$product->save();
}
WC_Install::create_pages();
$classic_checkout = meum_wc_local_find_or_create( 'classic-checkout', 'page', array( 'post_title' => 'Classic checkout', 'post_content' => '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->' ) );
$classic_cart     = meum_wc_local_find_or_create( 'classic-cart', 'page', array( 'post_title' => 'Classic cart', 'post_content' => '<!-- wp:shortcode -->[woocommerce_cart]<!-- /wp:shortcode -->' ) );
update_option( 'meum_wc_local_classic_checkout_page_id', $classic_checkout, false );
update_option( 'meum_wc_local_classic_cart_page_id', $classic_cart, false );

printf(
	"WooCommerce %s set up: %s storage, product #%d at %s, checkout %s (classic: %s)\n",
	esc_html( WC()->version ),
	esc_html( 'hpos' === $storage ? 'HPOS' : 'posts' ),
	(int) $product->get_id(),
	esc_html( $product->get_price() ),
	esc_url( (string) get_permalink( wc_get_page_id( 'checkout' ) ) ),
	esc_url( (string) get_permalink( $classic_checkout ) )
);
