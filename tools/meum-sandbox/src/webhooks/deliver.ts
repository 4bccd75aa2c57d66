/**
 * `POST /__sandbox/deliver`: sends a signed webhook delivery to an integration's webhook URL (or
 * another URL) on request from a test, and reports what came back.
 */
import { parseDeliverInput, type DeliverInput } from './deliver-input';
import { ERRORS } from '../core/errors';
import { sendJson, type RequestContext } from '../core/http';
import { newIntegrationPublicId, newWebhookSecret } from '../core/ids';
import type {
	DeliveryLogEntry,
	Integration,
	SandboxState,
} from '../core/state';
import { buildEventPayload, newEventId } from './events';
import { sendWebhook, type DeliveryOutcome } from './send';
import { signWebhook, webhookHeaders } from './sign';

/** A prepared delivery: the exact bytes and headers every request of it sends. */
export interface PreparedDelivery {
	url: URL;
	eventId: string;
	bodyText: string;
	body: Buffer;
	headers: Record< string, string >;
}

/** Answer of `POST /__sandbox/deliver`. */
export interface DeliverResponse {
	deliveries: DeliveryOutcome[];
	event_id: string;
	/** The target URL. */
	url: string;
	/** The raw body sent. */
	body: string;
	/** The request headers sent (names as spelled on the wire). */
	headers: Record< string, string >;
}

/** Why a delivery cannot be prepared (answered with 400 `VALIDATION_ERROR`). */
export type PrepareResult =
	| { ok: true; delivery: PreparedDelivery }
	| { ok: false; details: Record< string, string > };

/**
 * Builds the body, signature and headers of a delivery.
 * @param input       the parsed request
 * @param integration the integration it is sent for
 * @param nowMs       the current time in ms (the Timestamp header is its unix seconds plus the skew)
 * @return the prepared delivery, or details when `sign_with: "previous"` has no previous secret
 */
export function prepareDelivery(
	input: DeliverInput,
	integration: Integration,
	nowMs: number = Date.now()
): PrepareResult {
	let secret: string | null;
	if ( input.signWith === 'current' ) {
		secret = integration.webhookSecret;
	} else if ( input.signWith === 'previous' ) {
		secret = integration.previousWebhookSecret;
	} else {
		secret = newWebhookSecret();
	}
	if ( secret === null ) {
		return {
			ok: false,
			details: {
				sign_with:
					'This integration has no previous webhook_secret yet (no rotating reconnect happened).',
			},
		};
	}
	const eventId = input.eventId ?? newEventId();
	const bodyText =
		input.rawBody ??
		JSON.stringify(
			buildEventPayload(
				input.type,
				eventId,
				integration,
				input.data,
				new Date( nowMs )
			)
		);
	const body = Buffer.from( bodyText, 'utf8' );
	const timestamp = String(
		Math.floor( nowMs / 1000 ) + input.timestampSkew
	);
	const integrationIdValues = {
		integration_id: integration.integrationId,
		integration_public_id: integration.integrationPublicId,
		wrong: newIntegrationPublicId(),
		none: null,
	} as const;
	const headers = webhookHeaders( {
		prefix: input.prefix,
		type: input.type,
		eventId,
		timestamp,
		signature: signWebhook( input.scheme, secret, timestamp, body ),
		integrationId: integrationIdValues[ input.integrationIdHeader ],
		omit: input.omitHeaders,
		contentLength: body.length,
	} );
	return {
		ok: true,
		delivery: {
			url: input.url ?? new URL( integration.webhookUrl ),
			eventId,
			bodyText,
			body,
			headers,
		},
	};
}

/**
 * Handles `POST /__sandbox/deliver`: 400 for a bad body, 404 `NOT_FOUND` for an unknown
 * `site_url`, else sends the same signed request `count` times concurrently, logs each delivery,
 * and answers 200 with the outcomes, the event id, the body and the headers sent.
 * @param ctx    the request context
 * @param state  the instance's state (integrations, delivery log)
 * @param signal aborts outstanding deliveries when the sandbox closes
 */
export async function handleDeliver(
	ctx: RequestContext,
	state: SandboxState,
	signal?: AbortSignal
): Promise< void > {
	const input = parseDeliverInput( ctx.rawBody );
	if ( ! input.ok ) {
		sendJson(
			ctx,
			400,
			input.invalidJson
				? ERRORS.invalidJson()
				: ERRORS.validation( input.details )
		);
		return;
	}
	const integration = state.integrationForSite( input.value.siteUrl );
	if ( integration === undefined ) {
		sendJson( ctx, 404, ERRORS.noSuchIntegration() );
		return;
	}
	const prepared = prepareDelivery( input.value, integration );
	if ( ! prepared.ok ) {
		sendJson( ctx, 400, ERRORS.validation( prepared.details ) );
		return;
	}
	const delivery = prepared.delivery;
	state.rememberWebhookBody( delivery.bodyText );
	const outcomes = await Promise.all(
		Array.from( { length: input.value.count }, async () => {
			const entry: DeliveryLogEntry = {
				target: delivery.url.href,
				site_url: integration.siteUrl,
				type: input.value.type,
				event_id: delivery.eventId,
				status: null,
				error: null,
				sent_at: new Date().toISOString(),
				ms: null,
			};
			state.logDelivery( entry );
			const outcome = await sendWebhook( {
				url: delivery.url,
				headers: delivery.headers,
				body: delivery.body,
				timeoutMs: input.value.timeoutMs,
				...( signal === undefined ? {} : { signal } ),
			} );
			entry.status = outcome.status;
			entry.error = outcome.error;
			entry.ms = outcome.ms;
			return outcome;
		} )
	);
	const response: DeliverResponse = {
		deliveries: outcomes,
		event_id: delivery.eventId,
		url: delivery.url.href,
		body: delivery.bodyText,
		headers: delivery.headers,
	};
	sendJson( ctx, 200, response );
}
