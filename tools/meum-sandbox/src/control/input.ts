/**
 * Parsing of the JSON bodies of the `/__sandbox/` lifecycle routes (revoke, store, fail-next, down), and
 * the shared helpers the other control parsers use.
 */
import {
	FAILABLE_PATHS,
	FAILURE_SHAPES,
	FAILURE_STATUSES,
	type FailablePath,
	type FailureShape,
	type FailureSpec,
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
	/** Seconds, null for "never", undefined = unchanged, `default` = back to 30 minutes. */
	invoiceLifetime?: number | null | 'default';
	/** Whether a new invoice's `invoice.created` is delivered before the create call answers. */
	deliverDuringCreate?: boolean;
}

/** Longest settable invoice lifetime (one year). */
export const MAX_INVOICE_LIFETIME_SECONDS = 366 * 24 * 3600;

/** Body of `POST /__sandbox/fail-next`. */
export interface FailNextInput {
	path: FailablePath;
	spec: FailureSpec;
	times: number;
}

/** Body of `POST /__sandbox/down`. */
export interface DownInput {
	path: FailablePath;
	status: FailureStatus;
	/** How long it stays down, in ms; null until cleared. */
	forMs: number | null;
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
 * `{ site_url, payout_configured?, health_status?, webhook_health?, issues?, invoice_lifetime?,
 * deliver_during_create? }`.
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
	const lifetime = fields.invoice_lifetime;
	let invoiceLifetime: StoreInput[ 'invoiceLifetime' ];
	if ( lifetime === 'never' ) {
		invoiceLifetime = null;
	} else if ( lifetime === 'default' ) {
		invoiceLifetime = 'default';
	} else if ( lifetime !== undefined ) {
		invoiceLifetime = integerIn(
			fields,
			'invoice_lifetime',
			1,
			MAX_INVOICE_LIFETIME_SECONDS,
			undefined,
			details
		);
		if ( details.invoice_lifetime !== undefined ) {
			details.invoice_lifetime = `invoice_lifetime must be "never", "default" or an integer number of seconds from 1 to ${ MAX_INVOICE_LIFETIME_SECONDS }.`;
		}
	}
	const during = fields.deliver_during_create;
	if ( during !== undefined && typeof during !== 'boolean' ) {
		details.deliver_during_create =
			'deliver_during_create must be a boolean.';
	}
	rejectUnknown(
		fields,
		[
			'site_url',
			'payout_configured',
			'health_status',
			'webhook_health',
			'issues',
			'invoice_lifetime',
			'deliver_during_create',
		],
		details
	);
	if ( siteUrl === undefined || Object.keys( details ).length > 0 ) {
		return { ok: false, invalidJson: false, details };
	}
	const value: StoreInput = { siteUrl, patch };
	if ( lifetime !== undefined ) {
		value.invoiceLifetime = invoiceLifetime;
	}
	if ( typeof during === 'boolean' ) {
		value.deliverDuringCreate = during;
	}
	return { ok: true, value };
}

/** Defaults of the error codes `fail-next` knows (Part A §A5 create errors, and a few more). */
export const KNOWN_FAILURES: Readonly<
	Record<
		string,
		{
			status: number;
			shape: 'flat' | 'nested';
			message: string;
			type?: string;
		}
	>
> = Object.freeze( {
	INSUFFICIENT_SCOPE: {
		status: 403,
		shape: 'nested',
		type: 'permission_error',
		message: 'Missing invoices:create scope',
	},
	store_mismatch: {
		status: 403,
		shape: 'flat',
		message: "The store_id does not match the API key's store.",
	},
	BOOTSTRAP_KEY_INVOICE_FORBIDDEN: {
		status: 403,
		shape: 'flat',
		message: 'A connection key cannot create invoices.',
	},
	payout_wallet_not_configured: {
		status: 400,
		shape: 'flat',
		message: 'No payout wallet is configured for this store.',
	},
	EXTERNAL_ORDER_INTEGRATION_CONFLICT: {
		status: 409,
		shape: 'flat',
		message:
			'This external_order_id belongs to another integration of this store.',
	},
	VALIDATION_ERROR: {
		status: 422,
		shape: 'flat',
		message: 'Validation failed',
	},
	RATE_LIMITED: { status: 429, shape: 'flat', message: 'Too many requests' },
	INVOICE_NOT_FOUND: {
		status: 404,
		shape: 'flat',
		message: 'Invoice not found',
	},
	INTERNAL_ERROR: {
		status: 500,
		shape: 'flat',
		message: 'Internal server error',
	},
} );

/** Longest `delay_ms` of `fail-next` (10 minutes). */
export const MAX_FAILURE_DELAY_MS = 600_000;

