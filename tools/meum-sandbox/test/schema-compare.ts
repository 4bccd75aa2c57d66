/** Compares the OpenAPI `WooConnectRequest` schema with the project's JSON Schema (test helper). */

interface PropertyShape {
	type: unknown;
	format: unknown;
}

function asRecord( value: unknown ): Record< string, unknown > | null {
	return typeof value === 'object' &&
		value !== null &&
		! Array.isArray( value )
		? ( value as Record< string, unknown > )
		: null;
}

function properties(
	schema: Record< string, unknown >
): Map< string, PropertyShape > {
	const out = new Map< string, PropertyShape >();
	const props = asRecord( schema.properties ) ?? {};
	for ( const [ name, raw ] of Object.entries( props ) ) {
		const p = asRecord( raw ) ?? {};
		out.set( name, { type: p.type, format: p.format } );
	}
	return out;
}

function requiredList( schema: Record< string, unknown > ): string[] {
	return Array.isArray( schema.required )
		? schema.required.map( String ).sort()
		: [];
}

const show = ( v: unknown ): string =>
	v === undefined ? '(none)' : JSON.stringify( v );

/**
 * Lists the differences that matter for the contract: property names, `type` and `format` of each
 * property, the `required` list, and the root `type`.
 * @param spec    `components.schemas.WooConnectRequest` from the OpenAPI file
 * @param project the project's `woo-connect-request.schema.json`
 * @return human-readable differences; empty when the schemas agree
 */
export function compareRequestSchemas(
	spec: unknown,
	project: unknown
): string[] {
	const a = asRecord( spec );
	const b = asRecord( project );
	if ( a === null || b === null ) {
		return [
			`not both objects: spec ${ show( spec === null ? null : typeof spec ) }, project ${ show( project === null ? null : typeof project ) }`,
		];
	}
	const diffs: string[] = [];
	if ( a.type !== b.type ) {
		diffs.push(
			`root type: spec ${ show( a.type ) }, project ${ show( b.type ) }`
		);
	}
	const pa = properties( a );
	const pb = properties( b );
	for ( const name of new Set( [ ...pa.keys(), ...pb.keys() ] ) ) {
		const x = pa.get( name );
		const y = pb.get( name );
		if ( x === undefined ) {
			diffs.push( `property ${ name }: only in project` );
			continue;
		}
		if ( y === undefined ) {
			diffs.push( `property ${ name }: only in spec` );
			continue;
		}
		if ( JSON.stringify( x.type ) !== JSON.stringify( y.type ) ) {
			diffs.push(
				`property ${ name }: type spec ${ show( x.type ) }, project ${ show( y.type ) }`
			);
		}
		if ( x.format !== y.format ) {
			diffs.push(
				`property ${ name }: format spec ${ show( x.format ) }, project ${ show( y.format ) }`
			);
		}
	}
	const ra = requiredList( a );
	const rb = requiredList( b );
	if ( JSON.stringify( ra ) !== JSON.stringify( rb ) ) {
		diffs.push( `required: spec ${ show( ra ) }, project ${ show( rb ) }` );
	}
	return diffs;
}
