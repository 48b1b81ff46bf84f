// Live supervision in Debian's Chromium against the real server, Redis and alert engine: the
// supervisor's board shows window timers turning yellow and red, each service's longest wait,
// open alerts (one acknowledged with a note), and the clerk's console shows its service timer in
// red, how long each ticket has waited and a transfer note before calling. Limits of seconds
// (the hall file's minutes as fractions) keep the real waits short.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, openPage } from './console-pages.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';

const WAIT = { timeout: 15_000 };
// 3 s = 0.05 min
const S3 = 0.05;

let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  s = await startTestServer(
    sampleHall('demo', (h) => {
      h.limits.waitMinutes = { yellow: S3, red: 2 };
      h.limits.callMinutes = { yellow: S3, red: 1 };
      h.limits.serviceMinutes = { yellow: S3, red: 2 * S3 };
      h.limits.unstaffedQueueMinutes = S3;
    }),
    { pages: true, alertEveryMs: 200 },
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.close();
});

function open(width: number, height: number, path: string): Promise<Page> {
  return openPage(browser, contexts, `${s.url}${path}`, width, height);
}

const level = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .getAttribute('data-level', { timeout: 1000 })
    .catch(() => null);

describe('live supervision', () => {
  it('board timers turn yellow and red, alerts are acknowledged, the console timer turns red', async () => {
    const h = `/halls/${s.hall.id}`;
    const issue = async (serviceId: string) =>
      (await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId } })).body;

    const board = await open(1920, 1080, `/counter/supervisor?hall=${s.hall.id}`);
    await login(board, 'supervisor');
    await board.getByTestId('connection').filter({ hasText: '实时连接' }).waitFor(WAIT);

    // the clerk at window 1 signs in on the console
    const desk = await open(1366, 768, `/counter?hall=${s.hall.id}`);
    await login(desk, 'clerk1');
    await desk.locator('.window-card', { hasText: '1号窗口' }).getByRole('button').click();
    await desk.getByTestId('window-status').getByText('服务中').waitFor(WAIT);

    const a1 = await issue('labor');
    const a2 = await issue('labor');
    await issue('civil');
    await issue('civil');
    const f1 = await issue('party');

    // the console: how long each waits, turning yellow at the wait limit (3 s here)
    await desk.getByTestId(`waited-${a2.number}`).waitFor(WAIT);
    await expect.poll(() => level(desk, `waited-${a2.number}`), WAIT).toBe('yellow');
    await expect(desk.getByTestId(`waited-${a2.number}`).textContent()).resolves.toContain('预警');

    // 叫号 and 开始办理 on the console; window 3 calls by the API
    await desk.keyboard.press('F1');
    await expect.poll(() => desk.getByTestId('current-number').textContent(), WAIT).toBe(a1.number);
    // the call's answer has come back once 开始办理 is enabled (keys wait for it as buttons do)
    await desk.locator('[data-action="start"]:not([disabled])').waitFor(WAIT);
    await desk.keyboard.press('s');
    await desk.getByTestId('service-timer').filter({ hasText: '已办理' }).waitFor(WAIT);
    const clerk3 = await s.login('clerk3');
    await s.api('POST', `${h}/windows/3/open`, { token: clerk3 });
    await s.api('POST', `${h}/windows/3/call-next`, { token: clerk3 });

    // the board: window 1 in service past 6 s is red, window 3 called past 3 s is yellow
    await expect.poll(() => level(board, 'sup-timer-1'), WAIT).toBe('red');
    await expect.poll(() => level(board, 'sup-timer-3'), WAIT).toBe('yellow');
    await expect(board.getByTestId('sup-timer-1').textContent()).resolves.toContain('超时');
    await expect(board.getByTestId('sup-timer-3').textContent()).resolves.toContain('预警');
    await board.getByTestId('sup-longest-labor').filter({ hasText: a2.number }).waitFor(WAIT);
    await board.getByTestId('sup-longest-party').filter({ hasText: '无窗口受理' }).waitFor(WAIT);

    // the alerts: 空岗 for 党员服务, the red service limit at window 1, the call at window 3
    const open1 = board.getByTestId('sup-alerts');
    await open1.getByTestId('alert-unstaffed_queue-party').waitFor(WAIT);
    await open1
      .getByTestId(`alert-service_limit-${a1.number}`)
      .filter({ hasText: '红牌' })
      .waitFor(WAIT);
    await open1.getByTestId('alert-call_limit-B001').filter({ hasText: '黄牌' }).waitFor(WAIT);
    await open1.getByTestId(`alert-wait_limit-${f1.number}`).waitFor(WAIT);

    // acknowledge the 空岗 with a note: it moves to today's history with the note
    const unstaffed = open1.getByTestId('alert-unstaffed_queue-party');
    await unstaffed.getByRole('button', { name: '确认' }).click();
    await unstaffed.getByLabel('处理说明').fill('已通知党员服务B岗到岗');
    await unstaffed.getByRole('button', { name: '提交' }).click();
    const history = board.getByTestId('sup-alert-history');
    await history
      .getByTestId('alert-unstaffed_queue-party')
      .filter({ hasText: '已通知党员服务B岗到岗' })
      .filter({ hasText: '已于' })
      .waitFor(WAIT);
    const supervisor = await s.login('supervisor');
    const acked = (await s.api('GET', `${h}/alerts?state=all`, { token: supervisor })).body
      .alerts as { kind: string; acknowledgedBy?: string; note?: string }[];
    expect(acked.find((a) => a.kind === 'unstaffed_queue')).toMatchObject({
      acknowledgedBy: 'supervisor',
      note: '已通知党员服务B岗到岗',
    });
    await board.screenshot({ path: screenshotPath('counter-display', 'supervision-1920x1080') });

    // the console: the service timer is red (超时) past the service limit
    await expect.poll(() => level(desk, 'service-timer'), WAIT).toBe('red');
    await expect(desk.getByTestId('service-timer').textContent()).resolves.toContain('超时');

    // window 3 hands its ticket to window 1 with a note: it waits there, note shown before calling
    const note = '低保申请材料齐全，请核对收入证明';
    const moved = await s.api('POST', `${h}/windows/3/transfer`, {
      token: clerk3,
      body: { toWindowId: '1', note },
    });
    expect(moved.status).toBe(200);
    await desk.getByTestId('transfer-note-B001').filter({ hasText: note }).waitFor(WAIT);
    await desk.screenshot({ path: screenshotPath('counter-display', 'console-1366x768-limits') });

    // reloading the board keeps the alerts (they live on the server)
    await board.reload();
    await board
      .getByTestId('sup-alerts')
      .getByTestId(`alert-service_limit-${a1.number}`)
      .waitFor(WAIT);
    await board
      .getByTestId('sup-alert-history')
      .getByTestId('alert-unstaffed_queue-party')
      .waitFor(WAIT);
  });

  it('the board in English', async () => {
    const page = await open(1366, 768, `/counter/supervisor?hall=${s.hall.id}`);
    await login(page, 'supervisor');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Live alerts').waitFor(WAIT);
    await page.getByText('Longest wait').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('counter-display', 'supervision-1366x768-en') });
  });
});