/**
 * Reads an optional string field of at most 500 characters.
 * @param fields  the parsed body
 * @param name    the field
 * @param details collects the error message
 * @return the value, or undefined when absent or invalid
 */
function optionalString(
	fields: Fields,
	name: string,
	details: Record< string, string >
): string | undefined {
	const value = fields[ name ];
	if ( value === undefined ) {
		return undefined;
	}
	if ( typeof value !== 'string' || value === '' || value.length > 500 ) {
		details[ name ] = `${ name } must be a string of 1 to 500 characters.`;
		return undefined;
	}
	return value;
}

/**
 * Reads an optional integer field within bounds.
 * @param fields   The request body's fields.
 * @param name     The field name.
 * @param min      The smallest allowed value.
 * @param max      The largest allowed value.
 * @param fallback The value when the field is absent (undefined: none).
 * @param details  Validation messages by field; the field's message is added here when invalid.
 * @return the value, the default when absent, or undefined (with `details[name]` set)
 */
export function integerIn(
	fields: Fields,
	name: string,
	min: number,
	max: number,
	fallback: number | undefined,
	details: Record< string, string >
): number | undefined {
	const value = fields[ name ];
	if ( value === undefined ) {
		return fallback;
	}
	if (
		typeof value !== 'number' ||
		! Number.isInteger( value ) ||
		value < min ||
		value > max
	) {
		details[ name ] =
			`${ name } must be an integer from ${ min } to ${ max }.`;
		return undefined;
	}
	return value;
}

/**
 * Reports every field of a body not in `known`.
 * @param fields  the parsed body
 * @param known   the accepted names
 * @param details collects the error messages
 */
export function rejectUnknown(
	fields: Fields,
	known: readonly string[],
	details: Record< string, string >
): void {
	for ( const name of Object.keys( fields ) ) {
		if ( ! known.includes( name ) ) {
			details[ name ] = `Unknown property "${ name }".`;
		}
	}
}

/**
 * Parses the body of `POST /__sandbox/fail-next`:
 * `{ path, status?, times?, code?, shape?, message?, type?, details?, delay_ms?, after_processing? }`.
 * Without `code`, `shape`, `message`, `type` and `details`, `status` must be 500, 502 or 503 (an
 * HTML outage page) — or absent with `delay_ms` (a slow but normal answer). With them, `status`
 * is any 400–599 (default: the known code's), `shape` defaults to the known code's or `flat`.
 * `after_processing` (`late` with `delay_ms`, or `close`) alone: the call is processed normally,
 * then answered late or not at all.
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
	const fields = parsed.value;
	const { path, status, times = 1 } = fields;
	const details: Record< string, string > = {};
	const knownPath = FAILABLE_PATHS.find( ( p ) => p === path );
	if ( knownPath === undefined ) {
		details.path = `path must be one of ${ FAILABLE_PATHS.join( ', ' ) }.`;
	}
	const code = optionalString( fields, 'code', details );
	const message = optionalString( fields, 'message', details );
	const type = optionalString( fields, 'type', details );
	const delayMs =
		integerIn( fields, 'delay_ms', 0, MAX_FAILURE_DELAY_MS, 0, details ) ??
		0;
	let shape: FailureShape | undefined;
	if ( fields.shape !== undefined ) {
		shape = FAILURE_SHAPES.find( ( s ) => s === fields.shape );
		if ( shape === undefined ) {
			details.shape = `shape must be one of ${ FAILURE_SHAPES.join( ', ' ) }.`;
		}
	}
	let failureDetails: Record< string, string > | undefined;
	if ( fields.details !== undefined ) {
		const d = fields.details;
		if (
			typeof d === 'object' &&
			d !== null &&
			! Array.isArray( d ) &&
			Object.values( d ).every( ( v ) => typeof v === 'string' )
		) {
			failureDetails = { ...( d as Record< string, string > ) };
		} else {
			details.details = 'details must be an object of strings.';
		}
	}
	const described =
		code !== undefined ||
		fields.shape !== undefined ||
		message !== undefined ||
		type !== undefined ||
		failureDetails !== undefined;
	const known = code === undefined ? undefined : KNOWN_FAILURES[ code ];
	const after = fields.after_processing;
	let finalStatus: number | null = null;
	if (
		status === undefined &&
		( known !== undefined ||
			( ! described &&
				( fields.delay_ms !== undefined || after !== undefined ) ) )
	) {
		finalStatus = known?.status ?? null;
	} else if ( described ) {
		if (
			typeof status === 'number' &&
			Number.isInteger( status ) &&
			status >= 400 &&
			status <= 599
		) {
			finalStatus = status;
		} else {
			details.status = 'status must be an integer from 400 to 599.';
		}
	} else {
		const outage = FAILURE_STATUSES.find( ( s ) => s === status );
		if ( outage === undefined ) {
			details.status = `status must be one of ${ FAILURE_STATUSES.join( ', ' ) } (or give code/shape for another status).`;
		} else {
			finalStatus = outage;
		}
	}
	if (
		typeof times !== 'number' ||
		! Number.isInteger( times ) ||
		times < 1 ||
		times > 1000
	) {
		details.times = 'times must be an integer from 1 to 1000.';
	}
	if ( after !== undefined ) {
		if ( after !== 'late' && after !== 'close' ) {
			details.after_processing =
				'after_processing must be late or close.';
		} else if ( status !== undefined || described ) {
			details.after_processing =
				'after_processing answers normally: give no status, code, shape, message, type or details.';
		} else if ( after === 'late' && delayMs === 0 ) {
			details.delay_ms =
				'after_processing late needs a delay_ms above 0.';
		}
	}
	rejectUnknown(
		fields,
		[
			'path',
			'status',
			'times',
			'code',
			'shape',
			'message',
			'type',
			'details',
			'delay_ms',
			'after_processing',
		],
		details
	);
	if (
		knownPath === undefined ||
		typeof times !== 'number' ||
		Object.keys( details ).length > 0
	) {
		return { ok: false, invalidJson: false, details };
	}
	const spec: FailureSpec = {
		status: finalStatus,
		shape: shape ?? ( described ? ( known?.shape ?? 'flat' ) : 'html' ),
		delayMs,
	};
	const specMessage = message ?? known?.message;
	const specType = type ?? known?.type;
	if ( code !== undefined ) {
		spec.code = code;
	}
	if ( specMessage !== undefined ) {
		spec.message = specMessage;
	}
	if ( specType !== undefined ) {
		spec.type = specType;
	}
	if ( failureDetails !== undefined ) {
		spec.details = failureDetails;
	}
	if ( after === 'late' || after === 'close' ) {
		spec.status = null;
		spec.afterProcessing = after;
	}
	return { ok: true, value: { path: knownPath, spec, times } };
}

/** Longest `seconds` of `POST /__sandbox/down` (one day). */
export const MAX_DOWN_SECONDS = 86_400;

