#!/usr/bin/env bash
# The E2E smoke subset (page loads, connect, errors, and axe once tests/e2e/a11y.spec.ts exists) on
# the oldest WordPress obtainable here that is not older than the plugin's minimum (6.6): the
# 6.6-RC3 build of the npm package @wp-playground/wordpress-builds. Its 158 MB tarball is fetched
# into .wp-local/cache on first use (it is not a project dependency). Called by bin/test.sh, which
# has built the settings app; uses its own ports so it never meets the main test site.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

export WP_CORE=playground:wp-beta WP_DB=sqlite
export WP_LOCAL_DIR=$REPO/.wp-local/compat WP_PORT=${COMPAT_WP_PORT:-8884}
export WP_URL=http://127.0.0.1:$WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:${COMPAT_SANDBOX_PORT:-8899} MEUM_SANDBOX_URL=http://127.0.0.1:${COMPAT_SANDBOX_PORT:-8899}
export WP_EXTRA_MU_PLUGINS=$REPO/tests/support/mu-plugins/meum-wc-test-support.php
export ARTIFACTS_DIR=${ARTIFACTS_DIR:-$REPO/artifacts}/compat-6.6
unset WP_DB_HOST MARIADB_DIR WP_ACCESSIBLE_HOSTS

stop_compat() { bin/wp-local.sh stop >/dev/null 2>&1 || true; stop_sandbox "${COMPAT_SANDBOX_PORT:-8899}"; }
trap stop_compat EXIT
start_sandbox "${COMPAT_SANDBOX_PORT:-8899}" "$REPO/.wp-local/sandbox-compat.log" 5000
bin/wp-local.sh reset
bin/wp-local.sh eval 'echo "WordPress ", get_bloginfo( "version" ), "\n";'

specs=(tests/e2e/connect.spec.ts)
[ -f tests/e2e/a11y.spec.ts ] && specs+=(tests/e2e/a11y.spec.ts)
npx playwright test -c tests/e2e/playwright.config.ts "${specs[@]}"

log=$WP_LOCAL_DIR/wordpress/wp-content/debug.log
if [ -s "$log" ]; then echo "PHP notices on WordPress 6.6:" >&2; cat "$log" >&2; exit 1; fi
