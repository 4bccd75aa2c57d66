#!/usr/bin/env bash
# PHPUnit: first the fast tier without WordPress (tests/php/Unit, the pure decisions; it needs
# nothing else and runs alone with `phpunit -c tests/php/phpunit-unit.xml.dist`), then the suites
# inside the local test WordPress of one configuration of the matrix, started by bin/test-site.sh
# (which exports TEST_CONFIG, WP_LOCAL_DIR, WP_URL, MEUM_SANDBOX_URL): with the genuine WooCommerce,
# or without it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"
# JUnit reports (artifacts/phpunit-<configuration>-<suite>.xml) let bin/lib/junit-matrix.php check
# the declared skips and compare the configurations.
LABEL=${TEST_CONFIG:-${WP_DB:-sqlite}}
REPORTS=${ARTIFACTS_DIR:-$REPO/artifacts}
mkdir -p "$REPORTS"

phpunit -c tests/php/phpunit-unit.xml.dist --log-junit "$REPORTS/phpunit-unit-$LABEL.xml"

: "${WP_LOCAL_DIR:?run through npm test (bin/test.sh)}"
export WP_ROOT=$WP_LOCAL_DIR/wordpress
bin/wp-local.sh plugin   # the installed copy of the plugin (bin/release-tree.sh) = the sources as they are now

# Two processes: the fixtures suite defines MEUM_WC_ENCRYPTION_KEY. On the site without WooCommerce
# the tests that need it skip, as tests/php/expected-skips.php declares.
phpunit -c tests/php/phpunit.xml.dist --testsuite core --log-junit "$REPORTS/phpunit-$LABEL-core.xml"
phpunit -c tests/php/phpunit.xml.dist --testsuite fixtures --log-junit "$REPORTS/phpunit-$LABEL-fixtures.xml"
