/**
 * The string checks of tests/release/pot-check.sh: every string with a placeholder (%s, %1$d,
 * <tag />) has a "translators:" comment, and every string of the sources is in the
 * meum-woocommerce text domain. Prints each problem and exits 1 when there is one.
 *
 * Usage: node tests/release/pot-strings-check.cjs OURS.pot ALL-DOMAINS.pot (both written by
 * bin/make-pot.sh, the second with --all-domains).
 */
const fs = require( 'node:fs' );
const path = require( 'node:path' );
const { po } = require(
	require.resolve( 'gettext-parser', {
		paths: [
			path.dirname(
				require.resolve( '@wp-blocks/make-pot/package.json' )
			),
		],
	} )
);
const entries = ( file ) =>
	Object.values( po.parse( fs.readFileSync( file ) ).translations )
		.flatMap( ( table ) => Object.values( table ) )
		.filter( ( entry ) => entry.msgid !== '' );
const where = ( entry ) =>
	( entry.comments?.reference ?? '' ).split( '\n' ).join( ', ' );
const key = ( entry ) => `${ entry.msgctxt ?? '' }\u0004${ entry.msgid }`;
const problems = [];

const ours = entries( process.argv[ 2 ] );
const placeholder =
	/%(\d+\$)?[-+ 0#']*\d*(\.\d+)?[bcdeEfFgGosuxX]|<[a-z][a-z0-9]*\s*\/>/;
for ( const entry of ours ) {
	const text = [ entry.msgid, entry.msgid_plural ?? '' ].join( ' ' );
	if (
		placeholder.test( text ) &&
		! /translators:/i.test( entry.comments?.extracted ?? '' )
	) {
		problems.push(
			`no "translators:" comment for a placeholder: ${ JSON.stringify( entry.msgid ) } (${ where( entry ) })`
		);
	}
}

const known = new Set( ours.map( key ) );
for ( const entry of entries( process.argv[ 3 ] ) ) {
	if ( ! known.has( key( entry ) ) ) {
		problems.push(
			`not in the meum-woocommerce text domain: ${ JSON.stringify( entry.msgid ) } (${ where( entry ) })`
		);
	}
}

for ( const problem of problems ) {
	console.error( `pot-check: ${ problem }` );
}
process.exit( problems.length > 0 ? 1 : 0 );
