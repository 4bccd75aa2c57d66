#!/usr/bin/env bash
# The committed languages/meum-woocommerce.pot is what bin/make-pot.sh makes from the sources today,
# and the sources' strings are ready for translators. Fails, showing why, when:
#   - the regenerated .pot differs from the committed one (the diff is shown; run `npm run i18n:pot`
#     and commit the result);
#   - a string has a placeholder (%s, %1$d, <tag />) but no "translators:" comment;
#   - a string is in another text domain than meum-woocommerce, or has none.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"

committed=languages/meum-woocommerce.pot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

if [[ ! -f $committed ]]; then
	echo "pot-check: $committed is missing; run npm run i18n:pot" >&2
	exit 1
fi

bash bin/make-pot.sh "$tmp/meum-woocommerce.pot"
if ! diff -u --label "$committed (committed)" --label "$committed (from the sources)" \
	"$committed" "$tmp/meum-woocommerce.pot"; then
	echo "pot-check: $committed is out of date; run npm run i18n:pot and commit it" >&2
	failed=1
fi

bash bin/make-pot.sh --all-domains "$tmp/all-domains.pot"
node tests/release/pot-strings-check.cjs "$tmp/meum-woocommerce.pot" "$tmp/all-domains.pot" || failed=1

if (( failed )); then
	exit 1
fi
echo "pot-check: $committed is up to date ($(( $(grep -c '^msgid ' "$committed") - 1 )) strings)"
