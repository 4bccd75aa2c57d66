<?php
/**
 * Tests of the one recurring action of the scheduled checks.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Payments;

use Meum\WooCommerce\Payments\Reconciliation\Reconciliation_Schedule;
use Meum\WooCommerce\Tests\Support\Test_Case;

/**
 * Issue 11: activation and `action_scheduler_init` make sure exactly one pending recurring
 * `meum_wc_reconcile` action exists (group meum-woocommerce, interval filter, default 60 s);
 * deactivation unschedules it. Action Scheduler comes with WooCommerce.
 */
class Reconciliation_Schedule_Test extends Test_Case {

	protected function setUp(): void {
		parent::setUp();
		$this->requires_woocommerce();
		as_unschedule_all_actions( Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
	}

	protected function tearDown(): void {
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
			$this->schedule()->activate(); // The site keeps its one action.
		}
		parent::tearDown();
	}

	/**
	 * The pending actions of the hook.
	 *
	 * @return array<int, \ActionScheduler_Action>
	 */
	private function pending(): array {
		return as_get_scheduled_actions(
			array(
				'hook'     => Reconciliation_Schedule::HOOK,
				'group'    => Reconciliation_Schedule::GROUP,
				'status'   => \ActionScheduler_Store::STATUS_PENDING,
				'per_page' => 10,
			)
		);
	}

	/**
	 * The hooked schedule object of the plugin.
	 *
	 * @return Reconciliation_Schedule
	 */
	private function schedule(): Reconciliation_Schedule {
		return new Reconciliation_Schedule( $this->createMock( \Meum\WooCommerce\Payments\Reconciliation\Reconciler::class ) );
	}

	public function test_the_plugin_hooks_its_runner_and_the_check_on_action_scheduler_init(): void {
		$this->assertNotFalse( has_action( 'action_scheduler_init' ) );
		$hooked = false;
		foreach ( $GLOBALS['wp_filter']['action_scheduler_init']->callbacks ?? array() as $callbacks ) {
			foreach ( $callbacks as $callback ) {
				$hooked = $hooked || ( is_array( $callback['function'] ) && $callback['function'][0] instanceof Reconciliation_Schedule && 'maybe_ensure' === $callback['function'][1] );
			}
		}
		$this->assertTrue( $hooked, 'action_scheduler_init makes sure the action exists' );
		$this->assertNotFalse( has_action( Reconciliation_Schedule::HOOK ), 'the runner is the callback of the action' );
	}

	public function test_activation_schedules_one_recurring_action_every_60_seconds(): void {
		$this->schedule()->activate();
		$this->schedule()->activate();

		$pending = $this->pending();
		$this->assertCount( 1, $pending, 'one, however often activated' );
		$action = reset( $pending );
		$this->assertSame( Reconciliation_Schedule::GROUP, $action->get_group() );
		$this->assertSame( array(), $action->get_args() );
		$this->assertTrue( $action->get_schedule()->is_recurring() );
		$this->assertSame( 60, (int) $action->get_schedule()->get_recurrence() );
	}

	public function test_the_interval_is_filterable(): void {
		$this->add_test_filter(
			'meum_wc_reconcile_interval',
			static function () {
				return 300;
			}
		);
		$this->schedule()->ensure();
		$pending = $this->pending();
		$this->assertSame( 300, (int) reset( $pending )->get_schedule()->get_recurrence() );
	}

	public function test_more_than_one_pending_action_becomes_one(): void {
		as_schedule_recurring_action( time() + 60, 60, Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
		as_schedule_recurring_action( time() + 61, 60, Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );
		$this->assertCount( 2, $this->pending(), 'two nodes scheduled at once' );

		$this->assertSame( 2, $this->schedule()->ensure() );

		$this->assertCount( 1, $this->pending() );
	}

	public function test_action_scheduler_init_recreates_a_missing_action_at_most_every_five_minutes(): void {
		$schedule = $this->schedule();
		$schedule->activate();
		as_unschedule_all_actions( Reconciliation_Schedule::HOOK, array(), Reconciliation_Schedule::GROUP );

		$schedule->maybe_ensure();
		$this->assertCount( 0, $this->pending(), 'checked a moment ago: no query now' );

		update_option( Reconciliation_Schedule::ENSURED_OPTION, time() - Reconciliation_Schedule::ENSURE_EVERY, true );
		$schedule->maybe_ensure();
		$this->assertCount( 1, $this->pending(), 'missing → scheduled again' );
	}

	public function test_deactivation_unschedules_it(): void {
		$this->schedule()->activate();
		$this->schedule()->unschedule();
		$this->assertCount( 0, $this->pending() );
		$this->assertFalse( get_option( Reconciliation_Schedule::ENSURED_OPTION ) );
	}
}
