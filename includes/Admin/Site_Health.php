<?php
/**
 * Site Health tests and debug information.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Admin;

use Meum\WooCommerce\Clock;
use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Payments\Invoice_Api;
use Meum\WooCommerce\Payments\Invoice_Table;
use Meum\WooCommerce\Payments\Order_Bulk_Check;
use Meum\WooCommerce\Payments\Outcome_Log;
use Meum\WooCommerce\Payments\Reconciliation\Reconciler;
use Meum\WooCommerce\Payments\Reconciliation\Reconciliation_Schedule;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the plugin's checks to Tools › Site Health (connected, secrets decryptable, key material
 * outside the database, payout configured, home URL on https, site address unchanged since
 * connect, and webhooks still accepted once deliveries are expected) and a debug-information
 * section with the non-secret connection facts. With WooCommerce active, two more (issue 11,
 * "Operations"): the scheduled status checks run (the recurring Action Scheduler action exists,
 * the last run, the invoices overdue for their check), and webhooks arrive for paid invoices
 * (paid by webhook vs. found paid by a scheduled check, in the last 30 days).
 *
 * Every check reads the stored state only; none calls Meum.
 */
class Site_Health {

	/** Site Health badge label. */
	private const BADGE = 'Meum';

	/** The recurring action of the scheduled status checks (core's reconciliation runner). */
	public const RECONCILE_HOOK = Reconciliation_Schedule::HOOK;

	/** Option the runner writes after each run: started_at, finished_at, checked, errors. */
	public const LAST_RUN_OPTION = Reconciler::LAST_RUN_OPTION;

	/** Seconds a due check may be late before it counts as overdue. */
	public const OVERDUE_GRACE = 600;

	/** Seconds without a finished run after which overdue checks are critical. */
	public const STALE_RUN = 3600;

	/**
	 * The browser-safe state.
	 *
	 * @var Connection_State
	 */
	private Connection_State $state;

	/**
	 * Site facts (whether WooCommerce is active).
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * The invoice table (overdue checks).
	 *
	 * @var Invoice_Table
	 */
	private Invoice_Table $invoices;

	/**
	 * Applied outcomes (who applied each payment).
	 *
	 * @var Outcome_Log
	 */
	private Outcome_Log $outcomes;

	/**
	 * The invoice API (its guard says whether checks may run).
	 *
	 * @var Invoice_Api
	 */
	private Invoice_Api $api;

	/**
	 * The time.
	 *
	 * @var Clock
	 */
	private Clock $clock;

	/**
	 * Creates the Site Health integration.
	 *
	 * @param Connection_State $state       The browser-safe state.
	 * @param Environment      $environment Site facts.
	 * @param Invoice_Table    $invoices    The invoice table.
	 * @param Outcome_Log      $outcomes    Applied outcomes.
	 * @param Invoice_Api      $api         The invoice API (its connection guard).
	 * @param Clock            $clock       The time.
	 */
	public function __construct( Connection_State $state, Environment $environment, Invoice_Table $invoices, Outcome_Log $outcomes, Invoice_Api $api, Clock $clock ) {
		$this->state       = $state;
		$this->environment = $environment;
		$this->invoices    = $invoices;
		$this->outcomes    = $outcomes;
		$this->api         = $api;
		$this->clock       = $clock;
	}

