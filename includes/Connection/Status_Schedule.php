<?php
/**
 * The daily status refresh.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Schedules the daily event that refreshes a stored status older than a day, so no ordinary page
 * request ever waits for Meum. Uses Action Scheduler when WooCommerce provides it (it survives
 * busy sites better and shows in WooCommerce › Status › Scheduled Actions), WP-Cron otherwise.
 */
class Status_Schedule {

	/** The scheduled hook. */
	public const HOOK = 'meum_wc_refresh_status';

	/** Action Scheduler group. */
	private const GROUP = 'meum-woocommerce';

	/**
	 * Status refresh.
	 *
	 * @var Status_Refresher
	 */
	private Status_Refresher $refresher;

	/**
	 * Creates the schedule.
	 *
	 * @param Status_Refresher $refresher Status refresh.
	 */
	public function __construct( Status_Refresher $refresher ) {
		$this->refresher = $refresher;
	}

	/**
	 * Hooks the event handler, and makes sure the event is scheduled when an admin screen loads
	 * (a cheap check: the cron array is autoloaded).
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( self::HOOK, array( $this->refresher, 'refresh_if_stale' ) );
		add_action( 'admin_init', array( $this, 'schedule' ) );
	}

	/**
	 * Schedules the daily event unless it already is.
	 *
	 * @return void
	 */
	public function schedule(): void {
		if ( function_exists( 'as_has_scheduled_action' ) && function_exists( 'as_schedule_recurring_action' ) ) {
			if ( ! as_has_scheduled_action( self::HOOK, array(), self::GROUP ) ) {
				as_schedule_recurring_action( time() + HOUR_IN_SECONDS, DAY_IN_SECONDS, self::HOOK, array(), self::GROUP );
			}
			return;
		}
		if ( false === wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::HOOK );
		}
	}

	/**
	 * Removes the event from WP-Cron and Action Scheduler.
	 *
	 * @return void
	 */
	public static function unschedule(): void {
		wp_clear_scheduled_hook( self::HOOK );
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( self::HOOK, array(), self::GROUP );
		}
	}
}
