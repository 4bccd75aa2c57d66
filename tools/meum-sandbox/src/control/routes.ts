/** Test-control routes under `/__sandbox/` (not part of Meum; never logged). */
import {
	parseDownInput,
	parseFailNextInput,
	parseUpInput,
	parseRevokeInput,
	parseStoreInput,
	type ControlInput,
} from './input';
import { invoiceControlRoutes } from './invoices';
import type { InvoiceService } from '../invoices/service';
import type { WebhookDispatcher } from '../webhooks/dispatch';
import { handleDeliver } from '../webhooks/deliver';
import { ERRORS } from '../core/errors';
import { sendJson, type RequestContext } from '../core/http';
import type { RequestLogEntry, SandboxState } from '../core/state';

/** A route handler: gets the request context, may be async. */
export type RouteHandler = ( ctx: RequestContext ) => void | Promise< void >;

/** Path → method → handler. */
export type RouteTable = ReadonlyMap<
	string,
	ReadonlyMap< string, RouteHandler >
>;

/** A route whose path has parameters: the handler reads them from `ctx.path` with `re`. */
export interface PatternRoute {
	readonly re: RegExp;
	readonly methods: ReadonlyMap< string, RouteHandler >;
}

/**
 * Finds the methods of a path: an exact route first, then the first pattern that matches.
 * @param table    exact routes
 * @param patterns routes with parameters
 * @param path     the request path
 * @return method → handler, or undefined when no route has that path
 */
export function findRoute(
	table: RouteTable,
	patterns: readonly PatternRoute[],
	path: string
): ReadonlyMap< string, RouteHandler > | undefined {
	return (
		table.get( path ) ??
		patterns.find( ( p ) => p.re.test( path ) )?.methods
	);
}

/** Options of {@link controlRoutes}. */
export interface ControlOptions {
	/** Aborted when the sandbox closes: cancels webhook deliveries still in flight. */
	signal?: AbortSignal;
	/** Invoice moves (store lifetime, `/__sandbox/invoices`); without it those routes are absent. */
	invoices?: InvoiceService;
	/** Invoice webhooks (`/__sandbox/delivery-policy`, reset). */
	dispatcher?: WebhookDispatcher;
}

/**
 * Builds the test-control routes for one sandbox instance.
 * @param state   the instance's state
 * @param options the closing signal for outgoing deliveries
 * @return the route table (`/__sandbox/health`, `requests`, `reset`, `integrations`, `revoke`,
 *   `store`, `fail-next`, `down`, `deliver`, `secrets`, `deliveries`)
 */
