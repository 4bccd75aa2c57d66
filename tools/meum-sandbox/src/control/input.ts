/**
 * Parsing of the JSON bodies of the `/__sandbox/` lifecycle routes (revoke, store, fail-next), and
 * the shared helpers the other control parsers use.
 */
import {
	FAILABLE_PATHS,
	FAILURE_STATUSES,
	type FailablePath,
	type FailureStatus,
	type StorePatch,
} from '../core/state';

/** Outcome of parsing a control body: the value, or a 400 error (`INVALID_JSON` or field details). */
export type ControlInput< T > =
	| { ok: true; value: T }
	| { ok: false; invalidJson: true }
	| { ok: false; invalidJson: false; details: Record< string, string > };

/** Body of `POST /__sandbox/revoke`. */
export interface RevokeInput {
	siteUrl: string;
}

/** Body of `POST /__sandbox/store`. */
export interface StoreInput {
	siteUrl: string;
	patch: StorePatch;
}

/** Body of `POST /__sandbox/fail-next`. */
export interface FailNextInput {
	path: FailablePath;
	status: FailureStatus;
	times: number;
}

/** A parsed JSON object body. */
export type Fields = Record< string, unknown >;

/**
 * Parses a raw body as a JSON object (the Content-Type is not checked on control routes).
 * @param raw the raw body text
 * @return the object, or an error result
 */
export function parseObject( raw: string ): ControlInput< Fields > {
	let value: unknown;
	try {
		value = JSON.parse( raw );
	} catch {
		return { ok: false, invalidJson: true };
	}
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray( value )
	) {
		return {
			ok: false,
			invalidJson: false,
			details: { body: 'The body must be a JSON object.' },
		};
	}
	return { ok: true, value: value as Fields };
}

/**
 * Reads a required non-empty `site_url`.
 * @param fields  the parsed body
 * @param details collects the error message
 * @return the site URL, or undefined (with `details.site_url` set)
 */
export function siteUrlOf(
	fields: Fields,
	details: Record< string, string >
): string | undefined {
	const siteUrl = fields.site_url;
	if ( typeof siteUrl !== 'string' || siteUrl === '' ) {
		details.site_url =
			'site_url is required and must be a non-empty string.';
		return undefined;
	}
	return siteUrl;
}

/** A parsed body that names a site (`site_url`), with the error details collected so far. */
export interface SiteFields {
	fields: Fields;
	/** The site URL, or undefined (then `details.site_url` says why). */
	siteUrl: string | undefined;
	details: Record< string, string >;
}

/**
 * Parses a raw body as a JSON object and reads its required `site_url`: the start of every
 * control body that names a site.
 * @param raw the raw body text
 * @return the fields, the site URL and the details, or an error result (not a JSON object)
 */
export function parseSiteBody( raw: string ): ControlInput< SiteFields > {
	const parsed = parseObject( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const details: Record< string, string > = {};
	const siteUrl = siteUrlOf( parsed.value, details );
	return { ok: true, value: { fields: parsed.value, siteUrl, details } };
}

/**
 * Parses the body of `POST /__sandbox/revoke`: `{ site_url }`.
 * @param raw the raw body text
 * @return the site URL, or an error result
 */
export function parseRevokeInput( raw: string ): ControlInput< RevokeInput > {
	const parsed = parseSiteBody( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const { siteUrl, details } = parsed.value;
	return siteUrl === undefined
		? { ok: false, invalidJson: false, details }
		: { ok: true, value: { siteUrl } };
}

/**
 * Parses the body of `POST /__sandbox/store`:
 * `{ site_url, payout_configured?, health_status?, webhook_health?, issues? }`.
 * @param raw the raw body text
 * @return the site URL and the patch, or an error result
 */
export function parseStoreInput( raw: string ): ControlInput< StoreInput > {
	const parsed = parseSiteBody( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const { fields, siteUrl, details } = parsed.value;
	const patch: StorePatch = {};
	if ( fields.payout_configured !== undefined ) {
		if ( typeof fields.payout_configured === 'boolean' ) {
			patch.payoutConfigured = fields.payout_configured;
		} else {
			details.payout_configured = 'payout_configured must be a boolean.';
		}
	}
	for ( const [ name, key ] of [
		[ 'health_status', 'healthStatus' ],
		[ 'webhook_health', 'webhookHealth' ],
	] as const ) {
		const value = fields[ name ];
		if ( value === undefined ) {
			continue;
		}
		if ( typeof value === 'string' && value !== '' ) {
			patch[ key ] = value;
		} else {
			details[ name ] = `${ name } must be a non-empty string.`;
		}
	}
	if ( fields.issues !== undefined ) {
		if (
			Array.isArray( fields.issues ) &&
			fields.issues.every( ( i ): i is string => typeof i === 'string' )
		) {
			patch.issues = fields.issues;
		} else {
			details.issues = 'issues must be an array of strings.';
		}
	}
	for ( const name of Object.keys( fields ) ) {
		if (
			! [
				'site_url',
				'payout_configured',
				'health_status',
				'webhook_health',
				'issues',
			].includes( name )
		) {
			details[ name ] = `Unknown property "${ name }".`;
		}
	}
	if ( siteUrl === undefined || Object.keys( details ).length > 0 ) {
		return { ok: false, invalidJson: false, details };
	}
	return { ok: true, value: { siteUrl, patch } };
}

/**
 * Parses the body of `POST /__sandbox/fail-next`: `{ path, status, times? }` (times defaults to 1).
 * @param raw the raw body text
 * @return the failure to arm, or an error result
 */
export function parseFailNextInput(
	raw: string
): ControlInput< FailNextInput > {
	const parsed = parseObject( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const { path, status, times = 1 } = parsed.value;
	const details: Record< string, string > = {};
	const knownPath = FAILABLE_PATHS.find( ( p ) => p === path );
	if ( knownPath === undefined ) {
		details.path = `path must be one of ${ FAILABLE_PATHS.join( ', ' ) }.`;
	}
	const knownStatus = FAILURE_STATUSES.find( ( s ) => s === status );
	if ( knownStatus === undefined ) {
		details.status = `status must be one of ${ FAILURE_STATUSES.join( ', ' ) }.`;
	}
	if (
		typeof times !== 'number' ||
		! Number.isInteger( times ) ||
		times < 1 ||
		times > 1000
	) {
		details.times = 'times must be an integer from 1 to 1000.';
	}
	if (
		knownPath === undefined ||
		knownStatus === undefined ||
		typeof times !== 'number' ||
		Object.keys( details ).length > 0
	) {
		return { ok: false, invalidJson: false, details };
	}
	return { ok: true, value: { path: knownPath, status: knownStatus, times } };
}
