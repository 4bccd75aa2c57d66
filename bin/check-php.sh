#!/usr/bin/env bash
# `npm run lint:php`: the PHP quality gates. Installs what it needs (Debian's PHP CLI and Composer,
# then the Composer dev tools from composer.json), runs every check and exits non-zero when any fails:
#   1. `php -l` on every PHP file of the project (plugin, tests, tools);
#   2. PHP_CodeSniffer (phpcs.xml.dist): WordPress Coding Standards 2.3 (WordPress-Extra +
#      WordPress-Docs) and PHPCompatibilityWP for PHP 7.4 and later, over the shipped PHP;
#   3. PHPStan (phpstan.neon.dist) at level 8 with the WordPress and WooCommerce stubs, for PHP 7.4+;
#   4. the plugin-review checks (tests/support/plugin-review.php), after proving on a fixture that
#      they catch each violation.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

ensure_debian_packages "${DEBIAN_PACKAGES_PHP_TOOLS[@]}"

# The runtime autoloader that WordPress loads (vendor/autoload.php) must not list the dev packages:
# a dev-mode dump makes it require vendor/phpstan/phpstan/bootstrap.php, a fatal error wherever
# vendor/ holds only the autoloader (a release zip). `composer install` and a plain
# `composer dump-autoload` write such a dump, so this script always leaves a --no-dev one behind.
runtime_autoloader() { composer dump-autoload --optimize --no-dev --quiet --no-interaction; }
trap runtime_autoloader EXIT

# Composer's dev tools (vendor/bin). `composer install` talks only to the configured registry.
if [ ! -x vendor/bin/phpcs ] || [ ! -x vendor/bin/phpstan ] || [ ! -f vendor/composer/installed.json ] \
	|| [ composer.json -nt vendor/composer/installed.json ]; then
	log "installing the PHP dev tools (composer install)"
	composer install --no-interaction --no-progress --quiet || { echo "composer install failed" >&2; exit 1; }
	touch vendor/composer/installed.json
fi

failed=()

log "php -l on every PHP file"
php_files() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard -- '*.php' | while IFS= read -r -d '' f; do
			[ -f "$f" ] && printf '%s\0' "$f"
		done
	else
		find . -name '*.php' -not -path './vendor/*' -not -path './node_modules/*' -not -path './.wp-local/*' -not -path './build/*' -print0
	fi
}
count=$(php_files | tr -cd '\0' | wc -c)
# One file per php process, every file even after a failure; a failure prints more than the OK line.
lint_output=$(php_files | xargs -0 -r -n 1 -P 2 sh -c 'php -n -l "$1" 2>&1 || :' lint)
lint_ok=$(grep -c '^No syntax errors detected in ' <<<"$lint_output" || true)
lint_errors=$(grep -v '^No syntax errors detected in ' <<<"$lint_output" | grep -v '^$' || true)
if [ -n "$lint_errors" ] || [ "$count" -eq 0 ] || [ "$lint_ok" -ne "$count" ]; then
	echo "${lint_errors:-php -l found no files or failed}" >&2
	failed+=("php -l")
else
	echo "php -l: $count files, no syntax error"
fi

log "PHP_CodeSniffer: WordPress Coding Standards + PHPCompatibilityWP (PHP 7.4-)"
vendor/bin/phpcs -q --no-colors --report-width=120 || failed+=("phpcs")

log "PHPStan level 8 (WordPress + WooCommerce stubs, PHP 7.4+)"
vendor/bin/phpstan analyse --no-progress --no-ansi --memory-limit=1G || failed+=("phpstan")

log "plugin-review checks"
# First prove the checks catch what they look for: the fixture breaks each rule once.
fixture=tests/support/plugin-review-fixture
if diff <(php tests/support/plugin-review.php "$fixture" 2>&1 >/dev/null | sort) <(sort "$fixture/expected.txt"); then
	php tests/support/plugin-review.php "$REPO" || failed+=("plugin review")
else
	echo "the plugin-review checks no longer report exactly $fixture/expected.txt (see the diff above)" >&2
	failed+=("plugin review (fixture)")
fi

if [ ${#failed[@]} -gt 0 ]; then
	echo "PHP checks FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "PHP checks passed: php -l, phpcs (WPCS + PHPCompatibilityWP 7.4-), phpstan level 8, plugin review"
