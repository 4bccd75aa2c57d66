<?php
/**
 * Suggested privacy-policy text.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Offers text for the site's privacy policy (Settings › Privacy › Policy Guide) that says what the
 * plugin sends to Meum and when: the connection, and for each order paid with Meum the invoice
 * (order id, amount, currency, return URL, order number, site URL, never the buyer's personal
 * data), and that the buyer's browser goes to Meum's hosted checkout page.
 */
class Privacy_Policy {

	/** Meum's website. */
	public const MEUM_URL = 'https://meum.io';

	/** Meum's documentation. */
	public const DOCS_URL = 'https://docs.meum.io';

	/**
	 * Hooks the suggested text into wp-admin.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'admin_init', array( $this, 'add_policy_content' ) );
	}

	/**
	 * Registers the suggested text with `wp_add_privacy_policy_content()` (WordPress 4.9.6 and
	 * later).
	 *
	 * @return void
	 */
	public function add_policy_content(): void {
		if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return;
		}
		wp_add_privacy_policy_content( __( 'Meum for WooCommerce', 'meum-woocommerce' ), $this->content() );
	}

	/**
	 * The suggested text: a note for the site owner, then paragraphs meant for the policy.
	 *
	 * @return string HTML, already passed through wp_kses_post().
	 */
	public function content(): string {
		$meum_link = sprintf( '<a href="%1$s">%1$s</a>', esc_url( self::MEUM_URL ) );
		$docs_link = sprintf( '<a href="%1$s">%1$s</a>', esc_url( self::DOCS_URL ) );

		$paragraphs = array(
			'<p class="privacy-policy-tutorial">' . esc_html__( 'Meum for WooCommerce connects your store to Meum, a crypto payment service that invoices in USD, and takes payments with it: buyers who choose Meum pay on Meum\'s hosted checkout page. For each such order it sends Meum an invoice request without the buyer\'s name, e-mail or address. Review the text below and adapt it to how you use Meum.', 'meum-woocommerce' ) . '</p>',
			'<p><strong class="privacy-policy-tutorial">' . esc_html__( 'Suggested text:', 'meum-woocommerce' ) . ' </strong>' .
				sprintf(
					/* translators: %s: link to Meum's website. */
					esc_html__( 'This store is connected to Meum (%s), a crypto payment service. To set up and maintain that connection, our website sends the following information to Meum, from our server:', 'meum-woocommerce' ),
					$meum_link
				) . '</p>',
			'<ul>',
			'<li>' . esc_html__( 'When a store administrator connects the store: the address of our website, the address at which our website receives notifications from Meum, the versions of WordPress, WooCommerce (when it is active) and this plugin, and the connection key the administrator created in the Meum dashboard. Meum then issues a dedicated key for our website.', 'meum-woocommerce' ) . '</li>',
			'<li>' . esc_html__( 'When a store administrator refreshes the connection status, and automatically at most once a day: a status request authenticated with that dedicated key.', 'meum-woocommerce' ) . '</li>',
			'<li>' . esc_html__( 'When a store administrator disconnects the store, or removes the plugin: a disconnect request authenticated with that dedicated key.', 'meum-woocommerce' ) . '</li>',
			'<li>' . esc_html__( 'When you place an order and choose to pay with Meum: an invoice request with the order id, the amount, the currency, the address of the order confirmation page you return to, the order number, the address of our website and the version of this plugin. It contains no name, e-mail address, postal address or other personal data about you. We also ask Meum for the state of that invoice to update your order.', 'meum-woocommerce' ) . '</li>',
			'</ul>',
			'<p>' . esc_html__( 'To pay, your browser goes to Meum\'s hosted checkout page, where Meum\'s own terms and privacy policy apply, and then back to our website. What you enter there, such as the wallet you pay from, is collected by Meum, not by us.', 'meum-woocommerce' ) . '</p>',
			'<p>' . esc_html__( 'Each of these requests also tells Meum the versions of this plugin, WordPress and WooCommerce, and, like any request over the internet, our server\'s IP address. Apart from the order facts above, no information about visitors or customers of this website is sent to Meum from our server.', 'meum-woocommerce' ) . '</p>',
			'<p>' . sprintf(
				/* translators: %s: link to Meum's documentation. */
				esc_html__( 'Meum\'s documentation is at %s.', 'meum-woocommerce' ),
				$docs_link
			) . '</p>',
		);

		return wp_kses_post( implode( "\n", $paragraphs ) );
	}
}
