#!/usr/bin/env bash
# TEST-ONLY: uninstall on a two-site network leaves zero `meum` options, site meta, user meta,
# cron entries, transients and tables, and tells Meum about each connected site. Builds its own
# WordPress (no web server needed: everything runs through bin/wp-local.sh eval) and uses the Meum
# sandbox at $MEUM_SANDBOX_URL. Called by bin/test.sh.
set -euo pipefail
source "$(dirname "$0")/../../bin/lib/common.sh"
cd "$REPO"
: "${MEUM_SANDBOX_URL:?run through npm test}"

# WP_LOCAL_NETWORK: each site of the network has its own address, so wp-config.php pins no
# WP_HOME / WP_SITEURL (bin/wp-local/wp-config.php).
export WP_LOCAL_DIR=$REPO/.wp-local/multisite WP_URL=http://localhost WP_DB=sqlite WP_LOCAL_NETWORK=1
unset WP_DB_HOST MARIADB_DIR WP_PLUGIN_MODE
WP=$WP_LOCAL_DIR/wordpress
rm -rf "$WP_LOCAL_DIR"
bin/wp-local.sh build >/dev/null
printf "<?php\ndefine( 'MEUM_API_BASE_URL', '%s' );\ndefine( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1' );\n" "$MEUM_SANDBOX_URL" > "$WP/wp-config-local.php"
bin/wp-local.sh install >/dev/null
bin/wp-local.sh eval "require '$REPO/tests/multisite/setup-network.php';"
cat >> "$WP/wp-config-local.php" <<'PHP'
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', 'localhost' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );
PHP
bin/wp-local.sh eval "require '$REPO/tests/multisite/add-site.php';"
curl -sf -X POST "$MEUM_SANDBOX_URL/__sandbox/reset" >/dev/null
report=$(bin/wp-local.sh eval "require '$REPO/tests/multisite/uninstall-check.php';") || { echo "$report" >&2; exit 1; }
echo "$report"
# wp_die() exits with status 0, so also require the report itself.
grep -q '"left": \[\]' <<<"$report" || { echo "uninstall-check did not report a clean network" >&2; exit 1; }
remaining=$(curl -sf "$MEUM_SANDBOX_URL/__sandbox/integrations" | php -r 'echo count(json_decode(stream_get_contents(STDIN), true)["integrations"]);')
[ "$remaining" = 0 ] || { echo "Meum still has $remaining integration(s): uninstall did not disconnect every site" >&2; exit 1; }
echo "multisite uninstall: every site disconnected at Meum, no trace left"
# debug.log stays empty, but for one known line of Debian's WordPress package (not of this plugin):
# its patched wp-includes/ms-functions.php declares a required $signup_id after the optional $meta,
# which PHP 8 reports as deprecated whenever a network loads that file.
others=$(grep '^\[' "$WP/wp-content/debug.log" 2>/dev/null \
	| grep -vF 'PHP Deprecated:  Optional parameter $meta declared before required parameter $signup_id is implicitly treated as a required parameter in '"$WP"'/wp-includes/ms-functions.php' || true)
if [ -n "$others" ]; then echo "debug.log of the network is not empty:" >&2; head -c 4000 "$WP/wp-content/debug.log" >&2; exit 1; fi
echo "multisite uninstall: debug.log holds nothing but Debian's known ms-functions.php deprecation"
