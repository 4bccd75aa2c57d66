/**
 * The invoices the sandbox has issued (meum-api.md Part A §A5): creation with dedupe on store +
 * `external_order_id`, lazy expiry, the moves a buyer (or a test) can make, and the answer bodies.
 */
import { randomHex } from '../core/ids';
import { formatCents } from './money';

/** Statuses in which an invoice can still be paid (Part B §4.1). */
export const OPEN_STATUSES: readonly string[] = Object.freeze( [
	'pending',
	'quoted',
	'awaiting_payment',
] );

/** `expires_at` of an invoice that never expires. */
export const NEVER_EXPIRES_AT = '2099-12-31T23:59:59Z';

/** Invoice lifetime of a store that has not set one: 30 minutes. */
export const DEFAULT_LIFETIME_SECONDS = 30 * 60;

/** Settlement asset reported for paid invoices. */
export const SETTLEMENT_ASSET = 'USDC';

/** What a buyer (on the hosted page) or a test (control route) can do with an open invoice. */
export const INVOICE_ACTIONS = [
	'pay',
	'underpay',
	'overpay',
	'fail',
	'expire',
] as const;

/** One move of an invoice. */
export type InvoiceAction = ( typeof INVOICE_ACTIONS )[ number ];

/** The webhook each move sends. */
export const EVENT_FOR_ACTION: Readonly<
	Record<
		InvoiceAction,
		| 'invoice.paid'
		| 'invoice.underpaid'
		| 'invoice.failed'
		| 'invoice.expired'
	>
> = Object.freeze( {
	pay: 'invoice.paid',
	underpay: 'invoice.underpaid',
	overpay: 'invoice.paid',
	fail: 'invoice.failed',
	expire: 'invoice.expired',
} );

/** A validated `POST /v1/invoices` body. */
export interface InvoiceRequest {
	external_order_id: string;
	amount: string;
	currency: string;
	return_url: string;
	metadata?: Record< string, string >;
}

/** One invoice as the sandbox keeps it. */
export interface InvoiceRecord {
	id: string;
	storeId: string;
	/** UUID of the integration whose key created it (webhooks go to that integration). */
	integrationId: string;
	externalOrderId: string;
	amountCents: number;
	currency: string;
	returnUrl: string;
	metadata: Record< string, string >;
	status: string;
	receivedCents: number;
	transactionHash: string | null;
	paidAt: string | null;
	createdAt: string;
	updatedAt: string;
	expiresAt: string;
	/** True once `invoice.expired` was handed to the dispatcher (it is sent once). */
	expiredEventSent: boolean;
}

/** Outcome of {@link InvoiceBook.create}. */
export type CreateOutcome =
	| { kind: 'created'; invoice: InvoiceRecord }
	| { kind: 'existing'; invoice: InvoiceRecord }
	| { kind: 'conflict' };

/** Outcome of {@link InvoiceBook.move}. */
export type MoveOutcome =
	| { ok: true; invoice: InvoiceRecord }
	| { ok: false; reason: 'final' | 'amount'; message: string };

/** Body of a create answer (Part A §A5). */
export interface InvoiceCreateAnswer {
	id: string;
	invoiceId: string;
	status: string;
	checkout_url: string;
	amount: string;
	currency: string;
	external_order_id: string;
	expires_at: string;
}

/** Body of a read answer (Part A §A5 "Reading an invoice"). */
export interface InvoiceReadAnswer extends InvoiceCreateAnswer {
	expected_amount: string;
	received_amount: string;
	difference_amount: string;
	paid_amount: string;
	transaction_hash: string | null;
	created_at: string;
	updated_at: string;
	paid_at: string | null;
	settlement_asset: string;
	return_url: string;
	metadata: Record< string, string >;
}

/**
 * Creates an invoice id.
 * @return `inv_` followed by 32 lowercase hex characters
 */
export function newInvoiceId(): string {
	return `inv_${ randomHex( 32 ) }`;
}

/**
 * Tells whether an invoice can still be paid.
 * @param invoice the invoice
 * @return true for `pending`, `quoted`, `awaiting_payment`
 */
export function isOpen( invoice: InvoiceRecord ): boolean {
	return OPEN_STATUSES.includes( invoice.status );
}

/** All invoices of one sandbox instance, plus each store's invoice lifetime. */
export class InvoiceBook {
	private readonly byId = new Map< string, InvoiceRecord >();
	/** `storeId + "\n" + external_order_id` → invoice id. */
	private readonly byOrder = new Map< string, string >();
	/** Store id → lifetime in seconds (null = never expires). */
	private readonly lifetimes = new Map< string, number | null >();
	/** Stores whose new invoices announce `invoice.created` while the create call is running. */
	private readonly announceDuringCreate = new Set< string >();

