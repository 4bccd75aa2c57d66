/**
 * The live order-received page: polls the payment-state route
 * (`GET /meum/v1/orders/{id}/payment-state`) for the Meum section that
 * `Return_Page` printed with `data-meum-state-url` and `data-meum-messages`,
 * and replaces the section's sentence (a polite live region) when the state
 * changes, without a reload. Every 5 s, for 10 minutes at most; it stops at
 * the first state other than "waiting" and on a refusal (an expired token).
 */

/** The section's states, as Return_Page and the route name them. */
export type PaymentState = 'waiting' | 'paid' | 'partly-paid' | 'not-paid';

/** How often the page asks, in milliseconds. */
export const POLL_INTERVAL = 5000;

/** How long the page keeps asking, in milliseconds. */
export const POLL_DURATION = 10 * 60 * 1000;

/**
 * Starts polling for one section.
 *
 * @param section The section with its data attributes.
 * @param ask     Fetches a URL (the browser's fetch by default).
 * @return Stops the polling.
 */
export function startPolling(
	section: HTMLElement,
	ask: typeof fetch = ( ...args ) => window.fetch( ...args )
): () => void {
	const url = section.dataset.meumStateUrl;
	const message = section.querySelector( '[role="status"]' );
	let messages: Partial< Record< PaymentState, string > > = {};
	try {
		messages = JSON.parse( section.dataset.meumMessages ?? '{}' );
	} catch {}
	const until = Date.now() + POLL_DURATION;
	let timer: ReturnType< typeof setTimeout > | undefined;
	let stopped = ! url || ! message;
	const stop = () => {
		stopped = true;
		clearTimeout( timer );
	};
	const show = ( state: PaymentState ) => {
		const text = messages[ state ];
		if ( ! text || ! message ) {
			return;
		}
		section.className = `meum-wc-order-status meum-wc-order-status--${ state }`;
		message.textContent = text;
		if ( state === 'paid' || state === 'partly-paid' ) {
			section.querySelector( '.meum-wc-order-status__pay' )?.remove();
		}
	};
	const tick = async () => {
		let state: unknown = 'waiting';
		try {
			const response = await ask( url as string, {
				credentials: 'same-origin',
				cache: 'no-store',
				headers: { Accept: 'application/json' },
			} );
			if ( response.status === 401 || response.status === 403 ) {
				return stop();
			}
			if ( response.ok ) {
				state = ( await response.json() )?.state;
			}
		} catch {}
		if ( stopped ) {
			return;
		}
		if ( state !== 'waiting' ) {
			show( state as PaymentState );
			return stop();
		}
		schedule();
	};
	const schedule = () => {
		if ( ! stopped && Date.now() + POLL_INTERVAL <= until ) {
			timer = setTimeout( tick, POLL_INTERVAL );
		}
	};
	schedule();
	return stop;
}
