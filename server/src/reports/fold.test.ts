import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hallEventTypes } from '@hall/protocol';
import { describe, expect, it } from 'vitest';
import { parseHallConfig } from '../config/hall-config.js';
import { newCase } from './case-record.js';
import { FOLDED_TYPES, foldableEntries, foldEvents } from './fold.js';
import { parseEntry, type RawEvent } from '../realtime/event-reader.js';

const hall = parseHallConfig(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../config/demo.yaml'), 'utf8'),
  'demo.yaml',
);

/** Data that would interest the fold in any event: a known ticket, window, clerk, score. */
const data = {
  ticketId: 't1',
  number: 'A001',
  serviceId: 'labor',
  windowId: '1',
  fromWindowId: '1',
  clerkId: 'clerk1',
  score: 5,
  outcome: 'done',
  kind: 'brief',
};

/** Folds one event onto a known ticket (called at window 1), or onto no case record at all. */
function foldOne(type: string, known: boolean) {
  const c = newCase('t1', 'A001', '2026-11-02', 'labor', 'normal', Date.parse('2026-11-02T01:00Z'));
  c.status = 'called';
  c.w = '1';
  const event: RawEvent = { id: '1-0', type, at: Date.parse('2026-11-02T01:10Z'), data };
  return foldEvents(hall, [event], new Map(known ? [['t1', c]] : []), { '1': 'clerk1' });
}

describe('the events the fold counts', () => {
  it('are the only ones that change a figure, a case record, attendance or who is at a window', () => {
    const changes = (type: string, known: boolean) => {
      const r = foldOne(type, known);
      return (
        r.incr.size > 0 ||
        r.cases.size > 0 ||
        r.newCases.size > 0 ||
        r.attendance.size > 0 ||
        JSON.stringify(r.windowClerks) !== JSON.stringify({ '1': 'clerk1' })
      );
    };
    const changing = [...hallEventTypes, 'ticket.some_later_kind', 'other.kind'].filter(
      (type) => changes(type, true) || changes(type, false),
    );
    expect(new Set(changing)).toEqual(FOLDED_TYPES);
  });

  it('are read from a stream entry as parseEntry reads them; the others are passed over', () => {
    const entry = (id: string, fields: string[]): [string, string[]] => [id, fields];
    const entries = [
      entry('1-0', ['type', 'ticket.issued', 'at', '1700000000000', 'data', '{"ticketId":"t1"}']),
      entry('2-0', ['type', 'print.updated', 'at', '1700000000001', 'data', '{"jobId":"j"}']),
      entry('3-0', ['at', '17', 'type', 'window.opened', 'data', '{"windowId":"1","x":"窗口"}']),
      entry('4-0', ['type', 'ticket.called', 'at', 'soon', 'data', '{not json']),
      entry('5-0', ['type', 'ticket.started', 'at', '5']),
      entry('6-0', ['type', 'config.seeded', 'at', '6', 'by', 'file']),
      entry('7-0', ['at', '7', 'data', '{}']),
    ];
    const expected = entries.map(parseEntry).filter((e) => FOLDED_TYPES.has(e.type));
    expect(foldableEntries(entries)).toEqual(expected);
    expect(expected.map((e) => e.id)).toEqual(['1-0', '3-0', '4-0', '5-0']);
    expect(expected[2]).toEqual({ id: '4-0', type: 'ticket.called', at: 0, data: {} });
  });
});
