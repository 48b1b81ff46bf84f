// The kiosk and the phone page in Debian's Chromium against the real server and Redis.
// Build the app first: npm run build -w kiosk. Screenshots: screenshots/kiosk/*.png.
import { Printer, PrintAgent, VirtualPrinter } from '@hall/printer-driver';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
// the redisUrl that the test setup provides
import type {} from '../../server/test/global-setup.js';
import { startServer } from '../../server/src/server.js';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import {
  builtPages,
  sampleHall,
  startTestServer,
  type TestServer,
} from '../../server/test/helpers.js';

const TIMEOUT = 15_000;

/** A one-hour period each day that does not contain the present hour in Shanghai. */
function closedNowPeriod(): { period: string; startHour: number } {
  const hour = Number(
    new Date().toLocaleString('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      hour12: false,
    }),
  );
  const startHour = (hour + 2) % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { period: `${pad(startHour)}:00-${pad(startHour + 1)}:00`, startHour };
}

const closed = closedNowPeriod();
const hall = sampleHall('demo', (h) => {
  // finance has one ticket a day: the test takes it, then the kiosk shows the quota used up
  const finance = h.services.find((s) => s.id === 'finance');
  if (finance) finance.dailyQuota = 1;
  // a service whose hours are not now
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  h.services.push({
    id: 'evening',
    name: '夜间代办',
    nameEn: 'Evening errands',
    prefix: 'G',
    averageServiceMinutes: 8,
    dailyQuota: null,
    materials: ['本人身份证'],
    schedule: {
      alwaysOpen: false,
      weekly: Object.fromEntries(days.map((d) => [d, [closed.period]])),
      holidays: 'none',
      makeupDayHours: 'mon',
      overrides: {},
      cutoffMinutes: 0,
    },
  });
  h.windows.find((w) => w.id === '6')?.services.push('evening');
});

let server: TestServer;
let restarted: { url: string; close: () => Promise<void> } | null = null;
let browser: Browser;
let paper: VirtualPrinter;
let agent: PrintAgent;
let kiosk: BrowserContext;
let page: Page;

const shot = (p: Page, name: string) => p.screenshot({ path: screenshotPath('kiosk', name) });
const card = (p: Page, serviceId: string) => p.locator(`[data-service="${serviceId}"]`);
const take = (p: Page) => p.getByRole('button', { name: '取号', exact: true });
const done = (p: Page) => p.getByRole('button', { name: '完成', exact: true });

beforeAll(async () => {
  server = await startTestServer(hall, { pages: true, printing: true });
  // the kiosk's ticket printer: a virtual ESC/POS printer behind the real print agent
  paper = new VirtualPrinter();
  await paper.listen(0);
  agent = new PrintAgent({
    serverUrl: server.url,
    token: 'demo-printer',
    paperWidth: 80,
    printer: new Printer({ transport: 'network', host: '127.0.0.1', port: paper.port }),
    statusIntervalMs: 100,
    reconnectMaxMs: 200,
  });
  agent.start();
  await agent.connected();
  browser = await launchBrowser();
  kiosk = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  page = await kiosk.newPage();
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  await paper?.close();
  // the outage test closes the first server and starts another on its port
  if (restarted) await restarted.close();
  else await server?.close();
});

