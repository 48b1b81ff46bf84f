import { timingSafeEqual } from 'node:crypto';
import { errorMessages } from '@hall/protocol';
import express, { type Request, type Response } from 'express';
import { languageOf } from '../api/app.js';
import { httpMetrics } from './http-metrics.js';
import type { ServerMetrics } from './metrics.js';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The node's outer app: times every request, serves GET /metrics (Prometheus text
 * format), and hands everything else to the API app. /metrics is for the operator's
 * network; with a token it asks for `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function withMetrics(
  app: express.Express,
  metrics: ServerMetrics,
  token: string | undefined,
  trustedProxies: string[] = [],
): express.Express {
  const root = express();
  root.disable('x-powered-by');
  root.set('trust proxy', trustedProxies.length ? trustedProxies : false);
  root.use(httpMetrics(metrics));
  root.get('/metrics', async (req: Request, res: Response) => {
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
  root.use(app);
  return root;
}
