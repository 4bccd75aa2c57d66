#!/usr/bin/env bash
# release-tree.sh DEST: writes the plugin's release tree into the folder DEST (replaced when it
# exists): the one list of what the plugin ships, used both for the zip (bin/plugin-zip.sh) and for
# the copy that `npm start` and `npm test` install into the local WordPress (bin/wp-local.sh).
#   meum-woocommerce.php, uninstall.php, readme.txt, includes/, assets/ (the payment method's icon),
#   build/ (the settings app and the checkout script, built first when missing or older than src/), src/ (the human-readable TypeScript sources the plugin directory requires),
#   languages/ (when present), and vendor/autoload.php + vendor/composer/ generated with
#   `composer dump-autoload --no-dev --optimize`.
# Nothing else: no tests, sandbox, node_modules, dot files, dev configs, bench, docs or bin. (A
# WordPress whose plugin folder links to the whole repository walks node_modules in Tools › Site
# Health › Info: the reason the local WordPress gets this copy.)
# The autoloader is generated in the copy, so the repository's own vendor/ is never touched while
# other commands use it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

DEST=${1:?usage: bin/release-tree.sh DEST}
SLUG=meum-woocommerce

if [ ! -f build/settings.js ] || [ ! -f build/settings.asset.php ] || [ ! -f build/checkout.js ] || [ ! -f build/checkout.asset.php ] || [ ! -f build/return-page.js ] || [ ! -f build/return-page.asset.php ] || [ -n "$(find src webpack.config.js -newer build/settings.js -print -quit)" ]; then
	ensure_node_modules
	ensure_build
fi

# Built beside DEST, then swapped in, so DEST is never half-written.
mkdir -p "$(dirname "$DEST")"
STAGE=$(mktemp -d "$(dirname "$DEST")/.$SLUG-stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

cp -p "$SLUG.php" uninstall.php readme.txt "$STAGE/"
cp -rp includes assets build src "$STAGE/"
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
if grep -rq InstalledVersions "$STAGE/vendor/composer"/autoload_*.php; then echo "release-tree: the classmap still names InstalledVersions" >&2; exit 1; fi

# No dot files, no tests or source maps that may sit next to the sources.
find "$STAGE" -mindepth 1 -name '.*' -prune -exec rm -rf {} +
find "$STAGE" \( -name '__tests__' -o -name 'test' -o -name 'tests' \) -type d -prune -exec rm -rf {} +
find "$STAGE" -type f \( -name '*.test.ts' -o -name '*.test.tsx' -o -name '*.spec.ts' -o -name '*.spec.tsx' -o -name '*.map' \) -delete

for f in "$SLUG.php" uninstall.php readme.txt vendor/autoload.php vendor/composer/autoload_real.php build/settings.js build/settings.asset.php build/checkout.js build/checkout.asset.php build/return-page.js build/return-page.asset.php assets/meum-icon.svg; do
	[ -f "$STAGE/$f" ] || { echo "release-tree: $f is missing from the release tree" >&2; exit 1; }
done

chmod 755 "$STAGE"
if [ -L "$DEST" ] || [ -f "$DEST" ]; then rm -f "$DEST"; fi
OLD=
if [ -d "$DEST" ]; then OLD=$STAGE.old; mv "$DEST" "$OLD"; fi
mv "$STAGE" "$DEST"
[ -z "$OLD" ] || rm -rf "$OLD"
