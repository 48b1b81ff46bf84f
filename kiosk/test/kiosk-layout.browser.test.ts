// Every kiosk screen fits its screen in every mode a resident can choose (大字, 中文 /
// English) and both orientations, with nothing to scroll on the ticket screen; axe-core
// finds no serious or critical problem on the start, ticket, 大字 and phone pages; a
// wrong or disabled device token says so on load. Screenshots: screenshots/kiosk/layout-*.png.
// Build the app first: npm run build -w kiosk.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../server/test/global-setup.js';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import {
  outsideViewport,
  scrollers,
  seriousA11yViolations,
} from '../../server/test/layout-checks.js';

const TIMEOUT = 15_000;
/** A one-hour period each day that does not contain the present hour in Shanghai. */
function closedNowPeriod(): string {
  const hour = Number(
    new Date().toLocaleString('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      hour12: false,
    }),
  );
  const start = (hour + 2) % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(start)}:00-${pad(start + 1)}:00`;
}

const hall = sampleHall('demo', (h) => {
  h.devices.push({ id: 'kiosk-old', kind: 'kiosk', token: 'old-kiosk-token', disabled: true });
  // a service that is closed now: its card says in large text when it opens
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
      weekly: Object.fromEntries(days.map((d) => [d, [closedNowPeriod()]])),
      holidays: 'none',
      makeupDayHours: 'mon',
      overrides: {},
      cutoffMinutes: 0,
    },
  });
  h.windows.find((w) => w.id === '6')?.services.push('evening');
});

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer(hall, { pages: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Mode {
  name: string;
  width: number;
  height: number;
  lang: 'zh' | 'en';
  large: boolean;
}
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const modes: Mode[] = [
  { name: 'portrait-zh', ...PORTRAIT, lang: 'zh', large: false },
  { name: 'portrait-zh-large', ...PORTRAIT, lang: 'zh', large: true },
  { name: 'portrait-en-large', ...PORTRAIT, lang: 'en', large: true },
  { name: 'landscape-zh', ...LANDSCAPE, lang: 'zh', large: false },
  { name: 'landscape-zh-large', ...LANDSCAPE, lang: 'zh', large: true },
  { name: 'landscape-en', ...LANDSCAPE, lang: 'en', large: false },
  { name: 'landscape-en-large', ...LANDSCAPE, lang: 'en', large: true },
];

async function openKiosk(mode: Mode): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: mode.width, height: mode.height },
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/kiosk?hall=${hall.id}&device=demo-kiosk`);
  await page.locator('[data-service="labor"]').waitFor({ timeout: TIMEOUT });
  if (mode.lang === 'en') await page.locator('.lang-switch').click();
  if (mode.large) await page.locator('.switches button').nth(1).click();
  await page.waitForTimeout(100);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: screenshotPath('kiosk', `layout-${name}`) });

describe('kiosk layout in every mode and orientation', () => {
  for (const mode of modes) {
    it(`${mode.name}: the start and ticket screens fit, nothing to scroll`, async () => {
      const page = await openKiosk(mode);
      const start = await outsideViewport(page, {
        header: page.locator('.kiosk-header'),
        services: page.locator('.service-card'),
        green: page.locator('.green-button'),
        appointment: page.locator('.appointment-button'),
        hours: page.locator('[data-testid="hall-hours"]'),
      });
      await shot(page, `${mode.name}-start`);
      expect(start, start.join('; ')).toEqual([]);
      // the closed service's opening time: large text on one line (never "开始取 / 号")
      const opens = page.locator('[data-service="evening"] .service-state-line');
      const opensStyle = await opens.evaluate((el) => {
        const s = getComputedStyle(el);
        const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
        // the lines "开始取号" is laid out on: one, never split inside the word
        const text = el.firstChild;
        const at = text?.textContent?.indexOf('开始取号') ?? -1;
        let lines = 1;
        if (text && at >= 0) {
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + 4);
          lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
        }
        return { size: parseFloat(s.fontSize), rem, lines };
      });
      expect(opensStyle.size).toBeGreaterThanOrEqual(1.8 * opensStyle.rem);
      expect(opensStyle.lines).toBe(1);

      await page.locator('[data-service="labor"]').click();
      await page.locator('.confirm .take.primary').click();
      await page.getByTestId('ticket-number').waitFor({ timeout: TIMEOUT });
      await page.waitForTimeout(200);
      await shot(page, `${mode.name}-ticket`);
      const ticket = await outsideViewport(page, {
        heading: page.locator('.ticket h1'),
        number: page.getByTestId('ticket-number'),
        facts: page.locator('.ticket-facts > div'),
        qr: page.locator('.ticket-side svg, .ticket-side canvas, .ticket-side img').first(),
        materials: page.locator('.materials li'),
        done: page.locator('.ticket-done button'),
      });
      expect(ticket, ticket.join('; ')).toEqual([]);
      const scrolling = await scrollers(page, '.kiosk-main');
      expect(scrolling, scrolling.join('; ')).toEqual([]);
      // English mode: English window names and materials, no Chinese list comma
      if (mode.lang === 'en') {
        const facts = await page.locator('.ticket-facts').innerText();
        expect(facts).not.toContain('、');
        expect(facts).toContain('Window 1, Window 2');
        expect(await page.locator('.materials').innerText()).not.toMatch(/\p{Script=Han}/u);
      }
      await page.context().close();
    });
  }
});

describe('kiosk accessibility (axe-core)', () => {
  it('start, ticket, 大字 ticket and phone page: no serious or critical violation', async () => {
    const page = await openKiosk(modes[0]!);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('[data-service="civil"]').click();
    await page.locator('.confirm .take.primary').click();
    await page.getByTestId('ticket-number').waitFor({ timeout: TIMEOUT });
    expect(await page.locator('h1').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('.switches button').nth(1).click();
    await page.waitForTimeout(100);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();

    const issued = await server.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'family' },
    });
    const phoneUrl = new URL(issued.body.phoneUrl as string);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
    await phone.goto(`${server.url}${phoneUrl.pathname}${phoneUrl.search}${phoneUrl.hash}`);
    await phone
      .getByText(issued.body.number as string)
      .first()
      .waitFor({ timeout: TIMEOUT });
    await phone.screenshot({ path: screenshotPath('kiosk', 'layout-phone'), fullPage: true });
    expect(await seriousA11yViolations(phone)).toEqual([]);
    // residents may zoom their own phone
    const viewportMeta = await phone.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewportMeta).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/);
    // the phone page shows the materials and when the ticket was taken
    expect(await phone.locator('.materials li').count()).toBe(5);
    expect(await phone.getByTestId('issued-at').innerText()).toMatch(/\d{2}:\d{2}/);
    await phone.close();
  });
});

describe('kiosk device check on load', () => {
  for (const [token, title] of [
    ['not-a-kiosk-token', '本机未配置'],
    ['old-kiosk-token', '本机已停用'],
    ['demo-screen', '本机未配置'],
  ] as const) {
    it(`${token}: ${title} before anyone taps 取号`, async () => {
      const page = await browser.newPage({ viewport: PORTRAIT });
      await page.goto(`${server.url}/kiosk?hall=${hall.id}&device=${token}`);
      await page.getByRole('heading', { name: title }).waitFor({ timeout: TIMEOUT });
      expect(await page.locator('.service-card').count()).toBe(0);
      await page.screenshot({ path: screenshotPath('kiosk', `layout-device-${token}`) });
      await page.close();
    });
  }
});
