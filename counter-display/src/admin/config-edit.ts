import { configDiff } from '@hall/protocol';

/** A place in the configuration: keys and array indexes, as zod reports them. */
export type Path = readonly (string | number)[];

/** `services.0.name`: the form a zod issue's path and the API's `details[].path` take. */
export const pathKey = (path: Path): string => path.map(String).join('.');

/** The value at a path, or undefined. */
export function getIn(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A copy of `value` with the value at `path` replaced (undefined removes the key). */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const node = (value ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  const child = setIn(copy[head], rest, next);
  if (child === undefined && !Array.isArray(copy)) delete copy[head];
  else copy[head] = child;
  return copy as T;
}

/** One difference between the saved configuration and the edited one. */
export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isScalarList = (v: unknown): v is unknown[] =>
  Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');

/**
 * What editing changed: the protocol's `configDiff`, the same diff the audit log records
 * (records by id, a reorder as one change, secrets as [redacted]), each marked added,
 * removed or changed.
 */
export function diffConfig(before: unknown, after: unknown): Change[] {
  return configDiff(before, after).map((c) => ({
    ...c,
    kind: c.before === undefined ? 'added' : c.after === undefined ? 'removed' : 'changed',
  }));
}

/** A value as the confirmation shows it: short, one line (`empty` for an empty list). */
export function showValue(v: unknown, empty: string): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? empty : v;
  if (Array.isArray(v) && isScalarList(v)) return v.map(String).join(' / ') || empty;
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The edits of `mine` (made on `base`) carried onto `newer`, section by section: a section only
 * I changed keeps my version, one only they changed keeps theirs, one we both changed keeps
 * theirs and is named in `conflicts` (so nothing of theirs is overwritten unseen).
 */
export function rebaseSections<T extends object>(
  base: T,
  mine: T,
  newer: T,
): { merged: T; conflicts: string[] } {
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  const n = newer as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...n };
  const conflicts: string[] = [];
  for (const k of new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(n)])) {
    if (same(m[k], b[k])) continue;
    if (same(n[k], b[k])) {
      if (m[k] === undefined) delete merged[k];
      else merged[k] = m[k];
    } else if (!same(n[k], m[k])) conflicts.push(k);
  }
  return { merged: merged as T, conflicts };
}
