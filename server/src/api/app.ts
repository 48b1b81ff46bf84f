import { errorMessages } from '@hall/protocol';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Alerts } from '../alerts/alert-service.js';
import type { AppointmentService } from '../appointments/appointment-service.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { ContactStore } from '../notifications/contact-store.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { PrintService } from '../printing/print-service.js';
import type { FollowUps } from '../ratings/follow-ups.js';
import type { NoticeService } from '../notices/notice-service.js';
import type { CounterService } from '../halls/counter-service.js';
import type { Lang } from '../halls/presenter.js';
import type { ReportService } from '../reports/report-service.js';
import { openApiDocument } from './openapi.js';
import type { RateLimits } from './rate-limits.js';
import type { RouteDef } from './route.js';
import { routes as allRoutes, type HallAdmin } from './routes.js';
import type { PhoneLinks } from '../tickets/phone-links.js';
import type { PhoneRetention } from '../tickets/phone-retention.js';
import { authKeys } from '../store/keys.js';
import { storeError } from '../store/store-errors.js';
import { markRoute } from '../metrics/http-metrics.js';
import { RouteTable } from './route-table.js';
import { securityHeaders } from './security-headers.js';
import { landingRouter } from '../landing/landing-routes.js';

export interface AppDeps {
  halls: Map<string, HallService>;
  auth: Authenticator;
  limits: RateLimits;
  redis: Redis;
  logger: Logger;
  /** Printing, when the halls have printers (server/src/printing). */
  printing?: PrintService | null;
  /** The counter console's extras (server/src/halls/counter-service.ts). */
  counter?: CounterService | null;
  /** The hall screen's rolling notices (server/src/notices). */
  notices?: NoticeService | null;
  /** Bad-rating follow-ups (回访) and per clerk rating counts (server/src/ratings). */
  followUps?: FollowUps | null;
  /** Reports, the ledger, ranking and attendance per hall (server/src/reports). */
  reports?: Map<string, ReportService> | null;
  /** Alerts and the board's timers (server/src/alerts). */
  alerts?: Alerts | null;
  /** Appointment slots and bookings (server/src/appointments). */
  appointments?: AppointmentService | null;
  /** Notification contacts of tickets (server/src/notifications). */
  contacts?: ContactStore | null;
  /** Static pages to serve: URL prefix -> folder. */
  pages?: Record<string, string>;
  /** Phone-link keys: the resident's proof of holding a ticket (server/src/tickets). */
  phoneLinks: PhoneLinks;
  /** Removes residents' phone numbers when their time is up (server/src/tickets). */
  phones?: PhoneRetention | null;
  /** Addresses or subnets of the reverse proxies whose X-Forwarded-* headers are believed. */
  trustedProxies?: string[];
  /** The hall's configuration, staff and devices (server/src/hall-admin). */
  hallAdmin?: HallAdmin | null;
}

export function languageOf(req: Request): Lang {
  // most requests (kiosks, screens) send none: Chinese, without a negotiation
  if (!req.headers['accept-language']) return 'zh';
  return req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}

function send(res: Response, err: ApiError, lang: Lang): void {
  const entry = errorMessages[err.code];
  const message = err.details.message ?? entry[lang];
  if (err.status === 401)
    res.setHeader(
      'WWW-Authenticate',
      err.code === 'unauthorized'
        ? 'Bearer realm="hall-queue", error="invalid_token"'
        : 'Bearer realm="hall-queue"',
    );
  if (err.details.retryAfter !== undefined)
    res.setHeader('Retry-After', String(err.details.retryAfter));
  else if (err.status === 429 || err.status === 503) res.setHeader('Retry-After', '5');
  if (err.details.allow) res.setHeader('Allow', err.details.allow);
  res.status(err.status).json({
    error: {
      code: err.code,
      message:
        err.details.field && !err.details.message ? `${message}: ${err.details.field}` : message,
      ...(err.details.field ? { field: err.details.field } : {}),
      ...(err.details.opensAt ? { opensAt: err.details.opensAt } : {}),
      ...(err.details.comeBackAt ? { comeBackAt: err.details.comeBackAt } : {}),
      ...(err.details.issues ? { details: err.details.issues } : {}),
    },
  });
}

function invalid(error: z.ZodError, lang: Lang): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  const detail = issue?.message ?? '';
  const base = errorMessages.invalid_request[lang];
  return new ApiError('invalid_request', { field, message: `${base}: ${field} (${detail})` });
}

