// The server as an operator runs it: a child process started like `npm start`, stopped by a signal.
// The demo printer's test opens the built kiosk (npm run build -w kiosk) in Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser.js';
import { freePort, startRedis, type RedisProcess } from './redis-process.js';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

let child: ChildProcess | undefined;
let redis: RedisProcess | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  browser = undefined;
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
  it('runs as the compiled bundle (npm start): every capability finds its Lua scripts', async () => {
    // server/dist is what `npm run build` (part of npm test) makes and `npm start` runs
    redis = await startRedis();
    const port = await freePort();
    const { HALL_CONFIG: _drop, INIT_CWD: _cwd, ...inherited } = process.env;
    const c = spawn(process.execPath, ['dist/main.js'], {
      cwd: SERVER_DIR,
      env: {
        ...inherited,
        INIT_CWD: SERVER_DIR,
        LOG_LEVEL: 'warn',
        PORT: String(port),
        REDIS_URL: redis.url,
        DEMO_PRINTER: 'off',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = c;
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url);
    const post = (path: string, token: string, body?: unknown) =>
      fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    // the queue's scripts
    expect((await post('/halls/demo/tickets', 'demo-kiosk', { serviceId: 'labor' })).status).toBe(
      201,
    );
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'demo1234', hallId: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const get = (path: string) =>
      fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    // the reports', the alerts' and the appointments' own scripts
    const day = new Date().toISOString().slice(0, 10);
    expect((await get(`/halls/demo/reports?from=${day}&to=${day}`)).status).toBe(200);
    expect((await get('/halls/demo/alerts?state=open')).status).toBe(200);
    expect((await get(`/halls/demo/appointments?date=${day}`)).status).toBe(200);
    c.kill('SIGTERM');
  });

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

  it('ends within 5 s of SIGTERM while Redis hangs (stopped, connections open)', async () => {
    redis = await startRedis();
    const port = await freePort();
    const main = startMain({ PORT: String(port), REDIS_URL: redis.url, DEMO_PRINTER: 'off' });
    await waitReady(`http://127.0.0.1:${port}`);
    redis.child.kill('SIGSTOP');
    try {
      const t0 = Date.now();
      main.child.kill('SIGTERM');
      const code = await main.exited;
      const tookMs = Date.now() - t0;
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(5_000);
    } finally {
      redis.child.kill('SIGCONT');
    }
  });
});

describe('the demo printer', () => {
  it('prints the first ticket at the kiosk on the virtual printer: 已打印, and the receipt opens', async () => {
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
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${url}/kiosk?hall=demo&device=demo-kiosk`);
    await page.locator('[data-service="labor"]').click({ timeout: 15_000 });
    await page.getByRole('button', { name: '取号', exact: true }).click();
    const number = await page.getByTestId('ticket-number').textContent({ timeout: 15_000 });
    expect(number).toBe('A001');
    await expect
      .poll(() => page.getByTestId('print-status').textContent(), { timeout: 15_000 })
      .toContain('已打印');
    await page.screenshot({ path: screenshotPath('demo', 'kiosk-first-ticket-printed') });

    // the receipt, as the README says where to see it
    const receipt = await browser.newPage({ viewport: { width: 800, height: 1200 } });
    const printed = await (await fetch(`http://127.0.0.1:${receipts}/receipts.json`)).text();
    expect(printed).toContain('A001');
    await receipt.goto(`http://127.0.0.1:${receipts}/`);
    await receipt.screenshot({ path: screenshotPath('demo', 'virtual-printer-receipt') });

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });

  it('ends with the server, even when the server is killed with SIGKILL', async () => {
    redis = await startRedis();
    const port = await freePort();
    const receipts = await freePort();
    const main = startMain({
      PORT: String(port),
      REDIS_URL: redis.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hall-data-')),
      DEMO_PRINTER_PORT: String(receipts),
    });
    await waitReady(`http://127.0.0.1:${port}`);
    const printerPid = () => {
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        try {
          const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
          if (cmd.includes('virtual') && cmd.includes(`${receipts}`)) return Number(name);
        } catch {
          // gone meanwhile
        }
      }
      return null;
    };
    await expect.poll(printerPid, { timeout: 15_000 }).not.toBeNull();
    main.child.kill('SIGKILL');
    await main.exited;
    await expect.poll(printerPid, { timeout: 5_000 }).toBeNull();
  });
});
