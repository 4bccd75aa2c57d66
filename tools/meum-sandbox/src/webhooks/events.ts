/**
 * Webhook event payloads as meum-api.md Part B §5.6/§5.7 describe them: the camelCase envelope
 * with snake_case `data`, and the bare `webhook.test` payload.
 */
import { randomHex } from '../core/ids';
import { storeById } from '../core/scenarios';
import type { Integration } from '../core/state';

/** Every event type the sandbox can deliver (Part B §5.6 / §8). */
export const WEBHOOK_EVENT_TYPES = [
	'invoice.created',
	'invoice.paid',
	'invoice.underpaid',
	'invoice.failed',
	'invoice.expired',
	'invoice.cancelled',
	'invoice.refunded',
	'webhook.test',
] as const;

/** One deliverable event type. */
export type WebhookEventType = ( typeof WEBHOOK_EVENT_TYPES )[ number ];

/** `data.message` of a `webhook.test` payload, as documented. */
export const TEST_EVENT_MESSAGE = 'Test webhook from Stablecoin Checkout';

/** `data.status` of each invoice event (an invoice status from Part B §4.1). */
export const STATUS_FOR_TYPE: Readonly<
	Record< Exclude< WebhookEventType, 'webhook.test' >, string >
> = Object.freeze( {
	'invoice.created': 'awaiting_payment',
	'invoice.paid': 'paid',
	'invoice.underpaid': 'underpaid',
	'invoice.failed': 'failed',
	'invoice.expired': 'expired',
	'invoice.cancelled': 'cancelled',
	'invoice.refunded': 'refunded',
} );

/** Store fields of the envelope for stores the scenarios do not know (not reachable in practice). */
const FALLBACK_ORGANIZATION_ID = '00000000-0000-4000-8000-000000000000';
const FALLBACK_STORE_PUBLIC_ID = 'sandbox-store';

/** Order amount of the default payloads (a decimal string, Part B §1.4). */
const DEFAULT_AMOUNT = '100.00';
/** Amount received by the default `invoice.underpaid` payload. */
const UNDERPAID_AMOUNT = '60.00';

/**
 * Creates a random event id.
 * @return `evt_` followed by 24 lowercase hex characters
 */
export function newEventId(): string {
	return `evt_${ randomHex( 24 ) }`;
}

/**
 * Builds a realistic default `data` object for an event type: the payload fields of Part B §5.7
 * (`invoice_id`, `integration_id` = the integration's public id, `external_order_id`, decimal
 * string amounts, `currency`, `output_asset`, `payment_url`, `status` matching the type) plus
 * `tx_hash`/`paid_at` once money arrived and `expires_at` where it matters.
 * @param type        the event type
 * @param integration the integration the event belongs to
 * @param now         the event time
 * @return the `data` object (for `webhook.test`: `{ message }`)
 */
export function defaultEventData(
	type: WebhookEventType,
	integration: Integration,
	now: Date
): Record< string, unknown > {
	if ( type === 'webhook.test' ) {
		return { message: TEST_EVENT_MESSAGE };
	}
	const invoiceId = `inv_${ randomHex( 32 ) }`;
	let received = '0.00';
	if ( type === 'invoice.paid' || type === 'invoice.refunded' ) {
		received = DEFAULT_AMOUNT;
	} else if ( type === 'invoice.underpaid' ) {
		received = UNDERPAID_AMOUNT;
	}
	const difference = (
		Number( DEFAULT_AMOUNT ) - Number( received )
	).toFixed( 2 );
	const data: Record< string, unknown > = {
		invoice_id: invoiceId,
		integration_id: integration.integrationPublicId,
		external_order_id: '1001',
		amount: DEFAULT_AMOUNT,
		expected_amount: DEFAULT_AMOUNT,
		received_amount: received,
		difference_amount: difference,
		paid_amount: received,
		currency: 'USD',
		output_asset: 'usdc',
	};
	if ( received !== '0.00' ) {
		data.tx_hash = `0x${ randomHex( 64 ) }`;
		data.paid_at = new Date( now.getTime() - 60_000 ).toISOString();
	}
	if ( type === 'invoice.created' ) {
		data.expires_at = new Date( now.getTime() + 30 * 60_000 ).toISOString();
	} else if ( type === 'invoice.expired' ) {
		data.expires_at = now.toISOString();
	}
	data.payment_url = `https://pay.meum.io/${ invoiceId }`;
	data.status = STATUS_FOR_TYPE[ type ];
	return data;
}

/**
 * Builds the JSON payload of a delivery. Invoice events get the full envelope
 * `{ id, type, createdAt, organizationId, storeId, storePublicId, data, _platform: { webhookEndpointId } }`;
 * `webhook.test` gets `{ id, type, data }` as documented.
 * @param type          the event type
 * @param eventId       the payload `id` (also sent as the Event-Id header)
 * @param integration   the integration the event belongs to
 * @param dataOverrides merged (shallowly) over the default `data`
 * @param now           the event time
 * @return the payload object, ready for `JSON.stringify`
 */
export function buildEventPayload(
	type: WebhookEventType,
	eventId: string,
	integration: Integration,
	dataOverrides: Record< string, unknown >,
	now: Date = new Date()
): Record< string, unknown > {
	const data = {
		...defaultEventData( type, integration, now ),
		...dataOverrides,
	};
	if ( type === 'webhook.test' ) {
		return { id: eventId, type, data };
	}
	const store = storeById( integration.storeId );
	return {
		id: eventId,
		type,
		createdAt: now.toISOString(),
		organizationId: store?.organizationId ?? FALLBACK_ORGANIZATION_ID,
		storeId: integration.storeId,
		storePublicId: store?.publicId ?? FALLBACK_STORE_PUBLIC_ID,
		data,
		_platform: { webhookEndpointId: integration.webhookId },
	};
}
