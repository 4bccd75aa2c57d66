/**
 * Invoice webhooks as Meum sends them: signed (`v1`, `X-Meum-*`, the integration's current
 * secret), to the integration's registered `webhook_url`, retried until acknowledged (Part B §5.9:
 * 6 attempts, exponential from 60 s; a 2xx whose JSON body has `received: true` acknowledges),
 * with a time scale for tests and a delivery policy (delay, drop, duplicate, reorder the next N).
 */
import type { DeliveryLogEntry, SandboxState } from '../core/state';
import { buildEventPayload, newEventId, type WebhookEventType } from './events';
import { sendWebhook, type DeliveryOutcome } from './send';
import { signWebhook, webhookHeaders } from './sign';

/** Attempts per event, the first included (Part B §5.9). */
export const MAX_ATTEMPTS = 6;

/** Wait before the second attempt, in ms; each later wait doubles (Part B §5.9). */
export const FIRST_RETRY_MS = 60_000;

/** Per-attempt delivery timeout (Part B §5.9). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** What the next `count` events do instead of a plain delivery. */
export interface DeliveryPolicy {
	/** How many events (not attempts) it still applies to. */
	count: number;
	/** Wait before the first attempt, in ms. */
	delayMs: number;
	/** Never send them (a lost webhook: no attempt, no retry). */
	drop: boolean;
	/** Send each twice, concurrently (same event id and body). */
	duplicate: boolean;
	/** Hold them until `count` have come, then send them newest first. */
	reorder: boolean;
}

/** What the dispatcher did since it started, was reset or its counts were zeroed. */
export interface DeliveryCounts {
	/** Invoice events dispatched. */
	events: number;
	/** HTTP attempts sent (retries and duplicate copies included). */
	sent: number;
	/** Attempts acknowledged (2xx with `received: true`). */
	acknowledged: number;
	/** Attempts that were retries (attempt 2 to 6). */
	retried: number;
	/** Events dropped by the policy (never sent). */
	dropped: number;
	/** Events sent twice by the policy. */
	duplicated: number;
	/** Events whose first attempt the policy delayed. */
	delayed: number;
	/** Events held by the policy and sent newest first. */
	reordered: number;
}

/** One invoice event to send. */
export interface InvoiceEvent {
	/** UUID of the integration it goes to (looked up again before every attempt). */
	integrationId: string;
	type: Exclude< WebhookEventType, 'webhook.test' >;
	invoiceId: string;
	/** Builds `data` for the integration's public id (called once: every attempt sends the same body). */
	data: ( integrationPublicId: string ) => Record< string, unknown >;
}

/** What {@link WebhookDispatcher.dispatch} reports. */
export interface DispatchReport {
	event_id: string;
	type: string;
	/** The first attempt's outcome; null when the policy dropped, delayed or held the event, or no integration is connected. */
	first_attempt: Pick<
		DeliveryOutcome,
		'status' | 'body' | 'error' | 'ms'
	> | null;
	/** Why there is no first attempt yet (`dropped`, `delayed`, `held`, `no_integration`), else null. */
	deferred: string | null;
}

/** Sends invoice events for one sandbox instance. */
export class WebhookDispatcher {
	private scale: number;
	private readonly initialScale: number;
	private policy: DeliveryPolicy | null = null;
	private held: ( () => void )[] = [];
	private readonly timers = new Set< NodeJS.Timeout >();
	/** Bumped by reset(): retries scheduled before it are forgotten. */
	private generation = 0;
	private tally: DeliveryCounts = zeroCounts();

	/**
	 * @param state     the instance's state (integrations, delivery log, ledger)
	 * @param signal    aborted when the sandbox closes
	 * @param timeScale factor of the retry waits (1 = Meum's minutes)
	 */
	constructor(
		private readonly state: SandboxState,
		private readonly signal: AbortSignal,
		timeScale = 1
	) {
		this.scale = timeScale;
		this.initialScale = timeScale;
	}

	/** @return the factor applied to retry waits */
	get timeScale(): number {
		return this.scale;
	}

	/** @param scale a factor > 0 (e.g. 0.001: 60 ms, 120 ms, …) */
	set timeScale( scale: number ) {
		this.scale = scale;
	}

