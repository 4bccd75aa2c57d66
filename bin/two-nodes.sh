#!/usr/bin/env bash
# two-nodes.sh: the topology busy stores run, and its test (tests/nodes/nodes.ts): ONE MariaDB, ONE
# WordPress install (WooCommerce, HPOS) with Redis as the persistent object cache (the Redis Object
# Cache plugin and its drop-in, bin/wp-local.sh WP_REDIS_PORT), served by TWO PHP web servers
# (`php -S` with bin/wp-local/router.php, WP_WORKERS workers each), and the Meum sandbox.
# The site's address is node A's; node B serves the same site (same tree, same wp-config, WP_URL =
# node A's address), so a request to B is answered by B with A's links. Each node's responses carry
# `X-Meum-Node: a|b` (tests/nodes/mu-plugins/meum-wc-node.php, name from MEUM_WC_TEST_NODE).
# Usage:  bash bin/two-nodes.sh          a fresh site, the test, then everything stopped
#         bash bin/two-nodes.sh start    a fresh site left running (stop it with: bash bin/two-nodes.sh stop)
# Ports:  TEST_WP_PORT (node A, 8882), TEST_NODE_B_PORT (8885), TEST_SANDBOX_PORT (8895, and +1 for
#         its hosted checkout), TEST_MARIADB_PORT (3317), TEST_REDIS_PORT (6380).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$REPO/bin/lib/mariadb.sh"
source "$REPO/bin/lib/redis.sh"
cd "$REPO"

export TEST_WP_PORT=${TEST_WP_PORT:-8882} TEST_NODE_B_PORT=${TEST_NODE_B_PORT:-8885} TEST_SANDBOX_PORT=${TEST_SANDBOX_PORT:-8895}
export TEST_MARIADB_PORT=${TEST_MARIADB_PORT:-3317} TEST_REDIS_PORT=${TEST_REDIS_PORT:-6380}
export TEST_CONFIG=two-nodes
export WP_LOCAL_DIR=$REPO/.wp-local/test-two-nodes WP_URL=http://127.0.0.1:$TEST_WP_PORT
export NODE_A_URL=http://127.0.0.1:$TEST_WP_PORT NODE_B_URL=http://127.0.0.1:$TEST_NODE_B_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:$TEST_SANDBOX_PORT MEUM_SANDBOX_URL=http://127.0.0.1:$TEST_SANDBOX_PORT
export WP_EXTRA_MU_PLUGINS="$REPO/tests/support/mu-plugins/meum-wc-test-support.php $REPO/tests/support/mu-plugins/meum-wc-order-effects.php $REPO/tests/nodes/mu-plugins/meum-wc-node.php"
export WP_DB=mariadb WP_DB_HOST=127.0.0.1:$TEST_MARIADB_PORT MARIADB_DIR=$REPO/.wp-local/mariadb-nodes
export WP_WOOCOMMERCE=1 WC_STORAGE=hpos WP_REDIS_PORT=$TEST_REDIS_PORT WP_WORKERS=${WP_WORKERS:-4}
export ARTIFACTS_DIR=${ARTIFACTS_DIR:-$REPO/artifacts}
REDIS_DIR=$REPO/.wp-local/redis-nodes
unset WP_ACCESSIBLE_HOSTS
mkdir -p "$ARTIFACTS_DIR"

stop_nodes() {
	WP_PORT=$TEST_NODE_B_PORT bin/wp-local.sh stop >/dev/null 2>&1 || true
	WP_PORT=$TEST_WP_PORT bin/wp-local.sh stop >/dev/null 2>&1 || true
	stop_sandbox "$TEST_SANDBOX_PORT"
	stop_mariadb "$MARIADB_DIR"
	stop_redis "$REDIS_DIR"
}

start_nodes() {
	log "[two-nodes] one MariaDB, Redis, one WordPress served by node A ($NODE_A_URL) and node B ($NODE_B_URL)"
	ensure_mariadb
	ensure_redis
	start_sandbox "$TEST_SANDBOX_PORT" "$ARTIFACTS_DIR/sandbox-two-nodes.log" 5000
	start_mariadb "$MARIADB_DIR" "$TEST_MARIADB_PORT"
	start_redis "$REDIS_DIR" "$TEST_REDIS_PORT"
	local started=$SECONDS
	MEUM_WC_TEST_NODE=a WP_PORT=$TEST_WP_PORT bin/wp-local.sh reset
	echo "[two-nodes] node A ready in $((SECONDS - started)) s"
	started=$SECONDS
	MEUM_WC_TEST_NODE=b WP_PORT=$TEST_NODE_B_PORT bin/wp-local.sh serve
	echo "[two-nodes] node B ready in $((SECONDS - started)) s"
}

case "${1:-test}" in
	start) start_nodes ;;
	stop) stop_nodes ;;
	test)
		trap stop_nodes EXIT
		start_nodes
		log "[two-nodes] tests/nodes/nodes.ts"
		node --import tsx tests/nodes/nodes.ts
		DEBUG_LOG=$WP_LOCAL_DIR/wordpress/wp-content/debug.log
		if [ -s "$DEBUG_LOG" ]; then echo "debug.log of the two-node site is not empty:" >&2; head -c 4000 "$DEBUG_LOG" >&2; exit 1; fi
		;;
	*) echo "usage: $0 [test|start|stop]" >&2; exit 2 ;;
esac
