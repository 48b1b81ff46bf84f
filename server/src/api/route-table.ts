import type { RouteDef } from './route.js';

/** One segment of a route's path: a literal (lower case) or a parameter's name. */
type Segment = { literal: string } | { param: string };

interface CompiledRoute {
  route: RouteDef;
  /** express's template, the label of the route in metrics: /halls/:hallId/tickets */
  template: string;
  segments: Segment[];
}

export interface RouteMatch {
  route: RouteDef;
  template: string;
  params: Record<string, string>;
}

/** A parameter as express decodes it; a malformed escape is a 400, as in express's router. */
function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw Object.assign(new URIError(`Failed to decode param '${value}'`), {
      status: 400,
      statusCode: 400,
    });
  }
}

/**
 * The API's routes, matched by method and path segments in one pass over a table built once
 * (docs/decisions/067), instead of express trying each route's regular expression in turn.
 * Matching is express's: literals case-insensitive, a parameter is one non-empty segment
 * (percent-decoded), one trailing slash allowed, the first route declared wins, HEAD is GET.
 */
export class RouteTable {
  private readonly byMethod = new Map<string, CompiledRoute[]>();

  constructor(routes: RouteDef[]) {
    for (const route of routes) {
      const segments: Segment[] = route.path
        .split('/')
        .slice(1)
        .map((s) => {
          const param = /^\{(\w+)\}$/.exec(s)?.[1];
          return param ? { param } : { literal: s.toLowerCase() };
        });
      const method = route.method.toUpperCase();
      const list = this.byMethod.get(method) ?? [];
      list.push({ route, template: route.path.replace(/\{(\w+)\}/g, ':$1'), segments });
      this.byMethod.set(method, list);
    }
  }

  /** The route for a request's method and path (relative to /api/v1), or null. */
  match(method: string, path: string): RouteMatch | null {
    const list = this.byMethod.get(method === 'HEAD' ? 'GET' : method);
    if (!list || path.charCodeAt(0) !== 47 /* / */) return null;
    const end = path.length > 1 && path.endsWith('/') ? path.length - 1 : path.length;
    const parts = path.slice(1, end).split('/');
    for (const candidate of list) {
      const { segments } = candidate;
      if (segments.length !== parts.length) continue;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const s = segments[i]!;
        const part = parts[i]!;
        ok =
          'literal' in s
            ? part.length === s.literal.length && part.toLowerCase() === s.literal
            : part.length > 0;
      }
      if (!ok) continue;
      const params: Record<string, string> = {};
      segments.forEach((s, i) => {
        if ('param' in s) params[s.param] = decodeParam(parts[i]!);
      });
      return { route: candidate.route, template: candidate.template, params };
    }
    return null;
  }
}
