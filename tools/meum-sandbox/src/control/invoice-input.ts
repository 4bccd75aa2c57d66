/**
 * Parsing of the JSON bodies of the invoice test controls: `POST /__sandbox/invoices/{id}/{action}`
 * and `POST /__sandbox/delivery-policy`.
 */
import { toCents } from '../invoices/money';
import type { DeliveryPolicy } from '../webhooks/dispatch';
import {
	integerIn,
	parseObject,
	rejectUnknown,
	type ControlInput,
	type Fields,
} from './input';

/** Body of `POST /__sandbox/invoices/{id}/{action}`. */
export interface InvoiceActionInput {
	/** What arrived, for underpay/overpay, in cents. */
	receivedCents?: number;
	/** Move a final invoice too. */
	force: boolean;
	/** Wait for the webhook's first attempt before answering (default true). */
	wait: boolean;
}

/** Body of `POST /__sandbox/delivery-policy`. */
export interface DeliveryPolicyInput {
	/** New time scale, when given. */
	timeScale?: number;
	/** The policy for the next events; null clears it; undefined leaves it. */
	policy?: DeliveryPolicy | null;
}

/**
 * Parses a body that may be empty (then `{}`).
 * @param raw the raw body text
 * @return the object, or an error result
 */
function parseOptionalObject( raw: string ): ControlInput< Fields > {
	return raw.trim() === '' ? { ok: true, value: {} } : parseObject( raw );
}

/**
 * Reads an optional boolean.
 * @param fields   the parsed body
 * @param name     the field
 * @param fallback the value when absent
 * @param details  collects the error message
 * @return the value
 */
function booleanOf(
	fields: Fields,
	name: string,
	fallback: boolean,
	details: Record< string, string >
): boolean {
	const value = fields[ name ];
	if ( value === undefined ) {
		return fallback;
	}
	if ( typeof value !== 'boolean' ) {
		details[ name ] = `${ name } must be a boolean.`;
		return fallback;
	}
	return value;
}

/**
 * Parses `{ amount?: "12.34", force?: boolean, wait?: boolean }` (an empty body is fine).
 * @param raw the raw body text
 * @return the input, or an error result
 */
export function parseInvoiceActionInput(
	raw: string
): ControlInput< InvoiceActionInput > {
	const parsed = parseOptionalObject( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const fields = parsed.value;
	const details: Record< string, string > = {};
	const value: InvoiceActionInput = {
		force: booleanOf( fields, 'force', false, details ),
		wait: booleanOf( fields, 'wait', true, details ),
	};
	if ( fields.amount !== undefined ) {
		const cents =
			typeof fields.amount === 'string' ? toCents( fields.amount ) : null;
		if ( cents === null ) {
			details.amount =
				'amount must be a decimal string with two decimals, e.g. "12.34".';
		} else {
			value.receivedCents = cents;
		}
	}
	rejectUnknown( fields, [ 'amount', 'force', 'wait' ], details );
	return Object.keys( details ).length > 0
		? { ok: false, invalidJson: false, details }
		: { ok: true, value };
}

/**
 * Parses `{ time_scale?, count?, delay_ms?, drop?, duplicate?, reorder?, clear? }`: any of
 * `delay_ms`, `drop`, `duplicate`, `reorder` arms a policy for the next `count` (default 1) events;
 * `clear: true` removes the armed one; `time_scale` (> 0, ≤ 1000) scales the retry waits.
 * @param raw the raw body text
 * @return the input, or an error result
 */
export function parseDeliveryPolicyInput(
	raw: string
): ControlInput< DeliveryPolicyInput > {
	const parsed = parseObject( raw );
	if ( ! parsed.ok ) {
		return parsed;
	}
	const fields = parsed.value;
	const details: Record< string, string > = {};
	const value: DeliveryPolicyInput = {};
	const scale = fields.time_scale;
	if ( scale !== undefined ) {
		if (
			typeof scale === 'number' &&
			Number.isFinite( scale ) &&
			scale > 0 &&
			scale <= 1000
		) {
			value.timeScale = scale;
		} else {
			details.time_scale = 'time_scale must be a number > 0 and <= 1000.';
		}
	}
	const count = integerIn( fields, 'count', 1, 1000, 1, details ) ?? 1;
	const delayMs =
		integerIn( fields, 'delay_ms', 0, 600_000, 0, details ) ?? 0;
	const policy: DeliveryPolicy = {
		count,
		delayMs,
		drop: booleanOf( fields, 'drop', false, details ),
		duplicate: booleanOf( fields, 'duplicate', false, details ),
		reorder: booleanOf( fields, 'reorder', false, details ),
	};
	const clear = booleanOf( fields, 'clear', false, details );
	if (
		policy.delayMs > 0 ||
		policy.drop ||
		policy.duplicate ||
		policy.reorder
	) {
		value.policy = policy;
	} else if ( clear ) {
		value.policy = null;
	}
	rejectUnknown(
		fields,
		[
			'time_scale',
			'count',
			'delay_ms',
			'drop',
			'duplicate',
			'reorder',
			'clear',
		],
		details
	);
	return Object.keys( details ).length > 0
		? { ok: false, invalidJson: false, details }
		: { ok: true, value };
}
