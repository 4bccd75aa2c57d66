/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ConnectionState } from '../types';

/**
 * Props of `ConnectionDetails`.
 */
export interface ConnectionDetailsProps {
	/** A connected state. */
	state: ConnectionState;
}

/**
 * Formats a timestamp in the browser's locale and time zone.
 *
 * @param iso An ISO 8601 timestamp.
 * @return The localized date and time, or the input when it is not a date.
 */
export function formatTimestamp( iso: string ): string {
	const date = new Date( iso );
	if ( Number.isNaN( date.getTime() ) ) {
		return iso;
	}
	return date.toLocaleString( undefined, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZoneName: 'short',
	} );
}

/**
 * The stored connection as a list of labelled values: status (as a badge),
 * store, ids, the URLs registered with Meum, the masked API key and the time
 * of the latest handshake.
 *
 * @param props       The props.
 * @param props.state The connection state.
 * @return The definition list.
 */
export function ConnectionDetails( { state }: ConnectionDetailsProps ) {
	const missing = __( 'Not available', 'meum-woocommerce' );
	const code = ( value: string | null ) =>
		value ? <code>{ value }</code> : missing;

	const rows: Array< [ string, ReactNode ] > = [
		[
			__( 'Status', 'meum-woocommerce' ),
			<span
				key="status"
				className={ `meum-wc-badge is-${ (
					state.status ?? 'unknown'
				).toLowerCase() }` }
			>
				{ state.status ?? __( 'Unknown', 'meum-woocommerce' ) }
			</span>,
		],
		[ __( 'Store name', 'meum-woocommerce' ), state.store_name ?? missing ],
		[ __( 'Store ID', 'meum-woocommerce' ), code( state.store_id ) ],
		[
			__( 'Integration ID', 'meum-woocommerce' ),
			code( state.integration_id ),
		],
		[
			__( 'Installation ID', 'meum-woocommerce' ),
			code( state.installation_id ),
		],
		[
			__( 'Connected site URL', 'meum-woocommerce' ),
			state.site_url ?? missing,
		],
		[
			__( 'Webhook URL', 'meum-woocommerce' ),
			state.webhook_url ?? missing,
		],
		[ __( 'API key', 'meum-woocommerce' ), code( state.masked_api_key ) ],
		[
			__( 'Connected at', 'meum-woocommerce' ),
			state.connected_at ? (
				<time key="time" dateTime={ state.connected_at }>
					{ formatTimestamp( state.connected_at ) }
				</time>
			) : (
				missing
			),
		],
	];

	return (
		<dl className="meum-wc-details">
			{ rows.map( ( [ label, value ] ) => (
				<div key={ label }>
					<dt>{ label }</dt>
					<dd>{ value }</dd>
				</div>
			) ) }
		</dl>
	);
}