	/**
	 * Arms a policy for the next events (replaces the earlier one; events it held are sent now,
	 * newest first).
	 * @param policy the policy, or null to clear it
	 */
	setPolicy( policy: DeliveryPolicy | null ): void {
		this.releaseHeld();
		this.policy = policy === null ? null : { ...policy };
	}

	/** @return the policy still armed, or null */
	currentPolicy(): DeliveryPolicy | null {
		return this.policy === null ? null : { ...this.policy };
	}

	/** @return what was sent, dropped, duplicated, delayed and reordered (a copy) */
	counts(): DeliveryCounts {
		return { ...this.tally };
	}

	/** Zeroes the counts. */
	zeroCounts(): void {
		this.tally = zeroCounts();
	}

	/**
	 * The wait after a failed attempt.
	 * @param attempt the attempt that failed (1-based)
	 * @return ms before the next one: 60 s × 2^(attempt − 1) × time scale
	 */
	retryDelayMs( attempt: number ): number {
		return FIRST_RETRY_MS * 2 ** ( attempt - 1 ) * this.scale;
	}

	/**
	 * Sends an event (applying the armed policy) and retries it until acknowledged.
	 * @param event the event
	 * @return once the first attempt ended (or at once when it is deferred): the event id and outcome
	 */
	async dispatch( event: InvoiceEvent ): Promise< DispatchReport > {
		const eventId = newEventId();
		const report = ( deferred: string | null ): DispatchReport => ( {
			event_id: eventId,
			type: event.type,
			first_attempt: null,
			deferred,
		} );
		const integration = this.state.integrationById( event.integrationId );
		if ( integration === undefined ) {
			return report( 'no_integration' );
		}
		const body = JSON.stringify(
			buildEventPayload(
				event.type,
				eventId,
				integration,
				event.data( integration.integrationPublicId )
			)
		);
		this.state.rememberWebhookBody( body );
		const policy = this.takePolicy();
		this.tally.events += 1;
		if ( policy?.drop ) {
			this.tally.dropped += 1;
		} else {
			this.tally.duplicated += policy?.duplicate ? 1 : 0;
			this.tally.delayed += ( policy?.delayMs ?? 0 ) > 0 ? 1 : 0;
			this.tally.reordered += policy?.reorder ? 1 : 0;
		}
		const send = (): Promise< DeliveryOutcome | null > => {
			const runs = policy?.duplicate ? 2 : 1;
			return Promise.all(
				Array.from( { length: runs }, () =>
					this.attempt( event, eventId, body, 1, this.generation )
				)
			).then( ( outcomes ) => outcomes[ 0 ] ?? null );
		};
		if ( policy?.drop ) {
			this.logDropped(
				event,
				eventId,
				integration.siteUrl,
				integration.webhookUrl
			);
			return report( 'dropped' );
		}
		const later = (): void => {
			if ( policy !== null && policy.delayMs > 0 ) {
				this.after( policy.delayMs, () => void send() );
			} else {
				void send();
			}
		};
		if ( policy?.reorder ) {
			this.held.push( later );
			if ( this.policy === null ) {
				this.releaseHeld();
			}
			return report( 'held' );
		}
		if ( policy !== null && policy.delayMs > 0 ) {
			later();
			return report( 'delayed' );
		}
		const first = await send();
		return {
			...report( null ),
			first_attempt:
				first === null
					? null
					: {
							status: first.status,
							body: first.body,
							error: first.error,
							ms: first.ms,
						},
		};
	}

	/** Forgets the policy, held events and scheduled retries (`POST /__sandbox/reset`). */
	reset(): void {
		this.generation++;
		for ( const timer of this.timers ) {
			clearTimeout( timer );
		}
		this.timers.clear();
		this.held = [];
		this.policy = null;
		this.scale = this.initialScale;
		this.tally = zeroCounts();
	}

	/** Stops every scheduled retry (the sandbox is closing). */
	close(): void {
		this.reset();
	}

	private takePolicy(): DeliveryPolicy | null {
		const policy = this.policy;
		if ( policy === null ) {
			return null;
		}
		policy.count -= 1;
		if ( policy.count <= 0 ) {
			this.policy = null;
		}
		return { ...policy };
	}

	private releaseHeld(): void {
		const held = this.held.reverse();
		this.held = [];
		for ( const run of held ) {
			run();
		}
	}