	/**
	 * Hooks the tests and the debug section.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_filter( 'site_status_tests', array( $this, 'add_tests' ) );
		add_filter( 'debug_information', array( $this, 'add_debug_information' ) );
	}

	/**
	 * Registers the direct tests.
	 *
	 * @param array<string, mixed> $tests Site Health tests.
	 * @return array<string, mixed> The tests with the plugin's added under `direct`.
	 */
	public function add_tests( $tests ) {
		$checks = array(
			'connection'   => __( 'Meum connection', 'meum-woocommerce' ),
			'key_material' => __( 'Meum encryption key', 'meum-woocommerce' ),
			'decryptable'  => __( 'Meum credentials readable', 'meum-woocommerce' ),
			'payout'       => __( 'Meum payout wallet', 'meum-woocommerce' ),
			'https'        => __( 'Meum and https', 'meum-woocommerce' ),
			'site_address' => __( 'Meum site address', 'meum-woocommerce' ),
		);
		// Deliveries are expected once Meum has delivered at least one since the handshake.
		$webhooks = $this->state->get()['webhooks'];
		if ( is_array( $webhooks ) && null !== $webhooks['last_accepted'] ) {
			$checks['webhooks'] = __( 'Meum webhooks', 'meum-woocommerce' );
		}
		if ( $this->environment->is_woocommerce_active() ) {
			$checks['status_checks'] = __( 'Meum status checks run', 'meum-woocommerce' );
			$checks['paid_webhooks'] = __( 'Meum webhooks arrive for paid invoices', 'meum-woocommerce' );
		}
		foreach ( $checks as $check => $label ) {
			$tests['direct'][ 'meum_wc_' . $check ] = array(
				'label' => $label,
				'test'  => function () use ( $check ) {
					return $this->result( $check );
				},
			);
		}
		return $tests;
	}

	/**
	 * Runs one check.
	 *
	 * @param string $check Check name (a key of the list in {@see add_tests()}).
	 * @return array<string, mixed> A Site Health result: label, status (good, recommended,
	 *         critical), badge, description, actions, test.
	 */
	public function result( string $check ): array {
		if ( 'status_checks' === $check ) {
			return $this->status_checks();
		}
		if ( 'paid_webhooks' === $check ) {
			return $this->paid_webhooks();
		}
		$state = $this->state->get();
		switch ( $check ) {
			case 'connection':
				if ( $state['reconnect_required'] ) {
					return $this->make( $check, 'critical', __( 'The Meum connection needs a reconnect', 'meum-woocommerce' ), __( 'The stored connection cannot be used. Open the Meum settings and connect again with a new connection key.', 'meum-woocommerce' ) );
				}
				if ( ! $state['connected'] ) {
					return $this->make( $check, 'recommended', __( 'The store is not connected to Meum', 'meum-woocommerce' ), __( 'Connect the store in the Meum settings to take Meum payments.', 'meum-woocommerce' ) );
				}
				return $this->make( $check, 'good', __( 'The store is connected to Meum', 'meum-woocommerce' ), __( 'A Meum connection is stored and usable.', 'meum-woocommerce' ) );
			case 'key_material':
				if ( ! $state['encryption']['available'] ) {
					return $this->make(
						$check,
						'critical',
						__( 'Meum credentials cannot be stored encrypted', 'meum-woocommerce' ),
						sprintf(
							/* translators: %s: a line of PHP for wp-config.php. */
							__( 'This site has no encryption key outside the database, so the plugin refuses to store Meum credentials. Add this line to wp-config.php: %s', 'meum-woocommerce' ),
							$state['encryption']['wp_config_line']
						)
					);
				}
				return $this->make( $check, 'good', __( 'Meum credentials are encrypted with a key kept outside the database', 'meum-woocommerce' ), __( 'The key comes from wp-config.php, so a database copy alone does not reveal the credentials.', 'meum-woocommerce' ) );
			case 'decryptable':
				if ( 'undecryptable' === $state['reconnect_reason'] ) {
					return $this->make( $check, 'critical', __( 'Meum credentials cannot be decrypted', 'meum-woocommerce' ), __( 'The encryption key or the salts in wp-config.php changed, or the stored data was altered. Connect again with a new connection key.', 'meum-woocommerce' ) );
				}
				return $this->make( $check, 'good', __( 'Meum credentials can be decrypted', 'meum-woocommerce' ), __( 'Nothing stored is unreadable.', 'meum-woocommerce' ) );
			case 'payout':
				if ( $state['connected'] && ( false === $state['payout_configured'] || null !== $state['warning'] ) ) {
					return $this->make( $check, 'recommended', __( 'No payout wallet is set in Meum', 'meum-woocommerce' ), __( 'Payments may be blocked until a payout wallet is set for the store in Meum.', 'meum-woocommerce' ) );
				}
				return $this->make( $check, 'good', __( 'Meum reports no payout problem', 'meum-woocommerce' ), __( 'No payout warning is stored.', 'meum-woocommerce' ) );
			case 'webhooks':
				if ( is_array( $state['webhooks'] ) && $state['webhooks']['refusal_after_acceptance'] ) {
					return $this->make(
						$check,
						'recommended',
						__( 'Meum\'s latest webhook delivery was refused', 'meum-woocommerce' ),
						sprintf(
							/* translators: %s: refusal reason code. */
							__( 'Deliveries were accepted before, but the latest one was refused (%s). Open the Meum settings and use "Test webhook delivery".', 'meum-woocommerce' ),
							(string) ( $state['webhooks']['last_refused']['reason'] ?? '' )
						)
					);
				}
				return $this->make( $check, 'good', __( 'Meum webhook deliveries are accepted', 'meum-woocommerce' ), __( 'The latest delivery from Meum was accepted.', 'meum-woocommerce' ) );
			case 'https':
				if ( ! $state['environment']['home_url_is_https'] ) {
					return $this->make( $check, 'recommended', __( 'The store does not use https', 'meum-woocommerce' ), __( 'Payments on http sites are unsafe. Use https for a live store.', 'meum-woocommerce' ) );
				}
				return $this->make( $check, 'good', __( 'The store uses https', 'meum-woocommerce' ), __( 'The home URL uses https.', 'meum-woocommerce' ) );
			default:
				if ( null !== $state['site_change'] ) {
					return $this->make(
						$check,
						'critical',
						__( 'The site address changed since it was connected to Meum', 'meum-woocommerce' ),
						sprintf(
							/* translators: 1: connected address, 2: current address. */
							__( 'Connected as %1$s, now %2$s. Open the Meum settings and choose whether this is a new site or the same site at a new address.', 'meum-woocommerce' ),
							$state['site_change']['connected_site_url'],
							$state['site_change']['current_site_url']
						)
					);
				}
				return $this->make( $check, 'good', __( 'The site address is the one registered with Meum', 'meum-woocommerce' ), __( 'The home and webhook URLs match the connection.', 'meum-woocommerce' ) );
		}
	}

