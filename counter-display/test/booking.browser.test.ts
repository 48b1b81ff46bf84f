// Phone booking at the counter (预约登记) in Debian's Chromium against the real server and Redis: a
// clerk follows the console's link, books a slot for a caller, reads out the code, sees the slot fill
// up, cancels a booking, and is told why an after-hours time cannot be booked.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';

const WAIT = { timeout: 15_000 };

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Tomorrow in the hall's zone (Asia/Shanghai): every slot of it is still free. */
const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
  new Date(Date.now() + 24 * 3600 * 1000),
);

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { pages: true });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await s?.close();
});

describe('booking at the counter', () => {
  it('books a slot for a caller from the console’s link and shows the code to read out', async () => {
    await page.goto(`${s.url}/counter?hall=${s.hall.id}`);
    await page.getByLabel('工号账户').fill('clerk3');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    const link = page.getByTestId('booking-link');
    await link.waitFor(WAIT);
    expect(await link.textContent()).toBe('预约登记');
    await page.screenshot({ path: screenshotPath('counter-display', 'booking-link-on-console') });
    await link.click();
    await page.waitForURL(/\/counter\/booking\?hall=/, WAIT);

    await page.getByLabel('办理业务').selectOption('civil');
    await page.getByLabel('日期').fill(tomorrow);
    const slot = page.getByRole('radio', { name: /09:00/ });
    await slot.waitFor(WAIT);
    expect(await slot.textContent()).toContain('余2');
    await slot.click();
    await page.getByLabel('手机号（选填）').fill('13800001234');
    await page.getByLabel('姓名（选填，仅工作人员可见）').fill('王五');
    await page.getByLabel(/群众同意接收预约提醒短信/).check();
    await page.getByRole('button', { name: '确认预约' }).click();

    const code = page.getByTestId('booking-code');
    await code.waitFor(WAIT);
    const shown = (await code.textContent()) ?? '';
    expect(shown).toMatch(/^[2-9A-HJKMNP-Z]{4} [2-9A-HJKMNP-Z]{4}$/);
    const done = (await page.getByTestId('booking-done').textContent()) ?? '';
    expect(done).toContain('民政救济');
    expect(done).toContain('签到时间 08:30–09:15');
    await page.screenshot({
      path: screenshotPath('counter-display', 'booking-done'),
      fullPage: true,
    });

    // what the clerk booked is what the server holds, with the caller's consent to the reminder
    const day = await s.api('GET', `/halls/${s.hall.id}/appointments?date=${tomorrow}`, {
      token: 'demo-booking',
    });
    expect(day.body.appointments).toEqual([]); // a booking site sees its own bookings only
    const clerk = await s.login('clerk3');
    const staffDay = await s.api('GET', `/halls/${s.hall.id}/appointments?date=${tomorrow}`, {
      token: clerk,
    });
    expect(staffDay.body.appointments).toEqual([
      expect.objectContaining({
        code: shown.replace(' ', ''),
        serviceId: 'civil',
        phone: '13800001234',
        name: '王五',
        notifyConsent: true,
        bookedBy: 'clerk3',
      }),
    ]);
  });

  it('shows a full slot as full, lists the day and cancels a booking', async () => {
    // a booking site takes the slot's last place meanwhile
    const other = await s.api('POST', `/halls/${s.hall.id}/appointments`, {
      token: 'demo-booking',
      body: { serviceId: 'civil', slotStart: `${tomorrow}T09:00:00+08:00` },
    });
    expect(other.status).toBe(201);
    await page.getByRole('button', { name: '再约一位' }).click();
    await page.reload();
    await page.getByLabel('办理业务').selectOption('civil');
    await page.getByLabel('日期').fill(tomorrow);
    const full = page.getByRole('radio', { name: /09:00/ });
    await full.waitFor(WAIT);
    await expect.poll(() => full.textContent(), WAIT).toContain('已满');
    expect(await full.isDisabled()).toBe(true);
    const list = page.getByTestId('booking-list');
    await expect.poll(() => list.locator('tr').count(), WAIT).toBe(2);
    expect(await list.textContent()).toContain('13800001234');
    await page.screenshot({
      path: screenshotPath('counter-display', 'booking-form'),
      fullPage: true,
    });

    await page.getByRole('button', { name: `取消 ${other.body.code}` }).click();
    await expect.poll(() => list.textContent(), WAIT).toContain('已取消');
    await expect.poll(() => full.textContent(), WAIT).toContain('余1');
    expect(await full.isDisabled()).toBe(false);
    await page.screenshot({
      path: screenshotPath('counter-display', 'booking-cancelled'),
      fullPage: true,
    });
  });

  it('says why a time cannot be booked, in Chinese and in English', async () => {
    await page.getByLabel(/预约延时服务/).check();
    await page.getByLabel('开始时间').fill('10:00');
    await page.getByRole('button', { name: '确认预约' }).click();
    const error = page.getByRole('alert');
    await expect
      .poll(() => error.textContent(), WAIT)
      .toBe('延时服务只能约在办公时间以外，办公时间内请预约普通时段');
    await page.screenshot({
      path: screenshotPath('counter-display', 'booking-error'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `Bookings on ${tomorrow}` }).waitFor(WAIT);
    await expect
      .poll(() => error.textContent(), WAIT)
      .toBe('After-hours appointments lie outside opening hours; book a slot instead');
    await page.screenshot({
      path: screenshotPath('counter-display', 'booking-en'),
      fullPage: true,
    });
  });
});
