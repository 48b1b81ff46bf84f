import { describe, expect, it } from 'vitest';
import { toHallIso } from '../domain/business-day.js';
import { percentile, rate } from './figures.js';
import { daysBetween, hallIsoFormatter, wholeMonths } from './report-service.js';

describe('report figures', () => {
  it('takes percentiles by nearest rank over whole minutes', () => {
    // 3, 8, 9, 21, 22, 35: the 3rd is the median, the 6th the 90th percentile
    const hist: [number, number][] = [3, 8, 9, 21, 22, 35].map((m) => [m, 1]);
    expect(percentile(hist, 0.5)).toBe(9);
    expect(percentile(hist, 0.9)).toBe(35);
    expect(percentile([[4, 10]], 0.9)).toBe(4);
    expect(percentile([], 0.5)).toBeNull();
    expect(rate(5, 6)).toBe(0.8333);
    expect(rate(1, 0)).toBeNull();
  });

  it('reads whole months as one period and the rest day by day', () => {
    expect(wholeMonths(daysBetween('2026-01-30', '2026-03-02'))).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(() => daysBetween('2024-01-01', '2026-01-01')).toThrow();
  });

  it('formats times as toHallIso does, across a DST change', () => {
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
      const format = hallIsoFormatter(tz);
      const end = Date.parse('2026-03-10T00:00:00Z');
      for (let ms = Date.parse('2026-03-07T00:00:00Z'); ms < end; ms += 777_777) {
        expect(format(ms)).toBe(toHallIso(ms, tz));
      }
    }
  });
});
