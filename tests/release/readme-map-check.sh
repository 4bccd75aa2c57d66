#!/usr/bin/env bash
# The developer map in README.md ("For developers") names every file under includes/ and src/ that
# git knows (`git ls-files includes src`), and only files that exist. A file is named by its path
# below includes/ (`Api/Client.php`) or below src/settings/ (`components/connect-form.tsx`), at the
# start of a line of the map's code block. Fails, listing what to add or remove.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"

# The map: the first code block after the "## For developers" heading.
map=$(awk '/^## For developers/ { section = 1 } section && /^```/ { if (inside) exit; inside = 1; next } inside' README.md)
[ -n "$map" ] || { echo "readme-map-check: no code block under '## For developers' in README.md" >&2; exit 1; }

# Paths the map names: the first word of each indented line under includes/ or a src/<entry>/ folder.
named=$(awk '
	/^includes\// { dir = "includes/"; next }
	/^src\/[a-z-]+\// { dir = $1; next }
	/^[^ ]/ { dir = ""; next }
	dir != "" && /^  [^ ]/ { print dir $1 }
' <<<"$map" | sort -u)
actual=$(git ls-files includes src | sort -u)

missing=$(comm -23 <(echo "$actual") <(echo "$named"))
stale=$(comm -13 <(echo "$actual") <(echo "$named"))
failed=0
if [ -n "$missing" ]; then
	echo "readme-map-check: README.md's developer map does not name (add a line for each):" >&2
	sed 's/^/  /' <<<"$missing" >&2
	failed=1
fi
if [ -n "$stale" ]; then
	echo "readme-map-check: README.md's developer map names files that do not exist (remove or rename):" >&2
	sed 's/^/  /' <<<"$stale" >&2
	failed=1
fi
[ "$failed" = 0 ] || exit 1
echo "readme-map-check: the developer map names all $(wc -l <<<"$actual") files of includes/ and src/"
