/** Helpers of the invoice tests: a connected site, create and read calls, control calls. */
import assert from 'node:assert/strict';
import { connect, obj, request, type Reply } from './helpers';

/**
 * A conforming `POST /v1/invoices` body.
 * @param overrides fields to replace (undefined removes one)
 * @return the body
 */
export function invoiceBody(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		external_order_id: '1234',
		amount: '19.99',
		currency: 'USD',
		return_url:
			'https://shop.example.com/checkout/order-received/1234/?key=wc_order_x',
		metadata: {
			order_number: '1234',
			site_url: 'https://shop.example.com',
			plugin_version: '0.1.0',
		},
		...overrides,
	};
}

/**
 * Connects a site and returns its dedicated key.
 * @param base    sandbox base URL
 * @param site    the site URL
 * @param key     the connection key
 * @param webhook the webhook URL (default: under the site)
 * @return the dedicated `api_key`
 */
export async function connectedKey(
	base: string,
	site = 'https://shop.example.com',
	key = 'sk_live_sandbox_ready',
	webhook = `${ site }/wp-json/meum/v1/webhook`
): Promise< string > {
	const r = await connect( base, key, {
		site_url: site,
		webhook_url: webhook,
	} );
	assert.equal( r.status, 200, r.text );
	return String( obj( r.json ).api_key );
}

/**
 * `POST /v1/invoices`.
 * @param base sandbox base URL
 * @param key  bearer token (null = no header)
 * @param body value to JSON-encode, or a raw string
 * @return the decoded reply
 */
export function createInvoice(
	base: string,
	key: string | null,
	body: unknown = invoiceBody()
): Promise< Reply > {
	const headers: Record< string, string > = {
		'content-type': 'application/json',
	};
	if ( key !== null ) {
		headers.authorization = `Bearer ${ key }`;
	}
	return request( base, '/v1/invoices', {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify( body ),
	} );
}

/**
 * `GET /v1/invoices/{id}`.
 * @param base sandbox base URL
 * @param key  bearer token
 * @param id   the invoice id (URL-encoded here)
 * @return the decoded reply
 */
export function readInvoice(
	base: string,
	key: string,
	id: string
): Promise< Reply > {
	return request( base, `/v1/invoices/${ encodeURIComponent( id ) }`, {
		headers: { authorization: `Bearer ${ key }` },
	} );
}

/**
 * POSTs a JSON body to a control route.
 * @param base sandbox base URL
 * @param path the path under `/__sandbox/`
 * @param body the body (undefined = none)
 * @return the decoded reply
 */
export function control(
	base: string,
	path: string,
	body?: unknown
): Promise< Reply > {
	const init: RequestInit = { method: 'POST' };
	if ( body !== undefined ) {
		init.body = JSON.stringify( body );
	}
	return request( base, `/__sandbox/${ path }`, init );
}

/**
 * Creates an invoice and returns its answer (asserting 201).
 * @param base sandbox base URL
 * @param key  dedicated key
 * @param body overrides of the body
 * @return the answer
 */
export async function newInvoice(
	base: string,
	key: string,
	body: Record< string, unknown > = {}
): Promise< Record< string, unknown > > {
	const r = await createInvoice( base, key, invoiceBody( body ) );
	assert.equal( r.status, 201, r.text );
	return obj( r.json );
}

/**
 * Connects `https://shop.example.com` with the ready key and a webhook URL, then creates an
 * invoice (asserting 201).
 * @param base       sandbox base URL
 * @param webhookUrl where its webhooks go (a test receiver)
 * @param body       overrides of the invoice body
 * @return the dedicated key and the created invoice
 */
export async function invoiceFor(
	base: string,
	webhookUrl: string,
	body: Record< string, unknown > = {}
): Promise< { key: string; invoice: Record< string, unknown > } > {
	const key = await connectedKey(
		base,
		'https://shop.example.com',
		'sk_live_sandbox_ready',
		webhookUrl
	);
	return { key, invoice: await newInvoice( base, key, body ) };
}
