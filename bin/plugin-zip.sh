#!/usr/bin/env bash
# plugin-zip.sh (`npm run plugin-zip`): builds meum-woocommerce.zip at the repository root, the file a
# store owner uploads in Plugins › Add New Plugin › Upload Plugin. Its single top folder is
# meum-woocommerce/ and it holds exactly the release tree of bin/release-tree.sh (the one list of
# what ships; the local WordPress of `npm start` and `npm test` installs the same tree).
#
# Why not `wp-scripts plugin-zip`: it lists files with npm-packlist, which always adds package.json
# (a dev config) and README.md, whatever package.json "files" says, and it would zip the working
# copy's vendor/ (the dev autoloader).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO"

SLUG=meum-woocommerce
OUT=$REPO/$SLUG.zip

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
bash bin/release-tree.sh "$WORK/$SLUG"

rm -f "$OUT" "$WORK/$SLUG.zip"
( cd "$WORK" && zip -rqX "$SLUG.zip" "$SLUG" )
mv "$WORK/$SLUG.zip" "$OUT"
echo "built $SLUG.zip: $(unzip -Z1 "$OUT" | grep -cv '/$') files, $(du -k "$OUT" | cut -f1) KiB"