describe('kiosk', () => {
  it('pairs with its device token and never shows it again', async () => {
    await page.goto(`${server.url}/kiosk?hall=${hall.id}&device=demo-kiosk&ticket=20`);
    await card(page, 'labor').waitFor({ timeout: TIMEOUT });
    expect(page.url()).not.toContain('demo-kiosk');
    expect(await page.content()).not.toContain('demo-kiosk');
    await expect.poll(() => page.locator('.hall-name').textContent()).toBe('城关社区便民服务中心');
    await shot(page, 'portrait-start');
  });

  it('takes a ticket for each demo service in two touches', async () => {
    const expected: Record<string, string> = {
      labor: 'A001',
      civil: 'B001',
      family: 'C001',
      finance: 'D001',
      construction: 'E001',
      party: 'F001',
    };
    for (const [serviceId, number] of Object.entries(expected)) {
      await card(page, serviceId).click();
      if (serviceId === 'labor') await shot(page, 'portrait-confirm');
      await take(page).click();
      const shown = page.getByTestId('ticket-number');
      await shown.waitFor({ timeout: TIMEOUT });
      expect(await shown.textContent()).toBe(number);
      if (serviceId === 'labor') {
        await page.locator('.qr img').waitFor({ timeout: TIMEOUT });
        // the print agent's progress reaches the screen live
        await expect
          .poll(() => page.getByTestId('print-status').textContent(), { timeout: TIMEOUT })
          .toBe('号票已打印，请取走');
        await shot(page, 'portrait-ticket');
      }
      await done(page).click();
      await card(page, 'labor').waitFor({ timeout: TIMEOUT });
    }
  });

  it('takes a green-channel ticket', async () => {
    await page.getByRole('button', { name: /^绿色通道/ }).click();
    await page.locator('.mode-banner.green-mode').waitFor({ timeout: TIMEOUT });
    await shot(page, 'portrait-green-start');
    await card(page, 'labor').click();
    expect(await take(page).count()).toBe(0);
    await page.getByRole('button', { name: /绿色通道取号/ }).click();
    await page.getByTestId('ticket-number').waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A002');
    expect(await page.locator('.ticket .green-badge').textContent()).toBe('绿色通道');
    const qr = await page.locator('.qr img').getAttribute('data-url');
    // the QR code's link: the ticket id and the key that proves holding it
    const t = await server.api('GET', `/tickets/${qr!.split('/kiosk/t/')[1]!}`);
    expect(t.body.priority).toBe('green');
    expect(t.body.number).toBe('A002');
    await done(page).click();
  });

  // appointment check-in (预约签到) has its own file: kiosk-check-in.browser.test.ts

  it('shows a used-up quota and a closed service with its opening time', async () => {
    await card(page, 'labor').waitFor({ timeout: TIMEOUT });
    await expect
      .poll(() => card(page, 'finance').textContent(), { timeout: TIMEOUT })
      .toContain('今日号已取完');
    expect(await card(page, 'finance').isDisabled()).toBe(true);
    const evening = await card(page, 'evening').textContent();
    expect(evening).toContain('暂停取号');
    expect(evening).toContain(`${String(closed.startHour).padStart(2, '0')}:00 开始取号`);
    expect(await card(page, 'evening').isDisabled()).toBe(true);
    // the server also refuses them (a stale screen gets a clear message)
    const r = await server.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'evening' },
    });
    expect(r.body.error.code).toBe('service_closed');
    await shot(page, 'portrait-closed-and-quota');

    // a screen that still shows the service open gets the server's answer in plain words
    await page.route(`**/api/v1/halls/${hall.id}`, async (route) => {
      const response = await route.fetch().catch(() => null);
      if (!response) return route.abort().catch(() => undefined);
      const snapshot = await response.json();
      const s = snapshot.services.find((x: { id: string }) => x.id === 'evening');
      Object.assign(s, { open: true });
      delete s.closedReason;
      await route.fulfill({ response, json: snapshot }).catch(() => undefined);
    });
    await page.reload();
    await card(page, 'evening').click();
    await take(page).click();
    const problem = page.locator('[data-problem="issue_failed"]');
    await problem.waitFor({ timeout: TIMEOUT });
    expect(await problem.textContent()).toContain(
      `${String(closed.startHour).padStart(2, '0')}:00 开始取号`,
    );
    await shot(page, 'portrait-service-closed');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.getByRole('button', { name: '返回' }).click();
    await card(page, 'labor').waitFor({ timeout: TIMEOUT });
  });

  it('switches to English, large text and high contrast, and resets them for the next resident', async () => {
    await page.getByRole('button', { name: '大字' }).click();
    await page.getByRole('button', { name: '高对比' }).click();
    await shot(page, 'portrait-large-contrast');
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.locator('.prompt').textContent(), { timeout: TIMEOUT })
      .toBe('Choose your service');
    await expect
      .poll(() => card(page, 'labor').textContent(), { timeout: TIMEOUT })
      .toContain('Labour');
    await shot(page, 'portrait-english');
    await card(page, 'civil').click();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '大字' }).click();
    await page.getByRole('button', { name: '高对比' }).click();
    expect(await page.locator('html').getAttribute('class')).not.toMatch(/large|contrast/);
  });

  it('shows a printer problem with the photo hint and the QR code, and the print once paper is back', async () => {
    paper.setState({ paperEnd: true });
    const printerState = async () =>
      (await server.api('GET', `/halls/${hall.id}/printers`)).body.printers[0]?.problem;
    await expect.poll(printerState, { timeout: TIMEOUT }).toBe('paper_end');
    await card(page, 'family').click();
    await take(page).click();
    const status = page.getByTestId('print-status');
    await status.waitFor({ timeout: TIMEOUT });
    expect(await status.textContent()).toBe('打印机故障，请拍照保存您的号码');
    await page.locator('.qr img').waitFor({ timeout: TIMEOUT });
    await shot(page, 'portrait-print-problem');
    const number = await page.getByTestId('ticket-number').textContent();
    paper.setState({ paperEnd: false });
    await expect.poll(() => status.textContent(), { timeout: TIMEOUT }).toBe('号票已打印，请取走');
    expect(paper.receipts.length).toBeGreaterThan(0);
    expect(number).toMatch(/^C\d{3}$/);
    await done(page).click();
  });

  it('says so when the hall is closed or Redis is down, and recovers by itself', async () => {
    await page.route(`**/api/v1/halls/${hall.id}`, async (route) => {
      const response = await route.fetch();
      const snapshot = await response.json();
      const opensAt = new Date(Date.now() + 3 * 3600_000).toISOString();
      for (const s of snapshot.services) {
        s.open = false;
        s.closedReason = 'outside_hours';
        s.opensAt = opensAt;
      }
      await route.fulfill({ response, json: snapshot }).catch(() => undefined);
    });
    await page.reload();
    await page.locator('[data-problem="hall_closed"]').waitFor({ timeout: TIMEOUT });
    await shot(page, 'portrait-hall-closed');
    await page.unrouteAll({ behavior: 'ignoreErrors' });

    await page.route(`**/api/v1/halls/${hall.id}`, (route) =>
      route
        .fulfill({
          status: 503,
          json: { error: { code: 'unavailable', message: '服务暂不可用，请稍后再试' } },
        })
        .catch(() => undefined),
    );
    await page.reload();
    await page.locator('[data-problem="unavailable"]').waitFor({ timeout: TIMEOUT });
    await shot(page, 'portrait-unavailable');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await card(page, 'labor').waitFor({ timeout: TIMEOUT });
  });

  it('fits a landscape kiosk', async () => {
    const wide = await kiosk.newPage();
    await wide.setViewportSize({ width: 1920, height: 1080 });
    // pairing again with a short idle time: a screen left half-way goes back to the start by itself
    await wide.goto(`${server.url}/kiosk?hall=${hall.id}&device=demo-kiosk&idle=3`);
    await card(wide, 'labor').waitFor({ timeout: TIMEOUT });
    await card(wide, 'labor').click();
    await take(wide).waitFor({ timeout: TIMEOUT });
    await card(wide, 'labor').waitFor({ timeout: TIMEOUT });
    await wide.goto(`${server.url}/kiosk?hall=${hall.id}&device=demo-kiosk&idle=60`);
    await card(wide, 'labor').waitFor({ timeout: TIMEOUT });
    await shot(wide, 'landscape-start');
    await wide.getByRole('button', { name: '大字' }).click();
    await shot(wide, 'landscape-large');
    await wide.getByRole('button', { name: '大字' }).click();
    await card(wide, 'civil').click();
    await shot(wide, 'landscape-confirm');
    await take(wide).click();
    await wide.getByTestId('ticket-number').waitFor({ timeout: TIMEOUT });
    await wide.locator('.qr img').waitFor({ timeout: TIMEOUT });
    await shot(wide, 'landscape-ticket');
    await wide.close();
  });
});

