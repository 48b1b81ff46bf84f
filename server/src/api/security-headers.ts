import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers for the pages and the API: a strict CSP (the apps load only their
 * own scripts; React sets style attributes, QR codes are data: URLs, socket.io is
 * same-origin), never framed (the consoles must not be clickjacked), no referrer
 * (a phone link's key stays out of other sites' logs), nosniff; HSTS only when the
 * request came over HTTPS (a hall LAN on plain HTTP must keep working).
 */
const policy: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      mediaSrc: ["'self'", 'data:', 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The headers helmet sets with this policy, computed once: nothing in it depends on the
 * request (no nonces), so running helmet's dozen middlewares per request would build the
 * same strings every time (docs/decisions/067).
 */
export function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  let done = false;
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return res;
    },
    removeHeader() {},
  };
  helmet(policy)({} as IncomingMessage, res as unknown as ServerResponse, () => {
    done = true;
  });
  if (!done || headers.length === 0) throw new Error('helmet did not set its headers at once');
  return headers;
}

/** Sets the security headers on every response; HSTS only over HTTPS (req.secure). */
export function securityHeaders(): RequestHandler {
  const headers = helmetHeaders();
  return (req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
