#!/usr/bin/env bash
# `npm test`: every test of the project, on a fresh machine of this kind (Debian 12, Node 20, PHP 8.2).
# Installs what it needs (Debian packages, npm packages, the offline WordPress), then runs:
#   the quality gates (PHP, TypeScript, ESLint, Prettier, the jscpd copy-paste detector, .pot),
#   Jest + React Testing Library, the Meum sandbox's tests (with the contract test against Meum's
#   OpenAPI file), the settings build, the release checks (zip install, README map, the WooCommerce
#   resolver), then the test matrix (bin/test-site.sh): four fresh local WordPress 6.8 sites with the
#   plugin's release tree installed (bin/release-tree.sh, no link to the repository), without
#   WooCommerce (SQLite) and with the genuine WooCommerce (HPOS on SQLite, posts and HPOS on MariaDB):
#   on each, Site Health › Info within 10 s, PHPUnit talking to the sandbox over HTTP, Playwright E2E
#   in Debian's Chromium (the full suite on HPOS + SQLite), an empty debug.log and no secret in any
#   log; then the matrix's skip check, two web nodes on one MariaDB with Redis (bin/two-nodes.sh),
#   multisite uninstall and the WordPress 6.6 subset. Prints the time of each stage at the end.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

export TEST_WP_PORT=${TEST_WP_PORT:-8882}
export TEST_SANDBOX_PORT=${TEST_SANDBOX_PORT:-8895}
export TEST_MARIADB_PORT=${TEST_MARIADB_PORT:-3317}
export ARTIFACTS_DIR=$REPO/artifacts
mkdir -p "$ARTIFACTS_DIR"
rm -f "$ARTIFACTS_DIR"/phpunit-*.xml

stage "installing what the tests need"
ensure_debian_packages "${DEBIAN_PACKAGES_WORDPRESS[@]}" "${DEBIAN_PACKAGES_PHP_TOOLS[@]}" "${DEBIAN_PACKAGES_TESTS[@]}"
ensure_node_modules
ensure_autoloader

stage "PHP quality gates: php -l, PHP_CodeSniffer (WPCS + PHPCompatibilityWP 7.4-), PHPStan level 8, plugin review"
npm run --silent lint:php

stage "TypeScript type check"
npm run --silent typecheck

stage "ESLint (@wordpress/eslint-plugin) and Prettier (@wordpress/prettier-config)"
npm run --silent lint:js
npm run --silent format:check

stage "copy-paste detector (jscpd, .jscpd.json): duplicated lines in src, includes, tests, tools under the threshold"
npm run --silent lint:cpd

stage "the .pot file matches the sources"
bash tests/release/pot-check.sh

stage "Jest + React Testing Library"
npm run --silent test:js -- --ci

stage "Meum sandbox tests (with the contract test)"
npm run --silent test:sandbox

stage "building the settings app"
npm run --silent build

stage "readme.txt: WordPress.org format and plugin headers"
php tests/release/readme-check.php

stage "README.md: the developer map names every file of includes/ and src/"
bash tests/release/readme-map-check.sh

stage ".wp-env.json: validated by wp-env's own configuration parser"
node tests/release/wp-env-check.cjs

stage "release zip: installed with Plugin_Upgrader into a clean WordPress"
bash tests/release/zip-install.sh

stage "the WooCommerce resolver: every route, a re-zipped copy accepted, tampered copies refused"
bash tests/release/third-party-check.sh

# The test matrix: one fresh site per configuration (bin/test-site.sh), WooCommerce installed by the
# site's build step, never while tests run. The full E2E suite runs on WooCommerce + HPOS (SQLite);
# posts + MariaDB runs the paid block checkout (with the posts order screen's box) and the Store API
# requests that race a placed Meum order (8 PHP workers there), about a minute.
for config in no-woocommerce hpos-sqlite posts-mariadb hpos-mariadb; do
	stage "[$config] site, Site Health, PHPUnit$( case $config in no-woocommerce) echo ", E2E subset" ;; hpos-sqlite) echo ", E2E" ;; posts-mariadb) echo ", E2E paid path and Store API races" ;; esac ), clean logs"
	case $config in
		posts-mariadb) E2E_SPECS="tests/e2e/payments-paid.spec.ts tests/e2e/payments-store-api.spec.ts" bash bin/test-site.sh "$config" ;;
		*) bash bin/test-site.sh "$config" ;;
	esac
done

stage "PHPUnit across the matrix: only the declared skips; identical tests across databases and storages"
php bin/lib/junit-matrix.php "$ARTIFACTS_DIR" no-woocommerce hpos-sqlite posts-mariadb hpos-mariadb

stage "two web nodes on one MariaDB with Redis: one payment, one invoice (bin/two-nodes.sh)"
bash bin/two-nodes.sh

stage "uninstall on a two-site network"
trap 'stop_sandbox "$TEST_SANDBOX_PORT"' EXIT
start_sandbox "$TEST_SANDBOX_PORT" "$ARTIFACTS_DIR/sandbox-multisite.log" 5000
MEUM_SANDBOX_URL=http://127.0.0.1:$TEST_SANDBOX_PORT bash tests/multisite/run.sh
stop_sandbox "$TEST_SANDBOX_PORT"

stage "E2E smoke subset on WordPress 6.6-RC3 (without WooCommerce: 10.2 requires WordPress 6.7)"
bash bin/test-compat.sh

stage_summary
log "all tests passed"