	/**
	 * Creates an invoice, or finds the one the store already has for that `external_order_id`
	 * (whatever amount was sent).
	 * @param storeId       the key's store
	 * @param integrationId the key's integration
	 * @param request       the validated body
	 * @param nowMs         the current time
	 * @return `created`, `existing` (same integration), or `conflict` (another integration of the
	 *   store created that `external_order_id`)
	 */
	create(
		storeId: string,
		integrationId: string,
		request: InvoiceRequest,
		nowMs: number
	): CreateOutcome {
		const orderKey = `${ storeId }\n${ request.external_order_id }`;
		const existingId = this.byOrder.get( orderKey );
		const existing =
			existingId === undefined ? undefined : this.byId.get( existingId );
		if ( existing !== undefined ) {
			return existing.integrationId === integrationId
				? { kind: 'existing', invoice: existing }
				: { kind: 'conflict' };
		}
		const now = new Date( nowMs ).toISOString();
		const lifetime = this.lifetime( storeId );
		const invoice: InvoiceRecord = {
			id: newInvoiceId(),
			storeId,
			integrationId,
			externalOrderId: request.external_order_id,
			amountCents: Number( request.amount.replace( '.', '' ) ),
			currency: request.currency,
			returnUrl: request.return_url,
			metadata: { ...( request.metadata ?? {} ) },
			status: 'pending',
			receivedCents: 0,
			transactionHash: null,
			paidAt: null,
			createdAt: now,
			updatedAt: now,
			expiresAt:
				lifetime === null
					? NEVER_EXPIRES_AT
					: new Date( nowMs + lifetime * 1000 ).toISOString(),
			expiredEventSent: false,
		};
		this.byId.set( invoice.id, invoice );
		this.byOrder.set( orderKey, invoice.id );
		return { kind: 'created', invoice };
	}

	/**
	 * Finds an invoice (the live record: callers that change it go through this class).
	 * @param id the invoice id
	 * @return the invoice, or undefined
	 */
	find( id: string ): InvoiceRecord | undefined {
		return this.byId.get( id );
	}

	/**
	 * Lists every invoice.
	 * @return the invoices, oldest first
	 */
	all(): InvoiceRecord[] {
		return [ ...this.byId.values() ];
	}

	/**
	 * Makes a store's new invoices announce `invoice.created` while the create call is running
	 * (Meum can deliver it before the plugin has stored the invoice), or stops it.
	 * @param storeId the store
	 * @param on      whether to
	 */
	setDeliverDuringCreate( storeId: string, on: boolean ): void {
		if ( on ) {
			this.announceDuringCreate.add( storeId );
		} else {
			this.announceDuringCreate.delete( storeId );
		}
	}

	/**
	 * Whether a store's new invoices announce `invoice.created` before the create call answers.
	 * @param storeId the store
	 * @return true when `POST /__sandbox/store { deliver_during_create: true }` asked for it
	 */
	deliversDuringCreate( storeId: string ): boolean {
		return this.announceDuringCreate.has( storeId );
	}

	/**
	 * Sets a store's invoice lifetime for invoices created from now on.
	 * @param storeId the store
	 * @param seconds seconds, null for "never" (`expires_at` 2099), undefined for the default
	 */
	setLifetime( storeId: string, seconds: number | null | undefined ): void {
		if ( seconds === undefined ) {
			this.lifetimes.delete( storeId );
		} else {
			this.lifetimes.set( storeId, seconds );
		}
	}

	/**
	 * A store's invoice lifetime.
	 * @param storeId the store
	 * @return seconds, or null when its invoices never expire
	 */
	lifetime( storeId: string ): number | null {
		const set = this.lifetimes.get( storeId );
		return set === undefined ? DEFAULT_LIFETIME_SECONDS : set;
	}

	/**
	 * Applies expiry lazily: an open invoice read after its `expires_at` becomes `expired`.
	 * @param invoice the invoice
	 * @param nowMs   the current time
	 * @return true when `invoice.expired` is due now (it is reported once per invoice)
	 */
	expireIfDue( invoice: InvoiceRecord, nowMs: number ): boolean {
		if ( isOpen( invoice ) && Date.parse( invoice.expiresAt ) <= nowMs ) {
			invoice.status = 'expired';
			invoice.updatedAt = new Date( nowMs ).toISOString();
		}
		if ( invoice.status === 'expired' && ! invoice.expiredEventSent ) {
			invoice.expiredEventSent = true;
			return true;
		}
		return false;
	}

