// The reports area (统计报表) in Debian's Chromium against the real server and Redis: three
// weeks of a hall served through the API with an injected clock, then a supervisor reads the
// month's report with its charts, searches the ledger, looks at the ranking and attendance,
// and opens the A4 print view; screenshots at 1920×1080 and 1366×768.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, openPage } from './console-pages.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import {
  sampleHall,
  startTestServer,
  TestClock,
  type TestServer,
} from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';

const WAIT = { timeout: 15_000 };
const clock = new TestClock(Date.parse('2026-11-02T08:30:00+08:00'));
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** What the script did, to check the screen against. */
let issuedInMonth = 0;

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { pages: true, clock });
  browser = await launchBrowser();
  const h = `/halls/${s.hall.id}`;
  const post = async (path: string, token: string, body?: unknown) => {
    const r = await s.api('POST', `${h}${path}`, { token, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string };
  };
  const posts = [
    { w: '1', clerk: 'clerk1', svc: 'labor' },
    { w: '3', clerk: 'clerk3', svc: 'civil' },
    { w: '4', clerk: 'clerk4', svc: 'family' },
  ];
  const tokens = new Map<string, string>();
  for (const p of posts) tokens.set(p.clerk, await s.login(p.clerk));
  for (let day = 2; day <= 20; day++) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    if ([7, 8, 14, 15].includes(day)) continue; // weekends
    clock.set(`${date}T08:55:00+08:00`);
    for (const p of posts) await post(`/windows/${p.w}/open`, tokens.get(p.clerk) ?? '');
    for (let i = 0; i < 4 + (day % 3); i++) {
      for (const [j, p] of posts.entries()) {
        clock.set(
          `${date}T${String(9 + i).padStart(2, '0')}:${String(j * 5).padStart(2, '0')}:00+08:00`,
        );
        const t = await post('/tickets', 'demo-kiosk', {
          serviceId: p.svc,
          ...((i + j) % 5 === 0 ? { priority: 'green' } : {}),
        });
        issuedInMonth++;
        clock.advance(((day + i * 3 + j * 7) % 25) * 60_000);
        const token = tokens.get(p.clerk) ?? '';
        if ((day + i + j) % 11 === 0) {
          await post(`/windows/${p.w}/call`, token, { ticketId: t.id, reason: '老人行动不便' });
        } else await post(`/windows/${p.w}/call-next`, token);
        await post(`/windows/${p.w}/start`, token);
        clock.advance((4 + ((day * 7 + i * 5 + j) % 14)) * 60_000);
        const missing = (day + i) % 9 === 0;
        await post(`/windows/${p.w}/finish`, token, {
          outcome: missing ? 'materials_missing' : 'done',
          ...(missing
            ? { missingMaterials: ['户口簿及家庭成员身份证原件及复印件', '家庭收入证明'] }
            : {}),
        });
        if ((i + j + day) % 4 !== 0) {
          await post(`/windows/${p.w}/ratings`, `demo-display-${p.w}`, {
            score: (i * 7 + j * 3 + day) % 29 === 0 ? 2 : (i + day) % 3 === 0 ? 4 : 5,
            source: 'screen',
          });
        }
      }
    }
    clock.set(`${date}T12:00:00+08:00`);
    await post('/windows/3/pause', tokens.get('clerk3') ?? '', { kind: 'brief' });
    clock.set(`${date}T12:07:00+08:00`);
    await post('/windows/3/resume', tokens.get('clerk3') ?? '');
    clock.set(`${date}T17:30:00+08:00`);
    for (const p of posts) await post(`/windows/${p.w}/close`, tokens.get(p.clerk) ?? '');
  }
  clock.set('2026-11-20T18:00:00+08:00');
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.close();
});

function open(width: number, height: number, path: string): Promise<Page> {
  return openPage(browser, contexts, `${s.url}${path}`, width, height);
}

