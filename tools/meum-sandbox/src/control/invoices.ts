/**
 * Invoice test controls (not part of Meum): list and read invoices, move one without a browser,
 * and steer webhook deliveries (time scale, delay / drop / duplicate / reorder the next N).
 */
import { ERRORS, flatError } from '../core/errors';
import { sendJson, type RequestContext } from '../core/http';
import type { SandboxState } from '../core/state';
import {
	INVOICE_ACTIONS,
	readAnswer,
	type InvoiceRecord,
} from '../invoices/book';
import { safeDecode } from '../invoices/checkout-page';
import type { InvoiceService } from '../invoices/service';
import type { WebhookDispatcher } from '../webhooks/dispatch';
import {
	parseDeliveryPolicyInput,
	parseInvoiceActionInput,
} from './invoice-input';
import { inputOrError, type PatternRoute, type RouteHandler } from './routes';

const INVOICE_RE = /^\/__sandbox\/invoices\/([^/]+)$/;
const ACTION_RE = /^\/__sandbox\/invoices\/([^/]+)\/([^/]+)$/;

/**
 * An invoice as the controls show it: the read answer plus who owns it.
 * @param invoice the invoice
 * @param service for the checkout origin
 * @return the view
 */
function controlView(
	invoice: InvoiceRecord,
	service: InvoiceService
): Record< string, unknown > {
	return {
		...readAnswer( invoice, service.origin() ),
		store_id: invoice.storeId,
		integration_id: invoice.integrationId,
	};
}

/**
 * The policy view of the dispatcher.
 * @param dispatcher the dispatcher
 * @return `{ time_scale, policy }` (policy null when none is armed)
 */
function policyView(
	dispatcher: WebhookDispatcher
): Record< string, unknown > {
	const policy = dispatcher.currentPolicy();
	return {
		time_scale: dispatcher.timeScale,
		policy:
			policy === null
				? null
				: {
						count: policy.count,
						delay_ms: policy.delayMs,
						drop: policy.drop,
						duplicate: policy.duplicate,
						reorder: policy.reorder,
					},
	};
}

/**
 * Builds the invoice control routes.
 * @param state      the instance's state
 * @param service    invoice moves
 * @param dispatcher invoice webhooks
 * @return exact routes (`/__sandbox/invoices`, `/__sandbox/delivery-counts`, `/__sandbox/delivery-policy`) and pattern routes
 */
export function invoiceControlRoutes(
	state: SandboxState,
	service: InvoiceService,
	dispatcher: WebhookDispatcher
): {
	exact: [ string, ReadonlyMap< string, RouteHandler > ][];
	patterns: PatternRoute[];
} {
	const found = ( ctx: RequestContext, re: RegExp ) => {
		const id = safeDecode( re.exec( ctx.path )?.[ 1 ] ?? '' );
		const invoice = id === null ? undefined : service.find( id );
		if ( invoice === undefined ) {
			sendJson(
				ctx,
				404,
				flatError( 'Invoice not found', 'INVOICE_NOT_FOUND' )
			);
		}
		return invoice;
	};
	const move: RouteHandler = async ( ctx ) => {
		const actionName = ACTION_RE.exec( ctx.path )?.[ 2 ] ?? '';
		const action = INVOICE_ACTIONS.find( ( a ) => a === actionName );
		if ( action === undefined ) {
			sendJson( ctx, 404, ERRORS.notFound() );
			return;
		}
		const input = inputOrError(
			ctx,
			parseInvoiceActionInput( ctx.rawBody )
		);
		const invoice = input === null ? undefined : found( ctx, ACTION_RE );
		if ( input === null || invoice === undefined ) {
			return;
		}
		const moved = await service.move(
			invoice,
			action,
			input.receivedCents,
			{
				force: input.force,
				wait: input.wait,
			}
		);
		if ( ! moved.ok ) {
			sendJson(
				ctx,
				moved.reason === 'final' ? 409 : 400,
				moved.reason === 'final'
					? flatError( moved.message, 'INVOICE_FINAL' )
					: ERRORS.validation( { amount: moved.message } )
			);
			return;
		}
		sendJson( ctx, 200, {
			invoice: controlView( moved.invoice, service ),
			webhook: moved.webhook,
		} );
	};
	return {
		exact: [
			[
				'/__sandbox/invoices',
				new Map< string, RouteHandler >( [
					[
						'GET',
						( ctx ) =>
							sendJson( ctx, 200, {
								invoices: state.invoices
									.all()
									.map( ( i ) => controlView( i, service ) ),
							} ),
					],
				] ),
			],
			[
				'/__sandbox/delivery-counts',
				new Map< string, RouteHandler >( [
					[
						'GET',
						( ctx ) =>
							sendJson( ctx, 200, {
								counts: dispatcher.counts(),
							} ),
					],
					[
						'DELETE',
						( ctx ) => {
							dispatcher.zeroCounts();
							sendJson( ctx, 200, {
								counts: dispatcher.counts(),
							} );
						},
					],
				] ),
			],
			[
				'/__sandbox/delivery-policy',
				new Map< string, RouteHandler >( [
					[
						'GET',
						( ctx ) =>
							sendJson( ctx, 200, policyView( dispatcher ) ),
					],
					[
						'POST',
						( ctx ) => {
							const input = inputOrError(
								ctx,
								parseDeliveryPolicyInput( ctx.rawBody )
							);
							if ( input === null ) {
								return;
							}
							if ( input.timeScale !== undefined ) {
								dispatcher.timeScale = input.timeScale;
							}
							if ( input.policy !== undefined ) {
								dispatcher.setPolicy( input.policy );
							}
							sendJson( ctx, 200, policyView( dispatcher ) );
						},
					],
				] ),
			],
		],
		patterns: [
			{
				re: INVOICE_RE,
				methods: new Map< string, RouteHandler >( [
					[
						'GET',
						( ctx ) => {
							const invoice = found( ctx, INVOICE_RE );
							if ( invoice !== undefined ) {
								sendJson( ctx, 200, {
									invoice: controlView( invoice, service ),
								} );
							}
						},
					],
				] ),
			},
			{
				re: ACTION_RE,
				methods: new Map< string, RouteHandler >( [
					[ 'POST', move ],
				] ),
			},
		],
	};
}
