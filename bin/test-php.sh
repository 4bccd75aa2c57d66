#!/usr/bin/env bash
# PHPUnit: first the fast tier without WordPress (tests/php/Unit, the pure decisions; it needs
# nothing else and runs alone with `phpunit -c tests/php/phpunit-unit.xml.dist`), then the suites
# inside the local test WordPress started by bin/test.sh (which exports WP_LOCAL_DIR, WP_URL,
# MEUM_SANDBOX_URL). The WooCommerce-dependent suite runs in its own process with the test-only
# WooCommerce shim switched on.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"
# JUnit reports (artifacts/phpunit-<database>-<suite>.xml) let bin/test.sh compare the databases.
DB_LABEL=${WP_DB:-sqlite}
REPORTS=${ARTIFACTS_DIR:-$REPO/artifacts}
mkdir -p "$REPORTS"

phpunit -c tests/php/phpunit-unit.xml.dist --log-junit "$REPORTS/phpunit-unit.xml"

: "${WP_LOCAL_DIR:?run through npm test (bin/test.sh)}"
export WP_ROOT=$WP_LOCAL_DIR/wordpress
bin/wp-local.sh plugin   # the installed copy of the plugin (bin/release-tree.sh) = the sources as they are now

phpunit -c tests/php/phpunit.xml.dist --testsuite core --log-junit "$REPORTS/phpunit-$DB_LABEL-core.xml"
MEUM_WC_TEST_WOOCOMMERCE=1 phpunit -c tests/php/phpunit.xml.dist --testsuite woocommerce --log-junit "$REPORTS/phpunit-$DB_LABEL-woocommerce.xml"
