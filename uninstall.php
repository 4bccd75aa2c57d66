<?php
/**
 * Uninstall: removes every trace of the plugin, on every site of a network.
 *
 * Before deleting a site's connection it tells Meum (best effort: a short timeout, and never when
 * the site's address changed since connect, because a staging copy must not disconnect the
 * production store). Then it deletes the plugin's options, user meta, transients, scheduled
 * events and tables.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

if ( is_readable( __DIR__ . '/vendor/autoload.php' ) ) {
	require_once __DIR__ . '/vendor/autoload.php';
} else {
	// Without Composer's autoloader (an incomplete copy), the plugin's own PSR-4 layout still
	// gives the class constants (names of the options, hooks and tables) and the disconnect.
	spl_autoload_register(
		static function ( string $class_name ): void {
			$prefix = 'Meum\\WooCommerce\\';
			if ( 0 === strpos( $class_name, $prefix ) ) {
				$file = __DIR__ . '/includes/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
				if ( is_readable( $file ) ) {
					require_once $file;
				}
			}
		}
	);
}

/**
 * Best-effort disconnect at Meum for the current site.
 *
 * @return void
 */
function meum_wc_uninstall_disconnect(): void {
	if ( ! defined( 'MEUM_WC_VERSION' ) ) {
		define( 'MEUM_WC_VERSION', 'uninstall' );
	}
	$short_timeout = static function () {
		return 3.0;
	};
	add_filter( 'meum_wc_http_timeout', $short_timeout, PHP_INT_MAX );

	$environment  = new Meum\WooCommerce\Environment();
	$errors       = new Meum\WooCommerce\Api\Error_Mapper();
	$store        = new Meum\WooCommerce\Connection\Connection_Store(
		new Meum\WooCommerce\Security\Encryption( new Meum\WooCommerce\Security\Key_Material() ),
		new Meum\WooCommerce\Clock(),
		new Meum\WooCommerce\Connection\Site_Identity( $environment )
	);
	$disconnector = new Meum\WooCommerce\Connection\Disconnector(
		new Meum\WooCommerce\Api\Client( $environment, $errors ),
		$store,
		$errors
	);
	$disconnector->disconnect(); // Failures are fine: the data goes anyway.

	remove_filter( 'meum_wc_http_timeout', $short_timeout, PHP_INT_MAX );
}

/**
 * Deletes the plugin's data of the current site.
 *
 * @return void
 */
function meum_wc_uninstall_site(): void {
	global $wpdb;

	meum_wc_uninstall_disconnect();

	// phpcs:disable WordPress.DB.DirectDatabaseQuery -- uninstall removes every prefixed row at once.
	$names = $wpdb->get_col(
		$wpdb->prepare(
			"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( Meum\WooCommerce\Plugin::PREFIX ) . '%',
			$wpdb->esc_like( '_transient_' . Meum\WooCommerce\Plugin::PREFIX ) . '%',
			$wpdb->esc_like( '_transient_timeout_' . Meum\WooCommerce\Plugin::PREFIX ) . '%'
		)
	);
	// phpcs:enable
	foreach ( $names as $name ) {
		delete_option( $name );
	}
	delete_option( Meum\WooCommerce\Payments\Availability::SETTINGS_OPTION ); // The gateway's settings (WooCommerce's name for them).

	foreach ( array( Meum\WooCommerce\Connection\Status_Refresher::HOOK, Meum\WooCommerce\Connection\Status_Refresher::SOON_HOOK, Meum\WooCommerce\Webhooks\Event_Store::PRUNE_HOOK, Meum\WooCommerce\Payments\Reconciliation\Reconciliation_Schedule::HOOK ) as $hook ) {
		wp_clear_scheduled_hook( $hook );
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( $hook );
		}
	}

	// The plugin's tables: webhook events, counters, log, invoices, order locks and outcomes.
	Meum\WooCommerce\Database\Tables::drop();
}

/**
 * Deletes the plugin's data of every site of a network, then its network-wide site meta.
 *
 * A function, with `global $wpdb`, because WordPress's uninstall_plugin() includes this file from
 * inside a function: the file's top-level code does not see the globals.
 *
 * @return void
 */
function meum_wc_uninstall_network(): void {
	global $wpdb;

	$site_ids = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $site_ids as $network_site_id ) {
		switch_to_blog( (int) $network_site_id );
		meum_wc_uninstall_site();
		restore_current_blog();
	}

	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- every prefixed network-wide row at once.
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s", $wpdb->esc_like( Meum\WooCommerce\Plugin::PREFIX ) . '%' ) );
}

if ( is_multisite() ) {
	meum_wc_uninstall_network();
} else {
	meum_wc_uninstall_site();
}

// User meta is shared by the whole network.
delete_metadata( 'user', 0, Meum\WooCommerce\Admin\Site_Change_Notice::USER_META, '', true );
delete_metadata( 'user', 0, Meum\WooCommerce\Admin\Settings_Page::DISMISSED_ROTATION_META, '', true );
