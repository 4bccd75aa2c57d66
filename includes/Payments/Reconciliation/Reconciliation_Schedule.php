<?php
/**
 * The one recurring action of the scheduled checks.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments\Reconciliation;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps exactly one pending recurring Action Scheduler action `meum_wc_reconcile` (group
 * `meum-woocommerce`, every `meum_wc_reconcile_interval` seconds, default 60) whose callback is
 * {@see Reconciler::run()} (issue 11). Activation and `action_scheduler_init` make sure it exists:
 * none pending → one is scheduled; more than one (two nodes scheduled at once: Action Scheduler's
 * "unique" flag ignores nothing across nodes) → all are unscheduled and one is scheduled.
 * Deactivation and uninstall unschedule it: Action Scheduler throws for a hook without a callback.
 * The check on `action_scheduler_init` costs a query, so it runs at most every
 * {@see ENSURE_EVERY} seconds per site (an autoloaded time stamp, free to read).
 */
class Reconciliation_Schedule {

	/** The recurring action's hook. */
	public const HOOK = 'meum_wc_reconcile';

	/** The plugin's Action Scheduler group. */
	public const GROUP = 'meum-woocommerce';

	/** Default seconds between runs. */
	public const DEFAULT_INTERVAL = 60;

	/** Autoloaded option: Unix time of the last check that the action exists. */
	public const ENSURED_OPTION = 'meum_wc_reconcile_ensured_at';

	/** Seconds between two checks that the action exists. */
	public const ENSURE_EVERY = 300;

	/**
	 * The runner.
	 *
	 * @var Reconciler
	 */
	private Reconciler $reconciler;

	/**
	 * Creates the schedule.
	 *
	 * @param Reconciler $reconciler The runner.
	 */
	public function __construct( Reconciler $reconciler ) {
		$this->reconciler = $reconciler;
	}

	/**
	 * Hooks the runner to the action and the check that it exists (WooCommerce active: it brings
	 * Action Scheduler).
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( self::HOOK, array( $this, 'run' ) );
		add_action( 'action_scheduler_init', array( $this, 'maybe_ensure' ) );
	}

	/**
	 * The action's callback. Action Scheduler passes no argument.
	 *
	 * @return void
	 */
	public function run(): void {
		$this->reconciler->run();
	}

	/**
	 * Activation hook callback: makes sure the action exists when Action Scheduler is ready, and
	 * else lets the next `action_scheduler_init` do it.
	 *
	 * @return void
	 */
	public function activate(): void {
		delete_option( self::ENSURED_OPTION );
		if ( self::scheduler_ready() ) {
			$this->ensure();
		}
	}

	/**
	 * `action_scheduler_init` callback: {@see ensure()} at most every {@see ENSURE_EVERY} seconds.
	 *
	 * @return void
	 */
	public function maybe_ensure(): void {
		$last = (int) get_option( self::ENSURED_OPTION, 0 );
		if ( $last <= time() && time() - $last < self::ENSURE_EVERY ) {
			return;
		}
		$this->ensure();
	}

	/**
	 * Makes sure exactly one pending action exists.
	 *
	 * @return int How many pending actions there were before (0, 1, or more).
	 */
	public function ensure(): int {
		if ( ! self::scheduler_ready() ) {
			return 0;
		}
		$pending = as_get_scheduled_actions(
			array(
				'hook'     => self::HOOK,
				'group'    => self::GROUP,
				'status'   => \ActionScheduler_Store::STATUS_PENDING,
				'per_page' => 5,
			),
			'ids'
		);
		$count   = count( $pending );
		if ( $count > 1 ) {
			as_unschedule_all_actions( self::HOOK, array(), self::GROUP );
		}
		if ( 1 !== $count ) {
			as_schedule_recurring_action( time() + self::interval(), self::interval(), self::HOOK, array(), self::GROUP );
		}
		update_option( self::ENSURED_OPTION, time(), true );
		return $count;
	}

	/**
	 * Deactivation (and uninstall): removes every pending action of the hook.
	 *
	 * @return void
	 */
	public function unschedule(): void {
		delete_option( self::ENSURED_OPTION );
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( self::HOOK, array(), self::GROUP );
		}
	}

	/**
	 * Seconds between runs.
	 *
	 * @return int `apply_filters( 'meum_wc_reconcile_interval', 60 )`, at least 10.
	 */
	public static function interval(): int {
		return max( 10, (int) apply_filters( 'meum_wc_reconcile_interval', self::DEFAULT_INTERVAL ) );
	}

	/**
	 * Whether Action Scheduler's functions may be called now.
	 *
	 * @return bool True once its data store is initialised.
	 */
	private static function scheduler_ready(): bool {
		return function_exists( 'as_get_scheduled_actions' ) && class_exists( '\ActionScheduler' ) && \ActionScheduler::is_initialized();
	}
}
