// The server as an operator runs it: a child process started like `npm start`, stopped by a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startRedis, type RedisProcess } from './redis-process.js';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

let child: ChildProcess | undefined;
let redis: RedisProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await redis?.stop('SIGKILL');
  redis = undefined;
});

/** Starts src/main.ts from inside server/ (with tsx, as `npm run start:tsx` and `npm run dev` do). */
function startMain(env: Record<string, string>): { child: ChildProcess; exited: Promise<number> } {
  const { HALL_CONFIG: _drop, INIT_CWD: _cwd, ...inherited } = process.env;
  const c = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...inherited, INIT_CWD: SERVER_DIR, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child = c;
  const exited = new Promise<number>((resolve) =>
    c.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))),
  );
  return { child: c, exited };
}

async function waitReady(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} was not ready within ${ms} ms`);
}

describe('the server process', () => {
  it('starts inside server/ without HALL_CONFIG (the demo hall from the project root)', async () => {
    redis = await startRedis();
    const port = await freePort();
    const main = startMain({ PORT: String(port), REDIS_URL: redis.url, DEMO_PRINTER: 'off' });
    await waitReady(`http://127.0.0.1:${port}`);
    const hall = await fetch(`http://127.0.0.1:${port}/api/v1/halls/demo`);
    expect(hall.status).toBe(200);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });

  it('ends within 5 s of SIGTERM while Redis is gone', async () => {
    redis = await startRedis();
    const port = await freePort();
    const main = startMain({ PORT: String(port), REDIS_URL: redis.url, DEMO_PRINTER: 'off' });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url);
    // a screen connection and a kiosk ticket, so there is something to close
    expect(
      (
        await fetch(`${url}/api/v1/halls/demo/tickets`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
          body: JSON.stringify({ serviceId: 'labor' }),
        })
      ).status,
    ).toBe(201);

    await redis.stop('SIGKILL');
    expect((await fetch(`${url}/readyz`)).status).toBe(503);

    const t0 = Date.now();
    main.child.kill('SIGTERM');
    const code = await main.exited;
    const tookMs = Date.now() - t0;
    // a clean stop (0), not the SHUTDOWN_TIMEOUT_MS deadline's exit (1)
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(5_000);
  });
});

describe('the demo printer', () => {
  it('prints the first ticket on the virtual printer: the kiosk sees 已打印 (printed)', async () => {
    redis = await startRedis();
    const port = await freePort();
    const receipts = await freePort();
    const data = mkdtempSync(join(tmpdir(), 'hall-data-'));
    const main = startMain({
      PORT: String(port),
      REDIS_URL: redis.url,
      DATA_DIR: data,
      DEMO_PRINTER_PORT: String(receipts),
    });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url);
    const issued = (await (
      await fetch(`${url}/api/v1/halls/demo/tickets`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'labor' }),
      })
    ).json()) as { id: string; number: string };
    let status = '';
    for (let i = 0; i < 100 && status !== 'printed'; i++) {
      const t = (await (await fetch(`${url}/api/v1/tickets/${issued.id}`)).json()) as {
        print?: { status: string };
      };
      status = t.print?.status ?? '';
      if (status !== 'printed') await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('printed');
    const page = await (await fetch(`http://127.0.0.1:${receipts}/receipts.json`)).text();
    expect(page).toContain(issued.number);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });
});
