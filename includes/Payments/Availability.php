<?php
/**
 * Whether checkout may offer Meum, and if not, why.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use Meum\WooCommerce\Api\Client;
use Meum\WooCommerce\Connection\Connection_Store;

defined( 'ABSPATH' ) || exit;

/**
 * The availability rules of the Meum payment method (issue 10, "The gateway"; contract
 * `meum-api.md` Part A §A5): one answer for the gateway's `is_available()`, the block
 * integration's `is_active()` and the settings page's summary, so classic and block checkout offer
 * the method to exactly the same buyers.
 *
 * Every rule reads what this site stores: no rule makes a network call, and none needs a cart, a
 * session or an order (the answer is asked from wp-admin, REST, cron and the Store API). WooCommerce
 * asks the block integration on every front-end page (its `wp_print_scripts` check of the payment
 * methods' script dependencies, and the Mini-Cart block), so the cart-independent rules read only
 * autoloaded options and never the secrets ({@see Connection_Store::offer_state()}): no query once
 * WordPress has loaded its autoloaded options. Rules, in
 * the order their reasons are listed:
 * - `disabled`: the merchant has not switched the method on (WooCommerce › Settings › Payments);
 * - `not_connected`: no connection is stored;
 * - `reconnect_required`: a stored connection whose credentials do not decrypt, are incomplete,
 *   or that Meum rejected;
 * - `site_changed`: the site address changed since connect and the merchant has not said what
 *   happened (the credential guard of {@see Connection_Store::usable_credentials()});
 * - `no_payout`: Meum said the store has no payout wallet (unknown counts as configured);
 * - `checkout_url`: no valid `checkout_base_url` from the handshake (https unless the API base
 *   URL itself is http, as §A5 says);
 * - `currency_refused`: Meum refused the currency since the last status refresh ({@see Refusals});
 * - `no_total`: the total to pay is not above zero: the pay-for-order order's total when there is
 *   an order, else the cart's; without either the rule is skipped.
 */
class Availability {

	/** The WooCommerce option that holds the gateway's form (`woocommerce_{id}_settings`). */
	public const SETTINGS_OPTION = 'woocommerce_meum_settings';

	/** The reasons that do not depend on the cart or the order, in the order they are listed. */
	public const SETUP_RULES = array( 'disabled', 'not_connected', 'reconnect_required', 'site_changed', 'no_payout', 'checkout_url', 'currency_refused' );

	/**
	 * Stored connection.
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Meum API client (only its base URL is read).
	 *
	 * @var Client
	 */
	private Client $client;

	/**
	 * What Meum refused at checkout.
	 *
	 * @var Refusals
	 */
	private Refusals $refusals;

	/**
	 * Creates the rules.
	 *
	 * @param Connection_Store $store    Stored connection.
	 * @param Client           $client   Meum API client (for its base URL; no request is made).
	 * @param Refusals         $refusals What Meum refused at checkout.
	 */
	public function __construct( Connection_Store $store, Client $client, Refusals $refusals ) {
		$this->store    = $store;
		$this->client   = $client;
		$this->refusals = $refusals;
	}

	/**
	 * Why checkout may not offer Meum now.
	 *
	 * @param \WC_Order|null $order The order being paid (pay-for-order), or null: then the cart's
	 *                              total is used when a cart exists, else the total rule is skipped.
	 * @return array<string, string> Rule code (see the class docblock) → the reason for the
	 *         merchant, translated; empty when the method is available.
	 */
	public function reasons( ?\WC_Order $order = null ): array {
		$reasons = $this->setup_reasons( null !== $order ? (string) $order->get_currency() : null );
		$total   = null !== $order ? $order->get_total( 'edit' ) : $this->cart_total();
		if ( null !== $total && ! $this->is_positive( $total ) ) {
			$reasons['no_total'] = __( 'There is nothing to pay.', 'meum-woocommerce' );
		}
		return $reasons;
	}

