// Configuration change benchmark: two server nodes on one real redis-server; a change is
// saved every INTERVAL ms (open loop: the next one is sent on time whatever the last took),
// alternating a renamed service and a new notice. Per change:
//   put        PUT /config on node A, from send to answer (validate, diff, compare-and-set, apply)
//   applied-B  from send until node B has swapped the new version in (pub/sub, load, validate)
// and the cost of the check before each snapshot: GET /halls/{id} p50 with and without it.
//   npm run bench:config              (CHANGES=100 INTERVAL=100 to change them)
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { demoHall } from './demo-hall.js';
import { startServer } from '../src/server.js';
import { startRedis } from '../test/redis-process.js';

const CHANGES = Number(process.env.CHANGES ?? 100);
const INTERVAL = Number(process.env.INTERVAL ?? 100);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${(s[s.length - 1] ?? NaN).toFixed(1)} ms`;
};

const redis = await startRedis();
const hall = demoHall(`bench-${randomBytes(4).toString('hex')}`);
const logger = pino({ level: 'silent' });
const a = await startServer({ halls: [hall], redis: redis.url, logger });
const b = await startServer({ halls: [structuredClone(hall)], redis: redis.url, logger });
try {
  const login = await fetch(`${a.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234', hallId: hall.id }),
  });
  const { token } = (await login.json()) as { token: string };
  const liveB = b.config.live(hall.id);
  const appliedAt = new Map<number, number>();
  liveB.onChange(() => appliedAt.set(liveB.version, performance.now()));

  const put: number[] = [];
  const applied: number[] = [];
  let version = a.config.live(hall.id).version;
  const start = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const due = start + i * INTERVAL;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // each change is made on the version the previous one produced: wait for its answer
    await sends[sends.length - 1];
    const config = structuredClone(a.config.live(hall.id).saved);
    if (i % 2 === 0) config.services[0]!.name = `劳动保障${i}`;
    else config.notices.push({ id: `n${i}`, text: `公告${i}` });
    const sent = performance.now();
    const expected = version + 1;
    sends.push(
      fetch(`${a.url}/api/v1/halls/${hall.id}/config`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'if-match': String(version),
        },
        body: JSON.stringify({ config }),
      }).then(async (res) => {
        put.push(performance.now() - sent);
        if (res.status !== 200) throw new Error(`PUT ${res.status}: ${await res.text()}`);
        version = expected;
        for (let t = 0; !appliedAt.has(expected) && t < 500; t++)
          await new Promise((r) => setTimeout(r, 1));
        applied.push((appliedAt.get(expected) ?? NaN) - sent);
      }),
    );
  }
  await Promise.all(sends);

  const snapshot = async (n: number) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await (await fetch(`${b.url}/api/v1/halls/${hall.id}`)).arrayBuffer();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  const withCheck = await snapshot(300);
  const check = b.halls.get(hall.id)?.configCheck ?? null;
  const hb = b.halls.get(hall.id);
  if (hb) hb.configCheck = null;
  const withoutCheck = await snapshot(300);
  if (hb) hb.configCheck = check;

  console.log(
    `configuration changes: ${CHANGES}, one every ${INTERVAL} ms (the demo hall, ${JSON.stringify(a.config.live(hall.id).saved).length} bytes of JSON)`,
  );
  console.log(`  put        ${summary(put)}`);
  console.log(`  applied-B  ${summary(applied)}`);
  console.log(`GET /halls/{id} on node B, 300 sequential reads`);
  console.log(`  with the version check     ${summary(withCheck)}`);
  console.log(`  without the version check  ${summary(withoutCheck)}`);
} finally {
  await b.close();
  await a.close();
  await redis.stop();
}
