import type { CauseOp, CheckStaffing, EndCause, SetCause } from './alert-causes.js';

/**
 * What a batch's ops leave behind, with the same alerts: per cause, only its first and last op
 * matter (docs/decisions/073-alerts-fold-per-cause-net-effect.md).
 *
 * - Only the first op on a cause can clear an alert: no alert is raised between two ops of one
 *   batch (the fire script refuses to run until the batch is folded), so a cause (re)started in
 *   the batch has none when a later op ends it. That first op becomes an `end` at its own time
 *   (a `set` ended what ran before it at its start), kept in its place, so the `alert.cleared`
 *   events come in the same order with the same times.
 * - Only the last op says whether the cause runs after the batch: a last `set` starts it
 *   (`fresh`: nothing to end, the first op already did), a last `end` leaves nothing.
 * - A cause that could not be running before the batch (a new ticket's wait) needs no end at all:
 *   a ticket issued and called in one batch costs nothing.
 *
 * The 空岗 checks stay as they are, after the causes (they read the lanes as they are now).
 */
export function netOps(ops: CauseOp[]): CauseOp[] {
  const byCause = new Map<string, { first: SetCause | EndCause; last: SetCause | EndCause }>();
  const staff: CheckStaffing[] = [];
  for (const op of ops) {
    if (op.o === 'staff') staff.push(op);
    else {
      const seen = byCause.get(op.c);
      if (seen) seen.last = op;
      else byCause.set(op.c, { first: op, last: op });
    }
  }
  const out: CauseOp[] = [];
  for (const [c, { first, last }] of byCause) {
    if (first === last) {
      out.push(first);
      continue;
    }
    const wasNew = first.o === 'set' && first.fresh === 1;
    if (!wasNew) out.push({ o: 'end', c, at: first.o === 'set' ? first.start : first.at });
    if (last.o === 'set') out.push({ ...last, fresh: 1 });
  }
  return [...out, ...staff];
}

const SUBJECT = [
  'serviceId',
  'ticketId',
  'number',
  'windowId',
  'pauseKind',
  'clerkId',
  'score',
  'final',
] as const;

/**
 * A cause as the fold script stores it: one JSON field `d` of its hash (`kind`, `start`, `y`,
 * `r`, `ly`, `lr` as numbers, the subject's fields as strings). One field instead of a dozen:
 * a hash field costs Redis about as much as the key that holds it.
 */
export function causeData(op: SetCause): string {
  // written out: a JSON.stringify of an object per cause cost twice as much (numbers print as
  // JSON prints them; kinds are plain words)
  let d = `{"kind":"${op.kind}","start":${op.start},"y":${op.y},"r":${op.r},"ly":${op.ly},"lr":${op.lr}`;
  for (const f of SUBJECT) {
    const v = op[f];
    if (v !== undefined) d += `,"${f}":${JSON.stringify(String(v))}`;
  }
  return `${d}}`;
}

/**
 * The ops as the fold script reads them (alerts-fold-4.lua): one JSON array (one argument and
 * one `cjson.decode`: an argument per field cost the server more than the decoding costs Redis)
 * of `['n', cause, start, yellow deadline, data]` (starts a cause: nothing runs
 * under its name), `['s', …]` (the same, ending what runs under its name at start first),
 * `['e', cause, at]` (the cause ended), `['u', service, at, limit minutes, [windows]]` (a 空岗
 * check).
 */
export function encodeOps(ops: CauseOp[]): string {
  const wire: (string | number | string[])[][] = [];
  for (const op of ops) {
    switch (op.o) {
      case 'end':
        wire.push(['e', op.c, op.at]);
        break;
      case 'staff':
        wire.push(['u', op.svc, op.at, op.lim, op.windows]);
        break;
      case 'set':
        wire.push([op.fresh ? 'n' : 's', op.c, op.start, op.y, causeData(op)]);
        break;
    }
  }
  return JSON.stringify(wire);
}
