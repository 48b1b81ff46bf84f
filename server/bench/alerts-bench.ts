// Alert engine benchmark: what one node's tick costs as a hall's running causes grow. On a real
// redis-server, with an injected clock, for N waiting tickets (each a running wait_limit cause):
//   fold   the tick that folds the N ticket.issued events into causes (events per second)
//   idle   a tick with nothing new and nothing due (p50/p99 over 200 ticks)
//   raise  the tick that raises N yellow alerts at once (alerts per second)
//   list   GET …/alerts?state=open with N open alerts, as the board reads it
//   npm run bench:alerts              (TICKETS=1000,10000 to change the sizes)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Principal } from '../src/auth/principal.js';
import { parseHallConfig } from '../src/config/hall-config.js';
import { startServer } from '../src/server.js';
import { issueTicket } from '../src/tickets/issue-ticket.js';
import { startRedis } from '../test/redis-process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.TICKETS ?? '1000,10000').split(',').map(Number);
const SERVICES = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

const redis = await startRedis();
try {
  for (const size of SIZES) {
    const hall = parseHallConfig(
      readFileSync(join(HERE, '..', '..', 'config', 'demo.yaml'), 'utf8'),
      'demo.yaml',
    );
    hall.id = `bench-${randomBytes(4).toString('hex')}`;
    hall.services.forEach((s) => (s.dailyQuota = null));
    const clock = { ms: T0, now: () => clock.ms };
    const server = await startServer({ halls: [hall], redis: redis.url, clock });
    const h = server.halls.get(hall.id);
    const kiosk = hall.devices.find((d) => d.kind === 'kiosk');
    if (!h || !kiosk) throw new Error('demo hall without kiosk');
    const principal: Principal = { kind: 'device', hallId: hall.id, device: kiosk };
    for (let i = 0; i < size; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, size - i) }, (_, j) =>
          issueTicket(
            h,
            principal,
            { serviceId: SERVICES[(i + j) % SERVICES.length] ?? 'labor' },
            'zh',
          ),
        ),
      );
    }
    clock.ms = T0 + 1000;
    const fold = await timed(() => server.alerts.tick());
    // 空岗 (no window is open) is raised in the same first ticks; let it settle
    clock.ms = T0 + 60_000;
    await server.alerts.tick();
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await timed(() => server.alerts.tick()));
    idle.sort((a, b) => a - b);
    // demo wait limit: yellow at 3 minutes; raise in ticks of up to 200 alerts until done
    clock.ms = T0 + 3 * 60_000;
    let ticks = 0;
    const raise = await timed(async () => {
      for (;;) {
        ticks++;
        const before = await server.redis.zcard(`{hall:${hall.id}}:al:open`);
        await server.alerts.tick();
        const after = await server.redis.zcard(`{hall:${hall.id}}:al:open`);
        if (after === before) break;
      }
    });
    const open = await server.redis.zcard(`{hall:${hall.id}}:al:open`);
    const list = await timed(() => server.alerts.list(h, 'open'));
    console.log(
      `${size} waiting tickets: fold ${ms(fold)} (${Math.round((size / fold) * 1000)} events/s); ` +
        `idle tick p50 ${ms(percentile(idle, 50))} p99 ${ms(percentile(idle, 99))}; ` +
        `raise ${open} alerts ${ms(raise)} in ${ticks} ticks (${Math.round((open / raise) * 1000)} alerts/s); ` +
        `list open ${ms(list)}`,
    );
    await server.close();
  }
} finally {
  await redis.stop();
}
