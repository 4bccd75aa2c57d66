/**
 * External dependencies
 */
import type { MouseEvent } from 'react';

/**
 * WordPress dependencies
 */
import { Button, Notice } from '@wordpress/components';
import { useId } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { SiteChange } from '../types';
import { BusyIndicator } from './busy-indicator';

/**
 * Props of `SiteChangeNotice`.
 */
export interface SiteChangeNoticeProps {
	/** The addresses registered at connect and now. */
	siteChange: SiteChange;
	/** A request is running: the choices are disabled. */
	isBusy: boolean;
	/** "This is a new site" is running (forgetting the connection). */
	isForgetting: boolean;
	/**
	 * "This is a new site": forget the credentials here.
	 *
	 * @param button The button that was pressed.
	 */
	onNewSite: ( button: HTMLElement ) => void;
	/**
	 * "Same site, new address": connect again with a new key.
	 *
	 * @param button The button that was pressed.
	 */
	onSameSite: ( button: HTMLElement ) => void;
}

/**
 * The warning shown while the site's address differs from the one
 * registered with Meum: the connected and current site and webhook URLs,
 * and the two ways on, each with its explanation.
 *
 * @param props              The props.
 * @param props.siteChange   The addresses.
 * @param props.isBusy       A request is running.
 * @param props.isForgetting The "new site" request is running.
 * @param props.onNewSite    Forgets the credentials here.
 * @param props.onSameSite   Shows the connect form.
 * @return The notice.
 */
export function SiteChangeNotice( {
	siteChange,
	isBusy,
	isForgetting,
	onNewSite,
	onSameSite,
}: SiteChangeNoticeProps ) {
	const id = useId();
	const missing = __( 'Not available', 'meum-woocommerce' );
	const rows: Array< [ string, string | null, string | null ] > = [
		[
			__( 'Site URL', 'meum-woocommerce' ),
			siteChange.connected_site_url,
			siteChange.current_site_url,
		],
		[
			__( 'Webhook URL', 'meum-woocommerce' ),
			siteChange.connected_webhook_url,
			siteChange.current_webhook_url,
		],
	];

	return (
		<Notice
			status="warning"
			isDismissible={ false }
			spokenMessage=""
			className="meum-wc-site-change"
		>
			<p>
				<strong>
					{ __(
						"This site's address changed since it was connected to Meum.",
						'meum-woocommerce'
					) }
				</strong>
			</p>
			<table className="meum-wc-addresses">
				<thead>
					<tr>
						<th scope="col">
							{ __( 'Address', 'meum-woocommerce' ) }
						</th>
						<th scope="col">
							{ __( 'When connected', 'meum-woocommerce' ) }
						</th>
						<th scope="col">{ __( 'Now', 'meum-woocommerce' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ rows.map( ( [ label, before, now ] ) => (
						<tr key={ label }>
							<th scope="row">{ label }</th>
							<td>{ before ?? missing }</td>
							<td>{ now ?? missing }</td>
						</tr>
					) ) }
				</tbody>
			</table>
			<div className="meum-wc-choice">
				<Button
					variant="secondary"
					__next40pxDefaultSize
					disabled={ isBusy }
					aria-busy={ isForgetting || undefined }
					aria-describedby={ `${ id }-new` }
					onClick={ ( event: MouseEvent< HTMLElement > ) =>
						onNewSite( event.currentTarget )
					}
				>
					{ __( 'This is a new site', 'meum-woocommerce' ) }
				</Button>
				{ isForgetting && (
					<BusyIndicator
						label={ __(
							'Removing the connection from this site…',
							'meum-woocommerce'
						) }
					/>
				) }
				<p id={ `${ id }-new` }>
					{ __(
						'For a copy such as staging: forget the credentials here without disconnecting the original store, then connect this site with its own key.',
						'meum-woocommerce'
					) }
				</p>
			</div>
			<div className="meum-wc-choice">
				<Button
					variant="secondary"
					__next40pxDefaultSize
					disabled={ isBusy }
					aria-describedby={ `${ id }-same` }
					onClick={ ( event: MouseEvent< HTMLElement > ) =>
						onSameSite( event.currentTarget )
					}
				>
					{ __( 'Same site, new address', 'meum-woocommerce' ) }
				</Button>
				<p id={ `${ id }-same` }>
					{ __(
						'Connect again with a new connection key; Meum then registers the new addresses.',
						'meum-woocommerce'
					) }
				</p>
			</div>
		</Notice>
	);
}
