#!/usr/bin/env bash
# `npm test`: every test of the project, on a fresh machine of this kind (Debian 12, Node 20, PHP 8.2).
# Installs what it needs (Debian packages, npm packages, the offline WordPress), then runs:
#   the quality gates (PHP, TypeScript, ESLint, Prettier, the jscpd copy-paste detector, .pot),
#   Jest + React Testing Library, the Meum sandbox's tests (with the contract test against Meum's
#   OpenAPI file), the settings build, the release checks (zip install, README map), then, on a local
#   WordPress 6.8 with the plugin's release tree installed (bin/release-tree.sh, no link to the
#   repository): Site Health › Info within 10 s, PHPUnit talking to the sandbox over HTTP (on SQLite,
#   then again on MariaDB), and Playwright E2E tests in Debian's Chromium.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

export TEST_WP_PORT=${TEST_WP_PORT:-8882}
export TEST_SANDBOX_PORT=${TEST_SANDBOX_PORT:-8892}
export TEST_MARIADB_PORT=${TEST_MARIADB_PORT:-3317}
export WP_LOCAL_DIR=$REPO/.wp-local/test
export WP_PORT=$TEST_WP_PORT
export WP_URL=http://127.0.0.1:$TEST_WP_PORT
export MEUM_API_BASE_URL=http://127.0.0.1:$TEST_SANDBOX_PORT
export MEUM_SANDBOX_URL=$MEUM_API_BASE_URL
export WP_EXTRA_MU_PLUGINS=$REPO/tests/support/mu-plugins/meum-wc-test-support.php
export WP_ACCESSIBLE_HOSTS=meum-sandbox.invalid
export ARTIFACTS_DIR=$REPO/artifacts
mkdir -p "$ARTIFACTS_DIR"

log "installing what the tests need"
ensure_debian_packages "${DEBIAN_PACKAGES_WORDPRESS[@]}" "${DEBIAN_PACKAGES_PHP_TOOLS[@]}" "${DEBIAN_PACKAGES_TESTS[@]}"
ensure_node_modules
ensure_autoloader

log "PHP quality gates: php -l, PHP_CodeSniffer (WPCS + PHPCompatibilityWP 7.4-), PHPStan level 8, plugin review"
npm run --silent lint:php

log "TypeScript type check"
npm run --silent typecheck

log "ESLint (@wordpress/eslint-plugin) and Prettier (@wordpress/prettier-config)"
npm run --silent lint:js
npm run --silent format:check

log "copy-paste detector (jscpd, .jscpd.json): duplicated lines in src, includes, tests, tools under the threshold"
npm run --silent lint:cpd

log "the .pot file matches the sources"
bash tests/release/pot-check.sh

log "Jest + React Testing Library"
npm run --silent test:js -- --ci

log "Meum sandbox tests (with the contract test)"
npm run --silent test:sandbox

log "building the settings app"
npm run --silent build

log "readme.txt: WordPress.org format and plugin headers"
php tests/release/readme-check.php

log "README.md: the developer map names every file of includes/ and src/"
bash tests/release/readme-map-check.sh

log ".wp-env.json: validated by wp-env's own configuration parser"
node tests/release/wp-env-check.cjs

log "release zip: installed with Plugin_Upgrader into a clean WordPress"
bash tests/release/zip-install.sh

cleanup() { bin/wp-local.sh stop >/dev/null 2>&1 || true; stop_sandbox "$TEST_SANDBOX_PORT"; }
trap cleanup EXIT

log "starting the Meum sandbox and a fresh WordPress for the tests (the plugin's release tree installed, no link)"
start_sandbox "$TEST_SANDBOX_PORT" "$ARTIFACTS_DIR/sandbox.log" 5000
bin/wp-local.sh reset

log "Tools › Site Health › Info answers within 10 s, debug.log stays empty"
bash tests/release/site-health.sh

log "PHPUnit inside WordPress"
bash bin/test-php.sh

log "Playwright E2E in Chromium"
npm run --silent test:e2e

log "uninstall on a two-site network"
bash tests/multisite/run.sh

log "E2E smoke subset on WordPress 6.6-RC3"
bash bin/test-compat.sh

log "PHPUnit again, on MariaDB"
bin/wp-local.sh stop
source bin/lib/mariadb.sh
export WP_DB=mariadb WP_DB_HOST=127.0.0.1:$TEST_MARIADB_PORT MARIADB_DIR=$REPO/.wp-local/mariadb
export WP_LOCAL_DIR=$REPO/.wp-local/test-mariadb
ensure_mariadb
start_mariadb "$MARIADB_DIR" "$TEST_MARIADB_PORT"
trap 'cleanup; stop_mariadb "$MARIADB_DIR"' EXIT
bin/wp-local.sh reset
bash bin/test-php.sh
php bin/lib/compare-junit.php "$ARTIFACTS_DIR"/phpunit-sqlite-*.xml -- "$ARTIFACTS_DIR"/phpunit-mariadb-*.xml

log "all tests passed"
