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
  /** Response headers (ETag, Cache-Control …). */
  headers?: Record<string, string>;
  /** A download (Excel, CSV) instead of JSON. */
  file?: { contentType: string; filename: string; data: Buffer };
  /** Bytes shown in place (an image), not a download. */
  raw?: { contentType: string; data: Buffer };
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
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, relative to /api/v1: /halls/{hallId}/tickets */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: P;
  body?: B;
  /** The largest body taken (an express size such as '1mb'); default 16 kB (images 512 KiB). */
  bodyLimit?: string;
  /** 'image': a JPEG or PNG body as a Buffer (photo upload); default JSON. */
  bodyKind?: 'json' | 'image';
  /**
   * false: `body` documents the request only and the handler validates it itself (the hall
   * configuration, whose every bad field is reported, not just the first).
   */
  validateBody?: boolean;
  /** Query parameters; a bad one is a 400 invalid_request naming it. */
  query?: Q;
  /** Each status's body: a JSON schema, or the media types of a file or image it sends. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentTypes?: string[] }>;
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
