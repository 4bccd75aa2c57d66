<?php
/**
 * Composition root.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce;

use Meum\WooCommerce\Admin\Settings_Page;
use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Connection\Connect_Response;
use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Connector;
use Meum\WooCommerce\Rest\Connection_Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the plugin's objects and registers their hooks. Nothing runs at load time but hook
 * registration: no database query, no request to Meum.
 */
class Plugin {

	/**
	 * Absolute path of the plugin's main file.
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * Creates the root.
	 *
	 * @param string $plugin_file Absolute path of `meum-woocommerce.php`.
	 */
	public function __construct( string $plugin_file ) {
		$this->plugin_file = $plugin_file;
	}

	/**
	 * Wires the objects together and registers their WordPress hooks.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		$environment = new Environment();
		$errors      = new Error_Mapper();
		$store       = new Connection_Store();
		$state       = new Connection_State( $store, $environment );
		$connector   = new Connector( new Client( $environment, $errors ), $environment, $store, new Connect_Response(), $errors );

		( new Connection_Controller( $environment, $connector, $state ) )->register_hooks();
		( new Settings_Page( $environment, $state, $this->plugin_file ) )->register_hooks();
	}
}
