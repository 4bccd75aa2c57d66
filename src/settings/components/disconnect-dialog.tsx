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
 * Props of `DisconnectDialog`.
 */
export interface DisconnectDialogProps {
	/** The disconnect request is running: the dialog cannot be closed. */
	isBusy: boolean;
	/** Runs the disconnect. */
	onConfirm: () => void;
	/** Closes the dialog without a request. */
	onCancel: () => void;
}

/**
 * The confirmation dialog for "Disconnect": what disconnecting does, then
 * "Cancel" (focused when the dialog opens) and the destructive "Disconnect".
 * Escape, the close button and a click outside cancel, except while the
 * request runs. The `Modal` returns the focus to the opening button when it
 * closes.
 *
 * @param props           The props.
 * @param props.isBusy    The disconnect request is running.
 * @param props.onConfirm Runs the disconnect.
 * @param props.onCancel  Closes the dialog.
 * @return The dialog.
 */
export function DisconnectDialog( {
	isBusy,
	onConfirm,
	onCancel,
}: DisconnectDialogProps ) {
	const descriptionId = `meum-wc-disconnect-${ useId() }`;
	const cancelButton = useRef< HTMLButtonElement >( null );

	useEffect( () => {
		cancelButton.current?.focus();
	}, [] );

	return (
		<Modal
			title={ __( 'Disconnect from Meum?', 'meum-woocommerce' ) }
			onRequestClose={ onCancel }
			focusOnMount={ false }
			isDismissible={ ! isBusy }
			shouldCloseOnEsc={ ! isBusy }
			shouldCloseOnClickOutside={ ! isBusy }
			aria={ { describedby: descriptionId } }
			className="meum-wc-dialog"
		>
			<p id={ descriptionId }>
				{ __(
					'Your store stops taking Meum payments, and the stored credentials are deleted from this site. To take Meum payments again, connect with a new connection key.',
					'meum-woocommerce'
				) }
			</p>
			<Flex justify="flex-end" gap={ 3 }>
				{ isBusy && (
					<BusyIndicator
						label={ __(
							'Disconnecting from Meum…',
							'meum-woocommerce'
						) }
					/>
				) }
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
					{ __( 'Disconnect', 'meum-woocommerce' ) }
				</Button>
			</Flex>
		</Modal>
	);
}
