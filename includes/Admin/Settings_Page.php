<?php
/**
 * The Meum settings screen in wp-admin.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Admin;

use Meum\WooCommerce\Connection\Connection_State;
use Meum\WooCommerce\Environment;
use Meum\WooCommerce\Payments\Payments_Summary;
use Meum\WooCommerce\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the settings screen (`admin.php?page=meum-woocommerce`) under WooCommerce when it is
 * active, under Settings otherwise, and loads the React app built into `build/settings.js` on that
 * screen only. The connection state is printed into the page, so the first paint needs no REST
 * request.
 */
class Settings_Page {

	/** The page slug, also its `page` query argument. */
	public const SLUG = 'meum-woocommerce';

	/** Script and style handle. */
	public const HANDLE = 'meum-wc-settings';

	/** Id of the element the app mounts into. */
	public const ROOT_ID = 'meum-wc-settings-root';

	/**
	 * User meta: the time (Unix seconds) of the credential re-issue whose notice the user dismissed.
	 * Written by the app through `POST /wp/v2/users/me` (core's nonce and user checks, plus
	 * `can_dismiss()`), so the notice does not return on the next visit.
	 */
	public const DISMISSED_ROTATION_META = 'meum_wc_dismissed_rotation';

	/** Where merchants read how to get a connection key. */
	public const KEY_HELP_URL = 'https://docs.meum.io/api-reference/integrations/connect-woocommerce';

	/**
	 * Site facts.
	 *
	 * @var Environment
	 */
	private Environment $environment;

	/**
	 * The browser-safe state.
	 *
	 * @var Connection_State
	 */
	private Connection_State $state;

	/**
	 * Absolute path of the plugin's main file.
	 *
	 * @var string
	 */
	private string $plugin_file;

	/**
	 * The payments part of the summary (null: no payments slot, as before WooCommerce's gateway).
	 *
	 * @var Payments_Summary|null
	 */
	private ?Payments_Summary $payments;

	/**
	 * The hook suffix WordPress gave the page, empty until the menu is built.
	 *
	 * @var string
	 */
	private string $hook_suffix = '';

	/**
	 * Creates the page.
	 *
	 * @param Environment      $environment Site facts.
	 * @param Connection_State $state       The browser-safe state.
	 * @param string           $plugin_file Absolute path of the plugin's main file.
	 * @param Payments_Summary $payments    The payments part of the summary, or null.
	 */
	public function __construct( Environment $environment, Connection_State $state, string $plugin_file, ?Payments_Summary $payments = null ) {
		$this->environment = $environment;
		$this->state       = $state;
		$this->plugin_file = $plugin_file;
		$this->payments    = $payments;
	}

	/**
	 * Hooks the menu entry and the script loading into WordPress.
	 *
	 * @return void
	 */
	public function register_hooks(): void {
		// After WooCommerce (priority 10) has added its own menu, so the parent exists.
		add_action( 'admin_menu', array( $this, 'add_menu_page' ), 60 );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_assets' ) );
		add_action( 'init', array( $this, 'register_user_meta' ) );
	}

	/**
	 * Registers the dismissal user meta for the REST users endpoint (`meta` of `/wp/v2/users/me`).
	 *
	 * @return void
	 */
	public function register_user_meta(): void {
		register_meta(
			'user',
			self::DISMISSED_ROTATION_META,
			array(
				'type'              => 'integer',
				'description'       => __( 'When the Meum credentials were re-issued (Unix time), for the notice the user dismissed.', 'meum-woocommerce' ),
				'single'            => true,
				'default'           => 0,
				'show_in_rest'      => true,
				'sanitize_callback' => 'absint',
				'auth_callback'     => array( $this, 'can_dismiss' ),
			)
		);
	}

	/**
	 * Who may write the dismissal: a user who may manage the connection, for their own account.
	 *
	 * @param bool   $allowed  Whether the meta may be written (core's default, ignored).
	 * @param string $meta_key The meta key.
	 * @param int    $user_id  The user whose meta is written.
	 * @return bool True for the current user with the management capability.
	 */
	public function can_dismiss( $allowed, $meta_key, $user_id ): bool {
		unset( $allowed, $meta_key );
		return get_current_user_id() === (int) $user_id && current_user_can( $this->environment->management_capability() );
	}

