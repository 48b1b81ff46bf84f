import type { ReportBy, ReportRow, TimeFigures } from '@hall/protocol';

/**
 * One definition of every report figure, from the summed day aggregates
 * (docs/reports.md). The API, the exports and the console all read these rows.
 */

/** Figures of one key summed over days: figure name -> count. */
export type Sums = Map<string, number>;

/** The aggregate hash of each breakdown (fold.ts writes `<dim>|<key>|<figure>`). */
export const DIM: Record<ReportBy, string> = { hall: 'h', service: 's', window: 'w', clerk: 'c' };

/** Sums the aggregate fields (`<key>|<figure>`) of days or months: key -> figure -> total. */
export function sumAggregates(periods: Record<string, string>[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const period of periods) {
    for (const [field, value] of Object.entries(period)) {
      const bar = field.indexOf('|');
      const key = field.slice(0, bar);
      const figure = field.slice(bar + 1);
      let sums = out.get(key);
      if (!sums) out.set(key, (sums = new Map<string, number>()));
      sums.set(figure, (sums.get(figure) ?? 0) + Number(value));
    }
  }
  return out;
}

/** Rounds a share to 4 decimals (0.9523); null without cases. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/**
 * Nearest-rank percentile over whole minutes: the smallest minute m such that at
 * least ceil(p·n) cases took m minutes or less.
 */
export function percentile(hist: [number, number][], p: number): number | null {
  const n = hist.reduce((a, [, c]) => a + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const [minute, c] of hist) {
    seen += c;
    if (seen >= rank) return minute;
  }
  return hist[hist.length - 1]?.[0] ?? null;
}

/** The histogram `<prefix><minute>` of a key's sums, sorted by minute. */
export function histogram(sums: Sums, prefix: string): [number, number][] {
  const out: [number, number][] = [];
  for (const [figure, count] of sums) {
    if (figure.startsWith(prefix) && count > 0)
      out.push([Number(figure.slice(prefix.length)), count]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function times(sums: Sums, n: string, sum: string, hist: string): TimeFigures {
  const count = sums.get(n) ?? 0;
  const h = histogram(sums, hist);
  return {
    mean: count > 0 ? Math.round(((sums.get(sum) ?? 0) / 60 / count) * 10) / 10 : null,
    median: percentile(h, 0.5),
    p90: percentile(h, 0.9),
  };
}

/** A report row from a key's sums. */
export function reportRow(key: string, name: string, sums: Sums = new Map()): ReportRow {
  const get = (f: string) => sums.get(f) ?? 0;
  return {
    key,
    name,
    issued: get('issued'),
    served: get('served'),
    noShow: get('noShow'),
    expired: get('expired'),
    transferred: get('transferred'),
    recalled: get('recalled'),
    chosenCalls: get('chosen'),
    waitMinutes: times(sums, 'waitN', 'waitSum', 'wh:'),
    serviceMinutes: times(sums, 'svcN', 'svcSum', 'sh:'),
    withinLimitRate: rate(get('within'), get('svcN')),
    oneTimeNotices: get('oneTime'),
    ratingsOffered: get('offered'),
    ratingsGiven: get('rated'),
    badRatings: get('bad'),
    satisfactionRate: rate(get('satisfied'), get('rated')),
    byHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      arrivals: get(`arr:${hour}`),
      calls: get(`call:${hour}`),
    })),
    appointments: get('appt'),
    greenChannel: get('green'),
    staffIssued: get('byStaff'),
    priorityChanges: get('priorityChanged'),
  };
}

/** The hall's waiting times in bands for the distribution chart. */
export function waitBands(
  sums: Sums,
  edges = [0, 5, 10, 15, 20, 30, 45, 60],
): { fromMinutes: number; toMinutes: number | null; count: number }[] {
  const hist = histogram(sums, 'wh:');
  return edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    const count = hist
      .filter(([m]) => m >= from && (to === null || m < to))
      .reduce((a, [, c]) => a + c, 0);
    return { fromMinutes: from, toMinutes: to, count };
  });
}
