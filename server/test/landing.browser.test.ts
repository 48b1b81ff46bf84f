// The front page (/) in Debian's Chromium against the real server: what this server is, each
// hall with its apps, and for the demo hall the ready-made links and logins, but only while the
// demo's tokens and password are still the README's. /admin leads to the admin console.
// Screenshot: screenshots/server/landing.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password.js';
import { launchBrowser, screenshotPath } from './browser.js';
import type {} from './global-setup.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';
import { seriousA11yViolations } from './layout-checks.js';

const WAIT = { timeout: 10_000 };
let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  const township = sampleHall('township');
  // a second hall that kept the demo's accounts but changed their passwords and tokens
  const secret = await hashPassword('another-password');
  township.staff = township.staff.map((u) => ({ ...u, passwordHash: secret }));
  township.devices = township.devices.map((d) => ({ ...d, token: `${d.token}-x9k2` }));
  s = await startTestServer(
    sampleHall('demo', (h) => {
      h.id = 'demo';
    }),
    { extraHalls: [township] },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('landing page (/)', () => {
  it('names the system and each hall, links every app, lists the demo logins, passes axe', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const res = await page.goto(`${s.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: /排队叫号系统/ }).waitFor(WAIT);
    const demo = page.locator('section', { has: page.getByRole('heading', { name: /城关社区/ }) });
    for (const [name, href] of [
      ['取号机', '/kiosk?hall=demo&device=demo-kiosk'],
      ['大厅屏', '/hall?hall=demo&device=demo-screen'],
      ['窗口工作台', '/counter?hall=demo'],
      ['值班长工作台', '/counter/supervisor?hall=demo'],
      ['统计报表', '/counter/supervisor/reports?hall=demo'],
      ['预约登记', '/counter/booking?hall=demo'],
      ['管理后台', '/counter/admin?hall=demo'],
    ] as const)
      expect(await demo.getByRole('link', { name: new RegExp(name) }).getAttribute('href')).toBe(
        href,
      );
    await demo.getByText('演示账户').waitFor(WAIT);
    for (const user of ['clerk1', 'supervisor', 'admin'])
      await demo.getByText(user, { exact: true }).waitFor(WAIT);

    // the other hall: its apps, but no token in a link and no login on show
    const other = page.locator('section').nth(1);
    expect(await other.getByRole('link', { name: /取号机/ }).getAttribute('href')).toMatch(
      /^\/kiosk\?hall=township-[0-9a-f]+$/,
    );
    expect(await other.getByText('演示账户').count()).toBe(0);
    expect(await other.textContent()).not.toContain('demo-');
    await page.screenshot({ path: screenshotPath('server', 'landing'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('/admin leads to the admin console, keeping the hall', async () => {
    const plain = await fetch(`${s.url}/admin`, { redirect: 'manual' });
    expect(plain.status).toBe(302);
    expect(plain.headers.get('location')).toBe('/counter/admin');
    const withHall = await fetch(`${s.url}/admin?hall=demo`, { redirect: 'manual' });
    expect(withHall.headers.get('location')).toBe('/counter/admin?hall=demo');
  });
});