	/**
	 * Whether the scheduled status checks run: critical when the recurring action is missing, or
	 * when invoices are overdue and no run finished in the last hour; recommended when invoices
	 * are overdue otherwise, or while the connection guard pauses every check (a staging copy, a
	 * reconnect to do: the connection checks say what to do); good when none is overdue.
	 *
	 * @return array<string, mixed> A Site Health result, as {@see result()}.
	 */
	private function status_checks(): array {
		$now       = $this->clock->now();
		$overdue   = $this->invoices->overdue_count( $now, self::OVERDUE_GRACE );
		$last_run  = get_option( self::LAST_RUN_OPTION );
		$finished  = is_array( $last_run ) && isset( $last_run['finished_at'] ) ? (int) $last_run['finished_at'] : null;
		$scheduled = function_exists( 'as_has_scheduled_action' ) && as_has_scheduled_action( self::RECONCILE_HOOK, null, Order_Bulk_Check::GROUP );
		$facts     = array(
			null === $finished
				? __( 'No run of the status checks has finished yet.', 'meum-woocommerce' )
				: sprintf(
					/* translators: 1: time since the last run, e.g. "5 mins", 2: invoices checked, 3: checks that failed. */
					__( 'The last run finished %1$s ago (invoices checked: %2$d, errors: %3$d).', 'meum-woocommerce' ),
					human_time_diff( $finished, $now ),
					(int) ( $last_run['checked'] ?? 0 ),
					(int) ( $last_run['errors'] ?? 0 )
				),
			0 === $overdue
				? __( 'No invoice is overdue for its status check.', 'meum-woocommerce' )
				: sprintf(
					/* translators: %d: number of invoices. */
					_n( '%d invoice is overdue for its status check.', '%d invoices are overdue for their status check.', $overdue, 'meum-woocommerce' ),
					$overdue
				),
		);
		$scheduler = array( admin_url( 'admin.php?page=wc-status&tab=action-scheduler&s=' . self::RECONCILE_HOOK ), __( 'Open the scheduled actions', 'meum-woocommerce' ) );
		if ( ! $scheduled ) {
			array_unshift( $facts, __( 'The recurring action meum_wc_reconcile is not scheduled, so a payment whose webhook was lost is never found. The plugin schedules it again on the next page load; if it stays missing, look for its failed runs in the scheduled actions.', 'meum-woocommerce' ) );
			return $this->make( 'status_checks', 'critical', __( 'Meum status checks are not scheduled', 'meum-woocommerce' ), implode( ' ', $facts ), $scheduler );
		}
		$ready = $this->api->ready();
		if ( $overdue > 0 && is_wp_error( $ready ) ) {
			$paused = sprintf(
				/* translators: %s: why Meum cannot be asked, e.g. "This site has no usable connection to Meum. Connect with a connection key first." */
				__( 'No status check runs while Meum is not connected: %s', 'meum-woocommerce' ),
				$ready->get_error_message()
			);
			array_unshift( $facts, $paused );
			return $this->make( 'status_checks', 'recommended', __( 'Meum status checks are paused', 'meum-woocommerce' ), implode( ' ', $facts ) );
		}
		if ( $overdue > 0 ) {
			$facts[] = defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON
				? __( 'WP-Cron is disabled on this site (DISABLE_WP_CRON): a system cron must request wp-cron.php every minute, or the checks run only while someone loads wp-admin pages.', 'meum-woocommerce' )
				: __( 'Scheduled actions run when the site has visits (WP-Cron) and while someone loads wp-admin pages; a quiet site needs a system cron requesting wp-cron.php every minute.', 'meum-woocommerce' );
			if ( null === $finished || $now - $finished > self::STALE_RUN ) {
				return $this->make( 'status_checks', 'critical', __( 'Meum status checks are not running', 'meum-woocommerce' ), implode( ' ', $facts ), $scheduler );
			}
			return $this->make( 'status_checks', 'recommended', __( 'Some Meum status checks are late', 'meum-woocommerce' ), implode( ' ', $facts ), $scheduler );
		}
		return $this->make( 'status_checks', 'good', __( 'Meum status checks run', 'meum-woocommerce' ), implode( ' ', $facts ) );
	}

