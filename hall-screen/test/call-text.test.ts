// The hall screen's call sentence, quiet hours and the age rule for calls replayed after a reconnect.
import { describe, expect, it } from 'vitest';
import { callText, freshEnough, inQuietHours } from '../src/call-text.js';
import { activeNotices } from '../src/notice-ticker.js';

describe('call text', () => {
  it("fills the hall's template", () => {
    const call = { number: 'A023', windowId: '3', windowName: '3号窗口' };
    expect(callText('请{number}号到{windowId}号窗口办理', call)).toBe('请A023号到3号窗口办理');
    expect(callText('请{number}号到{window}办理,{number}号', call)).toBe(
      '请A023号到3号窗口办理,A023号',
    );
  });

  it('knows quiet hours in the hall time zone, also across midnight', () => {
    const at = (iso: string) => new Date(iso);
    const tz = 'Asia/Shanghai';
    expect(inQuietHours([], at('2026-11-23T23:00:00+08:00'), tz)).toBe(false);
    expect(inQuietHours(['22:00-07:00'], at('2026-11-23T23:00:00+08:00'), tz)).toBe(true);
    expect(inQuietHours(['22:00-07:00'], at('2026-11-24T06:59:00+08:00'), tz)).toBe(true);
    expect(inQuietHours(['22:00-07:00'], at('2026-11-24T07:00:00+08:00'), tz)).toBe(false);
    expect(inQuietHours(['12:00-13:30'], at('2026-11-23T04:30:00Z'), tz)).toBe(true);
    expect(inQuietHours(['12:00-13:30'], at('2026-11-23T05:30:00Z'), tz)).toBe(false);
  });

  it('speaks a replayed call only while it is young enough', () => {
    const now = Date.parse('2026-11-23T10:00:00+08:00');
    expect(freshEnough('2026-11-23T09:59:30+08:00', now, 60)).toBe(true);
    expect(freshEnough('2026-11-23T09:58:59+08:00', now, 60)).toBe(false);
  });

  it('drops notices past their end and those not yet started', () => {
    const now = Date.parse('2026-11-23T10:00:00+08:00');
    const notices = [
      { id: 'a', text: 'a' },
      { id: 'b', text: 'b', endsAt: '2026-11-23T09:59:59+08:00' },
      { id: 'c', text: 'c', startsAt: '2026-11-23T10:00:01+08:00' },
      {
        id: 'd',
        text: 'd',
        startsAt: '2026-11-23T09:00:00+08:00',
        endsAt: '2026-11-23T11:00:00+08:00',
      },
    ];
    expect(activeNotices(notices, now).map((n) => n.id)).toEqual(['a', 'd']);
  });
});
