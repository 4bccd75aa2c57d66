/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { rotationTime } from '../api';
import type { ConnectionState } from '../types';
import { EncryptionNotice } from './encryption-notice';

/**
 * Props of `ConnectionNotices`.
 */
export interface ConnectionNoticesProps {
	/** The current connection state. */
	state: ConnectionState;
	/**
	 * The time (Unix seconds) of the credential re-issue whose notice the
	 * user dismissed, or `null`.
	 */
	dismissedRotation: number | null;
	/** The user dismissed the notice about the current re-issue. */
	onDismissRotation: ( time: number ) => void;
}

/**
 * The notices that tell more than the summary: how to add the encryption
 * key (with the exact wp-config.php line), and that the credentials were
 * re-issued (information only: dismissible, and once dismissed it stays
 * away for that re-issue). Everything that needs the merchant's action is
 * said by the summary; these are not announced on page load.
 *
 * @param props                   The props.
 * @param props.state             The connection state.
 * @param props.dismissedRotation The dismissed re-issue, or `null`.
 * @param props.onDismissRotation Called when the user dismisses it.
 * @return The notices, or nothing when the state needs none.
 */
export function ConnectionNotices( {
	state,
	dismissedRotation,
	onDismissRotation,
}: ConnectionNoticesProps ) {
	const rotation = state.credentials_rotated
		? rotationTime( state.connected_at )
		: null;
	const showRotation =
		state.credentials_rotated && rotation !== dismissedRotation;
	return (
		<div className="meum-wc-notices">
			{ ! state.encryption.available && (
				<EncryptionNotice line={ state.encryption.wp_config_line } />
			) }
			{ showRotation && (
				<Notice
					status="info"
					isDismissible={ rotation !== null }
					onRemove={ () =>
						rotation !== null && onDismissRotation( rotation )
					}
					spokenMessage=""
				>
					{ __(
						"Meum re-issued this store's credentials. The previous API key and webhook secret no longer work.",
						'meum-woocommerce'
					) }
				</Notice>
			) }
		</div>
	);
}
