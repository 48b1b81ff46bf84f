// The counter console and the window display in Debian's Chromium against the real server and Redis:
// two clerks at two windows serve a queue issued through the API, with every action by button and by key.
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { login } from './console-pages.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';
import { hallKeys } from '../../server/src/store/keys.js';

const WAIT = { timeout: 10_000 };

let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  s = await startTestServer(
    sampleHall('demo', (h) => {
      h.rules.ratingWindowSeconds = 8;
    }),
    { pages: true, printing: true },
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.close();
});

/** A switch that cuts a page off the realtime connection (socket.io over WebSocket and polling). */
interface Cable {
  cut(): void;
  mend(): void;
}

async function open(width: number, height: number, path: string, cable?: Cable[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  if (cable) {
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.route(/\/socket\.io\//, (route) => (cut ? route.abort() : route.continue()));
    cable.push({
      cut: () => {
        cut = true;
        for (const ws of sockets.splice(0)) void ws.close();
      },
      mend: () => {
        cut = false;
      },
    });
  }
  await page.goto(`${s.url}${path}`);
  return page;
}

async function issue(serviceId: string, priority: 'normal' | 'green' = 'normal'): Promise<any> {
  const r = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
    token: 'demo-kiosk',
    body: { serviceId, priority },
  });
  expect(r.status).toBe(201);
  return r.body;
}

async function events(type: string): Promise<any[]> {
  const all = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
  return all
    .filter(([, f]) => f[f.indexOf('type') + 1] === type)
    .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'));
}

const current = (page: Page) => page.getByTestId('current-number');
const action = (page: Page, id: string) => page.locator(`[data-action="${id}"]`);
const ticketStatus = async (id: string) =>
  (await s.api('GET', `/tickets/${id}`, { token: 'demo-kiosk' })).body;

