#!/usr/bin/env bash
# TEST-ONLY: the release zip installs and runs like an upload in Plugins › Add New Plugin › Upload.
#   1. builds meum-woocommerce.zip (npm run plugin-zip) and checks what it holds and leaves out;
#   2. builds a clean local WordPress in .wp-local/release WITHOUT the repository symlinked as a plugin;
#   3. installs the zip with WordPress's own Plugin_Upgrader, then activates it in a new process;
#   4. serves WordPress on 127.0.0.1:$RELEASE_WP_PORT (8886), logs in as admin and opens the settings
#      page, the Plugins screen (Settings link) and the privacy policy guide (suggested text);
#   5. fires before_woocommerce_init with a stand-in FeaturesUtil and checks both declarations;
#   6. deletes the plugin (uninstall.php from the package);
#   7. fails on any PHP notice, warning, deprecation or error in wp-content/debug.log.
# Stops its server on exit. Needs nothing but what `npm test` installs; no Meum sandbox.
set -euo pipefail
source "$(dirname "$0")/../../bin/lib/common.sh"
cd "$REPO"

PORT=${RELEASE_WP_PORT:-8886}
SLUG=meum-woocommerce
ZIP=$REPO/$SLUG.zip
# WP_PLUGIN_MODE=none: wp-local.sh installs no copy of the plugin; the zip is the only source.
export WP_LOCAL_DIR=$REPO/.wp-local/release WP_PORT=$PORT WP_URL=http://127.0.0.1:$PORT WP_DB=sqlite WP_PLUGIN_MODE=none
unset WP_DB_HOST MARIADB_DIR MEUM_API_BASE_URL WP_EXTRA_MU_PLUGINS WP_ACCESSIBLE_HOSTS
WP=$WP_LOCAL_DIR/wordpress
PLUGIN_DIR=$WP/wp-content/plugins/$SLUG
TMP=$(mktemp -d)
JAR=$TMP/cookies.txt
failures=0

cleanup() { bin/wp-local.sh stop >/dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT

ok() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; failures=$((failures + 1)); }
check() { # check "label" command...: ok when the command succeeds
	local label=$1; shift
	if "$@"; then ok "$label"; else fail "$label"; fi
}
wp_eval() { bin/wp-local.sh eval "$1"; }

log "building the release zip"
npm run --silent plugin-zip
[ -f "$ZIP" ] || { echo "no $ZIP" >&2; exit 1; }

log "what the zip holds"
unzip -Z1 "$ZIP" > "$TMP/entries"
grep -v '/$' "$TMP/entries" > "$TMP/files"
check "every entry is under $SLUG/" bash -c "! grep -v '^$SLUG/' '$TMP/entries'"
for f in meum-woocommerce.php uninstall.php readme.txt includes/Plugin.php build/settings.js build/settings.asset.php build/checkout.js build/checkout.asset.php build/return-page.js build/return-page.asset.php assets/meum-icon.svg \
	vendor/autoload.php vendor/composer/autoload_real.php vendor/composer/autoload_static.php vendor/composer/ClassLoader.php src/settings/index.tsx src/checkout/index.tsx; do
	check "holds $f" grep -qxF "$SLUG/$f" "$TMP/files"
done
# Exactly the repository's includes/, assets/ and src/ (and languages/ when it exists), file for file.
for dir in includes assets src languages; do
	[ -d "$dir" ] || { check "no $dir/ (none in the repository)" bash -c "! grep -q '^$SLUG/$dir/' '$TMP/files'"; continue; }
	( cd "$REPO" && find "$dir" -type f ! -name '.*' | sort ) > "$TMP/want-$dir"
	sed -n "s#^$SLUG/\($dir/.*\)#\1#p" "$TMP/files" | sort > "$TMP/got-$dir"
	check "$dir/ is shipped file for file ($(wc -l < "$TMP/want-$dir") files)" diff -u "$TMP/want-$dir" "$TMP/got-$dir"
done
check "top level holds only the main file, uninstall.php, readme.txt, includes, assets, build, src, vendor, languages" \
	bash -c "! cut -d/ -f2 '$TMP/files' | sort -u | grep -vxE 'meum-woocommerce\.php|uninstall\.php|readme\.txt|includes|assets|build|src|vendor|languages'"
check "vendor/ holds only autoload.php and composer/" \
	bash -c "! grep '^$SLUG/vendor/' '$TMP/files' | grep -vE '^$SLUG/vendor/(autoload\.php|composer/[^/]+)$'"
check "vendor/composer/ holds no dev package data (installed.json/.php)" bash -c "! grep -E '/vendor/composer/installed\.(json|php)$' '$TMP/files'"
check "no dot files" bash -c "! grep -E '/\.' '$TMP/entries'"
check "no tests, sandbox, node_modules, bench, docs, bin, tools" \
	bash -c "! grep -E '/(tests?|__tests__|node_modules|tools|bench|docs|bin|artifacts|\.wp-local|meum-sandbox)/' '$TMP/entries'"
