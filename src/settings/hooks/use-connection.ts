/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useCallback, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { connect, describeError } from '../api';
import type { ConnectionState, ErrorDescription } from '../types';

/**
 * The connection state of the page and what can be done with it.
 */
export interface ConnectionController {
	/** The current connection state (the preloaded one until a handshake). */
	state: ConnectionState;
	/** A handshake is running. */
	isBusy: boolean;
	/** The latest failure, until the next attempt or `clearMessages()`. */
	error: ErrorDescription | null;
	/**
	 * Set after a successful handshake in this page session: the store's
	 * name (`null` when Meum sent none). `undefined` when there was none.
	 */
	connectedStoreName: string | null | undefined;
	/**
	 * Runs the handshake with a connection key. Announces the busy state,
	 * then the success or the failure. A failure keeps the current state.
	 *
	 * @param connectionKey The connection key, already trimmed and non-empty.
	 * @return Whether the handshake succeeded; never rejects.
	 */
	submit: ( connectionKey: string ) => Promise< boolean >;
	/** Clears the success and error messages. */
	clearMessages: () => void;
}

/**
 * Whether a state calls for the payout warning.
 *
 * @param state A connection state.
 * @return True when no payout wallet is set or Meum sent a warning.
 */
export const needsPayoutWarning = ( state: ConnectionState ): boolean =>
	state.payout_configured === false || !! state.warning;

/**
 * Holds the page's connection state and runs the connect handshake.
 *
 * The state starts from the preloaded `initialState`: no request is made on
 * mount. The connection key is passed through, never stored.
 *
 * @param initialState The state printed by the PHP page.
 * @param restPath     The connection route.
 * @return The state, the request status, the messages, and the actions.
 */
export function useConnection(
	initialState: ConnectionState,
	restPath: string
): ConnectionController {
	const [ state, setState ] = useState( initialState );
	const [ isBusy, setIsBusy ] = useState( false );
	const [ error, setError ] = useState< ErrorDescription | null >( null );
	const [ connectedStoreName, setConnectedStoreName ] = useState<
		string | null | undefined
	>( undefined );
	const busy = useRef( false );

	const submit = useCallback(
		async ( connectionKey: string ): Promise< boolean > => {
			if ( busy.current ) {
				return false;
			}
			busy.current = true;
			setIsBusy( true );
			setError( null );
			setConnectedStoreName( undefined );
			speak( __( 'Connecting to Meum…', 'meum-woocommerce' ) );
			try {
				const next = await connect( connectionKey, restPath );
				setState( next );
				setConnectedStoreName( next.store_name );
				const announcement = next.store_name
					? sprintf(
							/* translators: %s: the store's name in Meum. */
							__(
								'Connected to Meum as %s.',
								'meum-woocommerce'
							),
							next.store_name
						)
					: __( 'Connected to Meum.', 'meum-woocommerce' );
				speak(
					needsPayoutWarning( next )
						? announcement +
								' ' +
								__(
									'Payments may be blocked until a payout wallet is set in Meum.',
									'meum-woocommerce'
								)
						: announcement
				);
				return true;
			} catch ( rejection ) {
				const description = describeError( rejection );
				setError( description );
				speak( description.headline, 'assertive' );
				return false;
			} finally {
				busy.current = false;
				setIsBusy( false );
			}
		},
		[ restPath ]
	);

	const clearMessages = useCallback( () => {
		setError( null );
		setConnectedStoreName( undefined );
	}, [] );

	return {
		state,
		isBusy,
		error,
		connectedStoreName,
		submit,
		clearMessages,
	};
}
