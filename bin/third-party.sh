#!/usr/bin/env bash
# third-party.sh - the third-party plugins that the demo, the tests and the bench install into the
# local WordPress (WooCommerce; Redis Object Cache), found and verified in one place.
#
# Usage:  bin/third-party.sh path SLUG          prints the directory of a verified, unpacked copy
#         bin/third-party.sh digest SLUG ZIP    prints the digest of a zip's files (to pin a version)
# SLUG:   woocommerce | redis-cache
#
# Where the zip comes from, first match wins (PREFIX is WOOCOMMERCE or REDIS_CACHE):
#   1. $PREFIX_ZIP, a path you give;
#   2. <repo>/../shared/fixtures/SLUG.VERSION.zip (the project's CI fixtures; MEUM_WC_FIXTURES_DIR overrides);
#   3. the copy cached by an earlier run: $WP_LOCAL_CACHE/plugins/SLUG.VERSION.zip (.wp-local/cache);
#   4. a download from WordPress.org ($PREFIX_DOWNLOAD_URL overrides the address).
# Whatever the route, the unpacked files are verified before use: the main file's `Version:` header
# must name the expected version, and the digest of the files must equal the pinned one. The digest
# is the sha256 of the listing "<sha256 of the content>  <path>", one line per file, sorted by path
# (bytewise), so a re-zipped copy verifies like WordPress.org's zip and any changed file fails.
# Another version: set $PREFIX_VERSION and $PREFIX_DIGEST together.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${WP_LOCAL_CACHE:-$REPO/.wp-local/cache}
FIXTURES=${MEUM_WC_FIXTURES_DIR:-$REPO/../shared/fixtures}

# SLUG → env prefix, display name, pinned version, pinned digest.
describe() {
	case "$1" in
		woocommerce) echo "WOOCOMMERCE WooCommerce 10.2.4 9a5ba872d9251ebd16f4b1921279ee46e4c23ea272fec17db5ddb1d07689e7ef" ;;
		redis-cache) echo "REDIS_CACHE Redis_Object_Cache 2.7.0 8e062f029aebcbd9abc60ca0070b8bba2c2130927b404b2a86e437912fddc225" ;;
		*) echo "unknown plugin '$1' (woocommerce or redis-cache)" >&2; return 2 ;;
	esac
}

fail() { echo "$*" >&2; exit 1; }

# files_digest DIR: the digest of every file below DIR (paths relative to DIR).
files_digest() {
	( cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum ) | sha256sum | cut -d' ' -f1
}

# unpack_verified ZIP SLUG VERSION DIGEST DEST: unpacks ZIP and moves SLUG/ to DEST if it verifies.
unpack_verified() {
	local zip=$1 slug=$2 version=$3 digest=$4 dest=$5 tmp got header
	tmp=$(mktemp -d "$CACHE/plugins/.unpack.XXXXXX")
	if ! unzip -q "$zip" "$slug/*" -d "$tmp" 2>/dev/null || [ ! -f "$tmp/$slug/$slug.php" ]; then
		rm -rf "$tmp"; echo "refused $zip: not a zip of the $slug plugin" >&2; return 1
	fi
	header=$(grep -m1 -E '^[[:space:]/*#@]*Version:' "$tmp/$slug/$slug.php" | sed -E 's/.*Version:[[:space:]]*//; s/[[:space:]]*$//')
	if [ "$header" != "$version" ]; then
		rm -rf "$tmp"; echo "refused $zip: its $slug.php says version '$header', expected $version" >&2; return 1
	fi
	got=$(files_digest "$tmp/$slug")
	if [ "$got" != "$digest" ]; then
		rm -rf "$tmp"; echo "refused $zip: its files do not match the pinned digest of $slug $version (got $got)" >&2; return 1
	fi
	rm -rf "$dest"; mkdir -p "$(dirname "$dest")"; mv "$tmp/$slug" "$dest"; rm -rf "$tmp"
}

path() {
	local slug=$1 prefix name version digest var_zip var_version var_digest var_url cached url candidate
	read -r prefix name version digest < <(describe "$slug")
	name=${name//_/ }
	var_zip=${prefix}_ZIP var_version=${prefix}_VERSION var_digest=${prefix}_DIGEST var_url=${prefix}_DOWNLOAD_URL
	if [ -n "${!var_version:-}" ] && [ "${!var_version}" != "$version" ]; then
		[ -n "${!var_digest:-}" ] || fail "$var_version=${!var_version} needs $var_digest too (bin/third-party.sh digest $slug <zip> prints it)"
		version=${!var_version} digest=${!var_digest}
	elif [ -n "${!var_digest:-}" ]; then
		digest=${!var_digest}
	fi
	mkdir -p "$CACHE/plugins"
	cached=$CACHE/plugins/$slug.$version.zip
	local dest=$CACHE/plugins/$slug-$version/$slug
	for candidate in "${!var_zip:-}" "$FIXTURES/$slug.$version.zip" "$cached"; do
		[ -n "$candidate" ] || continue
		if [ ! -f "$candidate" ]; then
			[ "$candidate" = "${!var_zip:-}" ] && fail "$var_zip=$candidate: no such file"
			continue
		fi
		if unpack_verified "$candidate" "$slug" "$version" "$digest" "$dest"; then
			[ "$candidate" -ef "$cached" ] || install -m 644 "$candidate" "$cached"
			echo "$dest"; return 0
		fi
		# an explicit zip that does not verify is an error, not a reason to look elsewhere
		[ "$candidate" = "${!var_zip:-}" ] && exit 1
	done
	url=${!var_url:-https://downloads.wordpress.org/plugin/$slug.$version.zip}
	if curl -fsSL --connect-timeout 10 --max-time 300 -o "$cached.part" "$url" 2>/dev/null; then
		mv "$cached.part" "$cached"
		if unpack_verified "$cached" "$slug" "$version" "$digest" "$dest"; then echo "$dest"; return 0; fi
		rm -f "$cached"; exit 1
	fi
	rm -f "$cached.part"
	fail "$name $version not found (no fixture, no cached copy, download from $url failed): set $var_zip to the path of $slug.$version.zip"
}

case "${1:-}" in
	path) path "${2:?SLUG}" ;;
	digest)
		describe "${2:?SLUG}" >/dev/null
		tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
		unzip -q "${3:?ZIP}" "$2/*" -d "$tmp"
		files_digest "$tmp/$2"
		;;
	*) echo "usage: $0 path SLUG | digest SLUG ZIP" >&2; exit 2 ;;
esac
