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
use Meum\WooCommerce\Logging\Plugin_Log;
use Meum\WooCommerce\Payments\Availability;
use Meum\WooCommerce\Payments\Checkout;
use Meum\WooCommerce\Payments\Flags;
use Meum\WooCommerce\Payments\Flags_Controller;
use Meum\WooCommerce\Payments\Gateway_Registration;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Box;
use Meum\WooCommerce\Payments\Order_Check_Controller;
use Meum\WooCommerce\Payments\Order_Lock;
use Meum\WooCommerce\Payments\Order_Payments;
use Meum\WooCommerce\Payments\Order_Search;
use Meum\WooCommerce\Payments\Order_Updater;
use Meum\WooCommerce\Payments\Reconciliation\Reconciler;
use Meum\WooCommerce\Payments\Reconciliation\Reconciliation_Schedule;
use Meum\WooCommerce\Payments\Outcome_Log;
use Meum\WooCommerce\Payments\Payments_Summary;
use Meum\WooCommerce\Payments\Placed_Order_Guard;
use Meum\WooCommerce\Payments\Refund_Notice;
use Meum\WooCommerce\Payments\Refusals;
use Meum\WooCommerce\Payments\Return_Page;
use Meum\WooCommerce\Payments\Unpaid_Order_Guard;
use Meum\WooCommerce\Rest\Connection_Controller;
use Meum\WooCommerce\Rest\Webhook_Controller;
use Meum\WooCommerce\Security\Encryption;
use Meum\WooCommerce\Security\Key_Material;
use Meum\WooCommerce\Webhooks\Event_Store;
use Meum\WooCommerce\Webhooks\Event_Handler;
use Meum\WooCommerce\Webhooks\Handler_Registry;
use Meum\WooCommerce\Webhooks\Health_Counters;
use Meum\WooCommerce\Webhooks\Invoice_Event_Handler;
use Meum\WooCommerce\Webhooks\Self_Test;
use Meum\WooCommerce\Webhooks\Signature_Verifier;
use Meum\WooCommerce\Webhooks\Test_Event_Handler;
use Meum\WooCommerce\Webhooks\Webhook_Health;
use Meum\WooCommerce\Webhooks\Webhook_Receiver;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the plugin's objects and registers their hooks. Nothing runs at load time but hook
 * registration: no database query, no request to Meum.
 *
 * {@see register_hooks()} builds the services every area shares, then hands them to one private
 * method per area (connection, webhooks, admin, lifecycle, compatibility); a new area (payments)
 * adds its own method and one line in register_hooks().
 */
class Plugin {

	/** The prefix of every option, transient, user meta key, hook and table name of the plugin. */
	public const PREFIX = 'meum_wc_';

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
		$site         = new Site_Identity( $environment );
		$store        = new Connection_Store( $encryption, $clock, $site );
		$client       = new Client( $environment, $errors );
		$plugin_log   = new Plugin_Log( $environment );
		$counters     = new Health_Counters();
		$events       = new Event_Store( $clock );
		$health       = new Webhook_Health( $counters, $clock );
		$invoices     = new Invoice_Table();
		$invoice_api  = new Invoice_Api( $client, $store );
		$state        = new Connection_State( $store, $environment, $site, $key_material, new Handshake_Log( $clock ), $health, $invoices );
		$refresher    = new Status_Refresher( $client, $store, $clock );
		$availability = new Availability( $store, $client, new Refusals() );
		$payments     = new Payments_Summary( $environment, $availability, new Flags() );