describe('phone page', () => {
  it('follows a ticket from waiting to called to done and sends a rating', async () => {
    // civil has B001 (above) and B002 (the landscape test); this phone follows a new B003
    const issued = await server.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    expect(issued.status).toBe(201);
    const ticket = issued.body;
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const p = await phone.newPage();
    // the ticket id alone opens nothing: the link needs the key only the QR code carries
    await p.goto(`${server.url}/kiosk/t/${encodeURIComponent(ticket.id)}`);
    await p.getByText('找不到该号码').first().waitFor({ timeout: TIMEOUT });
    const link = new URL(ticket.phoneUrl as string);
    await p.goto(`${server.url}${link.pathname}${link.search}`);
    await expect
      .poll(() => p.getByTestId('phone-number').textContent(), { timeout: TIMEOUT })
      .toBe(ticket.number);
    await expect
      .poll(() => p.getByTestId('phone-status').textContent(), { timeout: TIMEOUT })
      .toBe(`前面还有 ${ticket.waitingAhead} 人`);
    await shot(p, 'phone-waiting');

    const clerk = await server.login('clerk3');
    const w = `/halls/${hall.id}/windows/3`;
    expect((await server.api('POST', `${w}/open`, { token: clerk })).status).toBe(200);
    let ahead: number = ticket.waitingAhead;
    expect(ahead).toBeGreaterThan(0);
    for (;;) {
      const called = await server.api('POST', `${w}/call-next`, { token: clerk });
      expect(called.status).toBe(200);
      if (called.body.id === ticket.id) break;
      // someone ahead is called: the phone's place moves up by itself
      ahead -= 1;
      const expected = ahead === 0 ? '下一位就是您' : `前面还有 ${ahead} 人`;
      await expect
        .poll(() => p.getByTestId('phone-status').textContent(), { timeout: TIMEOUT })
        .toBe(expected);
      await server.api('POST', `${w}/start`, { token: clerk });
      await server.api('POST', `${w}/finish`, { token: clerk, body: { outcome: 'done' } });
    }
    await expect
      .poll(() => p.getByTestId('phone-status').textContent(), { timeout: TIMEOUT })
      .toBe('您的号码已叫到，请到3号窗口');
    await shot(p, 'phone-called');

    await server.api('POST', `${w}/start`, { token: clerk });
    await expect
      .poll(() => p.getByTestId('phone-status').textContent(), { timeout: TIMEOUT })
      .toBe('正在3号窗口办理');
    await server.api('POST', `${w}/finish`, { token: clerk, body: { outcome: 'done' } });
    const best = p.getByRole('button', { name: '非常满意' });
    await best.waitFor({ timeout: TIMEOUT });
    await shot(p, 'phone-rating');
    await best.click();
    await p.getByText('感谢您的评价！').first().waitFor({ timeout: TIMEOUT });
    await shot(p, 'phone-rated');
    const after = await server.api('GET', `/tickets/${encodeURIComponent(ticket.id)}`, {
      token: 'demo-kiosk',
    });
    expect(after.body.rating).toMatchObject({ score: 5, source: 'mobile' });
    await phone.close();
  });
});

describe('kiosk outage', () => {
  it('shows the server down and recovers when it is back', async () => {
    await card(page, 'labor').waitFor({ timeout: TIMEOUT });
    const port = server.port;
    // the browser keeps connections open and reconnects at once: cut them until the server is down
    const closing = server.close();
    const cut = setInterval(() => server.http.closeAllConnections(), 100);
    await closing;
    clearInterval(cut);
    await page.locator('[data-problem="offline"]').waitFor({ timeout: TIMEOUT });
    await shot(page, 'portrait-offline');
    const again = await startServer({
      halls: [hall],
      redis: inject('redisUrl'),
      port,
      pages: builtPages(),
    });
    restarted = again;
    await card(page, 'labor').waitFor({ timeout: 20_000 });
    await card(page, 'labor').click();
    await take(page).click();
    await page.getByTestId('ticket-number').waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^A\d{3}$/);
  });
});