	/**
	 * Why Meum cannot be offered whatever the cart holds (the block integration's `is_active()`
	 * and the settings page's summary).
	 *
	 * @param string|null $currency The currency to check (an order's own); null for the store's
	 *                              currency.
	 * @return array<string, string> Rule code → the reason for the merchant, translated; empty
	 *         when nothing but the cart can stop the method.
	 */
	public function setup_reasons( ?string $currency = null ): array {
		$reasons = array();
		if ( ! $this->is_enabled() ) {
			$reasons['disabled'] = __( 'Meum payments are switched off in WooCommerce › Settings › Payments.', 'meum-woocommerce' );
		}

		$loaded = $this->store->offer_state();
		if ( Connection_Store::STATE_NONE === $loaded['state'] ) {
			$reasons['not_connected'] = __( 'The store is not connected to Meum.', 'meum-woocommerce' );
			return $reasons;
		}
		if ( Connection_Store::STATE_CONNECTED !== $loaded['state'] ) {
			$reasons['reconnect_required'] = __( 'The connection to Meum must be made again.', 'meum-woocommerce' );
		}
		if ( $loaded['site_changed'] ) {
			$reasons['site_changed'] = __( 'The site address changed since the store was connected; say on the Meum settings page what happened.', 'meum-woocommerce' );
		}

		$facts = is_array( $loaded['connection'] ) ? $loaded['connection'] : array();
		if ( false === ( $facts['payout_configured'] ?? null ) ) {
			$reasons['no_payout'] = __( 'No payout wallet is set in Meum.', 'meum-woocommerce' );
		}
		$checkout_base = isset( $facts['checkout_base_url'] ) && is_string( $facts['checkout_base_url'] ) ? $facts['checkout_base_url'] : '';
		if ( ! $this->is_valid_checkout_base_url( $checkout_base ) ) {
			$reasons['checkout_url'] = __( 'Meum did not give a valid address for its checkout page; refresh the connection status or connect again.', 'meum-woocommerce' );
		}

		$currency = strtoupper( null !== $currency && '' !== $currency ? $currency : $this->store_currency() );
		if ( '' !== $currency && in_array( $currency, $this->refusals->refused_currencies(), true ) ) {
			$reasons['currency_refused'] = sprintf(
				/* translators: %s: currency code, e.g. JPY. */
				__( 'Meum refused payments in %s; it is offered again after the next successful status refresh.', 'meum-woocommerce' ),
				$currency
			);
		}
		return $reasons;
	}

	/**
	 * Whether Meum's hosted checkout address, stored at the handshake, is one a buyer may be sent
	 * to: an absolute http(s) URL with a host, https unless the API base URL itself is http (the
	 * sandbox), as §A5 says. The checkout's redirect must then be on the same origin.
	 *
	 * @param string $url The stored `checkout_base_url`.
	 * @return bool True when valid.
	 */
	public function is_valid_checkout_base_url( string $url ): bool {
		$parts = '' !== $url ? wp_parse_url( $url ) : false;
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || ! isset( $parts['scheme'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return false;
		}
		$scheme = strtolower( $parts['scheme'] );
		if ( 'https' === $scheme ) {
			return true;
		}
		return 'http' === $scheme && 'http' === strtolower( (string) wp_parse_url( $this->client->base_url(), PHP_URL_SCHEME ) );
	}

	/**
	 * Whether the merchant switched the method on in WooCommerce › Settings › Payments.
	 *
	 * @return bool True when the gateway's `enabled` setting is "yes".
	 */
	public function is_enabled(): bool {
		return 'yes' === ( self::gateway_settings()['enabled'] ?? 'no' );
	}

	/**
	 * The gateway's form as WooCommerce stores it (autoloaded, so no query once WordPress is loaded).
	 *
	 * @return array<string, mixed> `enabled`, `title`, `description` when stored; empty when absent
	 *                              or not an array.
	 */
	public static function gateway_settings(): array {
		$settings = get_option( self::SETTINGS_OPTION, array() );
		return is_array( $settings ) ? $settings : array();
	}

	/**
	 * The cart's total, when this request has a cart (checkout, the Store API).
	 *
	 * @return string|float|null The total as WooCommerce stores it, or null without a cart.
	 */
	private function cart_total() {
		if ( ! function_exists( 'WC' ) ) {
			return null;
		}
		/**
		 * WooCommerce's cart: null outside the front end and the Store API (wp-admin, cron, REST).
		 *
		 * @var \WC_Cart|null $cart
		 */
		$cart = WC()->cart;
		return null !== $cart ? $cart->get_total( 'edit' ) : null;
	}

	/**
	 * Whether an amount is above zero, compared in hundredths.
	 *
	 * @param string|int|float $amount A total as WooCommerce stores it.
	 * @return bool False for zero, negative and unreadable amounts.
	 */
	private function is_positive( $amount ): bool {
		try {
			return Money::to_cents( $amount ) > 0;
		} catch ( \InvalidArgumentException $e ) {
			return false;
		}
	}

	/**
	 * The store's currency.
	 *
	 * @return string ISO 4217 code, or "" when WooCommerce is not loaded.
	 */
	private function store_currency(): string {
		return function_exists( 'get_woocommerce_currency' ) ? (string) get_woocommerce_currency() : '';
	}
}
