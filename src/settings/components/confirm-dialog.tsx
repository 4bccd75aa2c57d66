/**
 * WordPress dependencies
 */
import { Button, Flex, Modal } from '@wordpress/components';
import { useEffect, useId, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

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
			<p id={ descriptionId }>{ description }</p>
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
 * Props of the two confirmations.
 */
export type ConfirmationProps = Pick<
	ConfirmDialogProps,
	'isBusy' | 'onConfirm' | 'onCancel'
>;

/**
 * Asks before disconnecting from Meum.
 *
 * @param props The busy flag and the callbacks.
 * @return The dialog.
 */
export const DisconnectDialog = ( props: ConfirmationProps ) => (
	<ConfirmDialog
		{ ...props }
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
 * @param props The busy flag and the callbacks.
 * @return The dialog.
 */
export const NewSiteDialog = ( props: ConfirmationProps ) => (
	<ConfirmDialog
		{ ...props }
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
