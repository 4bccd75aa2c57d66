#!/usr/bin/env bash
# plugin-zip.sh (`npm run plugin-zip`): builds meum-woocommerce.zip at the repository root, the file a
# store owner uploads in Plugins › Add New Plugin › Upload Plugin. Its single top folder is
# meum-woocommerce/ and it holds exactly what a site needs:
#   meum-woocommerce.php, uninstall.php, readme.txt, includes/, build/ (built first when missing or
#   older than src/), src/ (the human-readable TypeScript sources the plugin directory requires),
#   languages/ (when present), and vendor/autoload.php + vendor/composer/ generated with
#   `composer dump-autoload --no-dev --optimize`.
# Nothing else: no tests, sandbox, node_modules, dot files, dev configs, bench, docs or bin.
#
# Why not `wp-scripts plugin-zip`: it lists files with npm-packlist, which always adds package.json
# (a dev config) and README.md, whatever package.json "files" says, and it would zip the working
# copy's vendor/ (the dev autoloader). The autoloader here is generated in a staging copy, so the
# repository's own vendor/ is never touched while other commands use it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

SLUG=meum-woocommerce
OUT=$REPO/$SLUG.zip

if [ ! -f build/settings.js ] || [ ! -f build/settings.asset.php ] || [ -n "$(find src -newer build/settings.js -print -quit)" ]; then
	ensure_node_modules
	ensure_build
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STAGE=$WORK/$SLUG
mkdir -p "$STAGE"

cp -p "$SLUG.php" uninstall.php readme.txt "$STAGE/"
cp -rp includes build src "$STAGE/"
[ -d languages ] && cp -rp languages "$STAGE/"

# The production autoloader (PSR-4 + optimized classmap over includes/), generated in the stage.
cp composer.json "$STAGE/"
( cd "$STAGE" && COMPOSER_ALLOW_SUPERUSER=1 composer dump-autoload --no-dev --optimize --quiet --no-interaction --no-plugins --no-scripts )
rm -f "$STAGE/composer.json" "$STAGE/composer.lock"
find "$STAGE/vendor" -mindepth 1 -maxdepth 1 ! -name autoload.php ! -name composer -exec rm -rf {} +
rm -f "$STAGE/vendor/composer/installed.json"
# dump-autoload always maps Composer\InstalledVersions to vendor/composer/InstalledVersions.php, a file
# only `composer install` writes. The plugin never uses it; drop the entry so that the shipped
# autoloader (registered first) never includes a missing file when another plugin asks for that class.
sed -i "\#/composer/InstalledVersions\.php',\$#d" "$STAGE/vendor/composer/autoload_classmap.php" "$STAGE/vendor/composer/autoload_static.php"
for f in "$STAGE"/vendor/composer/autoload_*.php; do php -l "$f" >/dev/null; done
if grep -rq InstalledVersions "$STAGE/vendor/composer"/autoload_*.php; then echo "plugin-zip: the classmap still names InstalledVersions" >&2; exit 1; fi

# No dot files, no tests or source maps that may sit next to the sources.
find "$STAGE" -name '.*' -prune -exec rm -rf {} +
find "$STAGE" \( -name '__tests__' -o -name 'test' -o -name 'tests' \) -type d -prune -exec rm -rf {} +
find "$STAGE" -type f \( -name '*.test.ts' -o -name '*.test.tsx' -o -name '*.spec.ts' -o -name '*.spec.tsx' -o -name '*.map' \) -delete

for f in "$SLUG.php" uninstall.php readme.txt vendor/autoload.php vendor/composer/autoload_real.php build/settings.js build/settings.asset.php; do
	[ -f "$STAGE/$f" ] || { echo "plugin-zip: $f is missing from the package" >&2; exit 1; }
done

rm -f "$OUT" "$WORK/$SLUG.zip"
( cd "$WORK" && zip -rqX "$SLUG.zip" "$SLUG" )
mv "$WORK/$SLUG.zip" "$OUT"
echo "built $SLUG.zip: $(unzip -Z1 "$OUT" | grep -cv '/$') files, $(du -k "$OUT" | cut -f1) KiB"
