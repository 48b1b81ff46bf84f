import type { ErrorCode } from '@hall/protocol';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Lang } from '../halls/presenter.js';

/** Who may call a route (checked before its handler runs). */
export type Access = 'anyone' | 'staff' | 'kiosk_or_staff' | 'booking_or_staff' | 'optional';

export interface RouteContext<P, B, Q = unknown> {
  params: P;
  body: B;
  /** The query string, parsed with the route's `query` schema. */
  query: Q;
  principal: Principal | null;
  lang: Lang;
  req: Request;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** A download (Excel, CSV) instead of JSON. */
  file?: { contentType: string; filename: string; data: Buffer };
}

/**
 * One endpoint, declared once: the express router validates with these schemas
 * and the OpenAPI document is generated from the very same objects.
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI style, relative to /api/v1: /halls/{hallId}/tickets */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: P;
  body?: B;
  /** Query parameters; a bad one is a 400 invalid_request naming it. */
  query?: Q;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  errors: ErrorCode[];
  handler: (ctx: RouteContext<z.infer<P>, z.infer<B>, z.infer<Q>>) => Promise<RouteResult>;
}

export function defineRoute<
  P extends z.ZodType,
  B extends z.ZodType,
  Q extends z.ZodType = z.ZodType,
>(def: RouteDef<P, B, Q>): RouteDef {
  return def;
}
