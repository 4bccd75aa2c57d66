/** Error bodies in the two shapes Meum uses (meum-api.md Part A §A2). */

/** Flat ("legacy") error body: `{ error, code?, details? }`. */
export interface FlatErrorBody {
	error: string;
	code?: string;
	details?: Record< string, string >;
}

/** Nested error body: `{ error: { type, code, message } }`. */
export interface NestedErrorBody {
	error: { type: string; code: string; message: string };
}

/**
 * Builds a flat error body.
 * @param error   human-readable message
 * @param code    machine-readable code (omitted from the body when undefined)
 * @param details optional field → message map
 * @return the body object, ready for JSON encoding
 */
export function flatError(
	error: string,
	code?: string,
	details?: Record< string, string >
): FlatErrorBody {
	const body: FlatErrorBody = { error };
	if ( code !== undefined ) {
		body.code = code;
	}
	if ( details !== undefined ) {
		body.details = details;
	}
	return body;
}

/**
 * Builds a nested error body.
 * @param type    error type, e.g. `permission_error`
 * @param code    machine-readable code, e.g. `INSUFFICIENT_SCOPE`
 * @param message human-readable message
 * @return the body object, ready for JSON encoding
 */
export function nestedError(
	type: string,
	code: string,
	message: string
): NestedErrorBody {
	return { error: { type, code, message } };
}

/** Fixed error bodies used by the sandbox. */
export const ERRORS = {
	missingAuth: (): FlatErrorBody =>
		flatError(
			'Missing or malformed Authorization header',
			'UNAUTHORIZED'
		),
	invalidKey: (): FlatErrorBody =>
		flatError( 'Invalid API key', 'INVALID_API_KEY' ),
	notJsonContentType: (): FlatErrorBody =>
		flatError(
			'The request body must be JSON sent with Content-Type: application/json',
			'INVALID_JSON'
		),
	invalidJson: (): FlatErrorBody =>
		flatError( 'The request body is not valid JSON', 'INVALID_JSON' ),
	validation: ( details: Record< string, string > ): FlatErrorBody =>
		flatError( 'Validation failed', 'VALIDATION_ERROR', details ),
	siteAlreadyConnected: (): FlatErrorBody =>
		flatError(
			'This WooCommerce site is already connected to another Meum store.',
			'SITE_ALREADY_CONNECTED'
		),
	insufficientScope: (): NestedErrorBody =>
		nestedError(
			'permission_error',
			'INSUFFICIENT_SCOPE',
			'Missing woocommerce:connect scope'
		),
	rateLimited: (): FlatErrorBody =>
		flatError( 'Too many requests', 'RATE_LIMITED' ),
	integrationNotFound: (): FlatErrorBody =>
		flatError(
			'No WooCommerce integration found for this key',
			'INTEGRATION_NOT_FOUND'
		),
	noSuchIntegration: (): FlatErrorBody =>
		flatError( 'No integration for this site_url', 'NOT_FOUND' ),
	notFound: (): FlatErrorBody => flatError( 'Not found', 'NOT_FOUND' ),
	methodNotAllowed: (): FlatErrorBody =>
		flatError( 'Method not allowed', 'METHOD_NOT_ALLOWED' ),
	payloadTooLarge: (): FlatErrorBody =>
		flatError(
			'Request body too large (limit 1 MiB)',
			'PAYLOAD_TOO_LARGE'
		),
	badRequest: (): FlatErrorBody => flatError( 'Bad request', 'BAD_REQUEST' ),
	internal: (): FlatErrorBody =>
		flatError( 'Internal sandbox error', 'INTERNAL_ERROR' ),
} as const;

/** Details of the `unprocessable` scenario's 422. */
export const UNPROCESSABLE_DETAILS: Readonly< Record< string, string > > =
	Object.freeze( {
		connection_key:
			'This connection key has expired. Create a new one in Meum.',
		site_url: 'The site URL must be reachable from the internet.',
	} );