	private after( ms: number, run: () => void ): void {
		const timer = setTimeout( () => {
			this.timers.delete( timer );
			run();
		}, ms );
		this.timers.add( timer );
	}

	private logDropped(
		event: InvoiceEvent,
		eventId: string,
		siteUrl: string,
		target: string
	): void {
		this.state.logDelivery( {
			target,
			site_url: siteUrl,
			type: event.type,
			event_id: eventId,
			status: null,
			error: 'Dropped by the delivery policy.',
			sent_at: new Date().toISOString(),
			ms: 0,
			invoice_id: event.invoiceId,
			attempt: 1,
			acknowledged: false,
			dropped: true,
		} );
	}

	/**
	 * One attempt; schedules the next while unacknowledged and attempts remain.
	 * @param event      the event
	 * @param eventId    its id (same for every attempt)
	 * @param body       its body (same bytes for every attempt)
	 * @param attempt    1-based
	 * @param generation the reset generation it belongs to
	 * @return the outcome, or null when the integration is gone or the sandbox was reset/closed
	 */
	private async attempt(
		event: InvoiceEvent,
		eventId: string,
		body: string,
		attempt: number,
		generation: number
	): Promise< DeliveryOutcome | null > {
		const integration = this.state.integrationById( event.integrationId );
		if (
			integration === undefined ||
			generation !== this.generation ||
			this.signal.aborted
		) {
			return null;
		}
		const bytes = Buffer.from( body, 'utf8' );
		const timestamp = String( Math.floor( Date.now() / 1000 ) );
		const headers = webhookHeaders( {
			prefix: 'X-Meum-',
			type: event.type,
			eventId,
			timestamp,
			signature: signWebhook(
				'v1',
				integration.webhookSecret,
				timestamp,
				bytes
			),
			integrationId: integration.integrationPublicId,
			omit: [],
			contentLength: bytes.length,
		} );
		const entry: DeliveryLogEntry = {
			target: integration.webhookUrl,
			site_url: integration.siteUrl,
			type: event.type,
			event_id: eventId,
			status: null,
			error: null,
			sent_at: new Date().toISOString(),
			ms: null,
			invoice_id: event.invoiceId,
			attempt,
			acknowledged: false,
		};
		this.state.logDelivery( entry );
		this.tally.sent += 1;
		this.tally.retried += attempt > 1 ? 1 : 0;
		let outcome: DeliveryOutcome;
		try {
			outcome = await sendWebhook( {
				url: new URL( integration.webhookUrl ),
				headers,
				body: bytes,
				timeoutMs: DELIVERY_TIMEOUT_MS,
				signal: this.signal,
			} );
		} catch ( err ) {
			outcome = {
				status: null,
				body: '',
				headers: {},
				error: err instanceof Error ? err.message : String( err ),
				ms: 0,
			};
		}
		entry.status = outcome.status;
		entry.error = outcome.error;
		entry.ms = outcome.ms;
		entry.acknowledged = isAcknowledgement( outcome );
		this.tally.acknowledged += entry.acknowledged ? 1 : 0;
		if (
			! entry.acknowledged &&
			attempt < MAX_ATTEMPTS &&
			generation === this.generation &&
			! this.signal.aborted
		) {
			this.after( this.retryDelayMs( attempt ), () => {
				void this.attempt(
					event,
					eventId,
					body,
					attempt + 1,
					generation
				);
			} );
		}
		return outcome;
	}
}

/** @return every count at 0 */
function zeroCounts(): DeliveryCounts {
	return {
		events: 0,
		sent: 0,
		acknowledged: 0,
		retried: 0,
		dropped: 0,
		duplicated: 0,
		delayed: 0,
		reordered: 0,
	};
}

/**
 * Meum's acknowledgement check for Woo managed endpoints (Part B §5.9): a 2xx whose body is JSON
 * with `received: true`.
 * @param outcome one attempt's outcome
 * @return true when acknowledged
 */
export function isAcknowledgement( outcome: DeliveryOutcome ): boolean {
	if (
		outcome.status === null ||
		outcome.status < 200 ||
		outcome.status > 299
	) {
		return false;
	}
	try {
		const body: unknown = JSON.parse( outcome.body );
		return (
			typeof body === 'object' &&
			body !== null &&
			( body as Record< string, unknown > ).received === true
		);
	} catch {
		return false;
	}
}
