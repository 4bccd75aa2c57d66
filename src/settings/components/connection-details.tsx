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
 * Props of `Badge`.
 */
export interface BadgeProps {
	/** A status string from Meum, e.g. `ACTIVE` or `HEALTHY`. */
	value: string;
}

/**
 * A status string as a badge, styled by its value (`is-active`,
 * `is-healthy`, …).
 *
 * @param props       The props.
 * @param props.value The status.
 * @return The badge.
 */
export function Badge( { value }: BadgeProps ) {
	const slug = value.toLowerCase().replace( /[^a-z0-9]+/g, '-' );
	return <span className={ `meum-wc-badge is-${ slug }` }>{ value }</span>;
}

/**
 * The stored connection as a list of labelled values: status, health and
 * webhook health (as badges), the time of the last status check, store, ids,
 * the URLs registered with Meum, the masked API key and the time of the
 * latest handshake.
 *
 * @param props       The props.
 * @param props.state The connection state.
 * @return The definition list.
 */
export function ConnectionDetails( { state }: ConnectionDetailsProps ) {
	const missing = __( 'Not available', 'meum-woocommerce' );
	const code = ( value: string | null ) =>
		value ? <code>{ value }</code> : missing;
	const badge = ( value: string | null ) =>
		value ? <Badge value={ value } /> : missing;

	return (
		<DetailList
			rows={ [
				[
					__( 'Status', 'meum-woocommerce' ),
					<Badge
						key="status"
						value={
							state.status ?? __( 'Unknown', 'meum-woocommerce' )
						}
					/>,
				],
				[
					__( 'Health', 'meum-woocommerce' ),
					badge( state.health_status ),
				],
				[
					__( 'Webhook health', 'meum-woocommerce' ),
					badge( state.webhook_health ),
				],
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
