/**
 * External dependencies
 */
import type { FormEvent, KeyboardEvent } from 'react';

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { Button, ExternalLink, Flex } from '@wordpress/components';
import {
	createInterpolateElement,
	useEffect,
	useId,
	useRef,
	useState,
} from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { BusyIndicator } from './busy-indicator';

/**
 * Props of `ConnectForm`.
 */
export interface ConnectFormProps {
	/** A request is running: the field is read-only, the buttons disabled. */
	isBusy: boolean;
	/** The running request is this form's handshake: the button is busy. */
	isConnecting?: boolean;
	/** The server's message about the key, shown next to the field. */
	keyError: string | null;
	/** Where Meum documents how to create a connection key. */
	keyHelpUrl: string;
	/**
	 * Runs the handshake with the trimmed, non-empty key.
	 *
	 * @param connectionKey The connection key.
	 * @return Whether it succeeded.
	 */
	onSubmit: ( connectionKey: string ) => Promise< boolean >;
	/**
	 * Shows a "Cancel" button that calls this (used when reconnecting); Escape
	 * inside the form does the same. Without it the form has no way out.
	 */
	onCancel?: () => void;
	/** Moves the focus to the key field when the form appears. */
	focusOnMount?: boolean;
}

/**
 * The connect form: where to get a key, a password-type key field (never
 * prefilled, uncontrolled so the key never enters React state) and the
 * Connect button. An empty field gets an inline error and no request; the
 * field is cleared once the request ends, whatever its outcome.
 *
 * @param props              The props (see `ConnectFormProps`).
 * @param props.isBusy       A request is running.
 * @param props.isConnecting The running request is this form's handshake.
 * @param props.keyError     The server's message about the key, or `null`.
 * @param props.keyHelpUrl   Where Meum documents how to create a key.
 * @param props.onSubmit     Runs the handshake; resolves to its success.
 * @param props.onCancel     Shows a "Cancel" button calling it, if given.
 * @param props.focusOnMount Moves the focus to the key field on mount.
 * @return The form.
 */
export function ConnectForm( {
	isBusy,
	isConnecting = isBusy,
	keyError,
	keyHelpUrl,
	onSubmit,
	onCancel,
	focusOnMount = false,
}: ConnectFormProps ) {
	const id = useId();
	const inputId = `meum-wc-key-${ id }`;
	const errorId = `${ inputId }-error`;
	const input = useRef< HTMLInputElement >( null );
	const [ isEmpty, setIsEmpty ] = useState( false );
	const fieldError = isEmpty
		? __( 'Enter your connection key.', 'meum-woocommerce' )
		: keyError;

	useEffect( () => {
		if ( focusOnMount ) {
			input.current?.focus();
		}
	}, [ focusOnMount ] );

	const handleSubmit = async ( event: FormEvent< HTMLFormElement > ) => {
		event.preventDefault();
		const field = input.current;
		if ( isBusy || ! field ) {
			return;
		}
		const connectionKey = field.value.trim();
		if ( ! connectionKey ) {
			setIsEmpty( true );
			speak(
				__( 'Enter your connection key.', 'meum-woocommerce' ),
				'assertive'
			);
			field.focus();
			return;
		}
		setIsEmpty( false );
		const succeeded = await onSubmit( connectionKey );
		field.value = '';
		if ( ! succeeded ) {
			field.focus();
		}
	};

	const handleKeyDown = ( event: KeyboardEvent< HTMLFormElement > ) => {
		if ( event.key === 'Escape' && onCancel && ! isBusy ) {
			event.preventDefault();
			onCancel();
		}
	};

	const headingId = `${ inputId }-heading`;
	return (
		// Escape is a shortcut for the Cancel button, which stays reachable by Tab.
		// eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
		<form
			className="meum-wc-connect-form"
			onSubmit={ handleSubmit }
			onKeyDown={ handleKeyDown }
			aria-labelledby={ headingId }
			noValidate
		>
			<h3 id={ headingId } className="meum-wc-form-heading">
				{ onCancel
					? __( 'Reconnect to Meum', 'meum-woocommerce' )
					: __( 'Connect to Meum', 'meum-woocommerce' ) }
			</h3>
			<p>
				{ createInterpolateElement(
					__(
						'In your Meum dashboard, create a WooCommerce connection key. It starts with <code>sk_live_</code> and is valid for 24 hours.',
						'meum-woocommerce'
					),
					{ code: <code /> }
				) }{ ' ' }
				<ExternalLink href={ keyHelpUrl }>
					{ __(
						'How to create a connection key',
						'meum-woocommerce'
					) }
				</ExternalLink>
			</p>
			<p>
				<label htmlFor={ inputId }>
					{ __( 'Connection key', 'meum-woocommerce' ) }
				</label>
				<br />
				<input
					ref={ input }
					id={ inputId }
					type="password"
					className="regular-text"
					autoComplete="off"
					autoCapitalize="off"
					autoCorrect="off"
					spellCheck={ false }
					readOnly={ isBusy }
					aria-invalid={ fieldError ? true : undefined }
					aria-describedby={ fieldError ? errorId : undefined }
				/>
			</p>
			{ fieldError && (
				<p id={ errorId } className="meum-wc-field-error">
					{ fieldError }
				</p>
			) }
			<Flex justify="flex-start" gap={ 3 }>
				<Button
					type="submit"
					variant="primary"
					__next40pxDefaultSize
					disabled={ isBusy }
					aria-busy={ isConnecting || undefined }
				>
					{ __( 'Connect', 'meum-woocommerce' ) }
				</Button>
				{ onCancel && (
					<Button
						type="button"
						variant="tertiary"
						__next40pxDefaultSize
						disabled={ isBusy }
						onClick={ onCancel }
					>
						{ __( 'Cancel', 'meum-woocommerce' ) }
					</Button>
				) }
				{ isConnecting && (
					<BusyIndicator
						label={ __(
							'Connecting to Meum…',
							'meum-woocommerce'
						) }
					/>
				) }
			</Flex>
		</form>
	);
}
