import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServerMetrics } from './metrics.js';

/**
 * Times every request and labels it with the route template that served it
 * (`/api/v1/halls/:hallId/tickets`), never the raw path, so ticket ids and hall ids
 * do not explode the label set. Unmatched requests are one label.
 */
export function httpMetrics(metrics: ServerMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      end({ route: routeOf(req), status: String(res.statusCode) });
    });
    next();
  };
}

/** The matched route's template; express keeps req.route but not always req.baseUrl. */
function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  const base = req.baseUrl || (req.originalUrl.startsWith('/api/v1/') ? '/api/v1' : '');
  return `${base}${route.path}`;
}