const NOT_FOUND_PARAM: Record<string, ApiError['code']> = {
  hallId: 'hall_not_found',
  windowId: 'window_not_found',
  ticketId: 'ticket_not_found',
  noticeId: 'notice_not_found',
  alertId: 'alert_not_found',
  followUpId: 'follow_up_not_found',
  staffId: 'staff_not_found',
  deviceId: 'device_not_found',
  code: 'appointment_not_found',
};

/** The express app: API v1, OpenAPI, health checks and the web apps' pages. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For and -Proto only from the configured proxies: anyone else could pick the
  // address the login limits count
  app.set('trust proxy', deps.trustedProxies?.length ? deps.trustedProxies : false);
  app.use(securityHeaders());
  const routeList = allRoutes(deps);
  const document = openApiDocument(routeList);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // ready: Redis answers within its command deadline and takes writes
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.redis.set(authKeys.readyProbe, String(Date.now()), 'PX', 10_000);
      res.json({ status: 'ready', halls: [...deps.halls.keys()] });
    } catch (err) {
      const e = storeError(err) ?? new ApiError('unavailable');
      res.status(503).setHeader('Retry-After', String(e.details.retryAfter ?? 5));
      res.json({ status: 'not_ready', reason: e.code });
    }
  });
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });

  // the API in one middleware (no router of its own): one lookup in a table built once instead
  // of express trying each route's pattern in turn, then the route's own body parser (JSON, or
  // image bytes for a photo); a path no route has is 404, a known path with another method 405
  const table = new RouteTable(routeList);
  const parsers = new Map(routeList.map((r) => [r, bodyParsers(r)] as const));
  const known = routeList.map((r) => ({
    method: r.method.toUpperCase(),
    pattern: new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
  }));
  app.use('/api/v1', (req: Request, res: Response, next: NextFunction) => {
    const found = table.match(req.method, req.path); // a malformed escape throws: 400
    if (!found) {
      const allowed = known.filter((k) => k.pattern.test(req.path)).map((k) => k.method);
      if (allowed.length === 0) {
        next(new ApiError('not_found'));
        return;
      }
      if (allowed.includes('GET')) allowed.push('HEAD');
      next(new ApiError('method_not_allowed', { allow: [...new Set(allowed)].join(', ') }));
      return;
    }
    const [check, parse] = parsers.get(found.route) ?? [];
    // (after a body the parser calls back from the request stream's end: nothing may throw there)
    check?.(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      parse?.(req, res, (err2?: unknown) => {
        if (err2) {
          next(err2);
          return;
        }
        req.params = found.params;
        markRoute(req, `/api/v1${found.template}`);
        serve(found.route, found.params, req, res, deps).catch(next);
      });
    });
  });
  app.use('/api', (_req: Request, _res: Response, next: NextFunction) => {
    next(new ApiError('not_found'));
  });

  // the front page (/) and /admin (server/src/landing)
  app.use(landingRouter(deps));
  for (const [prefix, folder] of Object.entries(deps.pages ?? {})) {
    app.use(prefix, express.static(folder, { index: 'index.html', fallthrough: true }));
    // client-side routes (such as /kiosk/t/ID) get the app's page
    app.get(`${prefix}/*rest`, (_req, res) => {
      res.sendFile('index.html', { root: folder });
    });
  }

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const lang = languageOf(req);
    if (err instanceof ApiError) {
      send(res, err, lang);
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') {
      send(
        res,
        new ApiError('invalid_request', {
          field: 'body',
          message: `${errorMessages.invalid_request[lang]}: body (JSON)`,
        }),
        lang,
      );
      return;
    }
    if (e.type === 'entity.too.large') {
      send(res, new ApiError('payload_too_large'), lang);
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      send(res, new ApiError('invalid_request', { field: 'body' }), lang);
      return;
    }
    const store = storeError(err);
    if (store) {
      deps.logger.warn({ err: (err as Error).message, path: req.path }, 'store refused');
      send(res, store, lang);
      return;
    }
    deps.logger.error({ err, path: req.path }, 'request failed');
    send(res, new ApiError('internal_error'), lang);
  });
  return app;
}

/** Validates, authorizes and runs one route; the result goes out as JSON, a file or nothing. */
async function serve(
  route: RouteDef,
  rawParams: Record<string, string>,
  req: Request,
  res: Response,
  deps: AppDeps,
): Promise<void> {
  const lang = languageOf(req);
  const principal = await authorize(route, req, deps);
  let params: unknown = rawParams;
  if (route.params) {
    const parsed = route.params.safeParse(rawParams);
    if (!parsed.success) {
      // an id that cannot exist is not found; any other malformed parameter is bad input
      const key = String(parsed.error.issues[0]?.path[0] ?? 'hallId');
      const notFound = NOT_FOUND_PARAM[key];
      throw notFound ? new ApiError(notFound) : invalid(parsed.error, lang);
    }
    params = parsed.data;
  }
  checkHall(params, principal, deps);
  let body: unknown =
    route.bodyKind === 'image' || route.validateBody === false ? req.body : undefined;
  if (route.body && body === undefined) {
    const parsed = route.body.safeParse(req.body as unknown);
    if (!parsed.success) throw invalid(parsed.error, lang);
    body = parsed.data;
  }
  let query: unknown = undefined;
  if (route.query) {
    const parsed = route.query.safeParse({ ...(req.query as Record<string, unknown>) });
    if (!parsed.success) throw invalid(parsed.error, lang);
    query = parsed.data;
  }
  const result = await route.handler({ params, body, query, principal, lang, req });
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.raw) {
    res.status(result.status).type(result.raw.contentType).send(result.raw.data);
  } else if (result.file) {
    res
      .status(result.status)
      .attachment(result.file.filename) // sets a type from the name: the route's own wins
      .type(result.file.contentType)
      .send(result.file.data);
  } else if (result.body === undefined) res.status(result.status).end();
  else if (req.method === 'GET' || req.method === 'HEAD')
    res.status(result.status).json(result.body);
  else sendJson(res, result.status, result.body);
}