describe('reports area (统计报表)', () => {
  it('shows the month with charts, the ledger, the ranking, attendance and the print view', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ] as const) {
      const size = `${width}x${height}`;
      const page = await open(width, height, `/counter/supervisor?hall=${s.hall.id}`);
      await login(page, 'supervisor');
      // from the live console to the reports area
      await page.getByRole('link', { name: '统计报表、台帐、流动红旗' }).click();
      await page.getByRole('tab', { name: '统计报表' }).waitFor(WAIT);
      // 本月 is the default period: the totals show every ticket of the script
      const kpis = page.getByTestId('rep-kpis');
      await kpis.filter({ hasText: String(issuedInMonth) }).waitFor(WAIT);
      await page.getByTestId('rep-table').getByText('劳动保障').waitFor(WAIT);
      await page.getByTestId('rep-chart-trend').locator('svg').waitFor(WAIT);
      await page.getByTestId('rep-chart-satisfaction').getByText('王芳（0101）').waitFor(WAIT);
      await page.screenshot({
        path: screenshotPath('counter-display', `reports-${size}`),
        fullPage: true,
      });

      // by window, sorted by served, most first
      await page.getByRole('button', { name: '按窗口' }).click();
      await page.getByTestId('rep-table').getByText('1号窗口').waitFor(WAIT);
      await page.getByRole('button', { name: '办结', exact: true }).click();
      const firstRow = page.getByTestId('rep-table').locator('tbody tr').first();
      expect(await firstRow.locator('th').textContent()).toMatch(/号窗口/);

      // the ledger of today, then one number
      await page.getByRole('tab', { name: '业务台帐' }).click();
      const ledger = page.getByTestId('rep-ledger');
      await ledger.getByText('A001').first().waitFor(WAIT);
      await page.screenshot({ path: screenshotPath('counter-display', `reports-ledger-${size}`) });
      await page.getByLabel('号码').fill('B002');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('共 1 件').waitFor(WAIT);
      expect(await ledger.locator('tbody tr').count()).toBe(1);

      await page.getByRole('tab', { name: '流动红旗' }).click();
      await page.getByTestId('rep-ranking-windows').getByText('流动红旗').waitFor(WAIT);
      await page.screenshot({ path: screenshotPath('counter-display', `reports-ranking-${size}`) });

      await page.getByRole('tab', { name: '考勤' }).click();
      await page.getByTestId('rep-attendance').getByText('暂离').first().waitFor(WAIT);
      await page.screenshot({
        path: screenshotPath('counter-display', `reports-attendance-${size}`),
      });

      await page.getByRole('tab', { name: '统计报表' }).click();
      await page.getByRole('button', { name: '打印月报' }).click();
      const sheet = page.getByTestId('rep-print');
      await sheet.getByText(`${s.hall.name} 业务统计月报`).waitFor(WAIT);
      await sheet.getByText('统计期间：2026-11-01 至 2026-11-20').waitFor(WAIT);
      await sheet.locator('.print-totals').getByText(String(issuedInMonth)).first().waitFor(WAIT);
      await page.screenshot({
        path: screenshotPath('counter-display', `reports-print-${size}`),
        fullPage: true,
      });
      if (width === 1920) {
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({
          path: screenshotPath('counter-display', 'reports-print-media'),
          fullPage: true,
        });
        await page.emulateMedia({ media: 'screen' });
      }
    }
  });

  it('reads the same area in English', async () => {
    const page = await open(1366, 768, `/counter/supervisor/reports?hall=${s.hall.id}`);
    await login(page, 'supervisor');
    await page.getByRole('tab', { name: '业务台帐' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Case ledger' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'By window' }).click();
    await page.getByTestId('rep-table').getByText('Window 1').waitFor(WAIT);
    await page.screenshot({
      path: screenshotPath('counter-display', 'reports-1366x768-en'),
      fullPage: true,
    });
  });
});
