<?php
/**
 * The plugin's row on the Plugins screen.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Adds a "Settings" link to the plugin's row on the Plugins screen, pointing at the settings page
 * (`admin.php?page=meum-woocommerce`).
 */
class Plugin_Links {

	/**
	 * Absolute path of the plugin's main file.
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * Creates the links.
	 *
	 * @param string $plugin_file Absolute path of the plugin's main file.
	 */
	public function __construct( string $plugin_file ) {
		$this->plugin_file = $plugin_file;
	}

	/**
	 * Hooks the link into the plugin's row (`plugin_action_links_{basename}`).
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_filter( 'plugin_action_links_' . plugin_basename( $this->plugin_file ), array( $this, 'add_settings_link' ) );
	}

	/**
	 * Puts the "Settings" link first in the row's action links.
	 *
	 * @param mixed $links The row's action links (HTML strings keyed by name); anything else is
	 *                     treated as no links.
	 * @return array<int|string, string> The links with `settings` first.
	 */
	public function add_settings_link( $links ): array {
		$links = is_array( $links ) ? $links : array();
		$link  = sprintf(
			'<a href="%s">%s</a>',
			esc_url( $this->settings_url() ),
			esc_html__( 'Settings', 'meum-woocommerce' )
		);
		return array( 'settings' => $link ) + $links;
	}

	/**
	 * The settings page's address.
	 *
	 * @return string Absolute wp-admin URL, not escaped.
	 */
	public function settings_url(): string {
		return admin_url( 'admin.php?page=' . Settings_Page::SLUG );
	}
}
