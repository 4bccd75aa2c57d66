/**
 * WordPress dependencies
 */
import { Button, Flex, Modal } from '@wordpress/components';
import { useEffect, useId, useRef } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { BusyIndicator } from './busy-indicator';

/**
 * Props of `ConfirmDialog`.
 */
export interface ConfirmDialogProps {
	/** The question, e.g. "Disconnect from Meum?". */
	title: string;
	/** What confirming does, read as the dialog's description. */
	description: string;
	/** A warning read after the description (e.g. orders waiting), or `null`. */
	warning?: string | null;
	/** The destructive button's label. */
	confirmLabel: string;
	/** What the busy indicator says while the request runs. */
	busyLabel: string;
	/** The request is running: the dialog cannot be closed. */
	isBusy: boolean;
	/** Runs the request. */
	onConfirm: () => void;
	/** Closes the dialog without a request. */
	onCancel: () => void;
}

/**
 * A modal that asks before a destructive request. The focus starts on
 * "Cancel"; Escape, a click outside and the close button cancel, except
 * while the request runs.
 *
 * @param props              The props.
 * @param props.title        The question.
 * @param props.description  What confirming does.
 * @param props.warning      A warning read after the description.
 * @param props.confirmLabel The destructive button's label.
 * @param props.busyLabel    The busy indicator's text.
 * @param props.isBusy       The request is running.
 * @param props.onConfirm    Runs the request.
 * @param props.onCancel     Closes the dialog.
 * @return The dialog.
 */
export function ConfirmDialog( {
	title,
	description,
	warning = null,
	confirmLabel,
	busyLabel,
	isBusy,
	onConfirm,
	onCancel,
}: ConfirmDialogProps ) {
	const descriptionId = `meum-wc-confirm-${ useId() }`;
	const cancelButton = useRef< HTMLButtonElement >( null );

	useEffect( () => {
		cancelButton.current?.focus();
	}, [] );

	return (
		<Modal
			title={ title }
			onRequestClose={ onCancel }
			focusOnMount={ false }
			isDismissible={ ! isBusy }
			shouldCloseOnEsc={ ! isBusy }
			shouldCloseOnClickOutside={ ! isBusy }
			aria={ { describedby: descriptionId } }
			className="meum-wc-dialog"
		>
			<div id={ descriptionId }>
				<p>{ description }</p>
				{ warning && (
					<p className="meum-wc-dialog__warning">
						<strong>{ warning }</strong>
					</p>
				) }
			</div>
			<Flex justify="flex-end" gap={ 3 }>
				{ isBusy && <BusyIndicator label={ busyLabel } /> }
				<Button
					ref={ cancelButton }
					variant="tertiary"
					__next40pxDefaultSize
					disabled={ isBusy }
					onClick={ onCancel }
				>
					{ __( 'Cancel', 'meum-woocommerce' ) }
				</Button>
				<Button
					variant="primary"
					isDestructive
					__next40pxDefaultSize
					disabled={ isBusy }
					aria-busy={ isBusy || undefined }
					onClick={ onConfirm }
				>
					{ confirmLabel }
				</Button>
			</Flex>
		</Modal>
	);
}

/**
 * What happens to the orders waiting for Meum when the connection goes.
 *
 * @param ordersWaiting Orders with an invoice still open at Meum.
 * @return The sentence, or `null` when no order is waiting.
 */
export function ordersWaitingWarning( ordersWaiting: number ): string | null {
	if ( ordersWaiting < 1 ) {
		return null;
	}
	return sprintf(
		/* translators: %d: number of orders waiting for a Meum payment. */
		_n(
			'%d order is waiting for Meum: its payment will then not update the order.',
			'%d orders are waiting for Meum: their payments will then not update the orders.',
			ordersWaiting,
			'meum-woocommerce'
		),
		ordersWaiting
	);
}

/**
 * Props of the two confirmations.
 */
export type ConfirmationProps = Pick<
	ConfirmDialogProps,
	'isBusy' | 'onConfirm' | 'onCancel'
> & {
	/** Orders with an invoice still open at Meum (`orders_waiting`). */
	ordersWaiting: number;
};

/**
 * Asks before disconnecting from Meum.
 *
 * @param props               The busy flag, the orders waiting and the callbacks.
 * @param props.ordersWaiting Orders with an invoice still open at Meum.
 * @return The dialog.
 */
export const DisconnectDialog = ( {
	ordersWaiting,
	...props
}: ConfirmationProps ) => (
	<ConfirmDialog
		{ ...props }
		warning={ ordersWaitingWarning( ordersWaiting ) }
		title={ __( 'Disconnect from Meum?', 'meum-woocommerce' ) }
		description={ __(
			'Your store stops taking Meum payments, and the stored credentials are deleted from this site. To take Meum payments again, connect with a new connection key.',
			'meum-woocommerce'
		) }
		confirmLabel={ __( 'Disconnect', 'meum-woocommerce' ) }
		busyLabel={ __( 'Disconnecting from Meum…', 'meum-woocommerce' ) }
	/>
);

/**
 * Asks before "This is a new site" deletes the stored credentials.
 *
 * @param props               The busy flag, the orders waiting and the callbacks.
 * @param props.ordersWaiting Orders with an invoice still open at Meum.
 * @return The dialog.
 */
export const NewSiteDialog = ( {
	ordersWaiting,
	...props
}: ConfirmationProps ) => (
	<ConfirmDialog
		{ ...props }
		warning={ ordersWaitingWarning( ordersWaiting ) }
		title={ __(
			'Forget the connection on this site?',
			'meum-woocommerce'
		) }
		description={ __(
			'The stored Meum credentials are deleted from this site only; the original store stays connected. To take Meum payments on this site, connect it with its own connection key.',
			'meum-woocommerce'
		) }
		confirmLabel={ __( 'Forget the connection', 'meum-woocommerce' ) }
		busyLabel={ __(
			'Removing the connection from this site…',
			'meum-woocommerce'
		) }
	/>
);
