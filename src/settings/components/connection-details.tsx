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
 * A row of a definition list: the visible label and the value.
 */
export type DetailRow = [ string, ReactNode ];

/**
 * Props of `DetailList`.
 */
export interface DetailListProps {
	/** The rows, in order; labels must be unique within the list. */
	rows: DetailRow[];
}

/**
 * Labelled values as a definition list.
 *
 * @param props      The props.
 * @param props.rows The rows.
 * @return The definition list.
 */
export function DetailList( { rows }: DetailListProps ) {
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

/**
 * Props of `Timestamp`.
 */
export interface TimestampProps {
	/** An ISO 8601 timestamp. */
	iso: string;
}

/**
 * A timestamp in a `<time>` element, shown in the browser's locale.
 *
 * @param props     The props.
 * @param props.iso The timestamp.
 * @return The time element.
 */
export function Timestamp( { iso }: TimestampProps ) {
	return <time dateTime={ iso }>{ formatTimestamp( iso ) }</time>;
}

/**
 * The stored connection as a list of labelled values: the time of the last
 * status check, store, ids, the URLs registered with Meum, the masked API key
 * and the time of the latest handshake. Meum's status words are not repeated
 * here: the summary gives the one status, the diagnostics Meum's words.
 *
 * @param props       The props.
 * @param props.state The connection state.
 * @return The definition list.
 */
export function ConnectionDetails( { state }: ConnectionDetailsProps ) {
	const missing = __( 'Not available', 'meum-woocommerce' );
	const code = ( value: string | null ) =>
		value ? <code>{ value }</code> : missing;

	return (
		<DetailList
			rows={ [
				[
					__( 'Last checked', 'meum-woocommerce' ),
					state.status_checked_at ? (
						<Timestamp
							key="checked"
							iso={ state.status_checked_at }
						/>
					) : (
						__( 'Never', 'meum-woocommerce' )
					),
				],
				[
					__( 'Store name', 'meum-woocommerce' ),
					state.store_name ?? missing,
				],
				[
					__( 'Store ID', 'meum-woocommerce' ),
					code( state.store_id ),
				],
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
				[
					__( 'API key', 'meum-woocommerce' ),
					code( state.masked_api_key ),
				],
				[
					__( 'Connected at', 'meum-woocommerce' ),
					state.connected_at ? (
						<Timestamp key="time" iso={ state.connected_at } />
					) : (
						missing
					),
				],
			] }
		/>
	);
}
