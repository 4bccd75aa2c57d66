/**
 * `POST /v1/invoices` and `GET /v1/invoices/{id}` as meum-api.md Part A §A5 defines them, for the
 * dedicated key of a WooCommerce integration.
 */
import { authenticate } from '../api/lifecycle';
import { jsonBodyOf, parseBearer } from '../api/connect';
import { ERRORS, flatError } from '../core/errors';
import { sendJson, type RequestContext } from '../core/http';
import { scenarioForKey } from '../core/scenarios';
import type { Integration, SandboxState } from '../core/state';
import { createAnswer, readAnswer } from './book';
import { safeDecode } from './checkout-page';
import type { InvoiceService } from './service';
import { validateInvoiceRequest } from './validation';

/** Path of the create endpoint. */
export const INVOICES_PATH = '/v1/invoices';

/** Matches a read path and captures the (URL-encoded) id. */
export const INVOICE_PATH_RE = /^\/v1\/invoices\/([^/]+)$/;

/** Error bodies of the invoice endpoints. */
export const INVOICE_ERRORS = {
	bootstrapKey: () =>
		flatError(
			'A connection key cannot create invoices: use the dedicated key issued by the WooCommerce connect.',
			'BOOTSTRAP_KEY_INVOICE_FORBIDDEN'
		),
	payoutWallet: () =>
		flatError(
			'No payout wallet is configured for this store.',
			'payout_wallet_not_configured'
		),
	conflict: () =>
		flatError(
			'This external_order_id belongs to another integration of this store.',
			'EXTERNAL_ORDER_INTEGRATION_CONFLICT'
		),
	notFound: () => flatError( 'Invoice not found', 'INVOICE_NOT_FOUND' ),
} as const;

/**
 * Authenticates an invoice call: a connection (bootstrap) key gets 403
 * `BOOTSTRAP_KEY_INVOICE_FORBIDDEN`, then the dedicated-key checks of disconnect/status apply.
 * @param ctx   the request context
 * @param state the instance's state
 * @return the key's integration, or null when an error was sent
 */
function invoiceIntegration(
	ctx: RequestContext,
	state: SandboxState
): Integration | null {
	const token = parseBearer( ctx.req.headers.authorization );
	if ( token !== null && scenarioForKey( token ) !== undefined ) {
		state.rememberSecret( token );
		sendJson( ctx, 403, INVOICE_ERRORS.bootstrapKey() );
		return null;
	}
	return authenticate( ctx, state )?.integration ?? null;
}

/**
 * Handles `POST /v1/invoices`: key, JSON, schema and limits (422), payout wallet (400), then dedupe
 * on store + `external_order_id` (200 existing, 409 another integration's) or 201 new. A new
 * invoice of a store set to `deliver_during_create` sends `invoice.created` before the answer.
 * @param ctx     the request context
 * @param state   the instance's state
 * @param service invoice moves and the checkout origin
 */
export async function handleCreateInvoice(
	ctx: RequestContext,
	state: SandboxState,
	service: InvoiceService
): Promise< void > {
	const integration = invoiceIntegration( ctx, state );
	if ( integration === null ) {
		return;
	}
	const parsed = jsonBodyOf( ctx );
	if ( parsed === null ) {
		return;
	}
	const validation = validateInvoiceRequest( parsed.value );
	if ( ! validation.ok ) {
		sendJson( ctx, 422, ERRORS.validation( validation.details ) );
		return;
	}
	if ( ! integration.payoutConfigured ) {
		sendJson( ctx, 400, INVOICE_ERRORS.payoutWallet() );
		return;
	}
	const outcome = state.invoices.create(
		integration.storeId,
		integration.integrationId,
		validation.value,
		Date.now()
	);
	if ( outcome.kind === 'conflict' ) {
		sendJson( ctx, 409, INVOICE_ERRORS.conflict() );
		return;
	}
	const invoice = service.find( outcome.invoice.id ) ?? outcome.invoice;
	if ( outcome.kind === 'created' ) {
		await service.announceCreated( invoice );
	}
	sendJson(
		ctx,
		outcome.kind === 'created' ? 201 : 200,
		createAnswer( invoice, service.origin() )
	);
}

/**
 * Handles `GET /v1/invoices/{id}`: every read field; 404 `INVOICE_NOT_FOUND` for an unknown id or
 * another store's invoice. Applies lazy expiry.
 * @param ctx     the request context
 * @param state   the instance's state
 * @param service invoice moves and the checkout origin
 */
export function handleReadInvoice(
	ctx: RequestContext,
	state: SandboxState,
	service: InvoiceService
): void {
	const integration = invoiceIntegration( ctx, state );
	if ( integration === null ) {
		return;
	}
	const id = safeDecode( INVOICE_PATH_RE.exec( ctx.path )?.[ 1 ] ?? '' );
	const invoice = id === null ? undefined : state.invoices.find( id );
	if ( invoice === undefined || invoice.storeId !== integration.storeId ) {
		sendJson( ctx, 404, INVOICE_ERRORS.notFound() );
		return;
	}
	service.find( invoice.id );
	sendJson( ctx, 200, readAnswer( invoice, service.origin() ) );
}
