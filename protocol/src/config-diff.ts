import { REDACTED_VALUE, type ConfigChange } from './hall-admin.js';

// The diff of two hall configurations: what the audit log records for each change and what the
// admin console shows to confirm before saving (one function for both).

/** Fields whose values never leave the server in a diff or an event (hashes and secrets). */
const SECRET_KEYS: ReadonlySet<string> = new Set(['passwordHash', 'tokenHash', 'token', 'secret']);
export const REDACTED = REDACTED_VALUE;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of objects with ids (services, windows, staff …) compares item by item by id. */
function byId(list: unknown[]): Map<string, unknown> | null {
  const map = new Map<string, unknown>();
  for (const item of list) {
    if (!isObject(item) || typeof item.id !== 'string' || map.has(item.id)) return null;
    map.set(item.id, item);
  }
  return map;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? REDACTED : redact(v);
  return out;
}

function walk(path: string, key: string, a: unknown, b: unknown, out: ConfigChange[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (SECRET_KEYS.has(key)) {
    out.push({
      path,
      ...(a === undefined ? {} : { before: REDACTED }),
      ...(b === undefined ? {} : { after: REDACTED }),
    });
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(path ? `${path}.${k}` : k, k, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ma = byId(a);
    const mb = byId(b);
    if (ma && mb && (ma.size > 0 || mb.size > 0)) {
      for (const id of new Set([...ma.keys(), ...mb.keys()]))
        walk(`${path}[${id}]`, '', ma.get(id), mb.get(id), out);
      const order = (m: Map<string, unknown>) =>
        [...m.keys()].filter((id) => ma.has(id) && mb.has(id));
      if (JSON.stringify(order(ma)) !== JSON.stringify(order(mb)))
        out.push({ path: `${path}.order`, before: [...ma.keys()], after: [...mb.keys()] });
      return;
    }
  }
  out.push({
    path,
    ...(a === undefined ? {} : { before: redact(a) }),
    ...(b === undefined ? {} : { after: redact(b) }),
  });
}

/**
 * What changed between two configurations, field by field, with password hashes, token
 * hashes and secrets shown only as changed ([redacted]). Lists of things with ids compare by
 * id, so renaming one service is one change, not a shifted list.
 */
export function configDiff(before: unknown, after: unknown): ConfigChange[] {
  const out: ConfigChange[] = [];
  walk('', '', before, after, out);
  return out;
}

/** The top-level sections a diff touches (`services`, `rules` …). */
export function sectionsOf(changes: ConfigChange[]): string[] {
  return [...new Set(changes.map((c) => /^[^.[]+/.exec(c.path)?.[0] ?? c.path))];
}
