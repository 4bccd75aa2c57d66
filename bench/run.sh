#!/usr/bin/env bash
# `npm run bench`: measures the issue's figures from outside the plugin and prints them.
#   - gzip size of the settings bundle (our code only; @wordpress/* are externals)
#   - REST calls the settings page makes before first paint (browser request log)
#   - outbound HTTP requests and extra DB queries the plugin adds to a front-end page view
#   - outbound requests per Connect click (the Meum sandbox's request log)
#   - webhook acknowledgement time as a ratio to an empty REST route, and deliveries per second at
#     concurrency 8, on MariaDB and (for information) SQLite
#   - payments (bench/payments.ts, MariaDB): Store API checkout Meum vs Check payments, invoice.paid
#     acknowledgement for real orders, orders paid per second, checkout client code size, and what the
#     plugin adds to the shop and product pages
#   - reconciliation (bench/reconciliation.ts, MariaDB): Meum requests, DB queries, peak memory and
#     time of the checks at 100 and 1,000 open invoices; time to Processing with every webhook
#     dropped (compressed schedule, real-time equivalent); fault counts → orders wrong, double
#     payment_complete
# Starts its own Meum sandbox, WordPress (with WooCommerce) and MariaDB on ports 8897 / 8883 / 3318,
# so it can run beside the demo.
set -euo pipefail
source "$(dirname "$0")/../bin/lib/common.sh"
cd "$REPO"

export WP_LOCAL_DIR=$REPO/.wp-local/bench WP_PORT=${BENCH_WP_PORT:-8883}
export WP_URL=http://127.0.0.1:$WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:${BENCH_SANDBOX_PORT:-8897} MEUM_SANDBOX_URL=http://127.0.0.1:${BENCH_SANDBOX_PORT:-8897}
export WP_EXTRA_MU_PLUGINS="$REPO/bench/mu-plugins/meum-wc-bench-query-count.php $REPO/bench/mu-plugins/meum-wc-bench-empty-route.php $REPO/bench/mu-plugins/meum-wc-bench-no-emails.php"
unset WP_ACCESSIBLE_HOSTS
# The store the figures describe: the genuine WooCommerce (bin/third-party.sh), HPOS; BENCH_WOOCOMMERCE=0 without it.
export WP_WOOCOMMERCE=${BENCH_WOOCOMMERCE:-1} WC_STORAGE=hpos

ensure_debian_packages "${DEBIAN_PACKAGES_WORDPRESS[@]}" "${DEBIAN_PACKAGES_PHP_TOOLS[@]}" chromium
ensure_node_modules
ensure_autoloader
ensure_build

cleanup() { bin/wp-local.sh stop >/dev/null 2>&1 || true; stop_sandbox "${BENCH_SANDBOX_PORT:-8897}"; }
trap cleanup EXIT
mkdir -p "$REPO/artifacts"
start_sandbox "${BENCH_SANDBOX_PORT:-8897}" "$REPO/artifacts/sandbox-bench.log" >/dev/null
bin/wp-local.sh reset >/dev/null

node --import tsx bench/measure.ts

connect_site() { # a fresh sandbox (measure.ts connected another store), then the bench site connects to the store with a payout wallet as the administrator
	curl -fsS -X POST "$MEUM_SANDBOX_URL/__sandbox/reset" >/dev/null
	bin/wp-local.sh eval '( new Meum\WooCommerce\Connection\Connection_Store( new Meum\WooCommerce\Security\Encryption( new Meum\WooCommerce\Security\Key_Material() ) ) )->forget(); wp_set_current_user( 1 ); $r = new WP_REST_Request( "POST", "/meum/v1/connection" ); $r->set_param( "connection_key", "sk_live_sandbox_ready" ); $a = rest_do_request( $r ); if ( 200 !== $a->get_status() ) { echo "connect failed: ", wp_json_encode( $a->get_data() ), "\n"; exit( 1 ); }'
}
connect_site
node --import tsx bench/webhooks.ts "SQLite (for information)"

source bin/lib/mariadb.sh
export WP_DB=mariadb WP_DB_HOST=127.0.0.1:3318 MARIADB_DIR=$REPO/.wp-local/bench-mariadb
bin/wp-local.sh stop >/dev/null
export WP_LOCAL_DIR=$REPO/.wp-local/bench-mariadb-wp
ensure_mariadb
start_mariadb "$MARIADB_DIR" 3318
trap 'cleanup; stop_mariadb "$MARIADB_DIR"' EXIT
bin/wp-local.sh reset >/dev/null
connect_site
node --import tsx bench/webhooks.ts "MariaDB"
node --import tsx bench/payments.ts "MariaDB"
# Reconciliation (bench/reconciliation.ts): double payment_complete is counted in the database by the
# test suite's effects mu-plugin, linked for this script only (the figures above run without it).
EFFECTS_MU=$WP_LOCAL_DIR/wordpress/wp-content/mu-plugins/meum-wc-order-effects.php
ln -sfn "$REPO/tests/support/mu-plugins/meum-wc-order-effects.php" "$EFFECTS_MU"
node --import tsx bench/reconciliation.ts "MariaDB"
rm -f "$EFFECTS_MU"