	/**
	 * Adds the page under WooCommerce, or under Settings when WooCommerce is inactive.
	 *
	 * @return void
	 */
	public function add_menu_page(): void {
		$title  = __( 'Meum', 'meum-woocommerce' );
		$parent = $this->environment->is_woocommerce_active() ? 'woocommerce' : 'options-general.php';
		$hook   = add_submenu_page(
			$parent,
			__( 'Meum for WooCommerce', 'meum-woocommerce' ),
			$title,
			$this->environment->management_capability(),
			self::SLUG,
			array( $this, 'render' )
		);

		$this->hook_suffix = is_string( $hook ) ? $hook : '';
	}

	/**
	 * Prints the page shell the app mounts into.
	 *
	 * @return void
	 */
	public function render(): void {
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Meum for WooCommerce', 'meum-woocommerce' ); ?></h1>
			<?php if ( ! $this->asset() ) : ?>
				<div class="notice notice-error"><p><?php esc_html_e( 'The settings screen is not built. Reinstall the plugin from its release zip, or run "npm run build" in a development copy.', 'meum-woocommerce' ); ?></p></div>
			<?php endif; ?>
			<div id="<?php echo esc_attr( self::ROOT_ID ); ?>"></div>
			<noscript><p><?php esc_html_e( 'The Meum settings need JavaScript.', 'meum-woocommerce' ); ?></p></noscript>
		</div>
		<?php
	}

	/**
	 * Loads the app, its styles, translations and preloaded state on this page only.
	 *
	 * @param string $hook_suffix The current admin page's hook suffix.
	 * @return void
	 */
	public function enqueue_assets( string $hook_suffix ): void {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		$asset = $this->asset();
		if ( ! $asset ) {
			return;
		}

		wp_enqueue_script( self::HANDLE, plugins_url( 'build/settings.js', $this->plugin_file ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'meum-woocommerce', plugin_dir_path( $this->plugin_file ) . 'languages' );
		wp_add_inline_script( self::HANDLE, 'window.meumWcSettings = ' . $this->settings_json() . ';', 'before' );

		$style_deps = array( 'wp-components' );
		if ( is_readable( plugin_dir_path( $this->plugin_file ) . 'build/settings.css' ) ) {
			wp_enqueue_style( self::HANDLE, plugins_url( 'build/settings.css', $this->plugin_file ), $style_deps, $asset['version'] );
		} else {
			wp_enqueue_style( 'wp-components' );
		}
	}

	/**
	 * The data printed into the page for the app.
	 *
	 * The `payments` slot is the payment gateway's state (enabled, available, why not, and the
	 * flagged payments), see {@see Payments_Summary::get()}; null without WooCommerce.
	 *
	 * @return array{initialState: array<string, mixed>, routes: array<string, string>, keyHelpUrl: string, payments: array<string, mixed>|null, dismissedRotation: int|null}
	 */
	public function settings_data(): array {
		$dismissed = absint( get_user_meta( get_current_user_id(), self::DISMISSED_ROTATION_META, true ) );
		return array(
			'initialState'      => $this->state->get(),
			'routes'            => Routes::for_app(),
			'keyHelpUrl'        => self::KEY_HELP_URL,
			'payments'          => null !== $this->payments ? $this->payments->get() : null,
			'dismissedRotation' => 0 !== $dismissed ? $dismissed : null,
		);
	}

	/**
	 * The settings data as JSON that is safe inside a `<script>` element.
	 *
	 * @return string JSON with `<`, `>`, `&` and quotes escaped.
	 */
	private function settings_json(): string {
		return (string) wp_json_encode( $this->settings_data(), JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT );
	}

	/**
	 * The build's generated asset file.
	 *
	 * @return array{dependencies: array<non-empty-string>, version: string}|null Null when the app is not built.
	 */
	private function asset(): ?array {
		$file = plugin_dir_path( $this->plugin_file ) . 'build/settings.asset.php';
		if ( ! is_readable( $file ) ) {
			return null;
		}
		$asset = require $file;
		if ( ! is_array( $asset ) || ! isset( $asset['dependencies'], $asset['version'] ) ) {
			return null;
		}
		return $asset;
	}
}
