import { ErrorBody, errorMessages, type ErrorCode } from '@hall/protocol';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';
import type { RouteDef } from './route.js';

/** The OpenAPI 3.1 document of API v1, generated from the route list and its zod schemas. */
export function openApiDocument(routes: RouteDef[]): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { 'application/json': { schema: r.schema } } }
        : { description: r.description };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of new Set(route.errors)) {
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
      ...(route.body && route.method === 'post'
        ? { requestBody: { content: { 'application/json': { schema: route.body } } } }
        : {}),
      ...(route.access === 'anyone'
        ? {}
        : { security: route.access === 'optional' ? [{}, { bearer: [] }] : [{ bearer: [] }] }),
    };
    paths[`/api/v1${route.path}`] = { ...paths[`/api/v1${route.path}`], [route.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '排队叫号系统 API',
      version: '1.0.0',
      description:
        'Queue ticketing and counter calling for public service halls. Errors carry a stable `code`; ' +
        '`message` is Chinese unless `Accept-Language: en`. Realtime events go over socket.io (see docs/API.md).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  });
}