	/**
	 * Moves an open invoice: paid (received = amount), underpaid (received < amount), paid with
	 * received > amount, failed, or expired.
	 * @param invoice       the invoice
	 * @param action        the move
	 * @param receivedCents for underpay/overpay: what arrived (default half / 110 % of the amount)
	 * @param nowMs         the current time
	 * @param force         move a final invoice too (a late or second payment)
	 * @return the moved invoice, or why it cannot move
	 */
	move(
		invoice: InvoiceRecord,
		action: InvoiceAction,
		receivedCents: number | undefined,
		nowMs: number,
		force = false
	): MoveOutcome {
		if ( ! isOpen( invoice ) && ! force ) {
			return {
				ok: false,
				reason: 'final',
				message: `The invoice is ${ invoice.status }: it can no longer change.`,
			};
		}
		const amount = invoice.amountCents;
		let received = 0;
		if ( action === 'pay' ) {
			received = amount;
		} else if ( action === 'underpay' ) {
			received = receivedCents ?? Math.floor( amount / 2 );
			if ( received <= 0 || received >= amount ) {
				return amountError(
					'more than 0.00 and less than the invoice amount'
				);
			}
		} else if ( action === 'overpay' ) {
			received =
				receivedCents ??
				amount + Math.max( 100, Math.round( amount / 10 ) );
			if ( received <= amount ) {
				return amountError( 'more than the invoice amount' );
			}
		}
		const now = new Date( nowMs ).toISOString();
		invoice.status = {
			pay: 'paid',
			overpay: 'paid',
			underpay: 'underpaid',
			fail: 'failed',
			expire: 'expired',
		}[ action ];
		invoice.updatedAt = now;
		if ( received > 0 ) {
			invoice.receivedCents = received;
			invoice.transactionHash = `0x${ randomHex( 64 ) }`;
			invoice.paidAt = now;
		}
		if ( action === 'expire' ) {
			invoice.expiredEventSent = true;
			if ( Date.parse( invoice.expiresAt ) > nowMs ) {
				invoice.expiresAt = now;
			}
		}
		return { ok: true, invoice };
	}

	/** Forgets every invoice and lifetime. */
	clear(): void {
		this.byId.clear();
		this.byOrder.clear();
		this.lifetimes.clear();
		this.announceDuringCreate.clear();
	}
}

function amountError( rule: string ): MoveOutcome {
	return {
		ok: false,
		reason: 'amount',
		message: `amount must be ${ rule }.`,
	};
}

/**
 * The hosted checkout URL of an invoice.
 * @param invoice        the invoice
 * @param checkoutOrigin the hosted checkout's origin, e.g. `http://127.0.0.1:8892`
 * @return `{checkoutOrigin}/pay/{id}`
 */
export function checkoutUrl(
	invoice: InvoiceRecord,
	checkoutOrigin: string
): string {
	return `${ checkoutOrigin }/pay/${ invoice.id }`;
}

/**
 * The create answer of an invoice.
 * @param invoice        the invoice
 * @param checkoutOrigin the hosted checkout's origin
 * @return the §A5 fields
 */
export function createAnswer(
	invoice: InvoiceRecord,
	checkoutOrigin: string
): InvoiceCreateAnswer {
	return {
		id: invoice.id,
		invoiceId: invoice.id,
		status: invoice.status,
		checkout_url: checkoutUrl( invoice, checkoutOrigin ),
		amount: formatCents( invoice.amountCents ),
		currency: invoice.currency,
		external_order_id: invoice.externalOrderId,
		expires_at: invoice.expiresAt,
	};
}

/**
 * The read answer of an invoice.
 * @param invoice        the invoice
 * @param checkoutOrigin the hosted checkout's origin
 * @return every §A5 read field (money as decimal strings; difference = amount − received)
 */
export function readAnswer(
	invoice: InvoiceRecord,
	checkoutOrigin: string
): InvoiceReadAnswer {
	const received = formatCents( invoice.receivedCents );
	return {
		...createAnswer( invoice, checkoutOrigin ),
		expected_amount: formatCents( invoice.amountCents ),
		received_amount: received,
		difference_amount: formatCents(
			invoice.amountCents - invoice.receivedCents
		),
		paid_amount: received,
		transaction_hash: invoice.transactionHash,
		created_at: invoice.createdAt,
		updated_at: invoice.updatedAt,
		paid_at: invoice.paidAt,
		settlement_asset: SETTLEMENT_ASSET,
		return_url: invoice.returnUrl,
		metadata: { ...invoice.metadata },
	};
}

/**
 * The `data` of an invoice webhook (Part B §5.7 field names, plus the §A5 read names).
 * @param invoice             the invoice
 * @param integrationPublicId the `int_…` id of the integration
 * @param checkoutOrigin      the hosted checkout's origin
 * @return the data object
 */
export function eventData(
	invoice: InvoiceRecord,
	integrationPublicId: string,
	checkoutOrigin: string
): Record< string, unknown > {
	const read = readAnswer( invoice, checkoutOrigin );
	return {
		invoice_id: invoice.id,
		integration_id: integrationPublicId,
		external_order_id: invoice.externalOrderId,
		status: invoice.status,
		amount: read.amount,
		currency: invoice.currency,
		expected_amount: read.expected_amount,
		received_amount: read.received_amount,
		difference_amount: read.difference_amount,
		paid_amount: read.paid_amount,
		output_asset: 'usdc',
		settlement_asset: SETTLEMENT_ASSET,
		tx_hash: invoice.transactionHash,
		transaction_hash: invoice.transactionHash,
		paid_at: invoice.paidAt,
		expires_at: invoice.expiresAt,
		payment_url: read.checkout_url,
		checkout_url: read.checkout_url,
	};
}
