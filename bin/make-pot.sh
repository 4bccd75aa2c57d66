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
node - "$tmp/meum-woocommerce.pot" "$out" <<'EOF'
const fs = require( 'node:fs' );
const path = require( 'node:path' );
// The gettext-parser make-pot itself uses, so the format does not change between the two steps.
const { po } = require(
	require.resolve( 'gettext-parser', {
		paths: [ path.dirname( require.resolve( '@wp-blocks/make-pot/package.json' ) ) ],
	} )
);

const [ input, output ] = process.argv.slice( 2 );
const parsed = po.parse( fs.readFileSync( input ) );

// Header: the fields a POT file normally has, without anything that changes from run to run.
const headers = { ...parsed.headers };
delete headers[ 'POT-Creation-Date' ];
headers[ 'PO-Revision-Date' ] = 'YEAR-MO-DA HO:MI+ZONE';
headers[ 'Last-Translator' ] = 'FULL NAME <EMAIL@ADDRESS>';
headers[ 'Language-Team' ] = 'LANGUAGE <LL@li.org>';
headers.Language = '';

// Strings of the plugin header (Name, Description, Author, URIs), in WP-CLI's order.
const headerOrder = [ 'Name of', 'Url of', 'Description of', 'Author of', 'Author URI of' ];
const headerRank = ( entry ) => {
	const extracted = entry.comments?.extracted ?? '';
	const index = headerOrder.findIndex( ( prefix ) => extracted.startsWith( prefix ) );
	return index === -1 ? headerOrder.length : index;
};
const compareText = ( a, b ) => ( a < b ? -1 : a > b ? 1 : 0 );
const parseReference = ( reference ) => {
	const match = /^(.*?)(?::(\d+))?$/.exec( reference );
	return [ match[ 1 ], match[ 2 ] ? Number( match[ 2 ] ) : 0 ];
};
const compareReference = ( a, b ) => {
	const [ fileA, lineA ] = parseReference( a );
	const [ fileB, lineB ] = parseReference( b );
	return compareText( fileA, fileB ) || lineA - lineB;
};

const entries = [];
for ( const [ context, table ] of Object.entries( parsed.translations ) ) {
	for ( const [ msgid, entry ] of Object.entries( table ) ) {
		if ( context === '' && msgid === '' ) {
			continue;
		}
		const comments = { ...( entry.comments ?? {} ) };
		const references = ( comments.reference ?? '' )
			.split( /\r?\n/ )
			.flatMap( ( line ) => line.trim().split( /\s+/ ) )
			.filter( Boolean );
		comments.reference = [ ...new Set( references ) ].sort( compareReference ).join( '\n' );
		// make-pot keeps the text of a "translators:" comment as a translator comment (`# `)
		// without its keyword; WordPress tools expect an extracted comment (`#. translators: `).
		const extracted = [];
		if ( comments.extracted ) {
			extracted.push( comments.extracted );
		}
		if ( comments.translator ) {
			extracted.push(
				'translators: ' + comments.translator.replace( /\s*\n\s*/g, ' ' ).trim()
			);
		}
		delete comments.translator;
		comments.extracted = extracted.join( '\n' );
		entries.push( { ...entry, msgctxt: entry.msgctxt || undefined, comments } );
	}
}

const firstReference = ( entry ) => entry.comments.reference.split( '\n' )[ 0 ];
entries.sort(
	( a, b ) =>
		headerRank( a ) - headerRank( b ) ||
		compareReference( firstReference( a ), firstReference( b ) ) ||
		compareText( a.msgctxt ?? '', b.msgctxt ?? '' ) ||
		compareText( a.msgid, b.msgid )
);

// Rebuild the table in that order (the compiler writes entries in insertion order).
const translations = { '': { '': { msgid: '', msgstr: [ '' ] } } };
for ( const entry of entries ) {
	const context = entry.msgctxt ?? '';
	translations[ context ] ??= {};
	translations[ context ][ entry.msgid ] = entry;
}

let text = po
	.compile( { charset: 'utf-8', headers, translations } )
	.toString( 'utf8' );
// Extracted comments (`#.`) before the references (`#:`), as xgettext and WP-CLI write them.
text = text
	.split( '\n\n' )
	.map( ( block ) => {
		const lines = block.split( '\n' );
		const rank = ( line ) => {
			if ( line.startsWith( '#.' ) ) {
				return 0;
			}
			return line.startsWith( '#:' ) ? 1 : 2;
		};
		const comments = lines.filter( ( line ) => line.startsWith( '#' ) );
		const rest = lines.filter( ( line ) => ! line.startsWith( '#' ) );
		return [ ...comments.sort( ( a, b ) => rank( a ) - rank( b ) ), ...rest ].join( '\n' );
	} )
	.join( '\n\n' );

// The copyright lines from the plugin header, without the year (it would change every January).
const pluginHeader = fs.readFileSync( 'meum-woocommerce.php', 'utf8' );
const field = ( name ) =>
	new RegExp( `^[ \\t/*#@]*${ name }:[ \\t]*(.+)$`, 'mi' ).exec( pluginHeader )?.[ 1 ].trim() ?? '';
fs.writeFileSync(
	output,
	`# Copyright (C) ${ field( 'Author' ) }\n` +
		`# This file is distributed under the ${ field( 'License' ) } license.\n` +
		text +
		'\n'
);
EOF
