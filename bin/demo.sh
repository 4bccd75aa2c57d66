#!/usr/bin/env bash
# `npm start`: the demo. Builds the plugin, starts the Meum sandbox and a local WordPress 6.8 with
# the plugin active and pointed at the sandbox, prints where to go, and runs until Ctrl-C.
# Env: DEMO_WP_PORT (8881), DEMO_SANDBOX_PORT (8891).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

WP_PORT=${DEMO_WP_PORT:-8881}
SANDBOX_PORT=${DEMO_SANDBOX_PORT:-8891}
export WP_PORT WP_LOCAL_DIR=$REPO/.wp-local/demo WP_URL=http://127.0.0.1:$WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:$SANDBOX_PORT
unset WP_EXTRA_MU_PLUGINS WP_ACCESSIBLE_HOSTS

log "installing what the demo needs"
ensure_debian_packages php-cli php-sqlite3 php-curl php-xml php-mbstring php-zip php-intl php-gd php-mysql composer unzip curl
ensure_node_modules
ensure_autoloader
ensure_build

stop_all() { bin/wp-local.sh stop >/dev/null 2>&1 || true; stop_sandbox "$SANDBOX_PORT"; }
trap stop_all EXIT
trap 'exit 0' INT TERM

log "starting the Meum sandbox and WordPress"
start_sandbox "$SANDBOX_PORT" "$REPO/.wp-local/sandbox-demo.log"
bin/wp-local.sh start

cat <<EOF

  Meum for WooCommerce demo is running.

  Open:   $WP_URL/wp-admin/admin.php?page=meum-woocommerce
  Log in: admin / password

  Paste one of these Meum sandbox connection keys and click Connect:
    sk_live_sandbox_nopayout       connects; the store has no payout wallet yet (warning shown)
    sk_live_sandbox_ready          connects a store with a payout wallet (a different store:
                                   after nopayout it is refused as SITE_ALREADY_CONNECTED)
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

  Meum sandbox: $MEUM_API_BASE_URL   (request log: $MEUM_API_BASE_URL/__sandbox/requests)
  Press Ctrl-C to stop.
EOF
while true; do sleep 3600 & wait $!; done
