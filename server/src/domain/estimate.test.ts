import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes, serversFor, updateMean } from './estimate.js';

describe('wait estimate', () => {
  it('divides the work ahead by the windows serving the service', () => {
    expect(estimateWaitMinutes({ ahead: 3, meanServiceMs: 8 * 60_000, servers: 2 })).toBe(14);
    expect(estimateWaitMinutes({ ahead: 0, meanServiceMs: 8 * 60_000, servers: 1 })).toBe(4);
  });
  it('gives no figure when no window serving it is open', () => {
    expect(estimateWaitMinutes({ ahead: 3, meanServiceMs: 60_000, servers: 0 })).toBeNull();
  });
  it('counts a window that serves k services as 1/k of a window for each', () => {
    const windows = [
      { services: ['labor'], open: true },
      { services: ['labor'], open: false },
      { services: ['party', 'labor'], open: true },
    ];
    expect(serversFor('labor', windows)).toBe(1.5);
    expect(serversFor('civil', windows)).toBe(0);
  });
  it('moves the mean a fifth of the way toward each new service time', () => {
    expect(updateMean(10, 20)).toBe(12);
  });
  it('never says no wait to someone with people ahead', () => {
    // a learned mean of 10 s: 2 ahead would round to 0 minutes
    expect(estimateWaitMinutes({ ahead: 2, meanServiceMs: 10_000, servers: 1 })).toBe(1);
    expect(estimateWaitMinutes({ ahead: 0, meanServiceMs: 10_000, servers: 1 })).toBe(0);
  });
});
