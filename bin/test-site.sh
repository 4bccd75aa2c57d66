#!/usr/bin/env bash
# test-site.sh CONFIG [STAGE...]: one configuration of the test matrix, on its own fresh site.
#   CONFIG  no-woocommerce   SQLite, WooCommerce absent (Settings › Meum)
#           hpos-sqlite      SQLite, WooCommerce 10.2.4 with HPOS (the full E2E suite runs here)
#           posts-mariadb    MariaDB, WooCommerce with posts storage
#           hpos-mariadb     MariaDB, WooCommerce with HPOS
#   STAGE   site (a fresh site: sandbox, MariaDB when needed, `bin/wp-local.sh reset`; always first),
#           health (Site Health › Info within 10 s), php (PHPUnit), e2e (the configuration's
#           Playwright specs), clean (debug.log empty, no secret in any log); default: all of them.
# Examples: bash bin/test-site.sh hpos-sqlite php     bash bin/test-site.sh no-woocommerce e2e
#           E2E_SPECS=tests/e2e/lifecycle.spec.ts bash bin/test-site.sh hpos-sqlite e2e   (some specs only)
# Called by bin/test.sh once per configuration (it has installed what the tests need and built the
# settings app). Ports: TEST_WP_PORT (8882), TEST_SANDBOX_PORT (8892), TEST_MARIADB_PORT (3317).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

CONFIG=${1:?usage: bin/test-site.sh no-woocommerce|hpos-sqlite|posts-mariadb|hpos-mariadb [site|health|php|e2e|clean ...]}
shift
STAGES=("$@")
[ ${#STAGES[@]} -gt 0 ] || STAGES=(health php e2e clean)

case "$CONFIG" in
	no-woocommerce) DB=sqlite WOOCOMMERCE=0 STORAGE=hpos ;;
	hpos-sqlite) DB=sqlite WOOCOMMERCE=1 STORAGE=hpos ;;
	posts-mariadb) DB=mariadb WOOCOMMERCE=1 STORAGE=posts ;;
	hpos-mariadb) DB=mariadb WOOCOMMERCE=1 STORAGE=hpos ;;
	*) echo "unknown configuration '$CONFIG'" >&2; exit 2 ;;
esac

export TEST_CONFIG=$CONFIG
export TEST_WP_PORT=${TEST_WP_PORT:-8882} TEST_SANDBOX_PORT=${TEST_SANDBOX_PORT:-8892} TEST_MARIADB_PORT=${TEST_MARIADB_PORT:-3317}
export WP_LOCAL_DIR=$REPO/.wp-local/test-$CONFIG WP_PORT=$TEST_WP_PORT WP_URL=http://127.0.0.1:$TEST_WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:$TEST_SANDBOX_PORT MEUM_SANDBOX_URL=http://127.0.0.1:$TEST_SANDBOX_PORT
export WP_EXTRA_MU_PLUGINS="$REPO/tests/support/mu-plugins/meum-wc-test-support.php $REPO/tests/support/mu-plugins/meum-wc-checkout-switch.php $REPO/tests/support/mu-plugins/meum-wc-order-effects.php"
export WP_ACCESSIBLE_HOSTS=meum-sandbox.invalid
export ARTIFACTS_DIR=${ARTIFACTS_DIR:-$REPO/artifacts}
export WP_DB=$DB WP_WOOCOMMERCE=$WOOCOMMERCE WC_STORAGE=$STORAGE
unset WP_DB_HOST MARIADB_DIR
if [ "$DB" = mariadb ]; then
	source bin/lib/mariadb.sh
	export WP_DB_HOST=127.0.0.1:$TEST_MARIADB_PORT MARIADB_DIR=$REPO/.wp-local/mariadb
	# The concurrency tests (tests/php/Payments/Payment_Concurrency_Test.php) need at least 8 PHP workers.
	export WP_WORKERS=${WP_WORKERS:-8}
fi
mkdir -p "$ARTIFACTS_DIR"
DEBUG_LOG=$WP_LOCAL_DIR/wordpress/wp-content/debug.log

stop_site() {
	bin/wp-local.sh stop >/dev/null 2>&1 || true
	stop_sandbox "$TEST_SANDBOX_PORT"
	[ "$DB" != mariadb ] || stop_mariadb "$MARIADB_DIR"
}
trap stop_site EXIT

log "[$CONFIG] a fresh site: WordPress 6.8 on $DB$([ "$WOOCOMMERCE" = 1 ] && echo ", WooCommerce with $STORAGE storage" || echo ", no WooCommerce")"
start_sandbox "$TEST_SANDBOX_PORT" "$ARTIFACTS_DIR/sandbox-$CONFIG.log" 5000
if [ "$DB" = mariadb ]; then
	ensure_mariadb
	start_mariadb "$MARIADB_DIR" "$TEST_MARIADB_PORT"
fi
site_started=$SECONDS
bin/wp-local.sh reset
echo "[$CONFIG] site ready in $((SECONDS - site_started)) s"

for stage in "${STAGES[@]}"; do
	case "$stage" in
		site) ;;
		health)
			log "[$CONFIG] Tools › Site Health › Info answers within 10 s, debug.log stays empty"
			bash tests/release/site-health.sh
			;;
		php)
			log "[$CONFIG] PHPUnit inside WordPress"
			bash bin/test-php.sh
			;;
		e2e)
			if [ -n "${E2E_SPECS:-}" ]; then
				log "[$CONFIG] Playwright E2E in Chromium: $E2E_SPECS"
				# shellcheck disable=SC2086 # a list of spec files
				npm run --silent test:e2e -- $E2E_SPECS
			elif [ "$CONFIG" = hpos-sqlite ]; then
				log "[$CONFIG] Playwright E2E in Chromium: the full suite"
				npm run --silent test:e2e
			elif [ "$CONFIG" = no-woocommerce ]; then
				log "[$CONFIG] Playwright E2E in Chromium: Settings › Meum without WooCommerce (the connect spec)"
				npm run --silent test:e2e -- tests/e2e/connect.spec.ts
			fi
			;;
		clean)
			log "[$CONFIG] debug.log is empty; no secret in any log"
			if [ -s "$DEBUG_LOG" ]; then echo "debug.log of $CONFIG is not empty:" >&2; head -c 4000 "$DEBUG_LOG" >&2; exit 1; fi
			bin/wp-local.sh eval "require '$REPO/tests/support/secrets-in-logs.php';"
			;;
		*) echo "unknown stage '$stage'" >&2; exit 2 ;;
	esac
done
