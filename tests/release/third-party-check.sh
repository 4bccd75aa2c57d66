#!/usr/bin/env bash
# Checks bin/third-party.sh, the one place that finds and verifies WooCommerce (and Redis Object
# Cache) for the demo, the tests and the bench: every route (explicit zip, cache, download from a
# local HTTP server standing in for WordPress.org), a re-zipped copy accepted, tampered copies refused,
# and one clear line when nothing works. Uses only a zip the normal route already verified.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
PORT=${THIRD_PARTY_TEST_PORT:-8887}
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

failures=0
pass() { echo "ok   - $1"; }
fail() { echo "FAIL - $1" >&2; failures=$((failures + 1)); }

# run NAME [VAR=value ...]: bin/third-party.sh path woocommerce with an empty private cache, no fixtures
# and an unreachable download unless the test says otherwise; sets OUT, ERR, RC.
run() {
	local cache=$WORK/cache-$1; shift
	set +e
	OUT=$(env -u WOOCOMMERCE_ZIP -u WOOCOMMERCE_VERSION -u WOOCOMMERCE_DIGEST WP_LOCAL_CACHE="$cache" \
		MEUM_WC_FIXTURES_DIR="$WORK/no-fixtures" WOOCOMMERCE_DOWNLOAD_URL="http://127.0.0.1:1/woocommerce.zip" \
		"$@" bin/third-party.sh path woocommerce 2>"$WORK/err")
	RC=$?
	set -e
	ERR=$(cat "$WORK/err")
}

# The zip the normal route verified (fixture, cache or download), copied for the tests below.
DIR=$(bin/third-party.sh path woocommerce)
GOOD=$WORK/woocommerce.10.2.4.zip
cp "${WP_LOCAL_CACHE:-$REPO/.wp-local/cache}/plugins/woocommerce.10.2.4.zip" "$GOOD"
[ -f "$DIR/woocommerce.php" ] && pass "the normal route gives a verified WooCommerce at $DIR" || fail "normal route"

run explicit WOOCOMMERCE_ZIP="$GOOD"
[ $RC = 0 ] && [ -f "$OUT/woocommerce.php" ] && [ -f "$WORK/cache-explicit/plugins/woocommerce.10.2.4.zip" ] \
	&& pass "WOOCOMMERCE_ZIP is used, verified and cached" || fail "explicit zip: rc=$RC $ERR"

run cached WP_LOCAL_CACHE="$WORK/cache-explicit"
[ $RC = 0 ] && pass "the cached copy is found without fixture or network" || fail "cache route: rc=$RC $ERR"

# A re-zipped copy (other order, other compression, no extra attributes) verifies alike.
( mkdir -p "$WORK/rezip" && cd "$WORK/rezip" && unzip -q "$GOOD" && zip -q -r -9 -X "$WORK/rezipped.zip" woocommerce )
run rezipped WOOCOMMERCE_ZIP="$WORK/rezipped.zip"
[ $RC = 0 ] && pass "a re-zipped copy verifies" || fail "re-zipped copy refused: $ERR"

# One changed byte in one file: refused, with one line that names the zip.
( cd "$WORK/rezip" && printf '\n' >> woocommerce/uninstall.php && zip -q -r "$WORK/tampered.zip" woocommerce )
run tampered WOOCOMMERCE_ZIP="$WORK/tampered.zip"
[ $RC = 1 ] && [[ $ERR == "refused $WORK/tampered.zip: its files do not match the pinned digest"* ]] && [ -z "$OUT" ] \
	&& [ "$(wc -l <<<"$ERR")" = 1 ] && pass "a tampered copy is refused" || fail "tampered copy: rc=$RC out=$OUT err=$ERR"

# A header that names another version: refused before the digest.
( cd "$WORK/rezip" && sed -i 's/^ \* Version: 10.2.4$/ * Version: 10.2.5/' woocommerce/woocommerce.php && zip -q -r "$WORK/other.zip" woocommerce )
run other WOOCOMMERCE_ZIP="$WORK/other.zip"
[ $RC = 1 ] && [[ $ERR == *"says version '10.2.5', expected 10.2.4"* ]] && pass "a copy of another version is refused" || fail "version check: $ERR"

# The download branch, from a local HTTP server standing in for WordPress.org.
mkdir -p "$WORK/www" && cp "$GOOD" "$WORK/www/" && cp "$WORK/tampered.zip" "$WORK/www/"
php -S "127.0.0.1:$PORT" -t "$WORK/www" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -sfI "http://127.0.0.1:$PORT/woocommerce.10.2.4.zip" >/dev/null && break; sleep 0.1; done
run download WOOCOMMERCE_DOWNLOAD_URL="http://127.0.0.1:$PORT/woocommerce.10.2.4.zip"
[ $RC = 0 ] && [ -f "$WORK/cache-download/plugins/woocommerce.10.2.4.zip" ] && pass "the download is verified and cached" \
	|| fail "download route: rc=$RC $ERR"
run download-tampered WOOCOMMERCE_DOWNLOAD_URL="http://127.0.0.1:$PORT/tampered.zip"
[ $RC = 1 ] && [[ $ERR == refused* ]] && [ ! -f "$WORK/cache-download-tampered/plugins/woocommerce.10.2.4.zip" ] \
	&& pass "a tampered download is refused and not cached" || fail "tampered download: rc=$RC $ERR"

# Nothing works: one line that says what to set.
run nothing
[ $RC = 1 ] && [ "$(wc -l <<<"$ERR")" = 1 ] && [[ $ERR == *"set WOOCOMMERCE_ZIP to the path of woocommerce.10.2.4.zip"* ]] \
	&& pass "without any source: one line naming WOOCOMMERCE_ZIP" || fail "nothing: rc=$RC $ERR"

# Another version needs its digest.
run version WOOCOMMERCE_VERSION=10.3.0
[ $RC = 1 ] && [[ $ERR == "WOOCOMMERCE_VERSION=10.3.0 needs WOOCOMMERCE_DIGEST too"* ]] && pass "another version without a digest is refused" \
	|| fail "version without digest: $ERR"

[ "$failures" = 0 ] || { echo "$failures third-party check(s) failed" >&2; exit 1; }
echo "third-party plugin resolver: all checks passed"
