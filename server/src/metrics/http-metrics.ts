import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerMetrics } from './metrics.js';

const ROUTE = Symbol('hall.route');
type Marked = IncomingMessage & { [ROUTE]?: string; route?: { path?: unknown }; baseUrl?: string };

/** Names the route template that serves a request (`/api/v1/halls/:hallId/tickets`). */
export function markRoute(req: IncomingMessage, template: string): void {
  (req as Marked)[ROUTE] = template;
}

/**
 * Times every request and labels it with the route template that served it
 * (`/api/v1/halls/:hallId/tickets`), never the raw path, so ticket ids and hall ids
 * do not explode the label set. Unmatched requests are one label. One listener per
 * request and one observation: no timer closure, no label object merged per request.
 */
export function timeRequest(
  metrics: ServerMetrics,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const start = performance.now();
  res.once('finish', () => {
    metrics.httpDuration.observe(
      { method: req.method ?? '', route: routeOf(req), status: String(res.statusCode) },
      (performance.now() - start) / 1000,
    );
  });
}

/** The API's own mark, else the template of the express route that answered (pages, health). */
function routeOf(req: Marked): string {
  const marked = req[ROUTE];
  if (marked !== undefined) return marked;
  const route = req.route;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  return `${req.baseUrl ?? ''}${route.path}`;
}