describe('counter console and window display', () => {
  it('two clerks serve a queue with every button and key; transfer, no-show, pause, A/B, notice, rating', async () => {
    const hallQ = `?hall=${s.hall.id}`;
    const a1 = await issue('labor');
    const a2 = await issue('labor');
    const a3 = await issue('labor');
    const green = await issue('labor', 'green');
    const b1 = await issue('civil');

    // clerk 1 at window 1 on a 1366×768 desk, clerk 3 at window 3 on 1920×1080
    const cables: Cable[] = [];
    const c1 = await open(1366, 768, `/counter${hallQ}`, cables);
    await login(c1, 'clerk1');
    await expect.poll(() => c1.getByText('请选择或确认您的窗口').count(), WAIT).toBe(1);
    await c1.locator('.window-card', { hasText: '1号窗口' }).getByRole('button').click();
    await c1.getByTestId('window-status').getByText('服务中').waitFor(WAIT);

    const c3 = await open(1920, 1080, `/counter${hallQ}`);
    await login(c3, 'clerk3');
    await c3.locator('.window-card', { hasText: '3号窗口' }).getByRole('button').click();
    await c3.getByTestId('window-status').getByText('服务中').waitFor(WAIT);

    // the window displays: window 1 at 800×480, window 3 at 1280×400, paired by their device tokens
    const d1 = await open(800, 480, `/counter/display/1${hallQ}&device=demo-display-1`);
    const d3 = await open(1280, 400, `/counter/display/3${hallQ}&device=demo-display-3`);
    expect(d1.url()).not.toContain('device=');
    await d1.getByTestId('display-staff').getByText('王芳').waitFor(WAIT);
    await d1.getByText('工号 0101').waitFor(WAIT);

    // the waiting list in serve order, with why: green channel first
    const list = c1.getByTestId('waiting-list');
    await list.locator('li').first().getByText(green.number).waitFor(WAIT);
    await expect
      .poll(() => list.locator('li').allTextContents(), WAIT)
      .toEqual([
        expect.stringContaining('绿色通道'),
        expect.stringContaining(a1.number),
        expect.stringContaining(a2.number),
        expect.stringContaining(a3.number),
      ]);

    // 叫号 by F1: the green ticket; a double click on 叫号 later never calls twice
    await c1.keyboard.press('F1');
    await expect.poll(() => current(c1).textContent(), WAIT).toBe(green.number);
    await expect
      .poll(() => d1.getByTestId('display-number').textContent(), WAIT)
      .toBe(green.number);
    await c1.getByText('绿色通道').first().waitFor(WAIT);
    await d1.screenshot({ path: screenshotPath('counter-display', 'display-800x480-called') });

    // 重呼 by R and by the button, 开始办理 by S
    await c1.keyboard.press('r');
    await c1.getByText('已呼叫 2 次').waitFor(WAIT);
    await action(c1, 'recall').click();
    await c1.getByText('已呼叫 3 次').waitFor(WAIT);
    await c1.keyboard.press('s');
    await c1.getByText('正在办理', { exact: false }).first().waitFor(WAIT);
    await c1.screenshot({ path: screenshotPath('counter-display', 'console-1366x768-serving') });

    // 办结 by F4 and Enter: the evaluation prompt on console and display, answered by the evaluator
    await c1.keyboard.press('F4');
    await c1.getByRole('dialog').waitFor(WAIT);
    await c1.keyboard.press('Enter');
    await c1.getByTestId('evaluation').waitFor(WAIT);
    await d1.getByTestId('display-rating').getByText('请您对本次服务作出评价').waitFor(WAIT);
    await d1.screenshot({ path: screenshotPath('counter-display', 'display-800x480-rating') });
    const rated = await s.api('POST', `/halls/${s.hall.id}/windows/1/ratings`, {
      token: 'demo-evaluator',
      body: { score: 5, source: 'device' },
    });
    expect(rated.status).toBe(201);
    await d1.getByTestId('display-rating').waitFor({ state: 'detached', ...WAIT });
    await c1.getByTestId('last-rating').getByText(`${green.number} 评价：非常满意`).waitFor(WAIT);
    await expect.poll(() => c1.getByTestId('served').textContent(), WAIT).toBe('1');
    expect(await ticketStatus(green.id)).toMatchObject({
      rating: { score: 5 },
      ratingStatus: 'rated',
    });

    // a double click on 叫号 calls one ticket; 过号 by N, 重新排队 by Q
    const calledBefore = (await events('ticket.called')).length;
    await action(c1, 'callNext').dblclick();
    await expect.poll(() => current(c1).textContent(), WAIT).toBe(a1.number);
    await c1.waitForTimeout(300);
    expect((await events('ticket.called')).length).toBe(calledBefore + 1);
    const noShows = c1.getByTestId('today').getByTestId('no-shows');
    const noShowsBefore = Number(await noShows.textContent());
    await c1.keyboard.press('n');
    await c1.getByText(`刚过号：${a1.number}`).waitFor(WAIT);
    // 今日统计 counts the 过号 at once, without a reload
    await expect
      .poll(async () => Number(await noShows.textContent()), WAIT)
      .toBe(noShowsBefore + 1);
    await c1.keyboard.press('q');
    await expect.poll(async () => (await ticketStatus(a1.id)).requeued, WAIT).toBe(true);
    await list.locator('li', { hasText: a1.number }).getByText('过号后重新排队').waitFor(WAIT);

    // 叫号 by the keypad's +, 开始办理 by Num Enter, then 转移 by T to window 3
    await c1.keyboard.press('NumpadAdd');
    await expect.poll(() => current(c1).textContent(), WAIT).toBe(a2.number);
    await c1.keyboard.press('NumpadEnter');
    await c1.locator('.current-serving').waitFor(WAIT);
    await c1.keyboard.press('t');
    const transfer = c1.getByRole('dialog');
    await transfer.locator('[data-window="3"]').click();
    await transfer.getByLabel('备注（可选）').fill('需民政窗口核定');
    await c1.keyboard.press('Enter');
    await c1.getByText(`${a2.number} 已转移至 3号窗口`).waitFor(WAIT);
    await expect.poll(() => d1.getByTestId('display-number').count(), WAIT).toBe(0);

    // window 3 serves the transferred ticket first, before its own B001, with the first window kept
    const list3 = c3.getByTestId('waiting-list');
    await list3.locator('li').first().getByText(a2.number).waitFor(WAIT);
    await action(c3, 'callNext').click();
    await expect.poll(() => current(c3).textContent(), WAIT).toBe(a2.number);
    await c3.getByText('首问：1号窗口').waitFor(WAIT);
    await c3.getByText('转移 ← 1号窗口').waitFor(WAIT);
    await action(c3, 'start').click();
    await c3.locator('.current-serving').waitFor(WAIT);
    await c3.screenshot({
      path: screenshotPath('counter-display', 'console-1920x1080-transferred'),
    });

    // 办结 with materials missing: tick from the service's list, type another, the notice goes to the printer
    await action(c3, 'finish').click();
    const finish = c3.getByRole('dialog');
    await c3.keyboard.press('2');
    await finish.getByLabel('再就业优惠证原件及复印件').check();
    await finish.getByLabel('其他材料（每行一项）').fill('社区出具的困难证明');
    await c3.screenshot({
      path: screenshotPath('counter-display', 'console-1920x1080-materials-notice'),
    });
    await finish.getByTestId('finish-confirm').click();
    // no printer agent is connected: the clerk is told so, not "sent to the printer"
    const noticePrint = c3.getByTestId('notice-print');
    await noticePrint
      .getByText(`${a2.number} 告知单未打印：打印机未连接，恢复后自动打印`)
      .waitFor(WAIT);
    expect(await noticePrint.getAttribute('data-status')).toBe('printer_problem');
    const noticed = await ticketStatus(a2.id);
    expect(noticed).toMatchObject({
      status: 'done',
      outcome: 'materials_missing',
      missingMaterials: ['再就业优惠证原件及复印件', '社区出具的困难证明'],
      oneTimeNotice: {
        windowId: '3',
        missingMaterials: ['再就业优惠证原件及复印件', '社区出具的困难证明'],
        print: { printerId: 'printer-1' },
      },
    });
    // one notice job waits in the printer's queue
    const jobs = await s.redis.zrange(`{hall:${s.hall.id}}:printer:printer-1:jobs`, 0, -1);
    expect(jobs.filter((id) => id.startsWith(`n.${a2.id}.`))).toHaveLength(1);

    // nobody rates: the prompt ends by itself and the ticket shows 未评价
    await c3.getByTestId('evaluation').waitFor(WAIT);
    await c3.getByTestId('last-rating').getByText(`${a2.number} 评价：未评价`).waitFor({
      timeout: 20_000,
    });
    expect((await ticketStatus(a2.id)).ratingStatus).toBe('unrated');

    // 暂停 by P then 2 (暂停服务) shows on the display; 恢复 by U; 请稍候 by the buttons
    await c3.keyboard.press('p');
    await c3.keyboard.press('2');
    await d3.getByTestId('display-sign').getByText('此窗口暂停服务').waitFor(WAIT);
    await c3.getByTestId('window-status').getByText('暂停服务').waitFor(WAIT);
    await d3.screenshot({ path: screenshotPath('counter-display', 'display-1280x400-paused') });
    expect(await action(c3, 'callNext').isDisabled()).toBe(true);
    await c3.keyboard.press('u');
    await c3.getByTestId('window-status').getByText('服务中').waitFor(WAIT);
    await action(c3, 'pause').click();
    await c3.getByTestId('pause-brief').click();
    await d3.getByTestId('display-sign').getByText('对不起，请稍候').waitFor(WAIT);
    await action(c3, 'resume').click();
    await c3.getByTestId('window-status').getByText('服务中').waitFor(WAIT);

    // window 3 then serves its own queue: C to call, Num * to recall, the buttons to start and finish
    await c3.keyboard.press('c');
    await expect.poll(() => current(c3).textContent(), WAIT).toBe(b1.number);
    await c3.keyboard.press('NumpadMultiply');
    await c3.getByText('已呼叫 2 次').waitFor(WAIT);
    await expect.poll(() => d3.getByTestId('display-number').textContent(), WAIT).toBe(b1.number);
    await d3.screenshot({ path: screenshotPath('counter-display', 'display-1280x400-called') });
    await action(c3, 'start').click();
    await c3.locator('.current-serving').waitFor(WAIT);
    await c3.keyboard.press('f');
    await c3.keyboard.press('4');
    await c3.getByRole('dialog').getByTestId('finish-confirm').click();
    await c3.getByText(`${b1.number} 已办结`).waitFor(WAIT);

    // 指定叫号 out of order: the last of window 1's list, with its reason recorded; Z opens the same dialog
    await c1.keyboard.press('z');
    await c1.getByRole('dialog').getByText(a1.number).waitFor(WAIT);
    await c1.keyboard.press('Escape');
    await c1.getByRole('dialog').waitFor({ state: 'detached', ...WAIT });
    await list.locator('li', { hasText: a1.number }).locator('.choose-button').click();
    const choose = c1.getByRole('dialog');
    await choose.getByTestId('choose-confirm').click();
    await choose.getByText('请填写指定叫号的原因').waitFor(WAIT);
    await choose.getByLabel('原因（必填，将记录在案）').fill('预约时间已到');
    await c1.keyboard.press('Enter');
    await expect.poll(() => current(c1).textContent(), WAIT).toBe(a1.number);
    await c1.getByText('指定叫号：预约时间已到').waitFor(WAIT);
    expect((await events('ticket.called')).at(-1)).toMatchObject({
      ticketId: a1.id,
      reason: 'chosen',
    });
    // the keys that remain: 过号 by Num -, then the re-queued ticket by F1, started by F3, finished by button
    await c1.keyboard.press('NumpadSubtract');
    await c1.getByText(`刚过号：${a1.number}`).waitFor(WAIT);
    await c1.keyboard.press('F1');
    await expect.poll(() => current(c1).textContent(), WAIT).toBe(a3.number);
    await c1.keyboard.press('F3');
    await c1.locator('.current-serving').waitFor(WAIT);
    await action(c1, 'finish').click();
    await c1.getByRole('dialog').getByTestId('finish-confirm').click();
    await c1.getByText(`${a3.number} 已办结`).waitFor(WAIT);
    // 暂停 by F8, 请稍候 by 1; 恢复 by F9
    await c1.keyboard.press('F8');
    await c1.keyboard.press('1');
    await d1.getByTestId('display-sign').getByText('对不起，请稍候').waitFor(WAIT);
    await c1.keyboard.press('F9');
    await c1.getByTestId('window-status').getByText('服务中').waitFor(WAIT);

    // A/B posts: clerk1 (A) signs out with Alt+X; clerk2 (B) takes window 1 in one action
    await c1.keyboard.press('Alt+KeyX');
    await c1.getByText('请选择或确认您的窗口').waitFor(WAIT);
    await d1.getByTestId('display-sign').getByText('此窗口暂停服务').waitFor(WAIT);
    const ended = await c1.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('hall-counter.session') ?? '{}') as { token: string })
          .token,
    );
    await c1.getByRole('button', { name: '退出登录' }).click();
    // 退出登录 ends the session on the server: the token no longer works anywhere
    await expect
      .poll(
        async () => (await s.api('GET', `/halls/${s.hall.id}/staff/me`, { token: ended })).status,
        WAIT,
      )
      .toBe(401);
    await login(c1, 'clerk2');
    const card = c1.locator('.window-card', { hasText: '1号窗口' });
    await card.getByText('B岗').waitFor(WAIT);
    await c1.screenshot({ path: screenshotPath('counter-display', 'console-1366x768-windows') });
    await card.getByRole('button', { name: '签到上岗' }).click();
    await c1.getByTestId('window-status').getByText('服务中').waitFor(WAIT);
    await d1.getByTestId('display-staff').getByText('李强').waitFor(WAIT);
    expect((await events('window.opened')).at(-1)).toMatchObject({
      windowId: '1',
      clerkId: 'clerk2',
      handoverFrom: 'clerk1',
    });
    await d1.screenshot({ path: screenshotPath('counter-display', 'display-800x480-idle') });

    // B serves on with B's own counts of today
    await expect.poll(() => c1.getByTestId('served').textContent(), WAIT).toBe('0');
    const a5 = await issue('labor');
    await action(c1, 'callNext').click();
    await expect.poll(() => current(c1).textContent(), WAIT).toBe(a5.number);
    await c1.screenshot({ path: screenshotPath('counter-display', 'console-1366x768-called') });

    // a lost connection shows at once; the console recovers by itself with what it missed
    cables[0]!.cut();
    await c1.getByRole('alert').getByText('连接已断开，正在重新连接…').waitFor(WAIT);
    await c1.screenshot({ path: screenshotPath('counter-display', 'console-1366x768-offline') });
    const a6 = await issue('labor');
    cables[0]!.mend();
    await c1.getByRole('alert').waitFor({ state: 'detached', timeout: 15_000 });
    await c1.getByTestId('connection').getByText('实时连接').waitFor(WAIT);
    await list.locator('li', { hasText: a6.number }).waitFor(WAIT);

    // English is the second language, one switch away
    await c1.getByRole('button', { name: 'English' }).click();
    await action(c1, 'callNext').getByText('Call next').waitFor(WAIT);
    await c1.screenshot({ path: screenshotPath('counter-display', 'console-1366x768-english') });
  });
});
