/**
 * Validation of the `POST /v1/invoices` body: the JSON Schema
 * (`schema/invoice-create-request.schema.json`, Ajv draft 2020-12 + ajv-formats), then the
 * platform limits the sandbox applies (1.00 to 10000.00).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import invoiceRequestSchema from '../../schema/invoice-create-request.schema.json';
import {
	detailsFromAjvErrors,
	type AjvMessage,
	type ValidationDetails,
} from '../api/validation';
import type { InvoiceRequest } from './book';
import { toCents } from './money';

/** Smallest amount the sandbox accepts, in cents (1.00). */
export const MIN_AMOUNT_CENTS = 100;

/** Largest amount the sandbox accepts, in cents (10000.00). */
export const MAX_AMOUNT_CENTS = 1_000_000;

/** Result of validating an invoice body. */
export type InvoiceValidationResult =
	| { ok: true; value: InvoiceRequest }
	| { ok: false; details: ValidationDetails };

const ajv = new Ajv2020( { allErrors: true, strict: true } );
addFormats( ajv );
const validateSchema = ajv.compile< InvoiceRequest >( invoiceRequestSchema );

/** Wording of each field's schema errors. */
const FIELD_MESSAGES: Readonly< Record< string, string > > = Object.freeze( {
	external_order_id:
		'Must be the order id as a string of digits, optionally followed by -n (e.g. "1234" or "1234-2").',
	amount: 'Must be a plain decimal string with exactly two decimals, e.g. "19.99".',
	currency: 'Currency not accepted: use USD, EUR or GBP (upper-case).',
	return_url: 'Must be an absolute http(s) URL.',
	metadata:
		'Must be an object with at most order_number, site_url and plugin_version, each a string.',
} );

const invoiceMessage: AjvMessage = ( err, field ) => {
	if ( err.keyword === 'required' ) {
		return undefined;
	}
	if ( err.keyword === 'additionalProperties' && ! field.includes( '.' ) ) {
		return 'Unknown field: it is not part of the invoice request.';
	}
	return FIELD_MESSAGES[ field.split( '.' )[ 0 ] ?? '' ];
};

/**
 * Validates a parsed JSON body against the invoice schema and the amount limits.
 * @param body any value produced by `JSON.parse`
 * @return `{ ok: true, value }`, or `{ ok: false, details }` (field → message)
 */
export function validateInvoiceRequest(
	body: unknown
): InvoiceValidationResult {
	if ( ! validateSchema( body ) ) {
		return {
			ok: false,
			details: detailsFromAjvErrors(
				validateSchema.errors ?? [],
				invoiceMessage
			),
		};
	}
	const cents = toCents( body.amount );
	if (
		cents === null ||
		cents < MIN_AMOUNT_CENTS ||
		cents > MAX_AMOUNT_CENTS
	) {
		return {
			ok: false,
			details: {
				amount: 'Amount outside the platform limits (1.00 to 10000.00).',
			},
		};
	}
	return { ok: true, value: body };
}
