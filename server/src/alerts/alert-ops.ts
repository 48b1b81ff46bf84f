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

/** One op as the fold script reads it (alerts-fold-4.lua), '' for a field the cause has not. */
export type WireOp = (string | number | string[])[];

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
 * The ops as one compact JSON array of arrays (the script decodes it with one cjson call):
 * `['s'|'n', cause, kind, start, y, r, ly, lr, serviceId, ticketId, number, windowId, pauseKind,
 * clerkId, score, final]` to (re)start a cause ('n': nothing to end first), `['e', cause, at]`,
 * `['u', serviceId, at, limit minutes, windowIds]` for a 空岗 check.
 */
export function encodeOps(ops: CauseOp[]): string {
  const wire: WireOp[] = ops.map((op) => {
    switch (op.o) {
      case 'end':
        return ['e', op.c, op.at];
      case 'staff':
        return ['u', op.svc, op.at, op.lim, op.windows];
      case 'set': {
        const w: WireOp = [op.fresh ? 'n' : 's', op.c, op.kind, op.start, op.y, op.r, op.ly, op.lr];
        for (const f of SUBJECT) {
          const v = op[f];
          w.push(v === undefined ? '' : String(v));
        }
        while (w[w.length - 1] === '') w.pop();
        return w;
      }
    }
  });
  return JSON.stringify(wire);
}