/**
 * Parses the body of `POST /__sandbox/down`: `{ path, status? (503), seconds? }` (without
 * `seconds`, down until `DELETE /__sandbox/down`).
 * @param raw the raw body text
 * @return the switch to set, or an error result
 */
export function parseDownInput( raw: string ): ControlInput< DownInput > {
	const parsed = parseObject( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const fields = parsed.value;
	const details: Record< string, string > = {};
	const path = FAILABLE_PATHS.find( ( p ) => p === fields.path );
	if ( path === undefined ) {
		details.path = `path must be one of ${ FAILABLE_PATHS.join( ', ' ) }.`;
	}
	const status = FAILURE_STATUSES.find(
		( s ) => s === ( fields.status ?? 503 )
	);
	if ( status === undefined ) {
		details.status = `status must be one of ${ FAILURE_STATUSES.join( ', ' ) }.`;
	}
	const seconds = fields.seconds;
	if (
		seconds !== undefined &&
		( typeof seconds !== 'number' ||
			! Number.isFinite( seconds ) ||
			seconds <= 0 ||
			seconds > MAX_DOWN_SECONDS )
	) {
		details.seconds = `seconds must be a number > 0 and <= ${ MAX_DOWN_SECONDS }.`;
	}
	rejectUnknown( fields, [ 'path', 'status', 'seconds' ], details );
	if (
		path === undefined ||
		status === undefined ||
		Object.keys( details ).length > 0
	) {
		return { ok: false, invalidJson: false, details };
	}
	return {
		ok: true,
		value: {
			path,
			status,
			forMs: typeof seconds === 'number' ? seconds * 1000 : null,
		},
	};
}

/**
 * Parses the optional body of `DELETE /__sandbox/down`: empty (every path) or `{ path }`.
 * @param raw the raw body text
 * @return the path to bring up (undefined: every path), or an error result
 */
export function parseUpInput(
	raw: string
): ControlInput< { path?: FailablePath } > {
	if ( raw.trim() === '' ) {
		return { ok: true, value: {} };
	}
	const parsed = parseObject( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const details: Record< string, string > = {};
	const fields = parsed.value;
	const path =
		fields.path === undefined
			? undefined
			: FAILABLE_PATHS.find( ( p ) => p === fields.path );
	if ( fields.path !== undefined && path === undefined ) {
		details.path = `path must be one of ${ FAILABLE_PATHS.join( ', ' ) }.`;
	}
	rejectUnknown( fields, [ 'path' ], details );
	return Object.keys( details ).length > 0
		? { ok: false, invalidJson: false, details }
		: { ok: true, value: path === undefined ? {} : { path } };
}