		$this->register_connection( $environment, $clock, $errors, $encryption, $store, $client, $state, $refresher );
		$this->register_webhooks( $environment, $clock, $store, $plugin_log, $counters, $events, $health, $state );
		$this->register_admin( $environment, $site, $store, $state, $payments );
		$this->register_lifecycle( $store, $refresher, $events );
		$this->register_compat();
		$updater  = $this->register_order_updates( $environment, $clock, $invoice_api, $invoices, $plugin_log );
		$checkout = $this->register_payments_core( $clock, $store, $client, $invoice_api, $invoices, $plugin_log, $refresher, array( $updater, 'apply' ) );
		$this->register_order_screens( $environment, $clock, $invoice_api, $invoices, $updater );
		$this->register_reconciliation( $environment, $clock, $invoice_api, $invoices, $updater, $plugin_log );
		$this->register_gateway( $environment, $checkout, $availability, $payments );
	}

	/**
	 * Orders updated from Meum (§A5): with WooCommerce active (checked on `plugins_loaded`, never
	 * at file load), the invoice webhook handlers hand their events to the order updater. The
	 * updater is returned for the checkout (a paid invoice found at a submit) and the order screens.
	 *
	 * @param Environment   $environment Site facts.
	 * @param Clock         $clock       The time.
	 * @param Invoice_Api   $invoice_api The invoice endpoints of Meum.
	 * @param Invoice_Table $invoices    The invoice table.
	 * @param Plugin_Log    $plugin_log  Plugin log.
	 * @return Order_Updater The order updater (it registers no hook itself).
	 */
	private function register_order_updates( Environment $environment, Clock $clock, Invoice_Api $invoice_api, Invoice_Table $invoices, Plugin_Log $plugin_log ): Order_Updater {
		$updater = new Order_Updater( $invoice_api, $invoices, new Order_Lock( $clock ), new Outcome_Log(), new Flags(), $plugin_log, $clock );
		$this->when_woocommerce_active(
			$environment,
			static function () use ( $clock, $plugin_log, $updater ): void {
				add_filter(
					'meum_wc_webhook_handlers',
					static function ( $handlers ) use ( $updater, $plugin_log, $clock ) {
						$handlers = is_array( $handlers ) ? $handlers : array();
						foreach ( Handler_Registry::INVOICE_EVENTS as $invoice_event ) {
							$handlers[ $invoice_event ] = new Invoice_Event_Handler( $invoice_event, $plugin_log, $clock, $updater );
						}
						return $handlers;
					},
					5
				);
			}
		);
		return $updater;
	}

	/**
	 * The scheduled status checks (issue 11): one recurring Action Scheduler action runs the
	 * {@see Reconciler}. Activation makes sure the action exists, deactivation unschedules it;
	 * the hooks are added with WooCommerce active (it brings Action Scheduler).
	 *
	 * @param Environment   $environment Site facts.
	 * @param Clock         $clock       The time.
	 * @param Invoice_Api   $invoice_api The invoice endpoints of Meum (the credential guard).
	 * @param Invoice_Table $invoices    The invoice table.
	 * @param Order_Updater $updater     The order updater.
	 * @param Plugin_Log    $plugin_log  Plugin log.
	 * @return void
	 */
	private function register_reconciliation( Environment $environment, Clock $clock, Invoice_Api $invoice_api, Invoice_Table $invoices, Order_Updater $updater, Plugin_Log $plugin_log ): void {
		$schedule = new Reconciliation_Schedule( new Reconciler( $invoices, $updater, $invoice_api, $plugin_log, $clock ) );
		register_activation_hook( $this->plugin_file, array( $schedule, 'activate' ) );
		register_deactivation_hook( $this->plugin_file, array( $schedule, 'unschedule' ) );
		$this->when_woocommerce_active( $environment, array( $schedule, 'register_hooks' ) );
	}

	/**
	 * The connection to Meum: connect, refresh, disconnect and forget (`meum/v1/connection`).
	 *
	 * @param Environment      $environment Site facts.
	 * @param Clock            $clock       The time.
	 * @param Error_Mapper     $errors      Error mapping.
	 * @param Encryption       $encryption  Encryption of the secrets.
	 * @param Connection_Store $store       Stored connection.
	 * @param Client           $client      Meum API client.
	 * @param Connection_State $state       The browser-safe state.
	 * @param Status_Refresher $refresher   Status refresh.
	 * @return void
	 */
	private function register_connection( Environment $environment, Clock $clock, Error_Mapper $errors, Encryption $encryption, Connection_Store $store, Client $client, Connection_State $state, Status_Refresher $refresher ): void {
		$connector    = new Connector( $client, $environment, $store, new Connect_Response(), $errors, $encryption, new Handshake_Log( $clock ), $clock );
		$disconnector = new Disconnector( $client, $store, $errors );
		( new Connection_Controller( $environment, $connector, $state, $refresher, $disconnector ) )->register_hooks();
	}

	/**
	 * Meum's webhook deliveries (`meum/v1/webhook`), their handlers, health and self-test.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Clock            $clock       The time.
	 * @param Connection_Store $store       Stored connection.
	 * @param Plugin_Log       $plugin_log  Plugin log.
	 * @param Health_Counters  $counters    Delivery counters.
	 * @param Event_Store      $events      Idempotency and event records.
	 * @param Webhook_Health   $health      Webhook health.
	 * @param Connection_State $state       The browser-safe state.
	 * @return void
	 */
	private function register_webhooks( Environment $environment, Clock $clock, Connection_Store $store, Plugin_Log $plugin_log, Health_Counters $counters, Event_Store $events, Webhook_Health $health, Connection_State $state ): void {
		$handlers = new Handler_Registry( $this->webhook_handlers( $plugin_log, $clock ) );
		$receiver = new Webhook_Receiver( $store, new Signature_Verifier(), $events, $counters, $handlers, $plugin_log, $clock );
		( new Webhook_Controller( $environment, $receiver, new Self_Test( $environment, $store, $clock ), $state ) )->register_hooks();
		$health->register_hooks();
	}

	/**
	 * The handler of each documented event type.
	 *
	 * @param Plugin_Log $plugin_log Plugin log.
	 * @param Clock      $clock      The time.
	 * @return array<string, Event_Handler> Event type → handler.
	 */
	private function webhook_handlers( Plugin_Log $plugin_log, Clock $clock ): array {
		$handlers = array( Handler_Registry::TEST_EVENT => new Test_Event_Handler() );
		foreach ( Handler_Registry::INVOICE_EVENTS as $invoice_event ) {
			$handlers[ $invoice_event ] = new Invoice_Event_Handler( $invoice_event, $plugin_log, $clock );
		}
		return $handlers;
	}

	/**
	 * The admin screens: settings page, notices, Site Health, plugin row links, privacy text.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Site_Identity    $site        Address-change detection.
	 * @param Connection_Store $store       Stored connection.
	 * @param Connection_State $state       The browser-safe state.
	 * @param Payments_Summary $payments    The payments part of the settings page's summary.
	 * @return void
	 */
	private function register_admin( Environment $environment, Site_Identity $site, Connection_Store $store, Connection_State $state, Payments_Summary $payments ): void {
		( new Settings_Page( $environment, $state, $this->plugin_file, $payments ) )->register_hooks();
		( new Site_Change_Notice( $environment, $site, $store ) )->register_hooks();
		( new Site_Health( $state ) )->register_hooks();
		( new Plugin_Links( $this->plugin_file ) )->register_hooks();
		( new Privacy_Policy() )->register_hooks();
	}

	/**
	 * Activation, upgrades, deactivation and the daily events. Activation creates the tables and
	 * schedules the daily events; deactivation only unschedules them and keeps every stored value.
	 *
	 * @param Connection_Store $store     Stored connection.
	 * @param Status_Refresher $refresher Status refresh.
	 * @param Event_Store      $events    Idempotency and event records.
	 * @return void
	 */
	private function register_lifecycle( Connection_Store $store, Status_Refresher $refresher, Event_Store $events ): void {
		$upgrader = new Upgrader( $store );
		$upgrader->register_hooks();
		register_activation_hook( $this->plugin_file, array( $upgrader, 'activate' ) );

		$daily_events = array(
			new Daily_Event( Status_Refresher::HOOK, array( $refresher, 'refresh_if_stale' ) ),
			new Daily_Event( Event_Store::PRUNE_HOOK, array( $events, 'prune_expired' ) ),
		);
		foreach ( $daily_events as $daily_event ) {
			$daily_event->register_hooks();
			register_activation_hook( $this->plugin_file, array( $daily_event, 'schedule' ) );
			register_deactivation_hook( $this->plugin_file, array( $daily_event, 'unschedule' ) );
		}
	}

	/**
	 * The payments foundation (Meum API §A5): what Meum refused is forgotten after every successful
	 * status refresh, a queued status refresh runs in the background (unqueued on deactivation), and
	 * the checkout service that the gateway's `process_payment()` hands off to. Registers no
	 * WooCommerce hook and makes no query, so it is safe on a site without WooCommerce.
	 *
	 * @param Clock            $clock         The time.
	 * @param Connection_Store $store         Stored connection.
	 * @param Client           $client        Meum API client.
	 * @param Invoice_Api      $invoice_api   The invoice endpoints of Meum.
	 * @param Invoice_Table    $invoices      The invoice table.
	 * @param Plugin_Log       $plugin_log    Plugin log.
	 * @param Status_Refresher $refresher     Status refresh.
	 * @param callable|null    $apply_outcome `Order_Updater::apply()` (or null): applies Meum's paid
	 *                                        status when a buyer submits an order Meum says is paid.
	 * @return Checkout The checkout service, for the gateway.
	 */
	private function register_payments_core( Clock $clock, Connection_Store $store, Client $client, Invoice_Api $invoice_api, Invoice_Table $invoices, Plugin_Log $plugin_log, Status_Refresher $refresher, ?callable $apply_outcome = null ): Checkout {
		$refusals = new Refusals();
		$refusals->register_hooks();
		add_action( Status_Refresher::SOON_HOOK, array( $refresher, 'refresh' ) );
		register_deactivation_hook( $this->plugin_file, array( $refresher, 'unqueue_refresh' ) );
		return new Checkout( $invoice_api, $invoices, new Order_Lock( $clock ), $refusals, $store, $refresher, $client, $plugin_log, $clock, $apply_outcome );
	}

	/**
	 * The payment gateway `meum`, its block checkout integration and the route that dismisses a
	 * flagged payment: registered only when WooCommerce is active (checked on `plugins_loaded`, never
	 * at file load; WooCommerce loads its gateways and the block registry after that).
	 *
	 * @param Environment      $environment  Site facts.
	 * @param Checkout         $checkout     What `process_payment()` hands off to.
	 * @param Availability     $availability The availability rules.
	 * @param Payments_Summary $payments     The payments part of the settings page's summary.
	 * @return void
	 */
	private function register_gateway( Environment $environment, Checkout $checkout, Availability $availability, Payments_Summary $payments ): void {
		$plugin_file = $this->plugin_file;
		$this->when_woocommerce_active(
			$environment,
			static function () use ( $environment, $checkout, $availability, $payments, $plugin_file ): void {
				( new Gateway_Registration( $availability, $checkout, $plugin_file ) )->register_hooks();
				( new Placed_Order_Guard() )->register_hooks();
				( new Flags_Controller( $environment, new Flags(), $payments ) )->register_hooks();
			}
		);
	}

	/**
	 * Declarations to WooCommerce (HPOS, block checkout).
	 *
	 * @return void
	 */
	private function register_compat(): void {
		( new WooCommerce_Features( $this->plugin_file ) )->register_hooks();
	}

	/**
	 * The order screens of Meum orders, once WooCommerce is loaded: the "Meum payment" box and its
	 * check route, the orders-list search by invoice id, the order-received section, the refund
	 * notice and the unpaid-order guard.
	 *
	 * @param Environment   $environment Site facts.
	 * @param Clock         $clock       The time.
	 * @param Invoice_Api   $invoice_api The invoice endpoints of Meum (the check route's guard).
	 * @param Invoice_Table $invoices    The invoice table.
	 * @param Order_Updater $updater     The order updater (the box's check goes through it).
	 * @return void
	 */
	private function register_order_screens( Environment $environment, Clock $clock, Invoice_Api $invoice_api, Invoice_Table $invoices, Order_Updater $updater ): void {
		$this->when_woocommerce_active(
			$environment,
			static function () use ( $environment, $clock, $invoice_api, $invoices, $updater ): void {
				$payments = new Order_Payments( $invoices, $clock );
				$box      = new Order_Box( $payments );
				$box->register_hooks();
				( new Order_Check_Controller( $environment, $updater, $box, $payments, $invoice_api ) )->register_hooks();
				( new Order_Search() )->register_hooks();
				( new Return_Page( $payments ) )->register_hooks();
				( new Refund_Notice( $payments ) )->register_hooks();
				( new Unpaid_Order_Guard( $payments ) )->register_hooks();
			}
		);
	}

	/**
	 * Runs a registration on `plugins_loaded` when WooCommerce is active then (never decided at file
	 * load: WooCommerce may load after this plugin, and loads its gateways and block registry later).
	 *
	 * @param Environment $environment Site facts.
	 * @param callable    $register    Registers the hooks that need WooCommerce; takes nothing.
	 * @return void
	 */
	private function when_woocommerce_active( Environment $environment, callable $register ): void {
		add_action(
			'plugins_loaded',
			static function () use ( $environment, $register ): void {
				if ( $environment->is_woocommerce_active() ) {
					$register();
				}
			}
		);
	}
}
