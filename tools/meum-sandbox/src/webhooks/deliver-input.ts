/** Parsing of the JSON body of `POST /__sandbox/deliver`. */
import {
	integerIn,
	parseSiteBody,
	type ControlInput,
	type Fields,
} from '../control/input';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events';
import {
	HEADER_PREFIXES,
	OMITTABLE_HEADER_NAMES,
	SIGNATURE_SCHEMES,
	type HeaderPrefix,
	type OmittableHeaderName,
	type SignatureScheme,
} from './sign';

/** Which secret signs a delivery: the current one, the one before the last rotation, or a random one. */
export const SIGN_WITH_OPTIONS = [ 'current', 'previous', 'wrong' ] as const;

/** One `sign_with` choice. */
export type SignWith = ( typeof SIGN_WITH_OPTIONS )[ number ];

/** What the Integration-Id header carries: the UUID, the `int_` id, a random `int_` id, or nothing. */
export const INTEGRATION_ID_HEADER_OPTIONS = [
	'integration_id',
	'integration_public_id',
	'wrong',
	'none',
] as const;

/** One `integration_id_header` choice. */
export type IntegrationIdHeader =
	( typeof INTEGRATION_ID_HEADER_OPTIONS )[ number ];

/** Largest `count`. */
export const MAX_DELIVERY_COUNT = 200;

/** Largest `timeout_ms`. */
export const MAX_TIMEOUT_MS = 60_000;

/** Default `timeout_ms` (Meum's documented delivery timeout, Part B §5.9). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Longest `event_id`. */
const MAX_EVENT_ID_LENGTH = 200;

/** Printable ASCII without leading or trailing spaces (a safe header value). */
const HEADER_VALUE_RE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

const KNOWN_FIELDS = [
	'site_url',
	'url',
	'type',
	'event_id',
	'data',
	'sign_with',
	'scheme',
	'timestamp_skew',
	'prefix',
	'integration_id_header',
	'omit_headers',
	'raw_body',
	'count',
	'timeout_ms',
];

/** Body of `POST /__sandbox/deliver`, with defaults applied. */
export interface DeliverInput {
	siteUrl: string;
	/** Target; null = the integration's `webhook_url`. */
	url: URL | null;
	type: WebhookEventType;
	/** Payload id / Event-Id; null = a new random `evt_` id. */
	eventId: string | null;
	/** Merged over the default `data`. */
	data: Record< string, unknown >;
	signWith: SignWith;
	scheme: SignatureScheme;
	/** Seconds added to the current time for the Timestamp header. */
	timestampSkew: number;
	prefix: HeaderPrefix;
	integrationIdHeader: IntegrationIdHeader;
	omitHeaders: OmittableHeaderName[];
	/** Exact body text to send instead of the generated payload; null = generated. */
	rawBody: string | null;
	count: number;
	timeoutMs: number;
}

/**
 * Reads an optional field that must be one of a fixed list of strings.
 * @param fields   The request body's fields.
 * @param name     The field name.
 * @param allowed  The allowed values.
 * @param fallback The value when the field is absent.
 * @param details  Validation messages by field; the field's message is added here when invalid.
 * @return the value, the default when absent, or undefined (with `details[name]` set)
 */
function oneOf< T extends string >(
	fields: Fields,
	name: string,
	allowed: readonly T[],
	fallback: T,
	details: Record< string, string >
): T | undefined {
	const value = fields[ name ];
	if ( value === undefined ) {
		return fallback;
	}
	const found = allowed.find( ( a ) => a === value );
	if ( found === undefined ) {
		details[ name ] = `${ name } must be one of ${ allowed.join( ', ' ) }.`;
	}
	return found;
}

/**
 * Reads the optional target URL (absolute http or https).
 * @param fields  The request body's fields.
 * @param details Validation messages by field; the field's message is added here when invalid.
 */
function urlOf(
	fields: Fields,
	details: Record< string, string >
): URL | null | undefined {
	const value = fields.url;
	if ( value === undefined ) {
		return null;
	}
	if ( typeof value === 'string' ) {
		try {
			const url = new URL( value );
			if ( url.protocol === 'http:' || url.protocol === 'https:' ) {
				return url;
			}
		} catch {
			// reported below
		}
	}
	details.url = 'url must be an absolute http(s) URL.';
	return undefined;
}

/**
 * Reads the optional `event_id` (printable ASCII, sent as a header).
 * @param fields  The request body's fields.
 * @param details Validation messages by field; the field's message is added here when invalid.
 */
function eventIdOf(
	fields: Fields,
	details: Record< string, string >
): string | null | undefined {
	const value = fields.event_id;
	if ( value === undefined ) {
		return null;
	}
	if (
		typeof value === 'string' &&
		value.length <= MAX_EVENT_ID_LENGTH &&
		HEADER_VALUE_RE.test( value )
	) {
		return value;
	}
	details.event_id = `event_id must be 1 to ${ MAX_EVENT_ID_LENGTH } printable ASCII characters without surrounding spaces.`;
	return undefined;
}

