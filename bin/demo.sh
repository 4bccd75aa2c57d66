#!/usr/bin/env bash
# `npm start`: the demo. Builds the plugin, starts the Meum sandbox and a local WordPress 6.8 with
# the plugin active and pointed at the sandbox, prints where to go, and runs until Ctrl-C.
# The plugin in that WordPress is a copy of the release tree (bin/release-tree.sh: the zip's files),
# made again at every start, with no link to the repository.
# `npm run dev` (bin/demo.sh --link): the same demo for development, with the repository linked as the
# plugin folder (PHP edits show at the next request) and the settings app rebuilt on every change
# (wp-scripts start). Tools › Site Health › Info then walks node_modules and fails after PHP's 30 s
# limit: use `npm start` to see a site as a store owner has it.
# The site is a store: WooCommerce 10.2.4 (bin/third-party.sh finds and verifies it: WOOCOMMERCE_ZIP, the
# project's fixture, the cache, or a download from WordPress.org), HPOS, a sample product, block checkout.
# With WooCommerce, every start connects the store to the sandbox with `sk_live_sandbox_ready` (a Meum
# store with a payout wallet: the sandbox starts empty, so a connection of an earlier run would be
# unknown to it) and enables the Meum payment method the first time, so the checkout offers Meum.
# Env: DEMO_WP_PORT (8881), DEMO_SANDBOX_PORT (8891; its hosted checkout page on the next port),
#      DEMO_WOOCOMMERCE (1; 0 starts it without WooCommerce),
#      DEMO_CONNECT (1; 0 leaves the stored connection as it is, to try the other keys by hand).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

WP_PORT=${DEMO_WP_PORT:-8881}
SANDBOX_PORT=${DEMO_SANDBOX_PORT:-8891}
export WP_PORT WP_LOCAL_DIR=$REPO/.wp-local/demo WP_URL=http://127.0.0.1:$WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:$SANDBOX_PORT
unset WP_EXTRA_MU_PLUGINS WP_ACCESSIBLE_HOSTS
MODE=release
case "${1:-}" in
	'') ;;
	--link) MODE=link ;;
	*) echo "usage: $0 [--link]" >&2; exit 2 ;;
esac
export WP_PLUGIN_MODE=$MODE
export WP_WOOCOMMERCE=${DEMO_WOOCOMMERCE:-1} WC_STORAGE=hpos
case "$WP_WOOCOMMERCE" in 0 | 1) ;; *) echo "DEMO_WOOCOMMERCE must be 0 or 1, not '$WP_WOOCOMMERCE'" >&2; exit 2 ;; esac
DEMO_CONNECT=${DEMO_CONNECT:-1}
case "$DEMO_CONNECT" in 0 | 1) ;; *) echo "DEMO_CONNECT must be 0 or 1, not '$DEMO_CONNECT'" >&2; exit 2 ;; esac
[ "$WP_WOOCOMMERCE" = 1 ] || DEMO_CONNECT=0

log "installing what the demo needs"
ensure_debian_packages "${DEBIAN_PACKAGES_WORDPRESS[@]}" "${DEBIAN_PACKAGES_PHP_TOOLS[@]}"
ensure_node_modules
ensure_autoloader
ensure_build

WATCH_PID=
stop_all() {
	bin/wp-local.sh stop >/dev/null 2>&1 || true
	stop_sandbox "$SANDBOX_PORT"
	if [ -n "$WATCH_PID" ]; then kill -- -"$WATCH_PID" 2>/dev/null || true; fi
}
trap stop_all EXIT
trap 'exit 0' INT TERM

log "starting the Meum sandbox and WordPress ($([ "$MODE" = link ] && echo "the repository linked as the plugin" || echo "the plugin's release tree installed"))"
start_sandbox "$SANDBOX_PORT" "$REPO/.wp-local/sandbox-demo.log"
# A tree built in the other mode, or with(out) WooCommerce otherwise, is rebuilt (the site, not the cache).
plugins=$WP_LOCAL_DIR/wordpress/wp-content/plugins
plugin_dir=$plugins/meum-woocommerce
has_woocommerce=0
[ ! -f "$plugins/woocommerce/woocommerce.php" ] || has_woocommerce=1
if { [ "$MODE" = link ] && [ -e "$plugin_dir" ] && [ ! -L "$plugin_dir" ]; } || { [ "$MODE" = release ] && [ -L "$plugin_dir" ]; } \
	|| { [ -d "$plugins" ] && [ "$has_woocommerce" != "$WP_WOOCOMMERCE" ]; }; then
	bin/wp-local.sh reset