	/**
	 * Whether webhooks arrive for paid invoices: recommended when, in the last 30 days, a scheduled
	 * status check found an invoice paid before any webhook told the store (the webhook URL may be
	 * blocked); good otherwise.
	 *
	 * @return array<string, mixed> A Site Health result, as {@see result()}.
	 */
	private function paid_webhooks(): array {
		$paid  = $this->outcomes->paid_by_source( $this->clock->now() - Outcome_Log::RECENT_SECONDS );
		$facts = sprintf(
			/* translators: 1: invoices paid by webhook, 2: invoices found paid by a scheduled status check. */
			__( 'Paid invoices of the last 30 days: %1$d reached their orders by webhook, %2$d only through a scheduled status check because their webhook never arrived.', 'meum-woocommerce' ),
			$paid['webhook'],
			$paid['reconciliation']
		);
		if ( $paid['reconciliation'] > 0 ) {
			return $this->make( 'paid_webhooks', 'recommended', __( 'Some paid Meum invoices were found only by a status check', 'meum-woocommerce' ), $facts . ' ' . __( 'Your webhook URL may be blocked (a firewall, a security plugin, maintenance mode or password protection). Open the Meum settings and use "Test webhook delivery".', 'meum-woocommerce' ) );
		}
		return $this->make( 'paid_webhooks', 'good', __( 'Meum webhooks arrive for paid invoices', 'meum-woocommerce' ), $facts );
	}

