<?php
/**
 * Admin notice about a changed site address.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Admin;

use Meum\WooCommerce\Connection\Address_Change;
use Meum\WooCommerce\Connection\Connection_Store;
use Meum\WooCommerce\Connection\Site_Identity;
use Meum\WooCommerce\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Tells the people who can manage the plugin, on every admin screen but the plugin's own (which
 * shows the choice itself), that the site's address changed since it was connected to Meum and
 * that a choice is needed. Dismissible per user and per address change: a later, different change
 * shows it again.
 */
class Site_Change_Notice {

	/** The admin-post action that dismisses the notice. */
	public const DISMISS_ACTION = 'meum_wc_dismiss_site_change';

	/** User meta holding the dismissed change's fingerprint. */
	public const USER_META = 'meum_wc_site_change_dismissed';

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * Address-change detection.
	 *
	 * @var Site_Identity
	 */
	private Site_Identity $site;

	/**
	 * Stored connection (its public facts only).
	 *
	 * @var Connection_Store
	 */
	private Connection_Store $store;

	/**
	 * Creates the notice.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Site_Identity    $site        Address-change detection.
	 * @param Connection_Store $store       Stored connection (its public facts only).
	 */
	public function __construct( Environment $environment, Site_Identity $site, Connection_Store $store ) {
		$this->environment = $environment;
		$this->site        = $site;
		$this->store       = $store;
	}

	/**
	 * Hooks the notice and its dismiss action.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		add_action( 'admin_notices', array( $this, 'render' ) );
		add_action( 'admin_post_' . self::DISMISS_ACTION, array( $this, 'dismiss' ) );
	}

	/**
	 * Prints the notice when it applies to the current user and screen.
	 *
	 * @return void
	 */
	public function render(): void {
		if ( ! current_user_can( $this->environment->management_capability() ) ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only decides where the notice shows.
		if ( isset( $_GET['page'] ) && Settings_Page::SLUG === sanitize_key( wp_unslash( $_GET['page'] ) ) ) {
			return;
		}
		$change = $this->current_change();
		if ( null === $change || get_user_meta( get_current_user_id(), self::USER_META, true ) === $this->fingerprint( $change ) ) {
			return;
		}
		$settings_url = admin_url( 'admin.php?page=' . Settings_Page::SLUG );
		$dismiss_url  = wp_nonce_url( admin_url( 'admin-post.php?action=' . self::DISMISS_ACTION ), self::DISMISS_ACTION );
		?>
		<div class="notice notice-warning">
			<p>
				<?php if ( Address_Change::CHANGE_WEBHOOK === $change['kind'] ) : ?>
					<strong><?php esc_html_e( 'Meum: this site\'s webhook address changed since it was connected.', 'meum-woocommerce' ); ?></strong>
					<?php
					printf(
						/* translators: 1: webhook address registered with Meum, 2: current webhook address. */
						esc_html__( 'Meum delivers to %1$s, the site now answers at %2$s (for example after a permalink change). Reconnect to register the new address; until then the plugin does not use the stored Meum key.', 'meum-woocommerce' ),
						'<code>' . esc_html( $change['connected_webhook_url'] ) . '</code>',
						'<code>' . esc_html( $change['current_webhook_url'] ) . '</code>'
					);
					?>
				<?php else : ?>
					<strong><?php esc_html_e( 'Meum: this site\'s address changed since it was connected.', 'meum-woocommerce' ); ?></strong>
					<?php
					printf(
						/* translators: 1: address registered with Meum, 2: current address. */
						esc_html__( 'Connected as %1$s, now %2$s. Until you choose whether this is a new site (such as a staging copy) or the same site at a new address, the plugin does not use the stored Meum key.', 'meum-woocommerce' ),
						'<code>' . esc_html( $change['connected_site_url'] ) . '</code>',
						'<code>' . esc_html( $change['current_site_url'] ) . '</code>'
					);
					?>
				<?php endif; ?>
			</p>
			<p>
				<a class="button button-primary" href="<?php echo esc_url( $settings_url ); ?>"><?php Address_Change::CHANGE_WEBHOOK === $change['kind'] ? esc_html_e( 'Reconnect in Meum settings', 'meum-woocommerce' ) : esc_html_e( 'Choose in Meum settings', 'meum-woocommerce' ); ?></a>
				<a class="button" href="<?php echo esc_url( $dismiss_url ); ?>"><?php esc_html_e( 'Dismiss', 'meum-woocommerce' ); ?></a>
			</p>
		</div>
		<?php
	}

	/**
	 * Handles the dismiss link: remembers the current change for this user and goes back.
	 *
	 * @return void
	 */
	public function dismiss(): void {
		check_admin_referer( self::DISMISS_ACTION );
		if ( ! current_user_can( $this->environment->management_capability() ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'meum-woocommerce' ), '', array( 'response' => 403 ) );
		}
		$change = $this->current_change();
		if ( null !== $change ) {
			update_user_meta( get_current_user_id(), self::USER_META, $this->fingerprint( $change ) );
		}
		wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url() );
		exit;
	}

	/**
	 * The current address change, read from the public facts only (no secret is touched).
	 *
	 * @return array<string, string>|null See {@see Site_Identity::change()}.
	 */
	private function current_change(): ?array {
		$facts = $this->store->facts();
		return null !== $facts ? $this->site->change( $facts ) : null;
	}

	/**
	 * Identifies one address change.
	 *
	 * @param array<string, string> $change The change.
	 * @return string Hash of the connected and current URLs.
	 */
	private function fingerprint( array $change ): string {
		unset( $change['kind'] ); // Derived from the URLs; kept out so earlier dismissals still match.
		return md5( (string) wp_json_encode( $change ) );
	}
}
