#!/usr/bin/env bash
# TEST-ONLY: Tools › Site Health › Info works on the local WordPress as `npm start` and `npm test`
# install the plugin (the release tree, bin/release-tree.sh; no link to the repository, whose
# node_modules WordPress would otherwise walk until PHP's 30 s limit ends in a fatal error):
#   1. the Info tab (wp-admin/site-health.php?tab=debug) answers 200 within 10 s, without a
#      "critical error" page, and lists the plugin;
#   2. the directory sizes the tab then asks for (REST wp-site-health/v1/directory-sizes, the
#      request that walks wp-content/plugins) answer within 10 s: 200 with a plugins size, or, on
#      SQLite, whose database size WordPress cannot measure, 500 `not_available` (sizes then stay
#      "not available" on the tab; the time is what matters: over a link to the repository this
#      request runs into PHP's 30 s limit and a fatal error);
#   3. wp-content/debug.log stays empty (no notice, warning or fatal error).
# Runs against the WordPress at $WP_URL ($WP_LOCAL_DIR/wordpress), started by the caller
# (bin/test.sh after `bin/wp-local.sh reset`). Logs in as admin / password.
set -euo pipefail
source "$(dirname "$0")/../../bin/lib/common.sh"
cd "$REPO"
: "${WP_URL:?run through npm test (bin/test.sh)}" "${WP_LOCAL_DIR:?run through npm test (bin/test.sh)}"

LIMIT=10
DEBUG_LOG=$WP_LOCAL_DIR/wordpress/wp-content/debug.log
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
JAR=$TMP/cookies.txt
failures=0
ok() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; failures=$((failures + 1)); }

lines_before=$( [ -f "$DEBUG_LOG" ] && wc -l < "$DEBUG_LOG" || echo 0 )

curl -sf -c "$JAR" -b "$JAR" -o /dev/null "$WP_URL/wp-login.php"
code=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode log=admin --data-urlencode pwd=password \
	--data-urlencode 'wp-submit=Log In' --data-urlencode "redirect_to=$WP_URL/wp-admin/" --data-urlencode testcookie=1 "$WP_URL/wp-login.php")
[ "$code" = 302 ] || { echo "site-health: cannot log in as admin (http $code)" >&2; exit 1; }

# timed GET PATH OUTFILE [curl options]: prints "<http status> <seconds>"; gives up after LIMIT + 25 s
# (past PHP's 30 s limit, so that a request that runs into it has logged its fatal error).
timed() {
	local path=$1 out=$2
	shift 2
	curl -s -b "$JAR" -o "$out" -w '%{http_code} %{time_total}' --max-time $((LIMIT + 25)) "$@" "$WP_URL$path" || true
}
within_limit() { awk -v t="$1" -v l="$LIMIT" 'BEGIN { exit !(t + 0 < l) }'; }

read -r code seconds < <(timed '/wp-admin/site-health.php?tab=debug' "$TMP/info.html"; echo) || true
if [ "$code" = 200 ] && within_limit "$seconds"; then ok "Site Health › Info answers 200 in ${seconds} s (limit $LIMIT s)"
else fail "Site Health › Info: http $code after ${seconds} s (want 200 within $LIMIT s)"; fi
if grep -q 'critical error' "$TMP/info.html"; then fail "Site Health › Info shows WordPress's critical error page"
else ok "Site Health › Info shows no critical error"; fi
if grep -q 'Meum for WooCommerce' "$TMP/info.html"; then ok "Site Health › Info lists Meum for WooCommerce"
else fail "Site Health › Info does not list Meum for WooCommerce"; fi

nonce=$(grep -o '"nonce":"[0-9a-f]*"' "$TMP/info.html" | head -n 1 | cut -d'"' -f4 || true)
[ -n "$nonce" ] || fail "no REST nonce (wpApiSettings) on the Info tab"
read -r code seconds < <(timed '/index.php?rest_route=/wp-site-health/v1/directory-sizes' "$TMP/sizes.json" -H "X-WP-Nonce: $nonce"; echo) || true
touch "$TMP/sizes.json"
if ! within_limit "$seconds"; then
	fail "the directory sizes: http $code after ${seconds} s (want an answer within $LIMIT s)"
elif [ "$code" = 200 ] && grep -q '"plugins_size"' "$TMP/sizes.json"; then
	ok "the directory sizes answer 200 in ${seconds} s with the plugins folder's size (limit $LIMIT s)"
elif [ "$code" = 500 ] && grep -q '"code":"not_available"' "$TMP/sizes.json" && [ "${WP_DB:-sqlite}" = sqlite ]; then
	ok "the directory sizes answer in ${seconds} s (limit $LIMIT s): not_available, as always on SQLite"
else
	fail "the directory sizes: http $code after ${seconds} s: $(head -c 300 "$TMP/sizes.json")"
fi

if [ -f "$DEBUG_LOG" ] && [ "$(wc -l < "$DEBUG_LOG")" -gt "$lines_before" ]; then
	tail -n +$((lines_before + 1)) "$DEBUG_LOG" >&2
	fail "wp-content/debug.log got the lines above"
else
	ok "wp-content/debug.log stays empty"
fi

if [ "$failures" -gt 0 ]; then
	echo "site-health: $failures check(s) failed" >&2
	exit 1
fi
echo "site-health: Tools › Site Health › Info answers within $LIMIT s with a clean debug.log"
