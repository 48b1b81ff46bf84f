import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHallConfig } from '../config/hall-config.js';
import { chineseCalendar } from '../domain/calendar.js';
import { yearCalendar } from './calendar-route.js';

const township = parseHallConfig(
  readFileSync(new URL('../../../config/township.yaml', import.meta.url), 'utf8'),
  'township.yaml',
);

describe('the holiday calendar of a year', () => {
  it('shows statutory holidays, 调休 make-up days, overrides and each day’s hours', () => {
    const days = new Map(
      yearCalendar(township.schedule, 2026, chineseCalendar).map((d) => [d.date, d]),
    );
    expect(days.size).toBe(365);
    expect(days.get('2026-10-01')).toEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      periods: [],
    });
    // a Saturday worked in lieu (调休) keeps Monday's hours
    expect(days.get('2026-02-14')).toMatchObject({
      kind: 'makeup_workday',
      name: '春节',
      periods: [
        { from: '08:30', to: '12:00' },
        { from: '14:30', to: '17:30' },
      ],
    });
    expect(days.get('2026-12-31')).toMatchObject({
      kind: 'override',
      periods: [{ from: '08:30', to: '12:00' }],
    });
    expect(days.get('2026-11-27')).toMatchObject({
      kind: 'workday',
      periods: [{ from: '08:30', to: '12:00' }],
    });
    expect(days.get('2026-11-28')).toMatchObject({ kind: 'weekend', periods: [] });
  });
});
