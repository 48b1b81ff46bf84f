import { describe, expect, it } from 'vitest';
import {
  builtInCovers,
  builtInMark,
  monthGrid,
  parseDayList,
  statutoryHolidays,
} from './holiday-days';

describe('holiday days', () => {
  it('reads a pasted list: closed days, make-up days, ranges, and names the lines it cannot read', () => {
    const { days, bad } = parseDayList(
      [
        '# 2027 年部分节假日安排',
        '2027-01-01 休',
        '2027-02-07　班',
        '2027-10-01 至 2027-10-03 休',
        '2027-02-30 休',
        '2027-03-01 maybe',
        '',
      ].join('\n'),
      ['09:00-12:00', '13:30-17:00'],
    );
    expect(days).toEqual({
      '2027-01-01': [],
      '2027-02-07': ['09:00-12:00', '13:30-17:00'],
      '2027-10-01': [],
      '2027-10-02': [],
      '2027-10-03': [],
    });
    expect(bad).toEqual([
      { line: 5, text: '2027-02-30 休' },
      { line: 6, text: '2027-03-01 maybe' },
    ]);
  });

  it("lists a year's statutory holidays from the lunar calendar (2027: 春节 on 6 February)", () => {
    const days = statutoryHolidays(2027);
    expect(days).toHaveLength(13);
    expect(days.filter((d) => d.name === '春节').map((d) => d.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    expect(days.find((d) => d.name === '清明节')?.date).toBe('2027-04-05');
    expect(days.find((d) => d.name === '中秋节')?.date).toBe('2027-09-15');
  });

  it('knows the built-in calendar and the years it covers', () => {
    expect(builtInMark('2026-10-01')).toBe('holiday');
    expect(builtInMark('2026-09-20')).toBe('makeup');
    expect(builtInMark('2026-11-07')).toBe('weekend');
    expect(builtInCovers(2026)).toBe(true);
    expect(builtInCovers(2031)).toBe(false);
  });

  it('lays a month out in weeks from Monday', () => {
    const weeks = monthGrid(2027, 2);
    expect(weeks[0]).toEqual([
      '2027-02-01',
      '2027-02-02',
      '2027-02-03',
      '2027-02-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
    ]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(28);
  });
});