/**
 * Reads the optional `data` object.
 * @param fields  The request body's fields.
 * @param details Validation messages by field; the field's message is added here when invalid.
 */
function dataOf(
	fields: Fields,
	details: Record< string, string >
): Record< string, unknown > | undefined {
	const value = fields.data;
	if ( value === undefined ) {
		return {};
	}
	if (
		typeof value === 'object' &&
		value !== null &&
		! Array.isArray( value )
	) {
		return value as Record< string, unknown >;
	}
	details.data = 'data must be a JSON object.';
	return undefined;
}

/**
 * Reads the optional `omit_headers` list (names matched case-insensitively, returned canonical).
 * @param fields  The request body's fields.
 * @param details Validation messages by field; the field's message is added here when invalid.
 */
function omitHeadersOf(
	fields: Fields,
	details: Record< string, string >
): OmittableHeaderName[] | undefined {
	const value = fields.omit_headers;
	if ( value === undefined ) {
		return [];
	}
	const message = `omit_headers must be an array of header names without prefix: ${ OMITTABLE_HEADER_NAMES.join( ', ' ) }.`;
	if ( ! Array.isArray( value ) ) {
		details.omit_headers = message;
		return undefined;
	}
	const out: OmittableHeaderName[] = [];
	for ( const item of value as unknown[] ) {
		const found = OMITTABLE_HEADER_NAMES.find(
			( n ) =>
				typeof item === 'string' &&
				n.toLowerCase() === item.toLowerCase()
		);
		if ( found === undefined ) {
			details.omit_headers = message;
			return undefined;
		}
		out.push( found );
	}
	return out;
}

/**
 * Reads the optional `raw_body` string.
 * @param fields  The request body's fields.
 * @param details Validation messages by field; the field's message is added here when invalid.
 */
function rawBodyOf(
	fields: Fields,
	details: Record< string, string >
): string | null | undefined {
	const value = fields.raw_body;
	if ( value === undefined ) {
		return null;
	}
	if ( typeof value === 'string' ) {
		return value;
	}
	details.raw_body = 'raw_body must be a string.';
	return undefined;
}

/**
 * Parses the body of `POST /__sandbox/deliver` and applies the defaults (type `invoice.paid`,
 * current secret, scheme `v1`, no skew, prefix `X-Meum-`, the public integration id, 1 request,
 * 10000 ms).
 * @param raw the raw body text
 * @return the delivery request, or an error result (`details` maps each bad field to a message)
 */
export function parseDeliverInput( raw: string ): ControlInput< DeliverInput > {
	const parsed = parseSiteBody( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const { fields, siteUrl, details } = parsed.value;
	const url = urlOf( fields, details );
	const type = oneOf(
		fields,
		'type',
		WEBHOOK_EVENT_TYPES,
		'invoice.paid',
		details
	);
	const eventId = eventIdOf( fields, details );
	const data = dataOf( fields, details );
	const signWith = oneOf(
		fields,
		'sign_with',
		SIGN_WITH_OPTIONS,
		'current',
		details
	);
	const scheme = oneOf( fields, 'scheme', SIGNATURE_SCHEMES, 'v1', details );
	const timestampSkew = integerIn(
		fields,
		'timestamp_skew',
		-Number.MAX_SAFE_INTEGER,
		Number.MAX_SAFE_INTEGER,
		0,
		details
	);
	const prefix = oneOf(
		fields,
		'prefix',
		HEADER_PREFIXES,
		'X-Meum-',
		details
	);
	const integrationIdHeader = oneOf(
		fields,
		'integration_id_header',
		INTEGRATION_ID_HEADER_OPTIONS,
		'integration_public_id',
		details
	);
	const omitHeaders = omitHeadersOf( fields, details );
	const rawBody = rawBodyOf( fields, details );
	const count = integerIn(
		fields,
		'count',
		1,
		MAX_DELIVERY_COUNT,
		1,
		details
	);
	const timeoutMs = integerIn(
		fields,
		'timeout_ms',
		1,
		MAX_TIMEOUT_MS,
		DEFAULT_TIMEOUT_MS,
		details
	);
	for ( const name of Object.keys( fields ) ) {
		if ( ! KNOWN_FIELDS.includes( name ) ) {
			details[ name ] = `Unknown property "${ name }".`;
		}
	}
	if (
		siteUrl === undefined ||
		url === undefined ||
		type === undefined ||
		eventId === undefined ||
		data === undefined ||
		signWith === undefined ||
		scheme === undefined ||
		timestampSkew === undefined ||
		prefix === undefined ||
		integrationIdHeader === undefined ||
		omitHeaders === undefined ||
		rawBody === undefined ||
		count === undefined ||
		timeoutMs === undefined ||
		Object.keys( details ).length > 0
	) {
		return { ok: false, invalidJson: false, details };
	}
	return {
		ok: true,
		value: {
			siteUrl,
			url,
			type,
			eventId,
			data,
			signWith,
			scheme,
			timestampSkew,
			prefix,
			integrationIdHeader,
			omitHeaders,
			rawBody,
			count,
			timeoutMs,
		},
	};
}