check "no dev configs or maps" \
	bash -c "! grep -iE '/(package(-lock)?\.json|composer\.(json|lock)|tsconfig[^/]*\.json|phpcs\.xml(\.dist)?|phpstan[^/]*|phpunit[^/]*|eslint[^/]*|\.prettier[^/]*|playwright[^/]*|jest[^/]*|README\.md)$|\.map$' '$TMP/entries'"
check "no file in the package is a test (*.test.* / *.spec.*)" bash -c "! grep -E '\.(test|spec)\.[jt]sx?$' '$TMP/files'"
# The local environment's own mu-plugins (SQLite workarounds for WooCommerce, the tests' checkout
# switch and support) are for the demo and the tests only.
for f in bin/wp-local/*.php tests/support/mu-plugins/*.php; do
	check "does not ship $(basename "$f") (local environment only)" bash -c "! grep -qE '/$(basename "$f")\$' '$TMP/files'"
done
echo "zip: $(wc -l < "$TMP/files") files, $(du -k "$ZIP" | cut -f1) KiB"

log "a clean WordPress in $WP_LOCAL_DIR (without the repository as a plugin)"
bin/wp-local.sh stop >/dev/null 2>&1 || true
rm -rf "$WP_LOCAL_DIR"
bin/wp-local.sh deps
bin/wp-local.sh build
check "no plugin in wp-content/plugins before the upload" test ! -e "$PLUGIN_DIR"
# Core install; it tries to activate meum-woocommerce, which is not there yet, and says so.
bin/wp-local.sh install

log "installing the zip with Plugin_Upgrader"
cp "$ZIP" "$TMP/upload.zip"   # like an upload: WordPress works from its own copy
install_out=$(wp_eval "
	require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
	wp_set_current_user( 1 );
	\$skin     = new Automatic_Upgrader_Skin();
	\$upgrader = new Plugin_Upgrader( \$skin );
	\$result   = \$upgrader->install( '$TMP/upload.zip' );
	if ( true !== \$result ) {
		echo 'install failed: ', is_wp_error( \$result ) ? \$result->get_error_message() : var_export( \$result, true ), \"\n\";
		echo implode( \"\n\", \$skin->get_upgrade_messages() ), \"\n\";
		exit( 1 );
	}
	echo 'installed ', \$upgrader->plugin_info(), \"\n\";
") || { echo "$install_out" >&2; exit 1; }
echo "$install_out"
check "Plugin_Upgrader reports $SLUG/$SLUG.php" grep -qxF "installed $SLUG/$SLUG.php" <<<"$install_out"
check "the plugin is a real folder, not a link" bash -c "[ -d '$PLUGIN_DIR' ] && [ ! -L '$PLUGIN_DIR' ]"
( cd "$PLUGIN_DIR" && find . -type f | sed 's#^\./##' | sort ) > "$TMP/installed"
sed "s#^$SLUG/##" "$TMP/files" | sort > "$TMP/zipped"
check "the installed folder holds exactly the zip's files" diff -u "$TMP/zipped" "$TMP/installed"

log "activating (a new request, as after clicking Activate)"
activate_out=$(wp_eval "
	\$r = activate_plugin( '$SLUG/$SLUG.php' );
	echo is_wp_error( \$r ) ? 'error: ' . \$r->get_error_message() : 'activated', \"\n\";
")
echo "$activate_out"
check "activate_plugin() succeeds" grep -qx activated <<<"$activate_out"
facts=$(wp_eval "
	\$data = get_plugin_data( WP_PLUGIN_DIR . '/$SLUG/$SLUG.php', false, false );
	echo 'active=', is_plugin_active( '$SLUG/$SLUG.php' ) ? 'yes' : 'no', \"\n\";
	echo 'version=', \$data['Version'], \"\n\";
	echo 'wc_requires=', get_file_data( WP_PLUGIN_DIR . '/$SLUG/$SLUG.php', array( 'v' => 'WC requires at least' ) )['v'], \"\n\";
	echo 'wc_tested=', get_file_data( WP_PLUGIN_DIR . '/$SLUG/$SLUG.php', array( 'v' => 'WC tested up to' ) )['v'], \"\n\";
	echo 'requires_plugins=', \$data['RequiresPlugins'], \"\n\";
	echo 'plugin_class=', class_exists( 'Meum\\\\WooCommerce\\\\Plugin', false ) ? 'loaded' : 'missing', \"\n\";
	\$missing = array();
	foreach ( require WP_PLUGIN_DIR . '/$SLUG/vendor/composer/autoload_classmap.php' as \$class => \$file ) {
		if ( ! is_file( \$file ) ) { \$missing[] = \$class; }
	}
	echo 'classmap_missing=', implode( ',', \$missing ), \"\n\";
")
echo "$facts"
# The installed headers are the repository's (tests/release/readme-check.php pins their values).
wc_tested=$(sed -n 's/^ \* WC tested up to: *//p' "$REPO/$SLUG.php")
for want in active=yes version=0.1.0 wc_requires=8.0 "wc_tested=$wc_tested" requires_plugins= plugin_class=loaded classmap_missing=; do
	check "$want" grep -qxF "$want" <<<"$facts"
done