export function controlRoutes(
	state: SandboxState,
	options: ControlOptions = {}
): RouteTable {
	return new Map< string, ReadonlyMap< string, RouteHandler > >( [
		[
			'/__sandbox/health',
			new Map( [
				[
					'GET',
					( ctx: RequestContext ) =>
						sendJson( ctx, 200, { ok: true } ),
				],
			] ),
		],
		[
			'/__sandbox/requests',
			new Map< string, RouteHandler >( [
				[
					'GET',
					( ctx ) =>
						sendJson( ctx, 200, {
							requests: state.requests().map( serializableEntry ),
						} ),
				],
				[
					'DELETE',
					( ctx ) => {
						state.clearRequests();
						sendJson( ctx, 200, { cleared: true } );
					},
				],
			] ),
		],
		[
			'/__sandbox/reset',
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) => {
						state.reset();
						options.dispatcher?.reset();
						sendJson( ctx, 200, { reset: true } );
					},
				],
			] ),
		],
		[
			'/__sandbox/integrations',
			new Map< string, RouteHandler >( [
				[
					'GET',
					( ctx ) =>
						sendJson( ctx, 200, {
							integrations: state.listIntegrations(),
						} ),
				],
			] ),
		],
		[
			'/__sandbox/revoke',
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) => {
						const input = inputOrError(
							ctx,
							parseRevokeInput( ctx.rawBody )
						);
						if ( input !== null ) {
							sendFound( ctx, state.revoke( input.siteUrl ), {
								revoked: true,
							} );
						}
					},
				],
			] ),
		],
		[
			'/__sandbox/store',
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) => {
						const input = inputOrError(
							ctx,
							parseStoreInput( ctx.rawBody )
						);
						if ( input === null ) {
							return;
						}
						const found = state.patchStore(
							input.siteUrl,
							input.patch
						);
						const storeId = state.integrationForSite(
							input.siteUrl
						)?.storeId;
						if (
							found &&
							storeId !== undefined &&
							input.invoiceLifetime !== undefined
						) {
							state.invoices.setLifetime(
								storeId,
								input.invoiceLifetime === 'default'
									? undefined
									: input.invoiceLifetime
							);
						}
						if (
							found &&
							storeId !== undefined &&
							input.deliverDuringCreate !== undefined
						) {
							state.invoices.setDeliverDuringCreate(
								storeId,
								input.deliverDuringCreate
							);
						}
						sendFound( ctx, found, { updated: true } );
					},
				],
			] ),
		],
		[
			'/__sandbox/fail-next',
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) => {
						const input = inputOrError(
							ctx,
							parseFailNextInput( ctx.rawBody )
						);
						if ( input !== null ) {
							const { path, spec, times } = input;
							state.armFailure( path, spec, times );
							const answer: Record< string, unknown > = {
								armed: true,
								path,
								status: spec.status,
								times,
							};
							if ( spec.shape !== 'html' ) {
								answer.shape = spec.shape;
							}
							if ( spec.code !== undefined ) {
								answer.code = spec.code;
							}
							if ( spec.delayMs > 0 ) {
								answer.delay_ms = spec.delayMs;
							}
							if ( spec.afterProcessing !== undefined ) {
								answer.after_processing = spec.afterProcessing;
							}
							sendJson( ctx, 200, answer );
						}
					},
				],
			] ),
		],
		[
			'/__sandbox/down',
			new Map< string, RouteHandler >( [
				[ 'GET', ( ctx ) => sendJson( ctx, 200, downView( state ) ) ],
				[
					'POST',
					( ctx ) => {
						const input = inputOrError(
							ctx,
							parseDownInput( ctx.rawBody )
						);
						if ( input !== null ) {
							state.setDown(
								input.path,
								input.status,
								input.forMs === null
									? null
									: Date.now() + input.forMs
							);
							sendJson( ctx, 200, downView( state ) );
						}
					},
				],
				[
					'DELETE',
					( ctx ) => {
						const input = inputOrError(
							ctx,
							parseUpInput( ctx.rawBody )
						);
						if ( input !== null ) {
							state.clearDown( input.path );
							sendJson( ctx, 200, downView( state ) );
						}
					},
				],
			] ),
		],
		[
			'/__sandbox/deliver',
			new Map< string, RouteHandler >( [
				[
					'POST',
					( ctx ) => handleDeliver( ctx, state, options.signal ),
				],
			] ),
		],
		[
			'/__sandbox/secrets',
			new Map< string, RouteHandler >( [
				[
					'GET',
					( ctx ) => sendJson( ctx, 200, state.secretsLedger() ),
				],
			] ),
		],
		[
			'/__sandbox/deliveries',
			new Map< string, RouteHandler >( [
				[
					'GET',
					( ctx ) =>
						sendJson( ctx, 200, {
							deliveries: state.deliveries(),
						} ),
				],
				[
					'DELETE',
					( ctx ) => {
						state.clearDeliveries();
						sendJson( ctx, 200, { cleared: true } );
					},
				],
			] ),
		],
		...( options.invoices !== undefined && options.dispatcher !== undefined
			? invoiceControlRoutes(
					state,
					options.invoices,
					options.dispatcher
				).exact
			: [] ),
	] );
}

/**
 * Builds the control routes whose paths have parameters.
 * @param state   the instance's state
 * @param options the invoice service and dispatcher
 * @return the pattern routes (`/__sandbox/invoices/{id}` and `/__sandbox/invoices/{id}/{action}`)
 */
export function controlPatternRoutes(
	state: SandboxState,
	options: ControlOptions = {}
): PatternRoute[] {
	return options.invoices !== undefined && options.dispatcher !== undefined
		? invoiceControlRoutes( state, options.invoices, options.dispatcher )
				.patterns
		: [];
}

/**
 * Returns a parsed control body, or answers 400 (`INVALID_JSON` / `VALIDATION_ERROR`) and returns null.
 * @param ctx   The request and its response.
 * @param input The parsed control body, or why it is invalid.
 */
export function inputOrError< T >(
	ctx: RequestContext,
	input: ControlInput< T >
): T | null {
	if ( input.ok ) {
		return input.value;
	}
	sendJson(
		ctx,
		400,
		input.invalidJson
			? ERRORS.invalidJson()
			: ERRORS.validation( input.details )
	);
	return null;
}

/**
 * Answers 200 with `body` when the site's integration was found, else 404 `NOT_FOUND`.
 * @param ctx   The request and its response.
 * @param found Whether the site's integration exists.
 * @param body  The answer when found.
 */
function sendFound( ctx: RequestContext, found: boolean, body: unknown ): void {
	if ( found ) {
		sendJson( ctx, 200, body );
	} else {
		sendJson( ctx, 404, ERRORS.noSuchIntegration() );
	}
}

/**
 * The paths down now, for the `/__sandbox/down` answers.
 * @param state the instance's state
 * @return `{ down: [ { path, status, until (ISO or null), answered } ] }`
 */
function downView( state: SandboxState ): Record< string, unknown > {
	return {
		down: state.listDown( Date.now() ).map( ( d ) => ( {
			path: d.path,
			status: d.status,
			until: d.until === null ? null : new Date( d.until ).toISOString(),
			answered: d.answered,
		} ) ),
	};
}

/**
 * Copies a log entry for output (a snapshot, so a later status update does not race the encoder).
 * @param entry A request log entry.
 */
function serializableEntry( entry: RequestLogEntry ): RequestLogEntry {
	return { ...entry };
}
