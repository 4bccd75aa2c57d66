/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ConnectionState } from '../types';
import { DetailList, type DetailRow, Timestamp } from './connection-details';
import { SupportCode } from './error-notice';

/**
 * Props of `Diagnostics`.
 */
export interface DiagnosticsProps {
	/** The connection state. */
	state: ConnectionState;
}

/**
 * A collapsed "Diagnostics for support" section: the latest handshake (result,
 * time, error code and message when it failed), the ids and URLs support asks
 * for, and what the plugin knows about the site. Every value is plain text.
 *
 * @param props       The props.
 * @param props.state The connection state.
 * @return The section.
 */
export function Diagnostics( { state }: DiagnosticsProps ) {
	const missing = __( 'Not available', 'meum-woocommerce' );
	const yesNo = ( value: boolean ) =>
		value
			? __( 'Yes', 'meum-woocommerce' )
			: __( 'No', 'meum-woocommerce' );
	const code = ( value: string | null ) =>
		value ? <code>{ value }</code> : missing;
	const handshake = state.last_handshake;

	let keySource: string = __(
		'None outside the database',
		'meum-woocommerce'
	);
	if ( state.encryption.source === 'constant' ) {
		keySource = __(
			'MEUM_WC_ENCRYPTION_KEY in wp-config.php',
			'meum-woocommerce'
		);
	} else if ( state.encryption.source === 'salts' ) {
		keySource = __( 'Salts in wp-config.php', 'meum-woocommerce' );
	} else if ( state.encryption.available ) {
		keySource = missing;
	}

	// The latest connect attempt is not the connection state: a failed
	// reconnect leaves the earlier connection in use.
	let handshakeResult: string = __( 'None recorded', 'meum-woocommerce' );
	if ( handshake?.result === 'success' ) {
		handshakeResult = __( 'Succeeded', 'meum-woocommerce' );
	} else if ( handshake?.result === 'failure' ) {
		handshakeResult = state.connected
			? __(
					'Failed; the earlier connection is still in use',
					'meum-woocommerce'
				)
			: __( 'Failed', 'meum-woocommerce' );
	}

	const rows: DetailRow[] = [
		[ __( 'Latest connect attempt', 'meum-woocommerce' ), handshakeResult ],
	];
	if ( handshake ) {
		rows.push( [
			__( 'Connect attempt at', 'meum-woocommerce' ),
			handshake.at ? (
				<Timestamp key="at" iso={ handshake.at } />
			) : (
				missing
			),
		] );
	}
	if ( handshake?.result === 'failure' ) {
		rows.push(
			[
				__( 'Error code for support', 'meum-woocommerce' ),
				handshake.code ? (
					<SupportCode key="code" code={ handshake.code } />
				) : (
					missing
				),
			],
			[
				__( 'Error message', 'meum-woocommerce' ),
				handshake.message ?? missing,
			]
		);
	}
	rows.push(
		[
			__( 'Meum integration status', 'meum-woocommerce' ),
			code( state.status ),
		],
		[
			__( 'Meum health', 'meum-woocommerce' ),
			code( state.health_status ),
		],
		[
			__( "Meum's webhook status", 'meum-woocommerce' ),
			code( state.webhook_health ),
		]
	);
	rows.push(
		[
			__( 'Integration public ID', 'meum-woocommerce' ),
			code( state.integration_public_id ),
		],
		[ __( 'Webhook ID', 'meum-woocommerce' ), code( state.webhook_id ) ],
		[
			__( 'Checkout base URL', 'meum-woocommerce' ),
			state.checkout_base_url ?? missing,
		],
		[
			__( 'Reconnect reason', 'meum-woocommerce' ),
			state.reconnect_required
				? code( state.reconnect_reason )
				: __( 'None', 'meum-woocommerce' ),
		],
		[
			__( 'Site URL now', 'meum-woocommerce' ),
			state.environment.home_url || missing,
		],
		[
			__( 'Webhook URL now', 'meum-woocommerce' ),
			state.environment.webhook_url || missing,
		],
		[
			__( 'Site address changed', 'meum-woocommerce' ),
			yesNo( state.site_change !== null ),
		],
		[
			__( 'Site uses https', 'meum-woocommerce' ),
			yesNo( state.environment.home_url_is_https ),
		],
		[
			__( 'WooCommerce active', 'meum-woocommerce' ),
			yesNo( state.environment.woocommerce_active ),
		],
		[ __( 'Encryption key', 'meum-woocommerce' ), keySource ]
	);

	return (
		<details className="meum-wc-diagnostics">
			<summary>
				{ __( 'Diagnostics for support', 'meum-woocommerce' ) }
			</summary>
			<DetailList rows={ rows } />
		</details>
	);
}
