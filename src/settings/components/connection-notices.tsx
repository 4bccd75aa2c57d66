/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';
import { createInterpolateElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { needsPayoutWarning } from '../hooks/use-connection';
import { reconnectMessage } from '../messages';
import type { ConnectionState } from '../types';
import { EncryptionNotice } from './encryption-notice';

/**
 * Props of `ConnectionNotices`.
 */
export interface ConnectionNoticesProps {
	/** The current connection state. */
	state: ConnectionState;
}

/**
 * The standing notices the current state calls for: no encryption key,
 * reconnect required (with the reason), issues Meum reports, payout wallet
 * missing (with Meum's warning), credentials re-issued, site not on https,
 * WooCommerce inactive. They are not dismissible and not announced on page
 * load; they follow the state as it changes.
 *
 * @param props       The props.
 * @param props.state The connection state.
 * @return The notices, or nothing when the state needs none.
 */
export function ConnectionNotices( { state }: ConnectionNoticesProps ) {
	const { environment } = state;
	return (
		<div className="meum-wc-notices">
			{ ! state.encryption.available && (
				<EncryptionNotice line={ state.encryption.wp_config_line } />
			) }
			{ state.reconnect_required && (
				<Notice
					status="warning"
					isDismissible={ false }
					spokenMessage=""
				>
					<p>
						{ createInterpolateElement(
							reconnectMessage( state.reconnect_reason ),
							{ strong: <strong /> }
						) }
					</p>
				</Notice>
			) }
			{ state.issues.length > 0 && (
				<Notice
					status="warning"
					isDismissible={ false }
					spokenMessage=""
				>
					<p>
						<strong>
							{ __(
								'Meum reports something to fix:',
								'meum-woocommerce'
							) }
						</strong>
					</p>
					<ul className="meum-wc-issues">
						{ state.issues.map( ( issue, index ) => (
							<li key={ index }>{ issue }</li>
						) ) }
					</ul>
				</Notice>
			) }
			{ needsPayoutWarning( state ) && (
				<Notice
					status="warning"
					isDismissible={ false }
					spokenMessage=""
				>
					<p>
						<strong>
							{ __(
								'Payments may be blocked until a payout wallet is set in Meum.',
								'meum-woocommerce'
							) }
						</strong>
					</p>
					{ state.warning && <p>{ state.warning }</p> }
				</Notice>
			) }
			{ state.credentials_rotated && (
				<Notice status="info" isDismissible={ false } spokenMessage="">
					{ __(
						"Meum re-issued this store's credentials. The previous API key and webhook secret no longer work.",
						'meum-woocommerce'
					) }
				</Notice>
			) }
			{ ! environment.home_url_is_https && (
				<Notice
					status="warning"
					isDismissible={ false }
					spokenMessage=""
				>
					{ sprintf(
						/* translators: %s: the site's address, e.g. http://example.com. */
						__(
							'Your site address (%s) does not use https. Payments on http sites are unsafe; use https for a live store.',
							'meum-woocommerce'
						),
						environment.home_url
					) }
				</Notice>
			) }
			{ ! environment.woocommerce_active && (
				<Notice status="info" isDismissible={ false } spokenMessage="">
					{ __(
						'WooCommerce is not active. You can connect now, but taking payments needs WooCommerce.',
						'meum-woocommerce'
					) }
				</Notice>
			) }
		</div>
	);
}