log "WooCommerce feature declarations on before_woocommerce_init"
features=$(wp_eval "
	eval( 'namespace Automattic\\\\WooCommerce\\\\Utilities; class FeaturesUtil { public static \$calls = array(); public static function declare_compatibility( \$feature, \$file, \$positive = true ) { self::\$calls[] = array( \$feature, \$file, \$positive ); return true; } }' );
	do_action( 'before_woocommerce_init' );
	foreach ( Automattic\\WooCommerce\\Utilities\\FeaturesUtil::\$calls as \$c ) {
		echo \$c[0], ' ', plugin_basename( \$c[1] ), ' ', var_export( \$c[2], true ), \"\n\";
	}
")
echo "$features"
check "declares custom_order_tables (HPOS)" grep -qxF "custom_order_tables $SLUG/$SLUG.php true" <<<"$features"
check "declares cart_checkout_blocks" grep -qxF "cart_checkout_blocks $SLUG/$SLUG.php true" <<<"$features"
check "declares nothing else" test "$(wc -l <<<"$features")" = 2

log "serving WordPress on $WP_URL"
bin/wp-local.sh start
curl -sf -c "$JAR" -b "$JAR" -o /dev/null "$WP_URL/wp-login.php"
login_code=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
	--data-urlencode log=admin --data-urlencode pwd=password --data-urlencode 'wp-submit=Log In' \
	--data-urlencode "redirect_to=$WP_URL/wp-admin/" --data-urlencode testcookie=1 "$WP_URL/wp-login.php")
check "logs in as admin (302, got $login_code)" test "$login_code" = 302
check "has a logged-in cookie" grep -q wordpress_logged_in "$JAR"

fetch() { # fetch PATH OUTFILE: prints the HTTP status
	curl -s -b "$JAR" -o "$2" -w '%{http_code}' "$WP_URL$1"
}
code=$(fetch "/wp-admin/admin.php?page=$SLUG" "$TMP/settings.html")
check "the settings page answers 200 (got $code)" test "$code" = 200
check "the settings page has the app root element" grep -qF 'id="meum-wc-settings-root"' "$TMP/settings.html"
check "the settings page enqueues build/settings.js from the installed plugin" \
	grep -qE "/wp-content/plugins/$SLUG/build/settings\.js\?ver=" "$TMP/settings.html"
check "the settings page shows no 'not built' notice" bash -c "! grep -q 'settings screen is not built' '$TMP/settings.html'"
code=$(fetch "/wp-content/plugins/$SLUG/build/settings.js" "$TMP/settings.js")
check "build/settings.js is served (got $code)" test "$code" = 200

code=$(fetch /wp-admin/plugins.php "$TMP/plugins.html")
check "the Plugins screen answers 200 (got $code)" test "$code" = 200
check "the Plugins screen has the Settings link to the settings page" \
	grep -qF "<a href=\"$WP_URL/wp-admin/admin.php?page=$SLUG\">Settings</a>" "$TMP/plugins.html"

code=$(fetch '/wp-admin/options-privacy.php?tab=policyguide' "$TMP/privacy.html")
check "the privacy policy guide answers 200 (got $code)" test "$code" = 200
check "the guide has the plugin's suggested text" grep -qF 'Meum for WooCommerce' "$TMP/privacy.html"
check "the suggested text names what is sent at connect" grep -qF 'the connection key the administrator created in the Meum dashboard' "$TMP/privacy.html"

log "deleting the plugin (runs the packaged uninstall.php)"
bin/wp-local.sh stop
delete_out=$(wp_eval "
	wp_set_current_user( 1 );
	deactivate_plugins( '$SLUG/$SLUG.php' );
	\$r = delete_plugins( array( '$SLUG/$SLUG.php' ) );
	echo true === \$r ? 'deleted' : 'error: ' . ( is_wp_error( \$r ) ? \$r->get_error_message() : var_export( \$r, true ) ), \"\n\";
")
echo "$delete_out"
check "delete_plugins() succeeds" grep -qx deleted <<<"$delete_out"
check "the plugin folder is gone" test ! -e "$PLUGIN_DIR"

log "PHP notices, warnings and errors"
DEBUG_LOG=$WP/wp-content/debug.log
if [ -s "$DEBUG_LOG" ] && grep -E 'PHP (Notice|Warning|Deprecated|Fatal error|Parse error|Recoverable fatal error|Strict Standards)' "$DEBUG_LOG"; then
	fail "wp-content/debug.log has PHP notices, warnings or errors (above)"
else
	ok "wp-content/debug.log has no PHP notice, warning or error ($( [ -f "$DEBUG_LOG" ] && wc -l < "$DEBUG_LOG" || echo 0) lines)"
fi
for out in "$install_out" "$activate_out" "$facts" "$features" "$delete_out"; do
	if grep -qE '(Notice|Warning|Deprecated|Fatal error):' <<<"$out"; then fail "PHP message in an eval's output: $out"; fi
done

if [ "$failures" -gt 0 ]; then
	echo "zip-install: $failures check(s) failed" >&2
	exit 1
fi
echo "zip-install: the release zip installs, activates, opens its settings page and uninstalls cleanly"
