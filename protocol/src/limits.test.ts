import { describe, expect, it } from 'vitest';
import { limitLevel, serviceTimeLimits, TimeLimits } from './limits.js';

describe('time limits', () => {
  it('fills the hall defaults and lets a service override its own', () => {
    const hall = TimeLimits.parse({ serviceMinutes: { yellow: 15, red: 25 } });
    expect(hall.waitMinutes).toEqual({ yellow: 20, red: 30 });
    expect(hall.unstaffedQueueMinutes).toBe(5);
    const own = serviceTimeLimits(hall, { waitMinutes: { yellow: 5, red: 8 } });
    expect(own.waitMinutes).toEqual({ yellow: 5, red: 8 });
    expect(own.serviceMinutes).toEqual({ yellow: 15, red: 25 });
  });

  it('refuses a yellow above its red', () => {
    const r = TimeLimits.safeParse({ waitMinutes: { yellow: 40, red: 30 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['waitMinutes', 'yellow']);
  });

  it('turns yellow and red exactly at the limits', () => {
    const pair = { yellow: 10, red: 20 };
    expect(limitLevel(9.99, pair)).toBe('none');
    expect(limitLevel(10, pair)).toBe('yellow');
    expect(limitLevel(19.99, pair)).toBe('yellow');
    expect(limitLevel(20, pair)).toBe('red');
  });
});
