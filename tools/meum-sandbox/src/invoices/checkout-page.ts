/**
 * The hosted checkout page, served on its own origin (the connect answer's `checkout_base_url`):
 * `GET /pay/{id}` shows the invoice and the buyer's choices; `POST /pay/{id}/{choice}` moves the
 * invoice, sends its webhook, and sends the browser back to the invoice's `return_url` (303).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../core/http';
import {
	INVOICE_ACTIONS,
	isOpen,
	type InvoiceAction,
	type InvoiceRecord,
} from './book';
import { formatCents } from './money';
import type { InvoiceService } from './service';

/** The buyer's choices, in page order: label and what each does. */
export const CHECKOUT_CHOICES: readonly {
	action: InvoiceAction | 'back';
	label: string;
}[] = Object.freeze( [
	{ action: 'pay', label: 'Pay' },
	{ action: 'underpay', label: 'Pay too little' },
	{ action: 'overpay', label: 'Pay too much' },
	{ action: 'fail', label: 'Fail the payment' },
	{ action: 'expire', label: 'Let it expire' },
	{ action: 'back', label: 'Back to the store' },
] );

const PAGE_RE = /^\/pay\/([^/]+)$/;
const CHOICE_RE = /^\/pay\/([^/]+)\/([a-z]+)$/;

/**
 * Escapes text for HTML content and attribute values.
 * @param text any text
 * @return the escaped text
 */
