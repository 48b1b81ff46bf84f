// The admin console (管理后台) in Debian's Chromium against the real server and Redis: a clerk
// is refused; an administrator goes through every page, renames a service with a diff to
// confirm and sees the rename in the hall's public state, is told when someone else saved
// first, adds next year's holidays on the calendar, creates a clerk whose one-time password
// must be changed at the first login, creates a kiosk with its pairing QR, reads the audit
// log; a supervisor sees only hours, limits and notices. Build first: npm run build -w
// counter-display. Screenshots: screenshots/counter-display/admin-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import type {} from '../../server/test/global-setup.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import { seriousA11yViolations } from '../../server/test/layout-checks.js';
import { login, openPage } from './console-pages.js';

const WAIT = { timeout: 15_000 };
/** A 1×1 PNG: the smallest photo the server takes. */
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const shot = (name: string) => screenshotPath('counter-display', `admin-${name}`);

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { pages: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.close();
});

const open = (path = '') =>
  openPage(browser, contexts, `${s.url}/counter/admin?hall=${s.hall.id}${path}`, 1366, 900);
const config = async () => {
  const token = await s.login('admin');
  const r = await s.api('GET', `/halls/${s.hall.id}/config`, { token });
  expect(r.status).toBe(200);
  return r.body as { version: string | number; config: typeof s.hall };
};
async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tabpanel', { name }).waitFor(WAIT);
}

