/**
 * External dependencies
 */
import type { MouseEvent } from 'react';

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Flex,
	Notice,
} from '@wordpress/components';
import { useEffect, useId, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { dismissRotation } from '../api';
import { restoreFocus } from '../focus';
import { useConnection } from '../hooks/use-connection';
import { isWebhookOnlyChange, summarize } from '../summary';
import type { MeumWcSettings } from '../types';
import { BusyIndicator } from './busy-indicator';
import {
	DisconnectDialog,
	NewSiteDialog,
	ordersWaitingWarning,
} from './confirm-dialog';
import { ConnectForm } from './connect-form';
import { ConnectionDetails } from './connection-details';
import { ConnectionNotices } from './connection-notices';
import { Diagnostics } from './diagnostics';
import { ErrorNotice } from './error-notice';
import { PaymentFlags } from './payment-flags';
import { SiteChangeNotice } from './site-change-notice';
import { StatusSummary } from './status-summary';
import { WebhookHealthPanel } from './webhook-health';

/**
 * Props of `SettingsApp`.
 */
export interface SettingsAppProps {
	/** The settings printed by the PHP page, validated by `readSettings()`. */
	settings: MeumWcSettings;
}

/**
 * The Meum settings page, one card: first the summary (the one answer to "is
 * this store ready?", the next step, the payments line), then the
 * site-change choice (after a change of the site URL; "This is a new site"
 * asks first), the notices that tell more (encryption line, re-issued
 * credentials), then either the connect form (not connected, the stored
 * connection is unusable) or the connection details with "Refresh status",
 * "Reconnect" (which reveals the same form; also the way out of a changed
 * webhook address) and "Disconnect" (after a confirmation dialog; "Forget
 * locally", focused, when Meum could not be told), the webhook health with
 * "Test webhook delivery", and the diagnostics for support. Renders from the
 * preloaded state; it makes a request only when the merchant asks for one.
 *
 * @param props          The props.
 * @param props.settings The page settings.
 * @return The page.
 */
export function SettingsApp( { settings }: SettingsAppProps ) {
	const {
		state,
		pending,
		isBusy,
		error,
		success,
		webhookTest,
		canForget,
		submit,
		refresh,
		disconnect,
		forget,
		testWebhook,
		clearMessages,
	} = useConnection( settings.initialState, settings.routes );
	const id = useId();
	const [ isReconnecting, setIsReconnecting ] = useState( false );
	const [ isConfirming, setIsConfirming ] = useState( false );
	const [ isConfirmingNewSite, setIsConfirmingNewSite ] = useState( false );
	const [ dismissedRotation, setDismissedRotation ] = useState(
		settings.dismissedRotation
	);
	const newSiteButton = useRef< HTMLElement | null >( null );
	const refreshButton = useRef< HTMLButtonElement >( null );
	const reconnectButton = useRef< HTMLButtonElement >( null );
	const disconnectButton = useRef< HTMLButtonElement >( null );
	const forgetButton = useRef< HTMLButtonElement >( null );
	const successMessage = useRef< HTMLParagraphElement >( null );
	// The button that opened the connect form, focused again on Cancel.
	const formOpener = useRef< HTMLElement | null >( null );
	const returnFocus = useRef( false );
	// The button whose request runs, focused again if the focus got lost.
	const requestButton = useRef< HTMLElement | null >( null );

	useEffect( () => {
		// A refresh keeps the focus on its button; the other successes
		// replace the controls, so the focus moves to the message.
		if ( success && success.action !== 'refresh' ) {
			successMessage.current?.focus();
		}
	}, [ success ] );

	useEffect( () => {
		if ( pending === null && requestButton.current ) {
			restoreFocus( requestButton.current );
			requestButton.current = null;
		}
	}, [ pending ] );

	useEffect( () => {
		// After a failed disconnect the next step is "Forget locally".
		if ( canForget ) {
			forgetButton.current?.focus();
		}
	}, [ canForget ] );

	useEffect( () => {
		if ( ! isReconnecting && returnFocus.current ) {
			returnFocus.current = false;
			( formOpener.current?.isConnected
				? formOpener.current
				: reconnectButton.current
			)?.focus();
		}
	}, [ isReconnecting ] );

	const openForm = ( opener: HTMLElement ) => {
		formOpener.current = opener;
		clearMessages();
		setIsReconnecting( true );
	};

	const handleSubmit = async ( connectionKey: string ) => {
		const succeeded = await submit( connectionKey );
		if ( succeeded ) {
			setIsReconnecting( false );
		}
		return succeeded;
	};

	const startRequest = (
		button: HTMLElement | null,
		request: () => Promise< boolean >
	) => {
		requestButton.current = button;
		return request();
	};

	const siteChange = state.site_change;
	// A changed webhook URL alone needs a reconnect, not the choice.
	const webhookChange = siteChange && isWebhookOnlyChange( siteChange );
	const siteChoice = siteChange && ! webhookChange;
	// Without a usable connection the form is always shown; with one, only
	// after "Reconnect", and then it can be cancelled. After a site change,
	// the merchant chooses first.
	const mustConnect =
		( ! state.connected || state.reconnect_required ) && ! siteChange;
	const summary = summarize( state, {
		disconnectFailed: canForget && state.connected,
	} );
	const handleDismissRotation = ( time: number ) => {
		setDismissedRotation( time );
		dismissRotation( time, settings.routes ).catch( () =>
			speak(
				__(
					'The notice could not be dismissed for good; it may show again on your next visit.',
					'meum-woocommerce'
				)
			)
		);
	};
	const form = (
		<ConnectForm
			isBusy={ isBusy }
			isConnecting={ pending === 'connect' }
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
	const showActions = state.connected && ! isReconnecting;
	const siteChangedId = `meum-wc-site-changed-${ id }`;
	const forgetId = `meum-wc-forget-${ id }`;
	const forgetWarningId = `meum-wc-forget-warning-${ id }`;
	const forgetWarning = ordersWaitingWarning( state.orders_waiting );

	return (
		<div className="meum-wc-settings">
			<Card>
				<CardHeader>
					<h2 className="meum-wc-title">
						{ __( 'Meum', 'meum-woocommerce' ) }
					</h2>
				</CardHeader>
				<CardBody>
					<StatusSummary
						summary={ summary }
						storeName={ state.store_name }
						payments={ settings.payments }
					/>
					{ settings.payments && (
						<PaymentFlags
							flags={ settings.payments.flags }
							flagsPath={ settings.payments.flagsPath }
						/>
					) }
					{ siteChoice && (
						<SiteChangeNotice
							siteChange={ siteChange }
							isBusy={ isBusy }
							isForgetting={ pending === 'forget' }
							onNewSite={ ( button ) => {
								newSiteButton.current = button;
								setIsConfirmingNewSite( true );
							} }
							onSameSite={ openForm }
						/>
					) }
					<ConnectionNotices
						state={ state }
						dismissedRotation={ dismissedRotation }
						onDismissRotation={ handleDismissRotation }
					/>
					{ success && (
						<Notice
							status="success"
							isDismissible={ false }
							spokenMessage=""
						>
							<p ref={ successMessage } tabIndex={ -1 }>
								{ success.message }
							</p>
						</Notice>
					) }
					{ error && error.action !== 'test_webhook' && (
						<ErrorNotice error={ error } />
					) }
					{ canForget && state.connected && (
						<div className="meum-wc-forget">
							<p id={ forgetId }>
								{ __(
									'Meum could not be told. You can delete the connection from this site only; the integration may stay listed in Meum until you remove it there.',
									'meum-woocommerce'
								) }
							</p>
							{ forgetWarning && (
								<p id={ forgetWarningId }>
									<strong>{ forgetWarning }</strong>
								</p>
							) }
							<Flex justify="flex-start" gap={ 3 }>
								<Button
									ref={ forgetButton }
									variant="secondary"
									isDestructive
									__next40pxDefaultSize
									disabled={ isBusy }
									aria-busy={
										pending === 'forget' || undefined
									}
									aria-describedby={
										forgetWarning
											? `${ forgetId } ${ forgetWarningId }`
											: forgetId
									}
									onClick={ () =>
										startRequest(
											forgetButton.current,
											forget
										)
									}
								>
									{ __(
										'Forget locally',
										'meum-woocommerce'
									) }
								</Button>
								{ pending === 'forget' && (
									<BusyIndicator
										label={ __(
											'Removing the connection from this site…',
											'meum-woocommerce'
										) }
									/>
								) }
							</Flex>
						</div>
					) }
					{ state.connected && <ConnectionDetails state={ state } /> }
					{ ( mustConnect || isReconnecting ) && form }
					{ showActions && (
						<Flex
							justify="flex-start"
							gap={ 3 }
							wrap
							className="meum-wc-actions"
						>
							{ ! state.reconnect_required && ! siteChange && (
								<Button
									ref={ refreshButton }
									variant="secondary"
									__next40pxDefaultSize
									disabled={ isBusy }
									aria-busy={
										pending === 'refresh' || undefined
									}
									onClick={ () =>
										startRequest(
											refreshButton.current,
											refresh
										)
									}
								>
									{ __(
										'Refresh status',
										'meum-woocommerce'
									) }
								</Button>
							) }
							{ ! mustConnect && ! siteChoice && (
								<Button
									ref={ reconnectButton }
									variant="secondary"
									__next40pxDefaultSize
									disabled={ isBusy }
									onClick={ (
										event: MouseEvent< HTMLElement >
									) => openForm( event.currentTarget ) }
								>
									{ __( 'Reconnect', 'meum-woocommerce' ) }
								</Button>
							) }
							<Button
								ref={ disconnectButton }
								variant="secondary"
								isDestructive
								__next40pxDefaultSize
								disabled={ isBusy || !! siteChange }
								aria-describedby={
									siteChange ? siteChangedId : undefined
								}
								onClick={ () => setIsConfirming( true ) }
							>
								{ __( 'Disconnect', 'meum-woocommerce' ) }
							</Button>
							{ pending === 'refresh' && (
								<BusyIndicator
									label={ __(
										'Checking the connection status…',
										'meum-woocommerce'
									) }
								/>
							) }
						</Flex>
					) }
					{ showActions && siteChange && (
						<p id={ siteChangedId } className="description">
							{ webhookChange
								? __(
										'Disconnecting is not available while the webhook address differs from the registered one: this site does not use the stored key until you reconnect.',
										'meum-woocommerce'
									)
								: __(
										"Disconnecting is not available while the site's address differs from the connected one: this site does not use the stored key until you choose “This is a new site” or “Same site, new address” above.",
										'meum-woocommerce'
									) }
						</p>
					) }
					{ isConfirmingNewSite && siteChoice && (
						<NewSiteDialog
							ordersWaiting={ state.orders_waiting }
							isBusy={ pending === 'forget' }
							onConfirm={ async () => {
								setIsReconnecting( false );
								await startRequest(
									newSiteButton.current,
									forget
								);
								setIsConfirmingNewSite( false );
							} }
							onCancel={ () => {
								setIsConfirmingNewSite( false );
								newSiteButton.current?.focus();
							} }
						/>
					) }
					{ isConfirming && state.connected && (
						<DisconnectDialog
							ordersWaiting={ state.orders_waiting }
							isBusy={ pending === 'disconnect' }
							onConfirm={ async () => {
								await startRequest(
									disconnectButton.current,
									disconnect
								);
								setIsConfirming( false );
							} }
							onCancel={ () => setIsConfirming( false ) }
						/>
					) }
					{ state.connected && (
						<WebhookHealthPanel
							webhooks={ state.webhooks }
							meumStatus={ state.webhook_health }
							canTest={ ! state.reconnect_required }
							isBusy={ isBusy }
							isTesting={ pending === 'test_webhook' }
							testResult={ webhookTest }
							testError={
								error?.action === 'test_webhook' ? error : null
							}
							onTest={ ( button ) =>
								startRequest( button, testWebhook )
							}
						/>
					) }
					<Diagnostics state={ state } />
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
