// Issue 14, findings 4 and 9 at the kiosk: with Redis frozen the resident sees the maintenance
// screen within seconds (not a spinner forever), and 重试 after Redis wakes gets one ticket.
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import { startRedis, type RedisProcess } from '../../server/test/redis-process.js';

const TIMEOUT = 15_000;
let browser: Browser;
let redis: RedisProcess;
let server: TestServer;
let page: Page;

beforeAll(async () => {
  redis = await startRedis();
  server = await startTestServer(sampleHall('demo'), { redisUrl: redis.url, pages: true });
  browser = await launchBrowser();
  const kiosk = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
  });
  page = await kiosk.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (redis?.child.signalCode === null) redis.child.kill('SIGCONT');
  await server?.close();
  await redis?.stop();
  if (redis) rmSync(redis.dir, { recursive: true, force: true });
});

describe('kiosk with a frozen Redis', () => {
  it('shows the maintenance screen within seconds, and its retry gets the one ticket', async () => {
    await page.goto(`${server.url}/kiosk?hall=${server.hall.id}&device=demo-kiosk`);
    const labor = page.locator('[data-service="labor"]');
    await labor.waitFor({ timeout: TIMEOUT });
    await labor.click();
    const take = page.getByRole('button', { name: '取号', exact: true });
    await take.waitFor({ timeout: TIMEOUT });

    redis.child.kill('SIGSTOP');
    const t0 = Date.now();
    await take.click();
    await page.getByText('取号系统暂时不可用').first().waitFor({ timeout: TIMEOUT });
    const shownAfterMs = Date.now() - t0;
    await page.screenshot({ path: screenshotPath('kiosk', 'portrait-redis-frozen') });
    expect(shownAfterMs).toBeLessThan(6000);

    redis.child.kill('SIGCONT');
    await page.getByRole('button', { name: '重试' }).click();
    await expect
      .poll(() => page.getByTestId('ticket-number').textContent(), { timeout: TIMEOUT })
      .toBe('A001');
    // one ticket, whether or not Redis ran the first request when it woke
    const hall = await server.api('GET', `/halls/${server.hall.id}`);
    expect(hall.body.services.find((s: { id: string }) => s.id === 'labor').waiting).toBe(1);
  });

  it('gives up on a server that never answers after 8 s and offers 重试', async () => {
    await page.goto(`${server.url}/kiosk?hall=${server.hall.id}&device=demo-kiosk`);
    const civil = page.locator('[data-service="civil"]');
    await civil.waitFor({ timeout: TIMEOUT });
    await civil.click();
    // a hung server (or a proxy in front of it): the request is never answered
    await page.route('**/api/v1/halls/*/tickets', () => undefined);
    const t0 = Date.now();
    await page.getByRole('button', { name: '取号', exact: true }).click();
    await page.getByText('正在自动重新连接').first().waitFor({ timeout: 20_000 });
    const gaveUpAfterMs = Date.now() - t0;
    expect(gaveUpAfterMs).toBeGreaterThanOrEqual(7000);
    expect(gaveUpAfterMs).toBeLessThan(15_000);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.getByRole('button', { name: '重试' }).click();
    await expect
      .poll(() => page.getByTestId('ticket-number').textContent(), { timeout: TIMEOUT })
      .toBe('B001');
  });
});
