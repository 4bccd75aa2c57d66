/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ReconnectReason } from './types';

/**
 * Why the stored connection must be renewed, for the notice and the
 * announcement. The text starts with the heading "Reconnect required:" in a
 * `<strong>` element (for `createInterpolateElement`).
 *
 * @param reason The state's `reconnect_reason`.
 * @return The translated text, with the `<strong>` tags.
 */
export function reconnectMessage( reason: ReconnectReason | null ): string {
	switch ( reason ) {
		case 'revoked':
			return __(
				"<strong>Reconnect required:</strong> Meum no longer accepts this site's API key. It was revoked or replaced elsewhere. Connect again with a new connection key.",
				'meum-woocommerce'
			);
		case 'undecryptable':
			return __(
				"<strong>Reconnect required:</strong> the stored credentials can no longer be decrypted (the site's encryption key or salts changed, or the data was altered). Connect again with a new connection key.",
				'meum-woocommerce'
			);
	}
	return __(
		'<strong>Reconnect required:</strong> The stored connection is incomplete or unreadable. Connect again with a new connection key.',
		'meum-woocommerce'
	);
}

/**
 * Removes the markup of a message, for `speak()`.
 *
 * @param message A message with `createInterpolateElement` tags.
 * @return The plain text.
 */
export const plainText = ( message: string ): string =>
	message.replace( /<\/?[a-z]+\s*\/?>/g, '' );
