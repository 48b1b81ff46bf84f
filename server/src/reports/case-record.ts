/** A ticket's case record and an attendance entry, as the history stores them. */

export type CaseStatus =
  'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred' | 'expired';

export type CasePriority = 'normal' | 'green' | 'appointment';

/** A ticket's case record as stored (compact names: there are many of them). */
export interface StoredCase {
  /** ticket id */
  id: string;
  /** number, business day, service at issue, current service, priority, issued at */
  n: string;
  d: string;
  s: string;
  cs: string;
  p: CasePriority;
  i: number | null;
  /** checked in with an appointment: on time or late */
  ci?: 'on_time' | 'late';
  /** issued by staff for a resident (by: staff or service-desk device id), with the green reason */
  by?: { by: string; why: string };
  /** priority changes while waiting */
  pc?: { t: number; from: CasePriority; to: CasePriority; by: string; why: string }[];
  calls: { t: number; w: string; c: string | null; r: boolean; why: string | null }[];
  st: number | null;
  f: number | null;
  status: CaseStatus;
  o: string | null;
  tr: { t: number; from: string; toS: string | null; toW: string | null; note: string }[];
  chosen: string[];
  mm: string[];
  rt: { s: number; src: string; t: number } | null;
  /** window and clerk now, every window and clerk that took part */
  w: string | null;
  c: string | null;
  ws: string[];
  cls: string[];
  /** wait (issue to first call) and service (start to finish) in ms; within the service's limit */
  wait: number | null;
  svc: number | null;
  within: boolean | null;
}

export interface AttendanceEntry {
  t: number;
  kind: 'in' | 'out' | 'pause' | 'resume';
  w: string;
  c: string | null;
  pause?: 'brief' | 'closed';
  from?: string;
  to?: string;
  auto?: boolean;
}

/** A new case record: a ticket as issued, nothing happened yet. */
export function newCase(
  id: string,
  n: string,
  d: string,
  s: string,
  p: CasePriority,
  i: number | null,
): StoredCase {
  return {
    id,
    n,
    d,
    s,
    cs: s,
    p,
    i,
    calls: [],
    st: null,
    f: null,
    status: 'waiting',
    o: null,
    tr: [],
    chosen: [],
    mm: [],
    rt: null,
    w: null,
    c: null,
    ws: [],
    cls: [],
    wait: null,
    svc: null,
    within: null,
  };
}
