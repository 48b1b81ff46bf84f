import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DROPPED_DIR, Outbox, type QueuedRating, type SendResult } from './outbox.js';

const log = pino({ level: 'silent' });
const rating = (ticketId: string, score: 1 | 2 | 3 | 4 | 5) => ({
  hallId: 'demo',
  windowId: '1',
  ticketId,
  score,
  pressedAt: '2026-11-23T09:00:00.000+08:00',
});

describe('rating outbox', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A server that answers from a script, one answer per attempt. */
  function scriptedServer(answers: SendResult[]) {
    const seen: QueuedRating[] = [];
    const send = (r: QueuedRating): Promise<SendResult> => {
      seen.push(r);
      return Promise.resolve(answers.shift() ?? { kind: 'accepted', status: 201 });
    };
    return { seen, send };
  }

  it('keeps ratings on disk across a restart and sends them in order, each until it is taken', async () => {
    const offline = scriptedServer([]);
    const first = await Outbox.open({ dir, send: offline.send, log });
    await first.add(rating('demo.a', 5));
    await first.add(rating('demo.b', 2));
    // never started: the process ends with both on disk
    expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).toHaveLength(2);

    const server = scriptedServer([
      { kind: 'retry', reason: 'ECONNREFUSED' },
      { kind: 'accepted', status: 201 },
      // the answer to b was lost once: the resend is recognised as already there
      { kind: 'duplicate', status: 409 },
    ]);
    const second = await Outbox.open({ dir, send: server.send, log, retryMinMs: 10 });
    expect(second.size).toBe(2);
    second.start();
    await second.whenIdle();
    await second.stop();
    expect(server.seen.map((r) => r.ticketId)).toEqual(['demo.a', 'demo.a', 'demo.b']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).toEqual([]);
  });

  it('sets a refused rating aside with the reason instead of retrying it forever', async () => {
    const server = scriptedServer([
      { kind: 'rejected', status: 409, code: 'nothing_to_rate', message: '当前没有待评价的服务' },
    ]);
    const outbox = await Outbox.open({ dir, send: server.send, log });
    outbox.start();
    await outbox.add(rating('demo.c', 4));
    await outbox.whenIdle();
    await outbox.stop();
    expect(await readdir(join(dir, DROPPED_DIR))).toHaveLength(1);
    expect(server.seen).toHaveLength(1);
  });
});
