<?php
/**
 * A delivery to be retried by Meum.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown by a handler when the event could not be decided in time (the order's lock was held, or
 * Meum did not answer a read within the delivery's budget; Meum API Part A §A5). The receiver
 * releases the event's claim and answers 503 `{ received: false, error: "retry_later" }`, so Meum
 * delivers it again.
 */
class Retry_Later extends \RuntimeException {
}
