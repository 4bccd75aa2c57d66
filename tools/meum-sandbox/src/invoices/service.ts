/**
 * What happens around an invoice besides its record: the webhooks of its moves and of its lazy
 * expiry, with the hosted checkout's origin in every URL.
 */
import type { SandboxState } from '../core/state';
import type { DispatchReport, WebhookDispatcher } from '../webhooks/dispatch';
import {
	EVENT_FOR_ACTION,
	eventData,
	type InvoiceAction,
	type InvoiceRecord,
} from './book';

/** Outcome of {@link InvoiceService.move}. */
export type ServiceMoveOutcome =
	| { ok: true; invoice: InvoiceRecord; webhook: DispatchReport | null }
	| { ok: false; reason: 'final' | 'amount'; message: string };

/** Invoice moves and their webhooks, for one sandbox instance. */
export class InvoiceService {
	/**
	 * @param state          the instance's state (invoices, integrations)
	 * @param dispatcher     sends the webhooks
	 * @param checkoutOrigin the hosted checkout's origin (known once its listener is bound)
	 */
	constructor(
		private readonly state: SandboxState,
		private readonly dispatcher: WebhookDispatcher,
		private readonly checkoutOrigin: () => string
	) {}

	/** @return the hosted checkout's origin, e.g. `http://127.0.0.1:8892` */
	origin(): string {
		return this.checkoutOrigin();
	}

	/**
	 * Finds an invoice and applies its lazy expiry (sending `invoice.expired` once, without waiting).
	 * @param id the invoice id
	 * @return the invoice, or undefined
	 */
	find( id: string ): InvoiceRecord | undefined {
		const invoice = this.state.invoices.find( id );
		if (
			invoice !== undefined &&
			this.state.invoices.expireIfDue( invoice, Date.now() )
		) {
			void this.send( invoice, 'invoice.expired' );
		}
		return invoice;
	}

	/**
	 * Moves an invoice and sends its webhook.
	 * @param invoice       the invoice
	 * @param action        pay, underpay, overpay, fail or expire
	 * @param receivedCents what arrived, for underpay/overpay (default: half / 110 %)
	 * @param options       `force` moves a final invoice too; `wait` (default true) waits for the
	 *                      webhook's first attempt
	 * @param options.force move a final invoice too
	 * @param options.wait  wait for the first attempt
	 * @return the moved invoice and the webhook report, or why it cannot move
	 */
	async move(
		invoice: InvoiceRecord,
		action: InvoiceAction,
		receivedCents: number | undefined,
		options: { force?: boolean; wait?: boolean } = {}
	): Promise< ServiceMoveOutcome > {
		const moved = this.state.invoices.move(
			invoice,
			action,
			receivedCents,
			Date.now(),
			options.force ?? false
		);
		if ( ! moved.ok ) {
			return moved;
		}
		const sending = this.send( invoice, EVENT_FOR_ACTION[ action ] );
		return {
			ok: true,
			invoice,
			webhook: options.wait === false ? null : await sending,
		};
	}

	/**
	 * Sends `invoice.created` for a new invoice when its store asked for it
	 * (`deliver_during_create`), and lets the delivery reach the site before the create call
	 * answers: the delivery is on its way (not awaited) for `settleMs`.
	 * @param invoice  the new invoice
	 * @param settleMs how long the create call waits after starting the delivery
	 * @return resolves when the create call may answer
	 */
	async announceCreated(
		invoice: InvoiceRecord,
		settleMs = 500
	): Promise< void > {
		if ( ! this.state.invoices.deliversDuringCreate( invoice.storeId ) ) {
			return;
		}
		void this.send( invoice, 'invoice.created' );
		await new Promise( ( resolve ) => setTimeout( resolve, settleMs ) );
	}

	private send(
		invoice: InvoiceRecord,
		type: ( typeof EVENT_FOR_ACTION )[ InvoiceAction ] | 'invoice.created'
	): Promise< DispatchReport > {
		const snapshot = { ...invoice, metadata: { ...invoice.metadata } };
		return this.dispatcher.dispatch( {
			integrationId: invoice.integrationId,
			type,
			invoiceId: invoice.id,
			data: ( publicId ) =>
				eventData( snapshot, publicId, this.checkoutOrigin() ),
		} );
	}
}