export function escapeHtml( text: string ): string {
	return text
		.replace( /&/g, '&amp;' )
		.replace( /</g, '&lt;' )
		.replace( />/g, '&gt;' )
		.replace( /"/g, '&quot;' )
		.replace( /'/g, '&#39;' );
}

/**
 * Wraps content in the page's document.
 * @param title the page title (also the heading)
 * @param body  HTML inside `<main>` after the heading
 * @return the document
 */
function documentOf( title: string, body: string ): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ escapeHtml( title ) } · Meum sandbox checkout</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f7; color: #1e1e1e; }
main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
ul { list-style: none; padding: 0; display: grid; gap: .5rem; }
button { font: inherit; width: 100%; padding: .6rem 1rem; border: 2px solid #1e1e1e; border-radius: 4px; background: #fff; color: #1e1e1e; cursor: pointer; }
button.primary { background: #1e1e1e; color: #fff; }
button:focus-visible { outline: 3px solid #3858e9; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${ escapeHtml( title ) }</h1>
${ body }
</main>
</body>
</html>
`;
}

/**
 * One choice as a form with a single submit button.
 * @param invoice the invoice
 * @param action  the choice
 * @param label   the button text
 * @return the list item
 */
function choiceForm(
	invoice: InvoiceRecord,
	action: string,
	label: string
): string {
	const cls = action === 'pay' ? ' class="primary"' : '';
	return `<li><form method="post" action="/pay/${ encodeURIComponent( invoice.id ) }/${ action }"><button type="submit"${ cls }>${ escapeHtml( label ) }</button></form></li>`;
}

/**
 * Renders an invoice's page: amount, currency, order reference, status, and the choices (only
 * "Back to the store" once the invoice is final).
 * @param invoice the invoice
 * @return the HTML document
 */
export function renderInvoicePage( invoice: InvoiceRecord ): string {
	const open = isOpen( invoice );
	const amount = `${ formatCents( invoice.amountCents ) } ${ invoice.currency }`;
	const order = invoice.metadata.order_number ?? invoice.externalOrderId;
	const facts = `<dl>
<dt>Amount</dt><dd>${ escapeHtml( amount ) }</dd>
<dt>Currency</dt><dd>${ escapeHtml( invoice.currency ) }</dd>
<dt>Order</dt><dd>${ escapeHtml( order ) }</dd>
<dt>Invoice</dt><dd>${ escapeHtml( invoice.id ) }</dd>
<dt>Status</dt><dd>${ escapeHtml( invoice.status ) }</dd>
</dl>`;
	const choices = CHECKOUT_CHOICES.filter(
		( c ) => open || c.action === 'back'
	)
		.map( ( c ) => choiceForm( invoice, c.action, c.label ) )
		.join( '\n' );
	const intro = open
		? '<p>This is the Meum sandbox: no money moves. Choose what the payment does.</p>'
		: `<p role="status">This invoice is final (${ escapeHtml( invoice.status ) }): it can no longer be paid here.</p>`;
	return documentOf(
		open ? `Pay ${ amount }` : 'Invoice closed',
		`${ intro }
${ facts }
<nav aria-label="Payment choices"><ul>
${ choices }
</ul></nav>`
	);
}

/**
 * Sends an HTML answer.
 * @param res     the response
 * @param status  HTTP status
 * @param html    the document
 * @param headers extra headers
 */
function sendPage(
	res: ServerResponse,
	status: number,
	html: string,
	headers: Record< string, string > = {}
): void {
	if ( res.headersSent || res.destroyed ) {
		return;
	}
	res.writeHead( status, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Length': String( Buffer.byteLength( html ) ),
		'Cache-Control': 'no-store',
		...headers,
	} );
	res.end( html );
}

/**
 * Sends the browser to a URL with 303 See Other.
 * @param res      the response
 * @param location the target
 */
function redirect( res: ServerResponse, location: string ): void {
	sendPage(
		res,
		303,
		documentOf(
			'Back to the store',
			`<p><a href="${ escapeHtml( location ) }">Continue to the store</a></p>`
		),
		{ Location: location }
	);
}

/**
 * Handles one request to the hosted checkout listener.
 * @param req     the request
 * @param res     the response
 * @param service the instance's invoices
 */
export async function handleCheckoutRequest(
	req: IncomingMessage,
	res: ServerResponse,
	service: InvoiceService
): Promise< void > {
	const body = await readBody( req );
	if ( body === null ) {
		return;
	}
	const path = new URL( req.url ?? '/', 'http://127.0.0.1' ).pathname;
	const page = PAGE_RE.exec( path );
	const choice = CHOICE_RE.exec( path );
	const id = safeDecode( page?.[ 1 ] ?? choice?.[ 1 ] ?? '' );
	const invoice = id === null ? undefined : service.find( id );
	if ( ( page === null && choice === null ) || invoice === undefined ) {
		sendPage(
			res,
			404,
			documentOf(
				'Invoice not found',
				'<p>There is no invoice at this address.</p>'
			)
		);
		return;
	}
	const method = ( req.method ?? 'GET' ).toUpperCase();
	if ( page !== null ) {
		if ( method !== 'GET' && method !== 'HEAD' ) {
			sendPage( res, 405, renderInvoicePage( invoice ), {
				Allow: 'GET',
			} );
			return;
		}
		sendPage( res, 200, renderInvoicePage( invoice ) );
		return;
	}
	const action = choice?.[ 2 ] ?? '';
	if ( method !== 'POST' ) {
		sendPage( res, 405, renderInvoicePage( invoice ), { Allow: 'POST' } );
		return;
	}
	if ( action === 'back' ) {
		redirect( res, invoice.returnUrl );
		return;
	}
	const known = INVOICE_ACTIONS.find( ( a ) => a === action );
	if ( known === undefined ) {
		sendPage( res, 404, renderInvoicePage( invoice ) );
		return;
	}
	const moved = await service.move( invoice, known, undefined );
	if ( ! moved.ok ) {
		sendPage( res, 409, renderInvoicePage( invoice ) );
		return;
	}
	redirect( res, invoice.returnUrl );
}

/**
 * Decodes a path segment.
 * @param segment the raw segment
 * @return the text, or null when the percent-encoding is invalid
 */
export function safeDecode( segment: string ): string | null {
	try {
		return decodeURIComponent( segment );
	} catch {
		return null;
	}
}
