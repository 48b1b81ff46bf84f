import { describe, expect, it } from 'vitest';
import { checkInVerdict, checkInWindow } from './check-in.js';

const slot = Date.parse('2026-12-01T09:00:00+08:00');
const w = { checkInEarlyMinutes: 30, checkInLateMinutes: 15 };
const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+08:00`);
const booked = { status: 'booked' as const, slotStartMs: slot };

describe('checkInVerdict', () => {
  it('is early before the window opens and says when to come back', () => {
    expect(checkInVerdict(booked, at('08:29'), w)).toEqual({
      verdict: 'early',
      comeBackAt: at('08:30'),
    });
    expect(checkInVerdict(booked, Date.parse('2026-11-30T09:00:00+08:00'), w)).toEqual({
      verdict: 'early',
      comeBackAt: at('08:30'),
    });
  });

  it('is on time from the window’s opening up to just before it closes', () => {
    for (const t of ['08:30', '09:00', '09:14'])
      expect(checkInVerdict(booked, at(t), w)).toEqual({ verdict: 'on_time' });
  });

  it('is late from the window’s close on, and for a recorded no-show (a normal ticket)', () => {
    expect(checkInVerdict(booked, at('09:15'), w)).toEqual({ verdict: 'late' });
    expect(checkInVerdict(booked, at('16:00'), w)).toEqual({ verdict: 'late' });
    expect(checkInVerdict({ ...booked, status: 'no_show' }, at('10:00'), w)).toEqual({
      verdict: 'late',
    });
  });

  it('refuses a used or a cancelled appointment whatever the time', () => {
    for (const t of ['08:00', '09:00', '12:00']) {
      expect(checkInVerdict({ ...booked, status: 'checked_in' }, at(t), w).verdict).toBe('used');
      expect(checkInVerdict({ ...booked, status: 'cancelled' }, at(t), w).verdict).toBe(
        'cancelled',
      );
    }
  });

  it('follows the hall’s window: zero minutes early means from the slot’s start', () => {
    const strict = { checkInEarlyMinutes: 0, checkInLateMinutes: 0 };
    expect(checkInWindow(slot, strict)).toEqual({ from: slot, until: slot });
    expect(checkInVerdict(booked, slot - 1, strict).verdict).toBe('early');
    expect(checkInVerdict(booked, slot, strict).verdict).toBe('late');
  });
});
