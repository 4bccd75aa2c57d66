<?php
/**
 * Composition root.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce;

use Meum\WooCommerce\Admin\Settings_Page;
use Meum\WooCommerce\Admin\Site_Change_Notice;
use Meum\WooCommerce\Admin\Site_Health;
use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Connection\Connect_Response;
use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Connector;
use Meum\WooCommerce\Connection\Disconnector;
use Meum\WooCommerce\Connection\Handshake_Log;
use Meum\WooCommerce\Connection\Site_Identity;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Connection\Status_Schedule;
use Meum\WooCommerce\Lifecycle\Upgrader;
use Meum\WooCommerce\Rest\Connection_Controller;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;

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
		$environment  = new Environment();
		$errors       = new Error_Mapper();
		$key_material = new Key_Material();
		$encryption   = new Encryption( $key_material );
		$store        = new Connection_Store( $encryption );
		$site         = new Site_Identity( $environment );
		$log          = new Handshake_Log();
		$client       = new Client( $environment, $errors );
		$state        = new Connection_State( $store, $environment, $site, $key_material, $log );
		$connector    = new Connector( $client, $environment, $store, new Connect_Response(), $errors, $encryption, $log );
		$refresher    = new Status_Refresher( $client, $store, $site );
		$schedule     = new Status_Schedule( $refresher );

		( new Connection_Controller( $environment, $connector, $state, $refresher, new Disconnector( $client, $store, $site, $errors ) ) )->register_hooks();
		( new Settings_Page( $environment, $state, $this->plugin_file ) )->register_hooks();
		( new Site_Change_Notice( $environment, $site ) )->register_hooks();
		( new Site_Health( $state ) )->register_hooks();
		( new Upgrader( $store ) )->register_hooks();
		$schedule->register_hooks();

		// Deactivation keeps every stored value; activation finds them intact and reschedules.
		register_activation_hook( $this->plugin_file, array( $schedule, 'schedule' ) );
		register_deactivation_hook( $this->plugin_file, array( Status_Schedule::class, 'unschedule' ) );
	}
}
