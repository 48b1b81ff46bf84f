// The hall screen's layout as residents see it across a hall: the TV (1920×1080) and the
// 768×384 LED wall keep every part inside the screen, the waiting board is large, the
// technical voice state is a technician's corner note, not a red public message; axe-core
// finds no serious or critical problem; a wrong or disabled device token says so.
// Build the app first: npm run build -w hall-screen. Screenshots: screenshots/hall-screen/layout-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../server/test/global-setup.js';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import {
  outsideViewport,
  overflowingText,
  scrollers,
  seriousA11yViolations,
} from '../../server/test/layout-checks.js';

const TIMEOUT = 15_000;
const hall = sampleHall('demo', (h) => {
  h.devices.push({ id: 'screen-old', kind: 'screen', token: 'old-screen-token', disabled: true });
});

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer(hall, { pages: true });
  browser = await launchBrowser();
  // a hall at work: two windows open, people waiting, one call on the screen
  const clerk1 = await server.login('clerk1');
  const clerk3 = await server.login('clerk3');
  await server.api('POST', `/halls/${hall.id}/windows/1/open`, { token: clerk1 });
  await server.api('POST', `/halls/${hall.id}/windows/3/open`, { token: clerk3 });
  for (const serviceId of ['labor', 'labor', 'labor', 'civil', 'civil', 'family'])
    await server.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId },
    });
  await server.api('POST', `/halls/${hall.id}/windows/1/call-next`, { token: clerk1 });
  await server.api('POST', `/halls/${hall.id}/windows/3/call-next`, { token: clerk3 });
  // window 4 on a brief pause: the LED wall's window-status line shows it
  const clerk4 = await server.login('clerk4');
  await server.api('POST', `/halls/${hall.id}/windows/4/open`, { token: clerk4 });
  await server.api('POST', `/halls/${hall.id}/windows/4/pause`, {
    token: clerk4,
    body: { kind: 'brief' },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number, height: number, query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${server.url}/hall?hall=${hall.id}&device=demo-screen&voice=off${query}`);
  await page.locator('[data-testid=latest-number]').first().waitFor({ timeout: TIMEOUT });
  await page.waitForTimeout(500);
  return page;
}

describe('hall screen layout', () => {
  it('TV 1920×1080: everything inside the screen, a large waiting board, no red technical text', async () => {
    const page = await open(1920, 1080, '');
    await page.screenshot({ path: screenshotPath('hall-screen', 'layout-tv') });
    const out = await outsideViewport(page, {
      header: page.locator('.tv-header'),
      latest: page.locator('[data-testid=latest-number]'),
      windows: page.locator('.window-board li, .window-row'),
      waiting: page.locator('.waiting-row'),
      status: page.locator('.status-line'),
    });
    expect(out, out.join('; ')).toEqual([]);
    expect(await scrollers(page)).toEqual([]);
    expect(await overflowingText(page, '.waiting-row > *, .window-row > *')).toEqual([]);
    // the estimate reads across a hall: at least 40 px text, not grey
    const minutes = page.locator('.waiting-row[data-service=labor] .waiting-minutes');
    expect(await minutes.innerText()).toMatch(/约\d+分钟/);
    const style = await minutes.evaluate((el) => {
      const s = getComputedStyle(el);
      return { size: parseFloat(s.fontSize), color: s.color };
    });
    expect(style.size).toBeGreaterThanOrEqual(40);
    // the waiting board uses the screen: it is at least a third of the screen's height
    const board = await page.locator('.waiting').boundingBox();
    expect(board!.height).toBeGreaterThanOrEqual(1080 / 3);
    // the voice state is a small corner note, never red
    const voice = await page.getByTestId('voice').evaluate((el) => {
      const s = getComputedStyle(el);
      return { size: parseFloat(s.fontSize), color: s.color };
    });
    expect(voice.size).toBeLessThanOrEqual(20);
    expect(voice.color).not.toMatch(/^rgb\((2[0-5]\d|1[5-9]\d), (\d|[1-9]\d), (\d|[1-9]\d)\)$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('TV in English: every part inside the screen, nothing cut off', async () => {
    const page = await open(1920, 1080, '&lang=en');
    await page.screenshot({ path: screenshotPath('hall-screen', 'layout-tv-en') });
    const out = await outsideViewport(page, {
      latest: page.locator('[data-testid=latest-number]'),
      windows: page.locator('.window-row'),
      waiting: page.locator('.waiting-row'),
      status: page.locator('.status-line'),
    });
    expect(out, out.join('; ')).toEqual([]);
    expect(await scrollers(page)).toEqual([]);
    expect(await overflowingText(page, '.waiting-row > *, .window-row > *')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('LED 768×384: the window-status line sits with the calls, no black band', async () => {
    const page = await open(768, 384, '&layout=led&size=768x384');
    await page.screenshot({ path: screenshotPath('hall-screen', 'layout-led-768x384') });
    const box = page.locator('.led');
    const out = await outsideViewport(page, {
      led: box,
      latest: page.locator('.led [data-testid=latest-number]'),
      windows: page.locator('.led .windows'),
    });
    expect(out, out.join('; ')).toEqual([]);
    // the gap between the last row of content and the bottom of the LED box is small
    const gap = await page.evaluate(() => {
      const led = document.querySelector('.led')!.getBoundingClientRect();
      const rows = Array.from(document.querySelectorAll('.led > *')).map((el) =>
        el.getBoundingClientRect(),
      );
      const bottom = Math.max(...rows.map((r) => r.bottom));
      const top = Math.min(...rows.map((r) => r.top));
      // the largest empty band between consecutive rows, and below the last one
      const sorted = rows.sort((a, b) => a.top - b.top);
      let band = led.bottom - bottom + (top - led.top);
      for (let i = 1; i < sorted.length; i++)
        band = Math.max(band, sorted[i]!.top - sorted[i - 1]!.bottom);
      return band;
    });
    expect(gap).toBeLessThanOrEqual(384 * 0.12);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('hall screen device check on load', () => {
  for (const [token, text] of [
    ['not-a-screen-token', '本机未配置'],
    ['old-screen-token', '本机已停用'],
    ['demo-kiosk', '本机未配置'],
  ] as const) {
    it(`${token}: ${text}, not 连接中断`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${server.url}/hall?hall=${hall.id}&device=${token}&voice=off`);
      await page.getByRole('alert').getByText(text).waitFor({ timeout: TIMEOUT });
      await page.screenshot({ path: screenshotPath('hall-screen', `layout-device-${token}`) });
      await page.close();
    });
  }
});
