/**
 * Webhook signatures and headers (meum-api.md Part A §A4, Part B §5.2/§5.3): `v1=` HMAC-SHA256 of
 * `timestamp + "." + raw_body`, or the legacy `sha256=` HMAC-SHA256 of the raw body.
 */
import { createHmac } from 'node:crypto';

/** Signature schemes a delivery can use. */
export const SIGNATURE_SCHEMES = [ 'v1', 'sha256' ] as const;

/** One signature scheme. */
export type SignatureScheme = ( typeof SIGNATURE_SCHEMES )[ number ];

/** Header name prefixes (Part B §5.2 schemes B and A). */
export const HEADER_PREFIXES = [ 'X-Meum-', 'X-Stablecoin-' ] as const;

/** One header name prefix. */
export type HeaderPrefix = ( typeof HEADER_PREFIXES )[ number ];

/** Names of the prefixed webhook headers, without the prefix. */
export const PREFIXED_HEADER_NAMES = [
	'Event',
	'Event-Id',
	'Timestamp',
	'Signature',
	'Integration-Id',
] as const;

/** Header names `omit_headers` accepts: the prefixed names (without prefix) and `Content-Type`. */
export const OMITTABLE_HEADER_NAMES = [
	...PREFIXED_HEADER_NAMES,
	'Content-Type',
] as const;

/** One header name `omit_headers` accepts. */
export type OmittableHeaderName = ( typeof OMITTABLE_HEADER_NAMES )[ number ];

/**
 * Computes a webhook signature header value.
 * @param scheme    `v1` (timestamp + "." + body) or `sha256` (body only)
 * @param secret    the webhook secret, used as-is (UTF-8) as the HMAC key
 * @param timestamp the exact Timestamp header value
 * @param body      the exact body bytes
 * @return `v1=<hex>` or `sha256=<hex>` (lowercase hex)
 */
export function signWebhook(
	scheme: SignatureScheme,
	secret: string,
	timestamp: string,
	body: Buffer
): string {
	const hmac = createHmac( 'sha256', secret );
	if ( scheme === 'v1' ) {
		hmac.update( `${ timestamp }.`, 'utf8' );
	}
	hmac.update( body );
	return `${ scheme }=${ hmac.digest( 'hex' ) }`;
}

/** Everything {@link webhookHeaders} needs. */
export interface WebhookHeaderInput {
	prefix: HeaderPrefix;
	type: string;
	eventId: string;
	timestamp: string;
	signature: string;
	/** Integration-Id value; null = header not sent. */
	integrationId: string | null;
	/** Header names (without prefix) to leave out. */
	omit: readonly OmittableHeaderName[];
	/** Exact body length in bytes (sent as Content-Length). */
	contentLength: number;
}

/**
 * Builds the request headers of a delivery, in a fixed order, with the names spelled as sent.
 * @param input header values and options
 * @return header name → value
 */
export function webhookHeaders(
	input: WebhookHeaderInput
): Record< string, string > {
	const omitted = new Set< string >( input.omit );
	const headers: Record< string, string > = {};
	if ( ! omitted.has( 'Content-Type' ) ) {
		headers[ 'Content-Type' ] = 'application/json';
	}
	const values: Record<
		( typeof PREFIXED_HEADER_NAMES )[ number ],
		string | null
	> = {
		Event: input.type,
		'Event-Id': input.eventId,
		Timestamp: input.timestamp,
		Signature: input.signature,
		'Integration-Id': input.integrationId,
	};
	for ( const name of PREFIXED_HEADER_NAMES ) {
		const value = values[ name ];
		if ( value !== null && ! omitted.has( name ) ) {
			headers[ input.prefix + name ] = value;
		}
	}
	headers[ 'Content-Length' ] = String( input.contentLength );
	headers[ 'User-Agent' ] = 'Meum-Sandbox-Webhooks/1.0';
	return headers;
}
