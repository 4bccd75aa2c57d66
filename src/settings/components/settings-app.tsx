/**
 * WordPress dependencies
 */
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
} from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { useConnection } from '../hooks/use-connection';
import type { MeumWcSettings } from '../types';
import { ConnectForm } from './connect-form';
import { ConnectionDetails } from './connection-details';
import { ConnectionNotices } from './connection-notices';
import { ErrorNotice } from './error-notice';

/**
 * Props of `SettingsApp`.
 */
export interface SettingsAppProps {
	/** The settings printed by the PHP page, validated by `readSettings()`. */
	settings: MeumWcSettings;
}

/**
 * The Meum settings page: the standing notices, then a card with either the
 * connect form (not connected) or the connection details with a "Reconnect"
 * button that reveals the same form. Renders from the preloaded state; it
 * makes a request only when the merchant submits a key.
 *
 * @param props          The props.
 * @param props.settings The page settings.
 * @return The page.
 */
export function SettingsApp( { settings }: SettingsAppProps ) {
	const { state, isBusy, error, connectedStoreName, submit, clearMessages } =
		useConnection( settings.initialState, settings.restPath );
	const [ isReconnecting, setIsReconnecting ] = useState( false );
	const reconnectButton = useRef< HTMLButtonElement >( null );
	const successMessage = useRef< HTMLParagraphElement >( null );
	const returnFocus = useRef( false );

	useEffect( () => {
		if ( connectedStoreName !== undefined ) {
			successMessage.current?.focus();
		}
	}, [ connectedStoreName ] );

	useEffect( () => {
		if ( ! isReconnecting && returnFocus.current ) {
			returnFocus.current = false;
			reconnectButton.current?.focus();
		}
	}, [ isReconnecting ] );

	const handleSubmit = async ( connectionKey: string ) => {
		const succeeded = await submit( connectionKey );
		if ( succeeded ) {
			setIsReconnecting( false );
		}
		return succeeded;
	};

	// Without a usable connection the form is always shown; with one, only
	// after "Reconnect", and then it can be cancelled.
	const mustConnect = ! state.connected || state.reconnect_required;
	const form = (
		<ConnectForm
			isBusy={ isBusy }
			keyError={ error?.keyError ?? null }
			keyHelpUrl={ settings.keyHelpUrl }
			onSubmit={ handleSubmit }
			onCancel={
				mustConnect
					? undefined
					: () => {
							clearMessages();
							returnFocus.current = true;
							setIsReconnecting( false );
						}
			}
			focusOnMount={ ! mustConnect }
		/>
	);

	return (
		<div className="meum-wc-settings">
			<ConnectionNotices state={ state } />
			<Card>
				<CardHeader>
					<h2 className="meum-wc-title">
						{ __( 'Meum', 'meum-woocommerce' ) }
					</h2>
				</CardHeader>
				<CardBody>
					{ connectedStoreName !== undefined && (
						<Notice
							status="success"
							isDismissible={ false }
							spokenMessage=""
						>
							<p ref={ successMessage } tabIndex={ -1 }>
								{ connectedStoreName
									? sprintf(
											/* translators: %s: the store's name in Meum. */
											__(
												'Connected to %s.',
												'meum-woocommerce'
											),
											connectedStoreName
										)
									: __(
											'Connected to Meum.',
											'meum-woocommerce'
										) }
							</p>
						</Notice>
					) }
					{ error && <ErrorNotice error={ error } /> }
					{ state.connected && <ConnectionDetails state={ state } /> }
					{ mustConnect || isReconnecting ? (
						form
					) : (
						<Button
							ref={ reconnectButton }
							variant="secondary"
							__next40pxDefaultSize
							onClick={ () => {
								clearMessages();
								setIsReconnecting( true );
							} }
						>
							{ __( 'Reconnect', 'meum-woocommerce' ) }
						</Button>
					) }
				</CardBody>
			</Card>
		</div>
	);
}

/**
 * Shown instead of the page when the PHP page printed no usable settings.
 *
 * @return An error notice asking to reload.
 */
export function SettingsLoadError() {
	return (
		<Notice status="error" isDismissible={ false } spokenMessage="">
			{ __(
				'The Meum settings could not be loaded. Reload the page; if this keeps happening, reinstall the plugin.',
				'meum-woocommerce'
			) }
		</Notice>
	);
}
