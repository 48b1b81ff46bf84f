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

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalarList = (v: unknown): v is unknown[] =>
  Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');
/** Items of a list that carry their own id (services, windows …) are matched by id, not place. */
const byId = (v: unknown[]): Map<string, unknown> | null => {
  const ids = v.map((x) => (isObject(x) && typeof x.id === 'string' ? x.id : null));
  if (ids.some((id) => id === null) || new Set(ids).size !== ids.length) return null;
  return new Map(v.map((x, i) => [ids[i] as string, x]));
};

/**
 * What editing changed, leaf by leaf: objects key by key, lists of records by their id (a moved
 * service is one "order" change, not a change of every field), lists of plain values whole.
 */
export function diffConfig(before: unknown, after: unknown, path = ''): Change[] {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffConfig(before[k], after[k], at(k)));
  }
  if (Array.isArray(before) && Array.isArray(after) && !isScalarList(before)) {
    const a = byId(before);
    const b = byId(after);
    if (a && b) {
      const changes: Change[] = [];
      const order = (m: Map<string, unknown>) => [...m.keys()].filter((k) => a.has(k) && b.has(k));
      if (order(a).join() !== order(b).join())
        changes.push({ path: at('order'), kind: 'changed', before: order(a), after: order(b) });
      for (const id of new Set([...a.keys(), ...b.keys()]))
        changes.push(...diffConfig(a.get(id), b.get(id), at(id)));
      return changes;
    }
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) =>
      diffConfig(before[i], after[i], at(String(i))),
    ).flat();
  }
  return [{ path, kind: 'changed', before, after }];
}

/** A value as the confirmation shows it: short, one line (`empty` for an empty list). */
export function showValue(v: unknown, empty: string): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? empty : v;
  if (Array.isArray(v) && isScalarList(v)) return v.map(String).join(' / ') || empty;
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
