// Issue 14, finding 5 at the supervisor console: a clerk who left a console signed in has
// all logins ended with one action, and that clerk's token is refused from then on.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';

const WAIT = { timeout: 15_000 };
let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { pages: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('supervisor ends a clerk’s logins', () => {
  it('ends both logins of clerk2 and says so', async () => {
    const onDesk = await s.login('clerk2');
    const atHome = await s.login('clerk2');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${s.url}/counter/supervisor?hall=${s.hall.id}`);
    await page.getByLabel('工号账户').fill('supervisor');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    const panel = page.getByRole('region', { name: '登录会话' });
    await panel.waitFor(WAIT);
    await panel.getByLabel('工作人员').selectOption('clerk2');
    await panel.getByRole('button', { name: '结束登录' }).click();
    await panel.getByTestId('sessions-result').filter({ hasText: '的 2 个登录' }).waitFor(WAIT);
    await panel.screenshot({ path: screenshotPath('counter-display', 'supervisor-sessions') });
    for (const token of [onDesk, atHome])
      expect((await s.api('GET', `/halls/${s.hall.id}/staff/me`, { token })).status).toBe(401);
    await context.close();
  });
});
