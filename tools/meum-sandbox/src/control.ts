/** Test-control routes under `/__sandbox/` (not part of Meum; never logged). */
import { sendJson, type RequestContext } from './http';
import type { RequestLogEntry, SandboxState } from './state';

/** A route handler: gets the request context, may be async. */
export type RouteHandler = (ctx: RequestContext) => void | Promise<void>;

/** Path → method → handler. */
export type RouteTable = ReadonlyMap<string, ReadonlyMap<string, RouteHandler>>;

/**
 * Builds the test-control routes for one sandbox instance.
 * @param state the instance's state
 * @returns the route table (`/__sandbox/health`, `requests`, `reset`, `integrations`)
 */
export function controlRoutes(state: SandboxState): RouteTable {
	return new Map<string, ReadonlyMap<string, RouteHandler>>([
		['/__sandbox/health', new Map([['GET', (ctx: RequestContext) => sendJson(ctx, 200, { ok: true })]])],
		[
			'/__sandbox/requests',
			new Map<string, RouteHandler>([
				['GET', (ctx) => sendJson(ctx, 200, { requests: state.requests().map(serializableEntry) })],
				[
					'DELETE',
					(ctx) => {
						state.clearRequests();
						sendJson(ctx, 200, { cleared: true });
					},
				],
			]),
		],
		[
			'/__sandbox/reset',
			new Map<string, RouteHandler>([
				[
					'POST',
					(ctx) => {
						state.reset();
						sendJson(ctx, 200, { reset: true });
					},
				],
			]),
		],
		[
			'/__sandbox/integrations',
			new Map<string, RouteHandler>([['GET', (ctx) => sendJson(ctx, 200, { integrations: state.listIntegrations() })]]),
		],
	]);
}

/** Copies a log entry for output (a snapshot, so a later status update does not race the encoder). */
function serializableEntry(entry: RequestLogEntry): RequestLogEntry {
	return { ...entry };
}
