<?php
/**
 * A daily background job.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Lifecycle;

defined( 'ABSPATH' ) || exit;

/**
 * Runs a callback once a day in the background, never inside an ordinary page request. Uses
 * Action Scheduler when WooCommerce provides it (it copes better with busy sites and shows in
 * WooCommerce › Status › Scheduled Actions), WP-Cron otherwise.
 */
class Daily_Event {

	/** Action Scheduler group. */
	public const GROUP = 'meum-woocommerce';

	/**
	 * The scheduled hook.
	 *
	 * @var string
	 */
	private string $hook;

	/**
	 * What runs.
	 *
	 * @var callable
	 */
	private $callback;

	/**
	 * Creates the job.
	 *
	 * @param string   $hook     Hook name (prefixed `meum_wc_`).
	 * @param callable $callback What runs once a day.
	 */
	public function __construct( string $hook, callable $callback ) {
		$this->hook     = $hook;
		$this->callback = $callback;
	}

	/**
	 * Hooks the callback, and makes sure the job is scheduled when an admin screen loads (a cheap
	 * check: the cron array is autoloaded).
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( $this->hook, $this->callback );
		add_action( 'admin_init', array( $this, 'schedule' ) );
	}

	/**
	 * Schedules the job unless it already is, in exactly one scheduler: a WP-Cron event left from
	 * before WooCommerce was activated moves to Action Scheduler (else the job would run twice).
	 *
	 * @return void
	 */
	public function schedule(): void {
		if ( function_exists( 'as_has_scheduled_action' ) && function_exists( 'as_schedule_recurring_action' ) ) {
			if ( ! as_has_scheduled_action( $this->hook, array(), self::GROUP ) ) {
				as_schedule_recurring_action( time() + HOUR_IN_SECONDS, DAY_IN_SECONDS, $this->hook, array(), self::GROUP );
			}
			if ( false !== wp_next_scheduled( $this->hook ) ) {
				wp_clear_scheduled_hook( $this->hook );
			}
			return;
		}
		if ( false === wp_next_scheduled( $this->hook ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', $this->hook );
		}
	}

	/**
	 * Removes the job from WP-Cron and Action Scheduler.
	 *
	 * @return void
	 */
	public function unschedule(): void {
		wp_clear_scheduled_hook( $this->hook );
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( $this->hook, array(), self::GROUP );
		}
	}
}
