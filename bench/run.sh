#!/usr/bin/env bash
# `npm run bench`: measures the issue's figures from outside the plugin and prints them.
#   - gzip size of the settings bundle (our code only; @wordpress/* are externals)
#   - REST calls the settings page makes before first paint (browser request log)
#   - outbound HTTP requests and extra DB queries the plugin adds to a front-end page view
#   - outbound requests per Connect click (the Meum sandbox's request log)
# Starts its own Meum sandbox and WordPress on ports 8893 / 8883, so it can run beside the demo.
set -euo pipefail
source "$(dirname "$0")/../bin/lib/common.sh"
cd "$REPO"

export WP_LOCAL_DIR=$REPO/.wp-local/bench WP_PORT=${BENCH_WP_PORT:-8883}
export WP_URL=http://127.0.0.1:$WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:${BENCH_SANDBOX_PORT:-8893} MEUM_SANDBOX_URL=http://127.0.0.1:${BENCH_SANDBOX_PORT:-8893}
export WP_EXTRA_MU_PLUGINS=$REPO/bench/mu-plugins/meum-wc-bench-query-count.php
unset WP_ACCESSIBLE_HOSTS

ensure_debian_packages php-cli php-sqlite3 php-curl php-xml php-mbstring php-zip php-intl php-gd php-mysql unzip curl chromium
ensure_node_modules
ensure_autoloader
ensure_build

cleanup() { bin/wp-local.sh stop >/dev/null 2>&1 || true; stop_sandbox "${BENCH_SANDBOX_PORT:-8893}"; }
trap cleanup EXIT
mkdir -p "$REPO/artifacts"
start_sandbox "${BENCH_SANDBOX_PORT:-8893}" "$REPO/artifacts/sandbox-bench.log" >/dev/null
bin/wp-local.sh reset >/dev/null

node --import tsx bench/measure.ts
