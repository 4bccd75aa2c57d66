<?php
/**
 * Composition root.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce;

use Meum\WooCommerce\Admin\Plugin_Links;
use Meum\WooCommerce\Admin\Privacy_Policy;
use Meum\WooCommerce\Admin\Settings_Page;
use Meum\WooCommerce\Admin\Site_Change_Notice;
use Meum\WooCommerce\Admin\Site_Health;
use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Api\Error_Mapper;
use Meum\WooCommerce\Compat\WooCommerce_Features;
use Meum\WooCommerce\Connection\Connect_Response;
use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Connector;
use Meum\WooCommerce\Connection\Disconnector;
use Meum\WooCommerce\Connection\Handshake_Log;
use Meum\WooCommerce\Connection\Site_Identity;
use Meum\WooCommerce\Connection\Status_Refresher;
use Meum\WooCommerce\Lifecycle\Daily_Event;
use Meum\WooCommerce\Lifecycle\Upgrader;
use Meum\WooCommerce\Rest\Connection_Controller;
use Meum\WooCommerce\Rest\Webhook_Controller;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Webhooks\Event_Store;
use Meum\WooCommerce\Webhooks\Handler_Registry;
use Meum\WooCommerce\Webhooks\Health_Counters;
use Meum\WooCommerce\Webhooks\Plugin_Log;
use Meum\WooCommerce\Webhooks\Self_Test;
use Meum\WooCommerce\Webhooks\Signature_Verifier;
use Meum\WooCommerce\Webhooks\Webhook_Health;
use Meum\WooCommerce\Webhooks\Webhook_Receiver;

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
		$clock        = new Clock();
		$errors       = new Error_Mapper();
		$key_material = new Key_Material();
		$encryption   = new Encryption( $key_material );
		$store        = new Connection_Store( $encryption, $clock );
		$site         = new Site_Identity( $environment );
		$log          = new Handshake_Log();
		$client       = new Client( $environment, $errors );
		$plugin_log   = new Plugin_Log( $environment );
		$counters     = new Health_Counters();
		$events       = new Event_Store();
		$health       = new Webhook_Health( $counters, $clock );
		$state        = new Connection_State( $store, $environment, $site, $key_material, $log, $health );
		$connector    = new Connector( $client, $environment, $store, new Connect_Response(), $errors, $encryption, $log );
		$refresher    = new Status_Refresher( $client, $store, $site );
		$receiver     = new Webhook_Receiver( $store, new Signature_Verifier(), $events, $counters, new Handler_Registry( $plugin_log ), $plugin_log, $clock );
		$upgrader     = new Upgrader( $store );
		$daily_events = array(
			new Daily_Event( Status_Refresher::HOOK, array( $refresher, 'refresh_if_stale' ) ),
			new Daily_Event( Event_Store::PRUNE_HOOK, array( $events, 'prune_expired' ) ),
		);

		( new Connection_Controller( $environment, $connector, $state, $refresher, new Disconnector( $client, $store, $site, $errors ) ) )->register_hooks();
		( new Webhook_Controller( $environment, $receiver, new Self_Test( $environment, $store ), $state ) )->register_hooks();
		( new Settings_Page( $environment, $state, $this->plugin_file ) )->register_hooks();
		( new Site_Change_Notice( $environment, $site ) )->register_hooks();
		( new Site_Health( $state ) )->register_hooks();
		( new Plugin_Links( $this->plugin_file ) )->register_hooks();
		( new Privacy_Policy() )->register_hooks();
		( new WooCommerce_Features( $this->plugin_file ) )->register_hooks();
		$health->register_hooks();
		$upgrader->register_hooks();

		// Activation creates the tables and schedules the daily events; deactivation only
		// unschedules them and keeps every stored value.
		register_activation_hook( $this->plugin_file, array( $upgrader, 'activate' ) );
		foreach ( $daily_events as $daily_event ) {
			$daily_event->register_hooks();
			register_activation_hook( $this->plugin_file, array( $daily_event, 'schedule' ) );
			register_deactivation_hook( $this->plugin_file, array( $daily_event, 'unschedule' ) );
		}
	}
}
