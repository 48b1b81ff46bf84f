import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessages } from '@hall/protocol';
import express, { type Request, type Response } from 'express';
import { languageOf } from '../api/app.js';
import { markRoute, timeRequest } from './http-metrics.js';
import type { ServerMetrics } from './metrics.js';

/** GET /metrics as express would match it (any case, one trailing slash, a query). */
const METRICS_PATH = /^\/metrics\/?(?:\?|$)/i;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The node's request listener: times every request, serves GET /metrics (Prometheus text
 * format) and hands everything else to the API app, so a request passes through one express
 * app, not an app mounted inside another (docs/decisions/067). /metrics is for the operator's
 * network; with a token it asks for `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function withMetrics(
  app: express.Express,
  metrics: ServerMetrics,
  token: string | undefined,
  trustedProxies: string[] = [],
): (req: IncomingMessage, res: ServerResponse) => void {
  const scrape = express();
  scrape.disable('x-powered-by');
  scrape.set('trust proxy', trustedProxies.length ? trustedProxies : false);
  scrape.get('/metrics', async (req: Request, res: Response) => {
    if (token !== undefined) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!sameToken(given, token)) {
        const lang = languageOf(req);
        res.status(401).json({
          error: { code: 'unauthorized', message: errorMessages.unauthorized[lang] },
        });
        return;
      }
    }
    const { contentType, body } = await metrics.render();
    res.setHeader('content-type', contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  });
  return (req, res) => {
    timeRequest(metrics, req, res);
    if ((req.method === 'GET' || req.method === 'HEAD') && METRICS_PATH.test(req.url ?? '')) {
      markRoute(req, '/metrics');
      scrape(req, res);
    } else app(req, res);
  };
}