	/**
	 * Adds the "Meum for WooCommerce" section to Site Health › Info.
	 *
	 * @param array<string, mixed> $info Debug information sections.
	 * @return array<string, mixed> The sections with the plugin's added.
	 */
	public function add_debug_information( $info ) {
		$state  = $this->state->get();
		$fields = array(
			'connected'          => array( __( 'Connected', 'meum-woocommerce' ), $state['connected'] ? __( 'Yes', 'meum-woocommerce' ) : __( 'No', 'meum-woocommerce' ) ),
			'reconnect_required' => array( __( 'Reconnect required', 'meum-woocommerce' ), $state['reconnect_reason'] ?? __( 'No', 'meum-woocommerce' ) ),
			'status'             => array( __( 'Status', 'meum-woocommerce' ), $state['status'] ),
			'health_status'      => array( __( 'Health', 'meum-woocommerce' ), $state['health_status'] ),
			'store_name'         => array( __( 'Store name', 'meum-woocommerce' ), $state['store_name'] ),
			'store_id'           => array( __( 'Store ID', 'meum-woocommerce' ), $state['store_id'] ),
			'integration_id'     => array( __( 'Integration ID', 'meum-woocommerce' ), $state['integration_id'] ),
			'installation_id'    => array( __( 'Installation ID', 'meum-woocommerce' ), $state['installation_id'] ),
			'site_url'           => array( __( 'Connected site URL', 'meum-woocommerce' ), $state['site_url'] ),
			'webhook_url'        => array( __( 'Webhook URL', 'meum-woocommerce' ), $state['webhook_url'] ),
			'masked_api_key'     => array( __( 'API key', 'meum-woocommerce' ), $state['masked_api_key'] ),
			'payout_configured'  => array( __( 'Payout wallet', 'meum-woocommerce' ), null === $state['payout_configured'] ? null : ( $state['payout_configured'] ? __( 'Yes', 'meum-woocommerce' ) : __( 'No', 'meum-woocommerce' ) ) ),
			'connected_at'       => array( __( 'Connected at', 'meum-woocommerce' ), $state['connected_at'] ),
			'status_checked_at'  => array( __( 'Status checked at', 'meum-woocommerce' ), $state['status_checked_at'] ),
			'key_material'       => array( __( 'Encryption key source', 'meum-woocommerce' ), $state['encryption']['source'] ),
			'last_handshake'     => array( __( 'Last handshake', 'meum-woocommerce' ), null === $state['last_handshake'] ? null : trim( $state['last_handshake']['result'] . ' ' . $state['last_handshake']['at'] . ' ' . ( $state['last_handshake']['code'] ?? '' ) ) ),
		);

		$section = array();
		foreach ( $fields as $key => $field ) {
			$section[ $key ] = array(
				'label' => $field[0],
				'value' => null === $field[1] ? __( 'Not available', 'meum-woocommerce' ) : (string) $field[1],
			);
		}
		$info['meum-woocommerce'] = array(
			'label'  => __( 'Meum for WooCommerce', 'meum-woocommerce' ),
			'fields' => $section,
		);
		return $info;
	}

	/**
	 * Builds a Site Health result.
	 *
	 * @param string                           $check       Check name.
	 * @param string                           $status      good, recommended or critical.
	 * @param string                           $label       Headline.
	 * @param string                           $description Plain-text explanation (escaped here).
	 * @param array{0: string, 1: string}|null $action      The action link (URL, text) when the
	 *                                                      status is not good; default: the Meum
	 *                                                      settings.
	 * @return array<string, mixed>
	 */
	private function make( string $check, string $status, string $label, string $description, ?array $action = null ): array {
		$action = $action ?? array( admin_url( 'admin.php?page=' . Settings_Page::SLUG ), __( 'Open the Meum settings', 'meum-woocommerce' ) );
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => self::BADGE,
				'color' => 'good' === $status ? 'green' : ( 'critical' === $status ? 'red' : 'orange' ),
			),
			'description' => '<p>' . esc_html( $description ) . '</p>',
			'actions'     => 'good' === $status ? '' : sprintf( '<p><a href="%s">%s</a></p>', esc_url( $action[0] ), esc_html( $action[1] ) ),
			'test'        => 'meum_wc_' . $check,
		);
	}
}
