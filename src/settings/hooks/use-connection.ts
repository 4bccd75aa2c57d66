/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useCallback, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	connect,
	disconnect as disconnectRequest,
	forgetLocally,
	refreshStatus,
	testWebhookDelivery,
} from '../api';
import { describeError } from '../errors';
import { describeWebhookTest, reconnectMessage } from '../messages';
import { needsPayoutWarning, summarize, summaryHeadline } from '../summary';
import type {
	ConnectionAction,
	ConnectionState,
	ErrorDescription,
	RestRoutes,
	WebhookTestResult,
} from '../types';

/**
 * A success message to show after a request.
 */
export interface SuccessMessage {
	/** The request that succeeded. */
	action: ConnectionAction;
	/** The translated message. */
	message: string;
}

/**
 * A failed request: what the page shows, and which request it was (a
 * failed test delivery is shown in the webhook panel).
 */
export interface RequestError extends ErrorDescription {
	/** The request that failed. */
	action: ConnectionAction;
}

/**
 * The connection state of the page and what can be done with it.
 */
export interface ConnectionController {
	/** The current connection state (the preloaded one until a request). */
	state: ConnectionState;
	/** The request that is running, or `null`. */
	pending: ConnectionAction | null;
	/** A request is running. */
	isBusy: boolean;
	/** The latest failure, until the next request or `clearMessages()`. */
	error: RequestError | null;
	/** The latest success, until the next request or `clearMessages()`. */
	success: SuccessMessage | null;
	/**
	 * The result of the latest test delivery, until the next request or
	 * `clearMessages()`.
	 */
	webhookTest: WebhookTestResult | null;
	/**
	 * A disconnect failed in a way that allows deleting the connection from
	 * this site only; stays set while "Forget locally" fails.
	 */
	canForget: boolean;
	/**
	 * Runs the handshake with a connection key. Announces the busy state,
	 * then the success or the failure. A failure keeps the current state.
	 *
	 * @param connectionKey The connection key, already trimmed and non-empty.
	 * @return Whether the handshake succeeded; never rejects.
	 */
	submit: ( connectionKey: string ) => Promise< boolean >;
	/**
	 * Asks Meum for the connection's status and shows the updated state.
	 * A failure keeps the current state.
	 *
	 * @return Whether the request succeeded; never rejects.
	 */
	refresh: () => Promise< boolean >;
	/**
	 * Disconnects at Meum and deletes the stored credentials.
	 *
	 * @return Whether the request succeeded; never rejects.
	 */
	disconnect: () => Promise< boolean >;
	/**
	 * Deletes the stored connection without telling Meum.
	 *
	 * @return Whether the request succeeded; never rejects.
	 */
	forget: () => Promise< boolean >;
	/**
	 * Sends a test delivery to the site's own webhook URL and shows what
	 * came back with the refreshed state. A failure keeps the current state.
	 *
	 * @return Whether the request succeeded (whatever the delivery's
	 *         result); never rejects.
	 */
	testWebhook: () => Promise< boolean >;
	/**
	 * Clears the success and error messages, the test delivery's result and
	 * the "Forget" offer.
	 */
	clearMessages: () => void;
}

/**
 * What a successful request leads to: the new state, the visible message
 * (or `null`), the announcement, and the test delivery's result.
 */
interface Outcome {
	state: ConnectionState;
	message: string | null;
	announcement: string;
	/** Announce assertively (also done when a reconnect is required). */
	urgent?: boolean;
	webhookTest?: WebhookTestResult;
}

/**
 * Appends the payout warning to an announcement when the state needs it.
 *
 * @param announcement The announcement.
 * @param state        The new state.
 * @return The announcement.
 */
const withPayoutWarning = (
	announcement: string,
	state: ConnectionState
): string =>
	needsPayoutWarning( state )
		? announcement +
			' ' +
			__(
				'Payments may be blocked until a payout wallet is set in Meum.',
				'meum-woocommerce'
			)
		: announcement;

/**
 * What a successful handshake says.
 *
 * @param state The new state.
 * @return The outcome.
 */
function connectOutcome( state: ConnectionState ): Outcome {
	const name = state.store_name;
	return {
		state,
		message: name
			? sprintf(
					/* translators: %s: the store's name in Meum. */
					__( 'Connected to %s.', 'meum-woocommerce' ),
					name
				)
			: __( 'Connected to Meum.', 'meum-woocommerce' ),
		announcement: withPayoutWarning(
			name
				? sprintf(
						/* translators: %s: the store's name in Meum. */
						__( 'Connected to Meum as %s.', 'meum-woocommerce' ),
						name
					)
				: __( 'Connected to Meum.', 'meum-woocommerce' ),
			state
		),
	};
}

/**
 * What a successful status refresh says: the health, Meum's issues and the
 * payout warning, or why the connection must be renewed.
 *
 * @param state The new state.
 * @return The outcome.
 */