else
	bin/wp-local.sh start
fi
CONNECTED=
if [ "$DEMO_CONNECT" = 1 ]; then
	log "connecting the store to the Meum sandbox with sk_live_sandbox_ready; the Meum payment method enabled at checkout"
	# Through the plugin's own REST route, as the settings page's Connect button does. The method is
	# enabled only while its settings are the plugin's untouched default (activation stores
	# { enabled: no }; saving WooCommerce › Payments › Meum also stores the title and description),
	# so a choice made there stays.
	CONNECTED=$(bin/wp-local.sh eval '
		wp_set_current_user( 1 );
		$request = new WP_REST_Request( "POST", "/meum/v1/connection" );
		$request->set_param( "connection_key", "sk_live_sandbox_ready" );
		$response = rest_do_request( $request );
		if ( in_array( get_option( "woocommerce_meum_settings" ), array( false, array( "enabled" => "no" ) ), true ) ) {
			WC()->payment_gateways()->payment_gateways()["meum"]->update_option( "enabled", "yes" );
		}
		$data = $response->get_data();
		echo $response->is_error() ? "not connected (" . $response->get_status() . "): " . wp_json_encode( $data ) : "connected to " . ( $data["store_name"] ?? "the sandbox store" );
	') || CONNECTED="not connected: the connect request failed"
	echo "$CONNECTED"
fi
BUY_TEXT=
if [ "$DEMO_CONNECT" = 1 ]; then
	BUY_TEXT="  Meum: $CONNECTED, with sk_live_sandbox_ready (a payout wallet).
  Buy:  add the sample product to the cart, check out with \"Pay with crypto (Meum)\",
        press Pay on the sandbox's checkout page: you come back to a paid order (Processing),
        shown in WooCommerce › Orders with its \"Meum payment\" box.
  To try the other keys, click Disconnect first (or start with DEMO_CONNECT=0).

"
fi
if [ "$MODE" = link ]; then
	log "rebuilding the settings app on every change (log: .wp-local/build-watch.log)"
	( exec setsid npm run --silent build:watch ) > "$REPO/.wp-local/build-watch.log" 2>&1 < /dev/null &
	WATCH_PID=$!
fi

cat <<EOF

  Meum for WooCommerce demo is running$([ "$WP_WOOCOMMERCE" = 1 ] && echo " in a WooCommerce store" || echo ", without WooCommerce").

  Settings: $WP_URL/wp-admin/admin.php?page=meum-woocommerce$([ "$WP_WOOCOMMERCE" = 1 ] && printf '\n  Shop:     %s/shop/   (the sample product: %s/product/meum-sample-product/)' "$WP_URL" "$WP_URL")
  Log in:   admin / password

${BUY_TEXT}  Paste one of these Meum sandbox connection keys and click Connect:
    sk_live_sandbox_ready          connects a store with a payout wallet: the checkout offers Meum
    sk_live_sandbox_nopayout       connects; the store has no payout wallet yet (warning shown), so
                                   the checkout does not offer Meum (Meum would refuse the invoices)
                                   (a different store: after ready it is refused as SITE_ALREADY_CONNECTED)
    sk_live_sandbox_invalid        Meum rejects the key (401)
    sk_live_sandbox_scope          the key lacks the connect scope (403, nested error shape)
    sk_live_sandbox_taken          the site is connected to another store (409)
    sk_live_sandbox_unprocessable  validation error with field details (422)
    sk_live_sandbox_ratelimited    too many requests (429)
    sk_live_sandbox_error500       Meum fails with an HTML page (500)
    sk_live_sandbox_proxy          a proxy answers with HTML instead of JSON
    sk_live_sandbox_malformed      Meum answers 200 without credentials
    sk_live_sandbox_slow           Meum answers after 20 s, past the plugin's 15 s timeout
  Connecting the same key again re-issues the credentials (rotation notice).

  Meum sandbox: $MEUM_API_BASE_URL   (request log: $MEUM_API_BASE_URL/__sandbox/requests,
  invoices: $MEUM_API_BASE_URL/__sandbox/invoices; its hosted checkout: http://127.0.0.1:$((SANDBOX_PORT + 1));
  the README's "Sandbox controls" show reconnect-required, real deliveries and Meum being down)
  Plugin: $([ "$MODE" = link ] && echo "the repository, linked (npm run dev)" || echo "a copy of the release tree; restart to pick up changes (npm run dev links the repository)")
  Press Ctrl-C to stop.
EOF
while true; do sleep 3600 & wait $!; done