/**
 * A change's answer, written directly: what express's res.json does for it (the same
 * Content-Type and Content-Length) without the ETag and freshness check, which only a GET
 * can use. GETs keep res.json, ETag and 304 included.
 */
function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * A route's body parsers: JSON only (a cross-site form or text/plain post, which needs no CORS
 * preflight, is refused), at most 16 kB unless the route says otherwise; a photo upload takes
 * a JPEG or PNG body as bytes.
 */
function bodyParsers(route: RouteDef): express.RequestHandler[] {
  const image = route.bodyKind === 'image';
  const check: express.RequestHandler = (req, _res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) next();
    else if (image)
      next(req.is(['image/jpeg', 'image/png']) ? undefined : new ApiError('invalid_image'));
    else if (req.is('application/json') !== 'application/json')
      next(new ApiError('unsupported_media_type'));
    else next();
  };
  return [
    check,
    image
      ? express.raw({ type: ['image/jpeg', 'image/png'], limit: route.bodyLimit ?? '512kb' })
      : express.json({ limit: route.bodyLimit ?? '16kb', type: 'application/json' }),
  ];
}

/** What a staff member with a one-time password may do: change it, or sign out. */
const ONE_TIME_PASSWORD_ROUTES: ReadonlySet<string> = new Set(['/auth/password', '/auth/logout']);

async function authorize(route: RouteDef, req: Request, deps: AppDeps): Promise<Principal | null> {
  const principal = await deps.auth.resolve(req.headers.authorization);
  switch (route.access) {
    case 'anyone':
    case 'optional':
      return principal;
    case 'staff':
      if (!principal) throw new ApiError('unauthorized');
      if (principal.kind !== 'staff') throw new ApiError('forbidden');
      // a one-time password from an administrator is changed before anything else
      if (principal.user.mustChangePassword && !ONE_TIME_PASSWORD_ROUTES.has(route.path))
        throw new ApiError('password_change_required');
      return principal;
    case 'kiosk_or_staff':
      if (!principal) throw new ApiError('unauthorized');
      if (principal.kind === 'device' && principal.device.kind !== 'kiosk')
        throw new ApiError('forbidden');
      return principal;
    case 'booking_or_staff':
      if (!principal) throw new ApiError('unauthorized');
      if (principal.kind === 'device' && principal.device.kind !== 'booking')
        throw new ApiError('forbidden');
      return principal;
  }
}

/** An existing hall, and a caller of that hall. */
function checkHall(params: unknown, principal: Principal | null, deps: AppDeps): void {
  const hallId = (params as { hallId?: string }).hallId;
  if (hallId === undefined) return;
  if (!deps.halls.has(hallId)) throw new ApiError('hall_not_found');
  if (principal && principal.hallId !== hallId) throw new ApiError('forbidden');
}