function refreshOutcome( state: ConnectionState ): Outcome {
	if ( state.reconnect_required ) {
		return {
			state,
			message: null,
			announcement: reconnectMessage( state.reconnect_reason ),
		};
	}
	const message: string = __(
		'Connection status updated.',
		'meum-woocommerce'
	);
	// The same answer as the summary, so the announcement never says
	// "healthy" next to something to fix.
	const summary = summarize( state, { disconnectFailed: false } );
	const [ next ] = summary.steps;
	const parts: string[] = [ message, summaryHeadline( summary ) + '.' ];
	if ( next?.detail ) {
		parts.push( next.detail );
	}
	if ( next?.items.length ) {
		parts.push( ...next.items );
	}
	return {
		state,
		message,
		announcement: parts.join( ' ' ),
	};
}

/**
 * What a test delivery says: no success message (the webhook panel shows
 * the result), the result's sentence and the server's extra message,
 * announced assertively unless the delivery was accepted.
 *
 * @param test The test delivery's result.
 * @return The outcome.
 */
function webhookTestOutcome( test: WebhookTestResult ): Outcome {
	const { status, headline, message } = describeWebhookTest( test );
	return {
		state: test.state,
		message: null,
		announcement: message ? `${ headline } ${ message }` : headline,
		urgent: status === 'error',
		webhookTest: test,
	};
}

/**
 * Holds the page's connection state and runs the requests that change it:
 * connect, refresh the status, disconnect, forget locally, send a test
 * delivery.
 *
 * The state starts from the preloaded `initialState`: no request is made on
 * mount. One request runs at a time. The connection key is passed through,
 * never stored.
 *
 * @param initialState The state printed by the PHP page.
 * @param routes       The REST routes printed by the PHP page.
 * @return The state, the request status, the messages, and the actions.
 */
export function useConnection(
	initialState: ConnectionState,
	routes: RestRoutes
): ConnectionController {
	const [ state, setState ] = useState( initialState );
	const [ pending, setPending ] = useState< ConnectionAction | null >( null );
	const [ error, setError ] = useState< RequestError | null >( null );
	const [ success, setSuccess ] = useState< SuccessMessage | null >( null );
	const [ webhookTest, setWebhookTest ] =
		useState< WebhookTestResult | null >( null );
	const [ canForget, setCanForget ] = useState( false );
	const busy = useRef( false );
	// The state the latest render saw, for the wording of a failure.
	const current = useRef( state );
	current.current = state;

	const run = useCallback(
		async (
			action: ConnectionAction,
			busyMessage: string,
			request: () => Promise< Outcome >
		): Promise< boolean > => {
			if ( busy.current ) {
				return false;
			}
			busy.current = true;
			setPending( action );
			setError( null );
			setSuccess( null );
			setWebhookTest( null );
			if ( action !== 'forget' ) {
				setCanForget( false );
			}
			speak( busyMessage );
			try {
				const outcome = await request();
				setState( outcome.state );
				setCanForget( false );
				setSuccess(
					outcome.message
						? { action, message: outcome.message }
						: null
				);
				setWebhookTest( outcome.webhookTest ?? null );
				if ( outcome.urgent || outcome.state.reconnect_required ) {
					speak( outcome.announcement, 'assertive' );
				} else {
					speak( outcome.announcement );
				}
				return true;
			} catch ( rejection ) {
				const description = describeError( rejection, action, {
					storeName: current.current.connected
						? current.current.store_name
						: null,
				} );
				setError( { ...description, action } );
				setCanForget( ( offered ) =>
					action === 'forget' ? offered : description.canForget
				);
				speak(
					description.canForget
						? description.headline +
								' ' +
								__(
									'You can delete the connection from this site only.',
									'meum-woocommerce'
								)
						: description.headline,
					'assertive'
				);
				return false;
			} finally {
				busy.current = false;
				setPending( null );
			}
		},
		[]
	);

	const submit = useCallback(
		( connectionKey: string ) =>
			run(
				'connect',
				__( 'Connecting to Meum…', 'meum-woocommerce' ),
				async () =>
					connectOutcome( await connect( connectionKey, routes ) )
			),
		[ run, routes ]
	);

	const refresh = useCallback(
		() =>
			run(
				'refresh',
				__( 'Checking the connection status…', 'meum-woocommerce' ),
				async () => refreshOutcome( await refreshStatus( routes ) )
			),
		[ run, routes ]
	);

	const disconnect = useCallback( () => {
		const message = __( 'Disconnected from Meum.', 'meum-woocommerce' );
		return run(
			'disconnect',
			__( 'Disconnecting from Meum…', 'meum-woocommerce' ),
			async () => ( {
				state: await disconnectRequest( routes ),
				message,
				announcement: message,
			} )
		);
	}, [ run, routes ] );

	const forget = useCallback( () => {
		const message = __(
			'The connection was removed from this site.',
			'meum-woocommerce'
		);
		return run(
			'forget',
			__( 'Removing the connection from this site…', 'meum-woocommerce' ),
			async () => ( {
				state: await forgetLocally( routes ),
				message,
				announcement: message,
			} )
		);
	}, [ run, routes ] );

	const testWebhook = useCallback(
		() =>
			run(
				'test_webhook',
				__( 'Sending a test delivery…', 'meum-woocommerce' ),
				async () =>
					webhookTestOutcome( await testWebhookDelivery( routes ) )
			),
		[ run, routes ]
	);

	const clearMessages = useCallback( () => {
		setError( null );
		setSuccess( null );
		setWebhookTest( null );
		setCanForget( false );
	}, [] );

	return {
		state,
		pending,
		isBusy: pending !== null,
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
	};
}
