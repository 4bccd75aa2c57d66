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
node - "$tmp/meum-woocommerce.pot" "$tmp/all-domains.pot" <<'EOF' || failed=1
const fs = require( 'node:fs' );
const path = require( 'node:path' );
const { po } = require(
	require.resolve( 'gettext-parser', {
		paths: [ path.dirname( require.resolve( '@wp-blocks/make-pot/package.json' ) ) ],
	} )
);
const entries = ( file ) =>
	Object.values( po.parse( fs.readFileSync( file ) ).translations )
		.flatMap( ( table ) => Object.values( table ) )
		.filter( ( entry ) => entry.msgid !== '' );
const where = ( entry ) => ( entry.comments?.reference ?? '' ).split( '\n' ).join( ', ' );
const key = ( entry ) => `${ entry.msgctxt ?? '' }\u0004${ entry.msgid }`;
const problems = [];

const ours = entries( process.argv[ 2 ] );
const placeholder = /%(\d+\$)?[-+ 0#']*\d*(\.\d+)?[bcdeEfFgGosuxX]|<[a-z][a-z0-9]*\s*\/>/;
for ( const entry of ours ) {
	const text = [ entry.msgid, entry.msgid_plural ?? '' ].join( ' ' );
	if ( placeholder.test( text ) && ! /translators:/i.test( entry.comments?.extracted ?? '' ) ) {
		problems.push( `no "translators:" comment for a placeholder: ${ JSON.stringify( entry.msgid ) } (${ where( entry ) })` );
	}
}

const known = new Set( ours.map( key ) );
for ( const entry of entries( process.argv[ 3 ] ) ) {
	if ( ! known.has( key( entry ) ) ) {
		problems.push( `not in the meum-woocommerce text domain: ${ JSON.stringify( entry.msgid ) } (${ where( entry ) })` );
	}
}

for ( const problem of problems ) {
	console.error( `pot-check: ${ problem }` );
}
process.exit( problems.length > 0 ? 1 : 0 );
EOF

if (( failed )); then
	exit 1
fi
echo "pot-check: $committed is up to date ($(( $(grep -c '^msgid ' "$committed") - 1 )) strings)"