describe('admin console (管理后台)', () => {
  it('refuses a clerk with a clear message', async () => {
    const page = await open();
    await login(page, 'clerk1');
    await page.getByRole('alert').getByText('管理后台仅限管理员和值班长使用').waitFor(WAIT);
    expect(await page.getByRole('tab').count()).toBe(0);
    await page.screenshot({ path: shot('clerk-refused') });
  });

  it('shows every page to an administrator, without serious accessibility problems', async () => {
    const page = await open();
    await login(page, 'admin');
    await page.getByLabel('大厅名称').waitFor(WAIT);
    expect(await page.getByLabel('大厅名称').inputValue()).toBe(s.hall.name);
    // the hall file that starts an identical hall, as a download
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出大厅配置文件（YAML）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${s.hall.id}.yaml`);
    const yaml = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(yaml).toString('utf8')).toContain(`id: ${s.hall.id}`);
    for (const [name, slug, visible] of [
      ['大厅', 'hall', '小票打印'],
      ['业务', 'services', '所需材料（每行一项）'],
      ['窗口', 'windows', '办理业务（按叫号先后）'],
      ['人员', 'staff', '新增人员'],
      ['设备', 'devices', '新增设备'],
      ['办公时间', 'hours', '节假日日历'],
      ['规则', 'rules', '叫号规则'],
      ['屏幕与语音', 'screen', '语音播报'],
      ['操作日志', 'audit', '查询'],
    ] as const) {
      await tab(page, name);
      await page.getByText(visible, { exact: true }).first().waitFor(WAIT);
      await page.screenshot({ path: shot(slug), fullPage: true });
      expect(await seriousA11yViolations(page), name).toEqual([]);
    }
  });

  it('checks each field as it is typed, confirms a rename with a diff, and the kiosk shows it', async () => {
    // a kiosk already running in the hall (build kiosk too: npm run build -w kiosk)
    const kiosk = await openPage(
      browser,
      contexts,
      `${s.url}/kiosk?hall=${s.hall.id}&device=demo-kiosk`,
      1080,
      1920,
    );
    await kiosk
      .getByRole('button', { name: /劳动保障/ })
      .first()
      .waitFor(WAIT);
    const page = await open();
    await login(page, 'admin');
    await tab(page, '业务');
    await page.getByRole('button', { name: /劳动保障/ }).click();
    // a lowercase prefix is refused at once, in Chinese, and blocks saving
    await page.getByLabel('号码字头').fill('a');
    await page.getByText('须为一至两个大写字母，如 A 或 AB').first().waitFor(WAIT);
    expect(await page.getByRole('button', { name: '检查并保存…' }).isDisabled()).toBe(true);
    await page.screenshot({ path: shot('field-error'), fullPage: true });
    await page.getByLabel('号码字头').fill('A');
    await page.getByLabel('业务名称').fill('社会保障');
    await page.getByRole('button', { name: '检查并保存…' }).click();
    const diff = page.getByTestId('diff-table');
    await diff.waitFor(WAIT);
    expect(await diff.locator('tbody tr').count()).toBe(1);
    expect(await diff.textContent()).toContain('业务 › 劳动保障 › 业务名称');
    await diff.getByText('社会保障', { exact: true }).waitFor(WAIT);
    await page.screenshot({ path: shot('diff') });
    await page.getByTestId('confirm-save').click();
    await page.getByTestId('toast').getByText('已保存').waitFor(WAIT);
    expect((await config()).config.services.find((x) => x.id === 'labor')?.name).toBe('社会保障');
    // what residents see: the running kiosk names the service anew, without a reload
    await kiosk
      .getByRole('button', { name: /社会保障/ })
      .first()
      .waitFor(WAIT);
    expect(await kiosk.getByText('劳动保障').count()).toBe(0);
    await kiosk.screenshot({ path: shot('kiosk-after-rename') });
    await expect
      .poll(async () => {
        const r = await s.api('GET', `/halls/${s.hall.id}`);
        return (r.body as { services: { id: string; name: string }[] }).services.find(
          (x) => x.id === 'labor',
        )?.name;
      }, WAIT)
      .toBe('社会保障');
  });

  it('adds a service, puts it first at a window, and a running kiosk offers it', async () => {
    const kiosk = await openPage(
      browser,
      contexts,
      `${s.url}/kiosk?hall=${s.hall.id}&device=demo-kiosk`,
      1080,
      1920,
    );
    await kiosk
      .getByRole('button', { name: /民政救济/ })
      .first()
      .waitFor(WAIT);
    const page = await open();
    await login(page, 'admin');
    await tab(page, '业务');
    await page.getByRole('button', { name: '+ 添加业务' }).click();
    await page.getByLabel('业务名称').fill('社保卡办理');
    await page.getByLabel('业务编号（英文，创建后不可改）').fill('card');
    // a service no window serves cannot be saved: the console says where to go
    await page.getByText('还没有窗口办理此业务（card），请在「窗口」中添加').first().waitFor(WAIT);
    expect(await page.getByRole('button', { name: '检查并保存…' }).isDisabled()).toBe(true);
    await tab(page, '窗口');
    const window1 = page.locator('section', {
      has: page.getByRole('heading', { name: '1号窗口', exact: true }),
    });
    await window1.getByLabel('添加业务到本窗口').selectOption({ label: 'G 社保卡办理' });
    await window1.getByRole('button', { name: '办理业务（按叫号先后） G 社保卡办理 上移' }).click();
    expect(await window1.locator('.adm-order-name').allTextContents()).toEqual([
      'G 社保卡办理',
      'A 社会保障',
    ]);
    await page.screenshot({ path: shot('windows-reordered'), fullPage: true });
    await page.keyboard.press('Control+s');
    const diff = page.getByTestId('diff-table');
    await diff.getByText('业务 › card').waitFor(WAIT);
    await diff.getByText('窗口 › 1号窗口 › 办理业务（按叫号先后）').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await page.getByTestId('toast').getByText('已保存').waitFor(WAIT);
    await kiosk
      .getByRole('button', { name: /社保卡办理/ })
      .first()
      .waitFor(WAIT);
    expect((await config()).config.windows.find((w) => w.id === '1')?.services).toEqual([
      'card',
      'labor',
    ]);
  });

  it('says so when someone else saved first, and carries my edit onto their version', async () => {
    const page = await open();
    await login(page, 'admin');
    await tab(page, '规则');
    const recalls = page.getByLabel('最多重呼次数');
    await recalls.waitFor(WAIT);
    // someone else changes the hall name meanwhile
    const before = await config();
    const token = await s.login('admin');
    const put = await s.api('PUT', `/halls/${s.hall.id}/config`, {
      token,
      headers: { 'if-match': String(before.version) },
      body: { config: { ...before.config, name: '城关社区便民服务中心（新）' } },
    });
    expect(put.status).toBe(200);
    await recalls.fill('4');
    // from the keyboard: Ctrl+S reviews, Enter saves
    await page.keyboard.press('Control+s');
    await page.getByTestId('diff-table').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '其他人刚刚修改了设置' }).waitFor(WAIT);
    await page.screenshot({ path: shot('conflict') });
    expect((await config()).config.rules.maxRecalls).toBe(3);
    await page.getByTestId('reload-config').click();
    // their new name is loaded, and my change to another part is kept to save again
    await page.getByTestId('toast').getByText('您的修改已保留').waitFor(WAIT);
    expect(await recalls.inputValue()).toBe('4');
    await page.keyboard.press('Control+s');
    await page.getByTestId('diff-table').getByText('叫号规则 › 最多重呼次数').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await page.getByTestId('toast').getByText('已保存').waitFor(WAIT);
    const both = (await config()).config;
    expect(both.rules.maxRecalls).toBe(4);
    expect(both.name).toBe('城关社区便民服务中心（新）');
    await tab(page, '大厅');
    expect(await page.getByLabel('大厅名称').inputValue()).toBe('城关社区便民服务中心（新）');
  });

  it("adds next year's statutory holidays and an imported 调休 list on the calendar", async () => {
    const page = await open();
    await login(page, 'admin');
    await tab(page, '办公时间');
    const calendar = page.getByTestId('holiday-calendar');
    const year = new Date().getFullYear() + 1;
    await calendar.getByRole('combobox').selectOption(String(year));
    while (!(await calendar.getByTestId('calendar-month').textContent())?.endsWith('年2月')) {
      await calendar.getByRole('button', { name: '上个月' }).click();
    }
    await calendar.getByRole('button', { name: `添加${year}年法定节假日` }).click();
    await page.getByLabel('导入节假日安排').fill(`${year}-02-20 班\n${year}-02-30 休`);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    // the impossible date is named, the good line is taken
    await page.getByTestId('toast').getByText(`第2行 ${year}-02-30 休`).waitFor(WAIT);
    await calendar.getByRole('button', { name: `20 班 · ${year}-02-20` }).waitFor(WAIT);
    await calendar.getByRole('button', { name: `6 休 · ${year}-02-06` }).waitFor(WAIT);
    await page.screenshot({ path: shot('calendar'), fullPage: true });
    await page.getByRole('button', { name: '检查并保存…' }).click();
    await page.getByTestId('confirm-save').click();
    await page.getByTestId('toast').getByText('已保存').waitFor(WAIT);
    const overrides = (await config()).config.schedule.overrides;
    expect(overrides[`${year}-01-01`]).toEqual([]);
    expect(overrides[`${year}-10-03`]).toEqual([]);
    expect(overrides[`${year}-02-20`]?.length).toBeGreaterThan(0);
  });

  it('creates a clerk whose one-time password must be changed at the first login', async () => {
    const page = await open();
    await login(page, 'admin');
    await tab(page, '人员');
    await page.getByLabel('姓名').fill('孙丽');
    await page.getByLabel('工号', { exact: true }).fill('0107');
    await page.getByLabel('登录账户').fill('clerk7');
    await page.getByRole('button', { name: '新增人员' }).click();
    const secret = page.getByTestId('one-time-password');
    await secret.waitFor(WAIT);
    const password = (await secret.textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(8);
    await page.screenshot({ path: shot('one-time-password') });
    await page.getByTestId('close-password').click();
    await page.getByTestId('staff-table').getByText('孙丽').waitFor(WAIT);

    const clerk = await openPage(
      browser,
      contexts,
      `${s.url}/counter?hall=${s.hall.id}`,
      1366,
      768,
    );
    await clerk.getByLabel('工号账户').fill('clerk7');
    await clerk.getByLabel('密码').fill(password);
    await clerk.getByRole('button', { name: '登录' }).click();
    await clerk.getByRole('heading', { name: '请修改密码' }).waitFor(WAIT);
    await clerk.screenshot({ path: shot('must-change-password') });
    await clerk.getByLabel('新密码（至少8位）').fill('sunli-2027-pass');
    await clerk.getByLabel('再次输入新密码').fill('sunli-2027-pass');
    await clerk.getByRole('button', { name: '修改密码并继续' }).click();
    await clerk.getByText('请选择或确认您的窗口').waitFor(WAIT);
    const again = await s.api('POST', '/auth/login', {
      body: { username: 'clerk7', password: 'sunli-2027-pass', hallId: s.hall.id },
    });
    expect(again.status).toBe(200);

    // a photo for 挂牌上岗: previewed at once, then served with its type
    const row = page.getByTestId('staff-table').locator('tr', { hasText: '孙丽' });
    await row.getByLabel('孙丽 上传照片').setInputFiles({
      name: 'sunli.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_1PX, 'base64'),
    });
    await page.getByTestId('toast').getByText('照片已上传').waitFor(WAIT);
    await row.getByTestId('photo-clerk7').waitFor(WAIT);
    const photo = await fetch(`${s.url}/api/v1/halls/${s.hall.id}/staff/clerk7/photo`);
    expect(photo.headers.get('content-type')).toBe('image/png');

    // a new job number (工号), typed in place
    await row.getByLabel('孙丽 工号').fill('0117');
    await row.getByLabel('孙丽 工号').press('Enter');
    await page.getByTestId('toast').getByText('孙丽 的工号已改为 0117').waitFor(WAIT);
    expect((await config()).config.staff.find((u) => u.id === 'clerk7')?.jobNo).toBe('0117');

    // disabled: the account's session ends at once
    page.on('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '孙丽 停用' }).click();
    await row.getByText('已停用').waitFor(WAIT);
    await page.screenshot({ path: shot('staff-disabled'), fullPage: true });
    const me = await s.api('GET', `/halls/${s.hall.id}/staff/me`, {
      token: (again.body as { token: string }).token,
    });
    expect(me.status).toBe(401);
  });

  it('creates a kiosk: its token once, with a QR code and the link that pairs it', async () => {
    const page = await open();
    await login(page, 'admin');
    await tab(page, '设备');
    await page.getByLabel('设备编号').fill('kiosk-2');
    await page.getByRole('button', { name: '新增设备' }).click();
    const token = (await page.getByTestId('device-token').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThanOrEqual(8);
    await page.getByTestId('pair-qr').waitFor(WAIT);
    expect(await page.getByTestId('pair-link').getAttribute('href')).toContain(token);
    await page.screenshot({ path: shot('device-token') });
    await page.getByTestId('close-token').click();
    // the new token takes tickets at once
    const ticket = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token,
      body: { serviceId: 'civil' },
    });
    expect(ticket.status).toBe(201);
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'kiosk-2 停用' }).click();
    await page.getByTestId('device-table').getByText('已停用').waitFor(WAIT);
    const refused = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token,
      body: { serviceId: 'civil' },
    });
    expect(refused.status).toBeGreaterThanOrEqual(401);
  });

  it('lists the changes in the audit log with their before and after', async () => {
    const page = await open('&tab=audit');
    await login(page, 'admin');
    const log = page.getByTestId('audit-log');
    await log.getByText('社会保障').first().waitFor(WAIT);
    await log.getByText('业务 › 社会保障 › 业务名称').first().waitFor(WAIT);
    await page.screenshot({ path: shot('audit'), fullPage: true });
    // by date: a week long ago holds nothing
    await page.getByLabel('开始日期').fill('2020-01-01');
    await page.getByLabel('结束日期').fill('2020-01-07');
    await page.getByRole('button', { name: '查询' }).click();
    await log.getByText('该期间没有操作记录').waitFor(WAIT);
  });

  it('lets a supervisor change only hours, limits and notices', async () => {
    // from the supervisor's live console
    const page = await openPage(
      browser,
      contexts,
      `${s.url}/counter/supervisor?hall=${s.hall.id}`,
      1366,
      900,
    );
    await login(page, 'supervisor');
    await page.getByTestId('admin-link').click();
    await page.getByText('值班长可修改办公时间、时限和滚动公告').waitFor(WAIT);
    const names = await page.getByRole('tab').allTextContents();
    expect(names).toEqual(['办公时间', '规则', '屏幕与语音']);
    await tab(page, '规则');
    expect(await page.getByText('叫号规则').count()).toBe(0);
    // the demo's red card for waiting is at 5 minutes: a yellow one after it is refused
    await page.getByLabel('等候 · 黄牌').fill('15');
    await page.getByText('黄牌时限不能超过红牌时限').first().waitFor(WAIT);
    await page.getByLabel('等候 · 黄牌').fill('4');
    await page.getByRole('button', { name: '检查并保存…' }).click();
    await page.getByTestId('confirm-save').click();
    await page.getByTestId('toast').getByText('已保存').waitFor(WAIT);
    expect((await config()).config.limits.waitMinutes.yellow).toBe(4);
    await page.screenshot({ path: shot('supervisor'), fullPage: true });
    // English, the second language
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByRole('tab').allTextContents()).toEqual([
      'Hours',
      'Rules',
      'Screen & voice',
    ]);
    await page.getByLabel('Waiting · Yellow').waitFor(WAIT);
    await page.screenshot({ path: shot('supervisor-en'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
