// The clerk's console checked by axe-core: the login page in both languages (with the
// page's own lang attribute following the switch) and the console at work, including the
// key labels' contrast. Build the app first: npm run build -w counter-display.
// Screenshots: screenshots/counter-display/a11y-*.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../server/test/global-setup.js';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import { outsideViewport, seriousA11yViolations } from '../../server/test/layout-checks.js';

const WAIT = { timeout: 10_000 };
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

describe('counter console accessibility', () => {
  it('login in Chinese and English, then the console at work: no serious or critical violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${s.url}/counter?hall=${s.hall.id}`);
    await page.getByLabel('工号账户').waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), WAIT).toBe('en');
    await page.screenshot({ path: screenshotPath('counter-display', 'a11y-login-en') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), WAIT).toBe('zh-CN');

    for (const serviceId of ['labor', 'labor'])
      await s.api('POST', `/halls/${s.hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId },
      });
    await page.getByLabel('工号账户').fill('clerk1');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.window-card', { hasText: '1号窗口' }).getByRole('button').click();
    await page.getByTestId('window-status').getByText('服务中').waitFor(WAIT);
    // idle at the window: 暂停 and its F8 label are enabled (the label once failed contrast)
    await page.locator('[data-action="pause"]:not([disabled])').waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('[data-action="callNext"]').click();
    await page.getByTestId('current-number').waitFor(WAIT);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('counter-display', 'a11y-console') });
    // every action key is on the clerk's 1366×768 screen
    const out = await outsideViewport(page, { actions: page.locator('[data-action]') });
    expect(out, out.join('; ')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
