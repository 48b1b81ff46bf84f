// Several server nodes as one, and a node killed outright: each subscriber still sees every
// event of the day once and in order, whichever node made the call.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadHallConfig } from '../src/config/hall-config.js';
import { startTestServer, type TestServer } from './helpers.js';
import { freePort } from './redis-process.js';
import {
  apiAt,
  caughtUp,
  eventDerived,
  recordHall,
  runScriptedDay,
  spawnServerProcess,
  waitUntil,
  writeDemoHallFile,
  type Api,
  type RecordingClient,
} from './realtime-helpers.js';

/** A whole day over HTTP and sockets: generous on a loaded machine; nothing here measures speed. */
const HEAVY = 240_000;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/**
 * A hall screen's client (its device token): a screen replays up to 1,000 missed events after
 * its node goes down, where an anonymous page gets a new snapshot after 200 (limits.ts), and
 * the outages below miss about that many.
 */
function record(url: string, hallId: string): RecordingClient {
  const c = recordHall(url, hallId, { token: 'demo-screen' });
  cleanup.push(() => c.close());
  return c;
}

async function live(...clients: RecordingClient[]): Promise<void> {
  await waitUntil(
    () => clients.every((c) => c.conn.status === 'live'),
    () => clients.map((c) => c.conn.status).join(),
  );
}

async function expectComplete(hallId: string, c: RecordingClient, node: TestServer): Promise<void> {
  const ids = await caughtUp(inject('redisUrl'), hallId, c);
  expect(c.events.map((e) => e.id)).toEqual(ids);
  expect(c.rawProblems).toEqual([]);
  // a device's snapshot, with the ticket ids the socket's state carries
  const rest = await node.api('GET', `/halls/${hallId}`, { token: 'demo-screen' });
  expect(eventDerived(c.conn.state!)).toEqual(eventDerived(rest.body));
}

/** Two nodes on one Redis, each built from the same hall file (as a deployment would). */
async function twoNodes(): Promise<{ hallId: string; a: TestServer; b: TestServer }> {
  const hallId = `nodes-${randomBytes(4).toString('hex')}`;
  const hall = loadHallConfig(writeDemoHallFile(hallId));
  const a = await startTestServer(hall);
  cleanup.push(() => a.close());
  const b = await startTestServer(loadHallConfig(writeDemoHallFile(hallId)));
  cleanup.push(() => b.close());
  return { hallId, a, b };
}

describe('realtime across server nodes', () => {
  it(
    'shows a client on node A the calls made on node B, in the same order, once',
    { timeout: HEAVY },
    async () => {
      const { hallId, a, b } = await twoNodes();
      const onA = record(a.url, hallId);
      const onB = record(b.url, hallId);
      await live(onA, onB);
      const stats = await runScriptedDay({
        nodes: [apiAt(a.url), apiAt(b.url)],
        hallId,
        steps: 800,
        seed: 3,
      });
      expect(stats.tickets).toBeGreaterThan(200);
      expect(stats.calls).toBeGreaterThan(100);
      await expectComplete(hallId, onA, a);
      await expectComplete(hallId, onB, b);
      expect(onA.events.map((e) => e.id)).toEqual(onB.events.map((e) => e.id));
    },
  );

  it(
    'loses and repeats nothing while the client’s server process is SIGKILLed and restarted twice',
    { timeout: HEAVY },
    async () => {
      const hallId = `kill-${randomBytes(4).toString('hex')}`;
      const hallFile = writeDemoHallFile(hallId);
      const proc = await spawnServerProcess({
        hallFile,
        redisUrl: inject('redisUrl'),
        port: await freePort(),
      });
      cleanup.push(() => proc.kill());
      // a second node carries the day's calls while the first is down
      const other = await startTestServer(loadHallConfig(hallFile));
      cleanup.push(() => other.close());
      const c = record(proc.url, hallId);
      await live(c);

      const both: Api[] = [apiAt(proc.url), apiAt(other.url)];
      const onlyOther: Api[] = [apiAt(other.url)];
      const kills = new Set([150, 450]);
      const restarts = new Set([220, 520]);
      let killed = 0;
      const stats = await runScriptedDay({
        nodes: both,
        hallId,
        steps: 700,
        seed: 4,
        beforeStep: async (step) => {
          if (kills.has(step)) {
            await proc.kill('SIGKILL');
            killed++;
            return onlyOther;
          }
          if (restarts.has(step)) {
            await proc.restart();
            return both;
          }
        },
      });
      expect(killed).toBe(2);
      expect(stats.tickets).toBeGreaterThan(150);
      await expectComplete(hallId, c, other);
      // it came back twice from the last event it had: no new snapshot, the missed events replayed
      expect(c.snapshots).toHaveLength(1);
      expect(c.replayed).toBeGreaterThan(0);
    },
  );
});
