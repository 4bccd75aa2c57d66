<?php
/**
 * The plugin's REST namespace and route paths, spelled once.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * The one place that spells the plugin's REST routes (docs/rest-api.md). The controllers register
 * them from here, `Environment::webhook_url()` builds the webhook URL from here, and the settings
 * page prints `for_app()` so the browser code never spells a path itself.
 *
 * @since 0.1.0
 */
final class Routes {

	/** The REST namespace of every route of the plugin. */
	public const NAMESPACE = 'meum/v1';

	/** The connection route's base: `GET`/`POST`/`DELETE /meum/v1/connection`. */
	public const CONNECTION = 'connection';

	/** `POST /meum/v1/connection/refresh`, below the connection base. */
	public const CONNECTION_REFRESH = 'connection/refresh';

	/** `POST /meum/v1/connection/forget`, below the connection base. */
	public const CONNECTION_FORGET = 'connection/forget';

	/** The webhook receiver's base: `POST /meum/v1/webhook` (the address Meum delivers to). */
	public const WEBHOOK = 'webhook';

	/** `POST /meum/v1/webhook/test`, below the webhook base. */
	public const WEBHOOK_TEST = 'webhook/test';

	/** The orders base: `POST …/orders/{id}/check` (the order box), `GET …/orders/{id}/payment-state` (the return page). */
	public const ORDERS = 'orders';

	/** Core's route of the current user, where the page stores a notice's dismissal (user meta). */
	public const CURRENT_USER_PATH = '/wp/v2/users/me';

	/**
	 * The route as `register_rest_route()` takes it below the namespace.
	 *
	 * @param string $route One of the route constants.
	 * @return non-falsy-string The route with a leading slash, e.g. `/connection/refresh`.
	 */
	public static function pattern( string $route ): string {
		return '/' . $route;
	}

	/**
	 * The route's path below the REST root, as `rest_url()` and api-fetch's `path` take it.
	 *
	 * @param string $route One of the route constants.
	 * @return string E.g. `/meum/v1/connection/refresh`.
	 */
	public static function path( string $route ): string {
		return '/' . self::NAMESPACE . self::pattern( $route );
	}

	/**
	 * Every path the settings app calls, printed into the page (`window.meumWcSettings.routes`).
	 * The keys are the ones `RestRoutes` in src/settings/types.ts reads.
	 *
	 * @return array{connection: string, refresh: string, forget: string, webhookTest: string, currentUser: string}
	 */
	public static function for_app(): array {
		return array(
			'connection'  => self::path( self::CONNECTION ),
			'refresh'     => self::path( self::CONNECTION_REFRESH ),
			'forget'      => self::path( self::CONNECTION_FORGET ),
			'webhookTest' => self::path( self::WEBHOOK_TEST ),
			'currentUser' => self::CURRENT_USER_PATH,
		);
	}
}
