import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Score } from './score.js';

/**
 * Durable queue of ratings waiting for the server. One file per rating, written to a temp name,
 * fsynced and renamed into place, so a crash or power cut leaves either the whole rating or none.
 * Files are sent strictly in order and deleted only once the server has the rating (201) or says
 * it already has it (409 already_rated). Every rating names its ticket, so the resend after a
 * crash between "sent" and "deleted" is rejected by the server as a duplicate, never counted twice.
 */

export const QueuedRating = z.object({
  localId: z.uuid(),
  seq: z.number().int().nonnegative(),
  hallId: z.string().min(1),
  windowId: z.string().min(1),
  ticketId: z.string().min(1),
  score: Score,
  /** when the resident pressed the key, in the server's clock; the server counts the rating from it */
  pressedAt: z.string(),
  queuedAt: z.string(),
});
export type QueuedRating = z.infer<typeof QueuedRating>;
export type RatingInput = Pick<
  QueuedRating,
  'hallId' | 'windowId' | 'ticketId' | 'score' | 'pressedAt'
>;

export type SendResult =
  /** 2xx: the server recorded it */
  | { kind: 'accepted'; status: number }
  /** 409 already_rated: an earlier attempt got through (crash or timeout after sending) */
  | { kind: 'duplicate'; status: number }
  /** a 4xx that will never succeed: nothing_to_rate, invalid_request, unauthorized, … */
  | { kind: 'rejected'; status: number; code: string; message: string }
  /** network error, timeout, 5xx, 429: the server may take it later */
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number };

export type RatingSender = (rating: QueuedRating) => Promise<SendResult>;

export interface OutboxOptions {
  dir: string;
  send: RatingSender;
  log: Logger;
  /** first retry delay; doubles per failure up to retryMaxMs */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Called after each attempt; for logs, metrics and tests. */
  onResult?: (rating: QueuedRating, result: SendResult) => void;
}

const FILE = /^(\d{12})-([0-9a-f-]{36})\.json$/;
const TMP_PREFIX = '.tmp-';
export const DROPPED_DIR = 'dropped';

export class Outbox {
  /** file names, oldest first */
  private readonly pending: string[] = [];
  private nextSeq = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private failures = 0;
  private wakeIdle: (() => void) | undefined;
  private wakeSleep: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;

  private constructor(private readonly opts: OutboxOptions) {
    this.retryMinMs = opts.retryMinMs ?? 1_000;
    this.retryMaxMs = opts.retryMaxMs ?? 60_000;
  }

  /** Opens (creating) the queue folder and picks up what an earlier run left unsent. */
  static async open(opts: OutboxOptions): Promise<Outbox> {
    const outbox = new Outbox(opts);
    await outbox.load();
    return outbox;
  }

  get dir(): string {
    return this.opts.dir;
  }

  /** Number of ratings not yet delivered. */
  get size(): number {
    return this.pending.length;
  }

  /** Stores a rating durably; once this resolves the rating survives a crash or power cut. */
  async add(input: RatingInput): Promise<QueuedRating> {
    const rating: QueuedRating = QueuedRating.parse({
      ...input,
      localId: randomUUID(),
      seq: this.nextSeq++,
      queuedAt: new Date().toISOString(),
    });
    const name = `${String(rating.seq).padStart(12, '0')}-${rating.localId}.json`;
    await writeAtomic(this.opts.dir, name, `${JSON.stringify(rating)}\n`);
    this.pending.push(name);
    this.opts.log.info(
      {
        localId: rating.localId,
        ticketId: rating.ticketId,
        score: rating.score,
        queued: this.pending.length,
      },
      '评价已保存待发送 / rating stored for sending',
    );
    this.wakeIdle?.();
    return rating;
  }

  /** The undelivered ratings, oldest first, as stored on disk. */
  async list(): Promise<QueuedRating[]> {
    const out: QueuedRating[] = [];
    for (const name of this.pending) {
      const rating = await this.read(name);
      if (rating) out.push(rating);
    }
    return out;
  }

  /** Starts delivering in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((err: unknown) => {
      this.opts.log.fatal({ err }, '评价发送循环异常终止 / rating sender crashed');
      this.running = false;
    });
  }

  /** Lets the current attempt finish, then stops; what is left stays on disk for the next run. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeIdle?.();
    this.wakeSleep?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Skips the current backoff wait, e.g. when the realtime link says the server is back. */
  retryNow(): void {
    this.wakeSleep?.();
  }

