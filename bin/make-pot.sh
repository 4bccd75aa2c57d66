#!/usr/bin/env bash
# `npm run i18n:pot`: writes languages/meum-woocommerce.pot from the plugin's PHP and TypeScript
# sources (meum-woocommerce.php, uninstall.php, includes/, src/), offline, with @wp-blocks/make-pot
# (an npm devDependency).
#
#   bin/make-pot.sh [OUTPUT]        OUTPUT defaults to languages/meum-woocommerce.pot
#   bin/make-pot.sh --all-domains OUTPUT
#                                   every string whatever its text domain (used by
#                                   tests/release/pot-check.sh to find strings in another domain)
#
# The output is deterministic, so it can be committed and compared (tests/release/pot-check.sh):
#   - no POT-Creation-Date, no year in the copyright line or PO-Revision-Date;
#   - entries sorted by their first source reference (file, then line), references sorted, the
#     plugin header's strings first (make-pot otherwise follows the directory order of the disk);
#   - translator comments written as WP-CLI does: `#. translators: …` before the `#:` references.
# The normalization is bin/lib/normalize-pot.cjs (checked by ESLint and Prettier).
# Exits non-zero when make-pot fails or finds no string.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

domains=(--translation-domains meum-woocommerce)
if [[ ${1:-} == --all-domains ]]; then
	domains=()
	shift
fi
out=${1:-languages/meum-woocommerce.pot}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# make-pot reads the sources relative to the working directory (the plugin header from
# meum-woocommerce.php, the version from package.json) and writes <destination>/<slug>.pot, where
# the destination must be a relative path.
"$REPO/node_modules/.bin/make-pot" . "$(realpath --relative-to="$REPO" "$tmp")" \
	--slug meum-woocommerce \
	--domain plugin \
	--include 'meum-woocommerce.php,uninstall.php,includes/**/*.php,src/**/*.ts,src/**/*.tsx' \
	"${domains[@]}" \
	--charset utf-8 \
	--headers=email:EMAIL@ADDRESS \
	--skip-audit \
	--silent \
	</dev/null >"$tmp/make-pot.log" 2>&1 || { cat "$tmp/make-pot.log" >&2; exit 1; }

if ! grep -q '^msgid "[^"]' "$tmp/meum-woocommerce.pot" 2>/dev/null; then
	cat "$tmp/make-pot.log" >&2
	echo "make-pot.sh: make-pot wrote no strings" >&2
	exit 1
fi

mkdir -p "$(dirname "$out")"
node bin/lib/normalize-pot.cjs "$tmp/meum-woocommerce.pot" "$out"
