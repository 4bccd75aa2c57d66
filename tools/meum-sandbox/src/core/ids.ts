/** Random identifiers and secrets in the formats Meum returns from the connect handshake. */
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC =
	'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Builds a uniformly random string of ASCII letters and digits (rejection sampling, no modulo bias).
 * @param length number of characters wanted
 * @return the random string
 */
export function randomAlphanumeric( length: number ): string {
	let out = '';
	// 248 = 4 * 62: bytes at or above it are discarded so every character is equally likely.
	while ( out.length < length ) {
		for ( const byte of randomBytes( length * 2 ) ) {
			if ( byte < 248 && out.length < length ) {
				out += ALPHANUMERIC[ byte % 62 ];
			}
		}
	}
	return out;
}

/**
 * Builds a random lowercase hex string.
 * @param chars number of hex characters wanted (even)
 * @return the hex string
 */
export function randomHex( chars: number ): string {
	return randomBytes( Math.ceil( chars / 2 ) )
		.toString( 'hex' )
		.slice( 0, chars );
}

/**
 * Creates a random UUID (v4).
 * @return the UUID string
 */
export function newUuid(): string {
	return randomUUID();
}

/**
 * Creates a dedicated merchant API key.
 * @return `sk_live_` followed by 32 random letters and digits
 */
export function newApiKey(): string {
	return `sk_live_${ randomAlphanumeric( 32 ) }`;
}

/**
 * Creates a webhook signing secret.
 * @return 64 random lowercase hex characters
 */
export function newWebhookSecret(): string {
	return randomHex( 64 );
}

/**
 * Creates a public integration id.
 * @return `int_` followed by 32 lowercase hex characters
 */
export function newIntegrationPublicId(): string {
	return `int_${ randomHex( 32 ) }`;
}

/**
 * Creates an installation id.
 * @return `inst_` followed by 20 lowercase hex characters
 */
export function newInstallationId(): string {
	return `inst_${ randomHex( 20 ) }`;
}