  /** Resolves when everything queued so far has been delivered or dropped. */
  whenIdle(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async load(): Promise<void> {
    await mkdir(join(this.opts.dir, DROPPED_DIR), { recursive: true });
    const names = await readdir(this.opts.dir);
    let maxSeq = -1;
    for (const name of names) {
      if (name.startsWith(TMP_PREFIX)) {
        // A write that never reached its rename: the rating was not confirmed stored, so no loss.
        await unlink(join(this.opts.dir, name)).catch(() => undefined);
        continue;
      }
      const m = FILE.exec(name);
      if (!m) continue;
      this.pending.push(name);
      maxSeq = Math.max(maxSeq, Number(m[1]));
    }
    this.pending.sort();
    this.nextSeq = maxSeq + 1;
    if (this.pending.length > 0) {
      this.opts.log.info(
        { queued: this.pending.length },
        '发现上次未发送的评价，将继续发送 / found ratings left unsent by the last run',
      );
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const name = this.pending[0];
      if (name === undefined) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        await new Promise<void>((resolve) => (this.wakeIdle = resolve));
        this.wakeIdle = undefined;
        continue;
      }
      try {
        await this.deliver(name);
      } catch (err) {
        // Disk trouble (full, read-only): keep the file, say so, and try again later.
        this.opts.log.error({ err, file: name }, '评价队列读写失败 / rating queue file error');
        await this.sleep(this.retryMaxMs);
      }
    }
  }

  private async deliver(name: string): Promise<void> {
    const rating = await this.read(name);
    if (!rating) {
      await this.settle(name, () =>
        moveToDropped(this.opts.dir, name, {
          code: 'corrupt_file',
          message: 'unreadable rating file',
        }),
      );
      this.opts.log.error(
        { file: name },
        '评价文件已损坏，已移出队列 / corrupt rating file set aside',
      );
      return;
    }
    let result: SendResult;
    try {
      result = await this.opts.send(rating);
    } catch (err) {
      result = { kind: 'retry', reason: err instanceof Error ? err.message : String(err) };
    }
    this.opts.onResult?.(rating, result);
    await this.handle(name, rating, result);
  }

  private async handle(name: string, rating: QueuedRating, result: SendResult): Promise<void> {
    const ctx = { localId: rating.localId, ticketId: rating.ticketId, score: rating.score };
    switch (result.kind) {
      case 'accepted':
      case 'duplicate':
        await this.settle(name, () => unlink(join(this.opts.dir, name)));
        this.failures = 0;
        this.opts.log.info(
          { ...ctx, status: result.status, duplicate: result.kind === 'duplicate' },
          result.kind === 'accepted'
            ? '评价已送达 / rating delivered'
            : '评价此前已送达，删除重复项 / rating was already delivered; dropping the duplicate',
        );
        return;
      case 'rejected':
        await this.settle(name, () =>
          moveToDropped(this.opts.dir, name, {
            code: result.code,
            message: result.message,
            status: result.status,
          }),
        );
        this.failures = 0;
        this.opts.log.warn(
          { ...ctx, status: result.status, code: result.code, reason: result.message },
          `服务器拒收评价，已移至 ${DROPPED_DIR}/ / server refused the rating; moved to ${DROPPED_DIR}/`,
        );
        return;
      case 'retry': {
        this.failures++;
        const backoff = Math.min(
          this.retryMaxMs,
          this.retryMinMs * 2 ** Math.min(this.failures - 1, 30),
        );
        // Jitter so that the bridges of a whole hall do not hit a restarted server in lockstep.
        const delay =
          result.retryAfterMs !== undefined
            ? Math.min(this.retryMaxMs, Math.max(result.retryAfterMs, this.retryMinMs))
            : Math.round(backoff * (0.5 + Math.random() * 0.5));
        this.opts.log.warn(
          {
            ...ctx,
            reason: result.reason,
            status: result.status,
            attempt: this.failures,
            retryInMs: delay,
          },
          '服务器暂不可达，稍后重试 / server unreachable, will retry',
        );
        await this.sleep(delay);
        return;
      }
    }
  }

  /** Runs the file operation that ends a rating's life, then forgets it. */
  private async settle(name: string, op: () => Promise<void>): Promise<void> {
    try {
      await op();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (this.pending[0] === name) this.pending.shift();
  }

  private async read(name: string): Promise<QueuedRating | undefined> {
    try {
      const parsed = QueuedRating.safeParse(
        JSON.parse(await readFile(join(this.opts.dir, name), 'utf8')),
      );
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
    });
  }
}

/** Keeps a refused rating with its reason, so a supervisor can still see and re-enter it. */
async function moveToDropped(
  dir: string,
  name: string,
  reason: Record<string, unknown>,
): Promise<void> {
  let original: unknown = null;
  try {
    original = JSON.parse(await readFile(join(dir, name), 'utf8'));
  } catch {
    original = null;
  }
  const record = { rating: original, droppedAt: new Date().toISOString(), ...reason };
  await writeAtomic(join(dir, DROPPED_DIR), name, `${JSON.stringify(record)}\n`);
  await unlink(join(dir, name));
}

/** Write to a temp file, fsync, rename: readers see the whole file or none of it. */
async function writeAtomic(dir: string, name: string, text: string): Promise<void> {
  const tmp = join(dir, `${TMP_PREFIX}${name}.${process.pid}.${randomUUID().slice(0, 8)}`);
  const file = await open(tmp, 'wx');
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, join(dir, name));
  await syncDir(dir);
}

/** Makes the rename itself durable on Linux; Windows cannot open a folder for fsync. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on this platform; the rename is still atomic.
  }
}
