import { ErrorBody, errorMessages, type ErrorCode } from '@hall/protocol';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';
import type { RouteDef } from './route.js';

/**
 * A stable operationId from the method and path: `post /halls/{hallId}/windows/{windowId}/call-next`
 * is `postHallsHallIdWindowsWindowIdCallNext`. Method and path are unique, so the ids are.
 */
export function operationIdOf(route: Pick<RouteDef, 'method' | 'path'>): string {
  const words = route.path
    .split(/[/{}-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return route.method + words.join('');
}

/**
 * Errors every route of a kind can answer, whatever its own list says: a POST body is
 * parsed as JSON (bad JSON, or a field where none is allowed: 400) and limited in size (413).
 */
function implicitErrors(route: RouteDef): ErrorCode[] {
  // any route may meet a store outage; a POST's body must also be JSON (415) of a bounded size
  const store: ErrorCode[] = [
    'unavailable',
    'store_timeout',
    'store_read_only',
    'store_full',
    'store_loading',
  ];
  // a staff member with a one-time password must change it first (POST /auth/password)
  const staff: ErrorCode[] =
    route.access === 'staff' && route.path !== '/auth/password' && route.path !== '/auth/logout'
      ? ['password_change_required']
      : [];
  if (route.bodyKind === 'image') return ['payload_too_large', 'invalid_image', ...staff, ...store];
  return route.method === 'post' || route.method === 'put' || route.method === 'patch'
    ? ['invalid_request', 'payload_too_large', 'unsupported_media_type', ...staff, ...store]
    : [...staff, ...store];
}

/** The OpenAPI 3.1 document of API v1, generated from the route list and its zod schemas. */
export function openApiDocument(routes: RouteDef[]): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) {
      const content: Record<string, unknown> = {};
      if (r.schema) content['application/json'] = { schema: r.schema };
      for (const t of r.contentTypes ?? [])
        content[t] ??= { schema: { type: 'string', format: 'binary' } };
      responses[status] =
        Object.keys(content).length > 0
          ? { description: r.description, content }
          : { description: r.description };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of new Set([...route.errors, ...implicitErrors(route)])) {
      const status = errorMessages[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of byStatus) {
      responses[String(status)] = {
        description: codes
          .map((c) => `\`${c}\`: ${errorMessages[c].zh} (${errorMessages[c].en})`)
          .join('; '),
        content: { 'application/json': { schema: ErrorBody } },
      };
    }
    const operation: ZodOpenApiOperationObject = {
      operationId: operationIdOf(route),
      summary: route.summary,
      tags: route.tags,
      responses: responses as ZodOpenApiOperationObject['responses'],
      ...(route.params || route.query
        ? {
            requestParams: {
              ...(route.params ? { path: route.params as never } : {}),
              ...(route.query ? { query: route.query as never } : {}),
            },
          }
        : {}),
      ...(route.bodyKind === 'image'
        ? {
            requestBody: {
              content: {
                'image/jpeg': { schema: { type: 'string', format: 'binary' } },
                'image/png': { schema: { type: 'string', format: 'binary' } },
              },
            },
          }
        : route.body && route.method !== 'get'
          ? { requestBody: { content: { 'application/json': { schema: route.body } } } }
          : {}),
      // public operations say so explicitly: no credential at all
      security:
        route.access === 'anyone'
          ? []
          : route.access === 'optional'
            ? [{}, { bearer: [] }]
            : [{ bearer: [] }],
    };
    paths[`/api/v1${route.path}`] = { ...paths[`/api/v1${route.path}`], [route.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '排队叫号系统 API',
      version: '1.0.0',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description:
        'Queue ticketing and counter calling for public service halls. Errors carry a stable `code`; ' +
        '`message` is Chinese unless `Accept-Language: en`. Realtime events go over socket.io (see docs/API.md).',
    },
    servers: [{ url: '/', description: 'the server that serves this document' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  });
}
