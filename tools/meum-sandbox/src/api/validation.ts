/**
 * Validation of the connect request body against the project's JSON Schema
 * (`schema/woo-connect-request.schema.json`) with Ajv (draft 2020-12) and ajv-formats.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import connectRequestSchema from '../../schema/woo-connect-request.schema.json';

/** The connect request once it has passed validation. */
export interface WooConnectRequest {
	webhook_url: string;
	site_url: string;
	plugin_version?: string;
	wordpress_version?: string;
	woocommerce_version?: string;
}

/** Field name → readable message, as sent in a 422 `details` object. */
export type ValidationDetails = Record< string, string >;

/** Result of validating a connect body. */
export type ConnectValidationResult =
	| { ok: true; value: WooConnectRequest }
	| { ok: false; details: ValidationDetails };

const ajv = new Ajv2020( { allErrors: true, strict: true } );
addFormats( ajv );
const validateSchema = ajv.compile< WooConnectRequest >( connectRequestSchema );

/** Key used in `details` when the body as a whole is wrong (not an object). */
export const ROOT_FIELD = 'body';

/**
 * Returns the project's connect-request JSON Schema (a deep copy, safe to mutate).
 * @return the schema object
 */
export function connectRequestJsonSchema(): Record< string, unknown > {
	return structuredClone( connectRequestSchema ) as Record< string, unknown >;
}

/**
 * Validates a parsed JSON body against the connect-request schema.
 * @param body any value produced by `JSON.parse`
 * @return `{ ok: true, value }` for a conforming body, else `{ ok: false, details }` with one
 *   readable message per offending field
 */
export function validateConnectRequest(
	body: unknown
): ConnectValidationResult {
	if ( validateSchema( body ) ) {
		return { ok: true, value: body };
	}
	return {
		ok: false,
		details: detailsFromAjvErrors( validateSchema.errors ?? [] ),
	};
}

/** Words one Ajv error for a field; undefined = the connect request's wording. */
export type AjvMessage = (
	err: ErrorObject,
	field: string
) => string | undefined;

/**
 * Turns Ajv errors into a `details` map: the offending property for `required` and
 * `additionalProperties`, the first path segment otherwise, `body` for the root. When a field has
 * several errors, the first one wins (they are worded so any one of them is enough).
 * @param errors  Ajv's error list (from a validator compiled with `allErrors: true`)
 * @param message another schema's wording (falls back to the connect request's)
 * @return field name → message
 */
export function detailsFromAjvErrors(
	errors: readonly ErrorObject[],
	message: AjvMessage = () => undefined
): ValidationDetails {
	const details: ValidationDetails = Object.create(
		null
	) as ValidationDetails;
	for ( const err of errors ) {
		const field = fieldOf( err );
		if ( ! Object.prototype.hasOwnProperty.call( details, field ) ) {
			details[ field ] =
				message( err, field ) ?? messageFor( err, field );
		}
	}
	// Return a normal object so JSON encoding and deepEqual behave as usual.
	return { ...details };
}

function fieldOf( err: ErrorObject ): string {
	const params = err.params as Record< string, unknown >;
	if (
		err.keyword === 'required' &&
		typeof params.missingProperty === 'string'
	) {
		return joinPath( err.instancePath, params.missingProperty );
	}
	if (
		err.keyword === 'additionalProperties' &&
		typeof params.additionalProperty === 'string'
	) {
		return joinPath( err.instancePath, params.additionalProperty );
	}
	return joinPath( err.instancePath, undefined );
}

function joinPath( instancePath: string, leaf: string | undefined ): string {
	const segments = instancePath
		.split( '/' )
		.slice( 1 )
		.map( ( s ) => s.replace( /~1/g, '/' ).replace( /~0/g, '~' ) );
	if ( leaf !== undefined ) {
		segments.push( leaf );
	}
	return segments.length === 0 ? ROOT_FIELD : segments.join( '.' );
}

function messageFor( err: ErrorObject, field: string ): string {
	const params = err.params as Record< string, unknown >;
	switch ( err.keyword ) {
		case 'required':
			return 'This field is required.';
		case 'additionalProperties':
			return 'Unknown field: it is not part of the connect request.';
		case 'type':
			if ( field === ROOT_FIELD ) {
				return 'The request body must be a JSON object.';
			}
			return `Must be a ${ String( params.type ) }.`;
		case 'format':
		case 'pattern':
			return 'Must be an absolute http(s) URL.';
		case 'minLength':
			return 'Must not be empty (omit the field when the value is unknown).';
		default:
			return err.message ?? 'Invalid value.';
	}
}
