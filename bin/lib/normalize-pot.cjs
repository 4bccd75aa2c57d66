/**
 * Normalizes the .pot file make-pot wrote, for bin/make-pot.sh (`npm run i18n:pot`), so that the
 * committed file is deterministic and can be compared (tests/release/pot-check.sh):
 *   - no POT-Creation-Date, no year in the copyright line or PO-Revision-Date;
 *   - entries sorted by their first source reference (file, then line), references sorted, the
 *     plugin header's strings first;
 *   - translator comments written as WP-CLI does: `#. translators: …` before the `#:` references.
 *
 * Usage: node bin/lib/normalize-pot.cjs INPUT OUTPUT (run from the repository root: it reads the
 * plugin header from meum-woocommerce.php).
 */
const fs = require( 'node:fs' );
const path = require( 'node:path' );
// The gettext-parser make-pot itself uses, so the format does not change between the two steps.
const { po } = require(
	require.resolve( 'gettext-parser', {
		paths: [
			path.dirname(
				require.resolve( '@wp-blocks/make-pot/package.json' )
			),
		],
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
const headerOrder = [
	'Name of',
	'Url of',
	'Description of',
	'Author of',
	'Author URI of',
];
const headerRank = ( entry ) => {
	const extracted = entry.comments?.extracted ?? '';
	const index = headerOrder.findIndex( ( prefix ) =>
		extracted.startsWith( prefix )
	);
	return index === -1 ? headerOrder.length : index;
};
const compareText = ( a, b ) => {
	if ( a === b ) {
		return 0;
	}
	return a < b ? -1 : 1;
};
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
		comments.reference = [ ...new Set( references ) ]
			.sort( compareReference )
			.join( '\n' );
		// make-pot keeps the text of a "translators:" comment as a translator comment (`# `)
		// without its keyword; WordPress tools expect an extracted comment (`#. translators: `).
		const extracted = [];
		if ( comments.extracted ) {
			extracted.push( comments.extracted );
		}
		if ( comments.translator ) {
			extracted.push(
				'translators: ' +
					comments.translator.replace( /\s*\n\s*/g, ' ' ).trim()
			);
		}
		delete comments.translator;
		comments.extracted = extracted.join( '\n' );
		entries.push( {
			...entry,
			msgctxt: entry.msgctxt || undefined,
			comments,
		} );
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
		return [
			...comments.sort( ( a, b ) => rank( a ) - rank( b ) ),
			...rest,
		].join( '\n' );
	} )
	.join( '\n\n' );

// The copyright lines from the plugin header, without the year (it would change every January).
const pluginHeader = fs.readFileSync( 'meum-woocommerce.php', 'utf8' );
const field = ( name ) =>
	new RegExp( `^[ \\t/*#@]*${ name }:[ \\t]*(.+)$`, 'mi' )
		.exec( pluginHeader )?.[ 1 ]
		.trim() ?? '';
fs.writeFileSync(
	output,
	`# Copyright (C) ${ field( 'Author' ) }\n` +
		`# This file is distributed under the ${ field( 'License' ) } license.\n` +
		text +
		'\n'
);
