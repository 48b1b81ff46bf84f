// The supervisor console (值班长工作台) in Debian's Chromium against the real server, Redis and
// follow-up jobs: the hall changes live as tickets are issued and served through the API, a bad
// rating raises an alert and a 回访 task that is closed with a note, a notice is published and
// taken down, and a clerk is refused.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { login, openPage } from './console-pages.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';

const WAIT = { timeout: 15_000 };

let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let agent: Socket | null = null;

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), {
    pages: true,
    jobs: true,
    printing: true,
    alertEveryMs: 200,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  agent?.disconnect();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.close();
});

function open(width: number, height: number, path: string): Promise<Page> {
  return openPage(browser, contexts, `${s.url}${path}`, width, height);
}

describe('supervisor console', () => {
  it('shows the hall live, alerts on a bad rating, closes its follow-up and manages notices', async () => {
    const h = `/halls/${s.hall.id}`;
    const page = await open(1920, 1080, `/counter/supervisor?hall=${s.hall.id}`);
    await page.getByRole('heading', { name: '值班长工作台' }).waitFor(WAIT);
    await login(page, 'supervisor');
    const window1 = page.getByTestId('sup-window-1');
    await window1.filter({ hasText: '未签到' }).waitFor(WAIT);
    await page.getByTestId('connection').filter({ hasText: '实时连接' }).waitFor(WAIT);

    // a ticket is issued: the labor queue grows
    const issued = await s.api('POST', `${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor' },
    });
    expect(issued.status).toBe(201);
    await page.getByTestId('sup-waiting-labor').filter({ hasText: '1 人' }).waitFor(WAIT);

    // the clerk signs in, calls, serves and finishes: the window follows each step
    const clerk = await s.login('clerk1');
    await s.api('POST', `${h}/windows/1/open`, { token: clerk });
    await window1.filter({ hasText: '空闲' }).filter({ hasText: '工号' }).waitFor(WAIT);
    await s.api('POST', `${h}/windows/1/call-next`, { token: clerk });
    await window1.filter({ hasText: '叫号中' }).filter({ hasText: 'A001' }).waitFor(WAIT);
    await page.getByTestId('sup-waiting-labor').filter({ hasText: '0 人' }).waitFor(WAIT);
    await s.api('POST', `${h}/windows/1/start`, { token: clerk });
    await window1.filter({ hasText: '办理中' }).waitFor(WAIT);
    await s.api('POST', `${h}/windows/1/finish`, { token: clerk, body: { outcome: 'done' } });
    await window1.filter({ hasText: '空闲' }).waitFor(WAIT);

    // the evaluator reports 1 非常不满意: an alert at once, then the 回访 task
    const rated = await s.api('POST', `${h}/windows/1/ratings`, {
      token: 'demo-evaluator',
      body: { score: 1, source: 'device' },
    });
    expect(rated.status).toBe(201);
    const alerts = page.getByTestId('sup-alerts');
    await alerts.filter({ hasText: '差评 1 分' }).filter({ hasText: 'A001' }).waitFor(WAIT);
    await expect.poll(() => alerts.textContent(), WAIT).toContain('1号窗口');
    const task = page.getByTestId('sup-follow-up-A001');
    await task.filter({ hasText: '待回访' }).waitFor(WAIT);
    await page.getByTestId('sup-rating-clerk1').filter({ hasText: '1' }).waitFor(WAIT);
    // more of the hall at work for the picture: a call at window 3, a brief pause at window 4
    await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    const clerk3 = await s.login('clerk3');
    await s.api('POST', `${h}/windows/3/open`, { token: clerk3 });
    await s.api('POST', `${h}/windows/3/call-next`, { token: clerk3 });
    const clerk4 = await s.login('clerk4');
    await s.api('POST', `${h}/windows/4/open`, { token: clerk4 });
    await s.api('POST', `${h}/windows/4/pause`, { token: clerk4, body: { kind: 'brief' } });
    await page
      .getByTestId('sup-window-3')
      .filter({ hasText: '叫号中' })
      .filter({ hasText: 'B001' })
      .waitFor(WAIT);
    await page.getByTestId('sup-window-4').filter({ hasText: '请稍候' }).waitFor(WAIT);
    await page.getByTestId('sup-waiting-civil').filter({ hasText: '1 人' }).waitFor(WAIT);
    // the kiosk's printer agent reports 缺纸: the console shows it live
    await page
      .getByTestId('sup-printer-printer-1')
      .filter({ hasText: '打印代理未连接' })
      .waitFor(WAIT);
    const printerAgent = io(`${s.url}/printers`, {
      auth: { token: 'demo-printer' },
      transports: ['websocket'],
    });
    agent = printerAgent;
    printerAgent.on('print:job', (_job: unknown, ack: (r: unknown) => void) =>
      ack({ outcome: 'problem', problem: 'paper_end' }),
    );
    await new Promise<void>((resolve) => printerAgent.on('connect', () => resolve()));
    printerAgent.emit('printer:status', {
      ready: false,
      problem: 'paper_end',
      paperNearEnd: false,
    });
    await page.getByTestId('sup-printer-printer-1').filter({ hasText: '缺纸' }).waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('counter-display', 'supervisor-1920x1080') });

    // close the follow-up with a note
    await task.getByRole('button', { name: '办结回访' }).click();
    await task.getByPlaceholder('回访情况').fill('已电话回访，群众对等候时间不满，已致歉并说明');
    await task.getByRole('button', { name: '提交' }).click();
    await task.filter({ hasText: '已回访' }).waitFor(WAIT);
    const supervisorToken = await s.login('supervisor');
    const list = await s.api('GET', `${h}/follow-ups`, { token: supervisorToken });
    expect(list.body.followUps[0]).toMatchObject({
      number: 'A001',
      status: 'closed',
      closedBy: 'supervisor',
      note: '已电话回访，群众对等候时间不满，已致歉并说明',
    });

    // publish a notice: it is in the public snapshot; take it down: it is gone
    const text = '今日16:00起社保业务系统升级，请提前办理';
    await page.getByLabel('公告内容（中文）').fill(text);
    await page.getByRole('button', { name: '发布公告' }).click();
    await page.getByTestId('sup-notices').filter({ hasText: text }).waitFor(WAIT);
    await expect
      .poll(async () => (await s.api('GET', h)).body.notices.map((n: any) => n.text), WAIT)
      .toContain(text);
    await page.getByRole('button', { name: `下架：${text}` }).click();
    await expect
      .poll(async () => (await s.api('GET', h)).body.notices.map((n: any) => n.text), WAIT)
      .not.toContain(text);
    await page
      .getByTestId('sup-notices')
      .filter({ hasText: text })
      .waitFor({
        state: 'detached',
        ...WAIT,
      });

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: screenshotPath('counter-display', 'supervisor-1366x768') });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Windows' }).waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('counter-display', 'supervisor-1366x768-en') });
  });

  it('refuses a clerk, and offers a supervisor on /counter the supervisor console', async () => {
    const clerkPage = await open(1366, 768, `/counter/supervisor?hall=${s.hall.id}`);
    await login(clerkPage, 'clerk2');
    await clerkPage
      .getByTestId('sup-refused')
      .filter({ hasText: '仅限值班长/管理员使用' })
      .waitFor(WAIT);
    expect(await clerkPage.getByTestId('sup-window-1').count()).toBe(0);
    await clerkPage.screenshot({
      path: screenshotPath('counter-display', 'supervisor-clerk-refused'),
    });

    const page = await open(1366, 768, `/counter?hall=${s.hall.id}`);
    await login(page, 'admin');
    await page.getByTestId('supervisor-offer').waitFor(WAIT);

    // the staff list behind the names: supervisors only, and never a password hash
    const refused = await s.api('GET', `/halls/${s.hall.id}/staff`, {
      token: await s.login('clerk2'),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const staff = await s.api('GET', `/halls/${s.hall.id}/staff`, {
      token: await s.login('supervisor'),
    });
    expect(staff.body.staff).toContainEqual({
      id: 'clerk1',
      name: '王芳',
      role: 'clerk',
      jobNo: '0101',
    });
    expect(JSON.stringify(staff.body)).not.toContain('scrypt');
    await page.screenshot({
      path: screenshotPath('counter-display', 'supervisor-offer-on-counter'),
    });
    await page.getByRole('link', { name: '打开值班长工作台' }).click();
    await page.getByTestId('sup-window-1').waitFor(WAIT);
  });
});
