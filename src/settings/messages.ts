/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ReconnectReason, WebhookTestResult } from './types';

/**
 * Why the stored connection must be renewed, in one sentence.
 *
 * @param reason The state's `reconnect_reason`.
 * @return The translated sentence.
 */
export function reconnectReason( reason: ReconnectReason | null ): string {
	switch ( reason ) {
		case 'revoked':
			return __(
				"Meum no longer accepts this site's API key. It was revoked or replaced elsewhere. Connect again with a new connection key.",
				'meum-woocommerce'
			);
		case 'undecryptable':
			return __(
				"The stored credentials can no longer be decrypted (the site's encryption key or salts changed, or the data was altered). Connect again with a new connection key.",
				'meum-woocommerce'
			);
	}
	return __(
		'The stored connection is incomplete or unreadable. Connect again with a new connection key.',
		'meum-woocommerce'
	);
}

/**
 * Why the stored connection must be renewed, for the announcement: the
 * reason after "Reconnect required:".
 *
 * @param reason The state's `reconnect_reason`.
 * @return The translated text.
 */
export const reconnectMessage = ( reason: ReconnectReason | null ): string =>
	sprintf(
		/* translators: %s: why, e.g. "Meum no longer accepts this site's API key. …" */
		__( 'Reconnect required: %s', 'meum-woocommerce' ),
		reconnectReason( reason )
	);

/**
 * Why the webhook receiver refused a delivery, in words.
 *
 * @param reason A refusal reason from the state or a test result.
 * @return The translated label; an unknown reason as sent.
 */
export function refusalReasonLabel( reason: string ): string {
	switch ( reason ) {
		case 'no_secret':
			return __( 'No webhook secret stored', 'meum-woocommerce' );
		case 'missing_headers':
			return __( 'Signature headers missing', 'meum-woocommerce' );
		case 'invalid_timestamp':
			return __( 'Invalid timestamp', 'meum-woocommerce' );
		case 'stale_timestamp':
			return __(
				'Timestamp too old or in the future',
				'meum-woocommerce'
			);
		case 'integration_mismatch':
			return __( 'Wrong integration', 'meum-woocommerce' );
		case 'invalid_signature':
			return __( 'Invalid signature', 'meum-woocommerce' );
		case 'body_too_large':
			return __( 'Body too large', 'meum-woocommerce' );
		case 'invalid_json':
			return __( 'Body is not a JSON object', 'meum-woocommerce' );
		case 'event_id_mismatch':
			return __( 'Event id does not match', 'meum-woocommerce' );
		case 'handler_failed':
			return __( 'Processing failed', 'meum-woocommerce' );
	}
	return reason;
}

/**
 * What the page says about a test delivery.
 */
export interface WebhookTestMessage {
	/** `success` when the delivery was accepted, else `error`. */
	status: 'success' | 'error';
	/** The translated sentence saying what happened and what to do. */
	headline: string;
	/**
	 * The server's message when it adds to the headline (the transport
	 * error of a timeout), else `''`.
	 */
	message: string;
}

/**
 * Removes a value's closing full stop, to end a sentence with it.
 *
 * @param text The value.
 * @return The value without trailing spaces and full stop.
 */
const withoutStop = ( text: string ): string =>
	text.trim().replace( /\.$/, '' );

/**
 * Describes the result of a test delivery for the notice and the
 * announcement. The server's `message` is added only where it tells more
 * than the sentence built from the result's details.
 *
 * @param test The result of `POST /meum/v1/webhook/test`.
 * @return The status, the headline and the server's extra message.
 */
export function describeWebhookTest(
	test: WebhookTestResult
): WebhookTestMessage {
	const url = test.url ?? test.state.environment.webhook_url;
	let headline: string;
	switch ( test.result ) {
		case 'accepted':
			headline = __(
				'The test delivery reached this site and was accepted.',
				'meum-woocommerce'
			);
			break;
		case 'refused':
			headline = test.reason
				? sprintf(
						/* translators: %s: why the delivery was refused, e.g. "Invalid signature". */
						__(
							'This site refused the test delivery: %s.',
							'meum-woocommerce'
						),
						refusalReasonLabel( test.reason )
					)
				: __(
						'This site refused the test delivery.',
						'meum-woocommerce'
					);
			break;
		case 'redirected':
			headline = sprintf(
				/* translators: 1: the address the webhook URL redirects to, 2: the webhook URL. */
				__(
					'The webhook URL redirects to %1$s. Meum does not follow redirects; make %2$s answer directly (check https/www redirects and security plugins).',
					'meum-woocommerce'
				),
				test.location ?? __( 'another address', 'meum-woocommerce' ),
				url
			);
			break;
		case 'blocked':
			headline = sprintf(
				/* translators: 1: HTTP status code, e.g. 403, 2: the start of the answer, e.g. "403 Forbidden: Access denied", 3: the webhook URL. */
				__(
					'Something in front of WordPress blocked the test delivery (HTTP %1$s): %2$s. Allow POST requests to %3$s (firewall, security plugin or host rules).',
					'meum-woocommerce'
				),
				String( test.http_status ?? '?' ),
				withoutStop(
					test.excerpt ?? __( 'no details', 'meum-woocommerce' )
				),
				url
			);
			break;
		case 'unreachable':
			headline = sprintf(
				/* translators: %s: why the connection failed, e.g. "Could not resolve host". */
				__(
					'This site could not reach its own webhook URL: %s.',
					'meum-woocommerce'
				),
				withoutStop(
					test.message ?? __( 'no details', 'meum-woocommerce' )
				)
			);
			break;
		case 'timeout':
			headline = __( 'The test delivery timed out.', 'meum-woocommerce' );
			break;
	}
	// For the other results the server's sentence only sums up what the
	// headline says from `reason`, `location` and `excerpt`.
	const message =
		( test.result === 'timeout' || test.result === 'unreachable' ) &&
		test.message &&
		! headline.includes( withoutStop( test.message ) )
			? test.message
			: '';
	return {
		status: test.result === 'accepted' ? 'success' : 'error',
		headline,
		message,
	};
}
