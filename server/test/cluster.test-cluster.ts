// Run by `npm run test:cluster` only: the suites there really run on a 3-master cluster.
import { Cluster } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeyNames, sampleHall, startTestServer, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('Redis Cluster', () => {
  it('serves a hall from two nodes on three masters, every key of the hall in one slot', async () => {
    s = await startTestServer(sampleHall('demo'));
    const cluster = s.redis as unknown as Cluster;
    expect(cluster).toBeInstanceOf(Cluster);
    expect(cluster.nodes('master')).toHaveLength(3);
    expect(s.urls).toHaveLength(2);
    for (let i = 0; i < 4; i++) {
      const r = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor' },
      });
      expect(r.body.number).toBe(`A00${i + 1}`);
    }
    const keys = await hallKeyNames(s, s.hall.id);
    expect(keys.length).toBeGreaterThan(4);
    const slots = new Set<number>();
    for (const k of keys) slots.add(Number(await cluster.call('CLUSTER', 'KEYSLOT', k)));
    expect(slots.size).toBe(1);
  });
});
