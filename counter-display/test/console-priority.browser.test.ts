// Priority under staff control on the clerk's console (1366×768) in Debian's Chromium against the
// real server and Redis, with the server's clock held at a Tuesday 09:50: the waiting list marks 预约
// and 绿色通道 in words; a clerk marks a waiting ticket green with a reason and the call order
// changes (and back); 为群众取号 issues a green ticket for a resident and shows its number; the
// ticket called next shows its priority and why it was called.
// Build the app first: npm run build -w counter-display. Screenshots: screenshots/counter-display/priority-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import {
  sampleHall,
  startTestServer,
  TestClock,
  type TestServer,
} from '../../server/test/helpers.js';
import { seriousA11yViolations } from '../../server/test/layout-checks.js';
import type {} from '../../server/test/global-setup.js';
import { hallKeys } from '../../server/src/store/keys.js';
import { login, openPage } from './console-pages.js';

const WAIT = { timeout: 15_000 };
const DAY = '2026-12-01';
const at = (time: string) => `${DAY}T${time}:00+08:00`;

let s: TestServer;
let clock: TestClock;
let browser: Browser;
let page: Page;
const contexts: BrowserContext[] = [];

const shot = (name: string) =>
  page.screenshot({ path: screenshotPath('counter-display', `priority-${name}`) });
const list = () => page.getByTestId('waiting-list');
/** The waiting list's numbers, in call order. */
const order = () =>
  list()
    .locator('li')
    .evaluateAll((lis) => lis.map((li) => li.dataset.number));
const row = (number: string) => list().locator(`li[data-number="${number}"]`);

async function issue(serviceId: string): Promise<any> {
  const r = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
    token: 'demo-kiosk',
    body: { serviceId },
  });
  expect(r.status).toBe(201);
  return r.body;
}

async function priorityEvents(): Promise<any[]> {
  const all = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
  return all
    .filter(([, f]) => f[f.indexOf('type') + 1] === 'ticket.priority_changed')
    .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'));
}

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), {
    pages: true,
    clock: (clock = new TestClock(Date.parse(at('09:50')))),
  });
  browser = await launchBrowser();
  page = await openPage(browser, contexts, `${s.url}/counter?hall=${s.hall.id}`, 1366, 768);
  page.on('dialog', (d) => void d.accept());
  await login(page, 'clerk1');
  await page.locator('.window-card', { hasText: '1号窗口' }).getByRole('button').click();
  await page.getByTestId('window-status').getByText('服务中').waitFor(WAIT);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.close();
});

describe('priority under staff control at the console', () => {
  it('marks 预约 in the waiting list in words, and a clerk moves a ticket into the green channel with a reason', async () => {
    await issue('labor'); // A001
    await issue('labor'); // A002
    await issue('labor'); // A003
    // a resident checks in on time for a labour appointment at 10:00
    const booked = await s.api('POST', `/halls/${s.hall.id}/appointments`, {
      token: 'demo-booking',
      body: { serviceId: 'labor', slotStart: at('10:00') },
    });
    expect(booked.status).toBe(201);
    const checkedIn = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { appointmentCode: booked.body.code },
    });
    expect(checkedIn.status).toBe(201);
    const p = checkedIn.body.number as string;

    await expect.poll(order, WAIT).toEqual([p, 'A001', 'A002', 'A003']);
    expect(await row(p).locator('.mark').textContent()).toBe('预约');
    await shot('waiting-appointment');

    await page.getByRole('button', { name: '设为绿色通道 A003' }).click();
    const dialog = page.getByRole('dialog', { name: '将 A003 设为绿色通道' });
    await dialog.waitFor(WAIT);
    // no reason, no change
    await page.getByTestId('priority-confirm').click();
    expect(await dialog.getByRole('alert').textContent()).toBe('请填写原因');
    await dialog.getByRole('button', { name: '老年人' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('green-dialog');
    await page.getByTestId('priority-confirm').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await expect
      .poll(() => page.getByTestId('toast').textContent(), WAIT)
      .toBe('A003 已设为绿色通道');
    // the green ticket now comes right after the appointment, ahead of A001 and A002
    await expect.poll(order, WAIT).toEqual([p, 'A003', 'A001', 'A002']);
    expect(await row('A003').locator('.mark').textContent()).toBe('绿色通道');
    expect(await row('A003').textContent()).toContain('取消绿色通道');
    await shot('waiting-green');
    // recorded with who and why
    expect(await priorityEvents()).toEqual([
      expect.objectContaining({ number: 'A003', from: 'normal', to: 'green', by: 'clerk1' }),
    ]);

    await page.getByRole('button', { name: '取消绿色通道 A003' }).click();
    const undo = page.getByRole('dialog', { name: '取消 A003 的绿色通道' });
    await undo.getByRole('button', { name: '误选绿色通道' }).click();
    await page.getByTestId('priority-confirm').click();
    await undo.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(order, WAIT).toEqual([p, 'A001', 'A002', 'A003']);
    expect(await row('A003').locator('.mark').count()).toBe(0);
  });

  it('issues a green ticket for a resident at the counter and shows the new number', async () => {
    await page.getByTestId('issue-for-resident').click();
    const dialog = page.getByRole('dialog', { name: '为群众取号' });
    await dialog.waitFor(WAIT);
    // this window's service comes first
    expect(await dialog.getByLabel('办理业务').inputValue()).toBe('labor');
    await dialog.getByLabel('绿色通道（优先办理）').check();
    await page.getByTestId('issue-confirm').click();
    expect(await dialog.getByRole('alert').textContent()).toBe('请填写原因');
    await dialog.getByRole('button', { name: '孕妇' }).click();
    await shot('issue-dialog');
    await page.getByTestId('issue-confirm').click();
    const number = page.getByTestId('issued-number');
    await number.waitFor(WAIT);
    expect(await number.textContent()).toBe('A005');
    expect(await page.getByTestId('issued').textContent()).toContain('绿色通道');
    await shot('issued');
    await page
      .getByRole('dialog', { name: '已取号' })
      .getByRole('button', { name: /关闭/ })
      .click();
    await expect.poll(order, WAIT).toContain('A005');
    expect(await row('A005').locator('.mark').textContent()).toBe('绿色通道');
    const ticket = await s.api('GET', `/halls/${s.hall.id}/windows/1/upcoming`, {
      token: await s.login('clerk1'),
    });
    expect(ticket.body.tickets.find((t: { number: string }) => t.number === 'A005')).toMatchObject({
      priority: 'green',
    });
  });

  it('shows a late check-in as a normal ticket that had booked (预约迟到)', async () => {
    const booked = await s.api('POST', `/halls/${s.hall.id}/appointments`, {
      token: 'demo-booking',
      body: { serviceId: 'labor', slotStart: at('10:00') },
    });
    expect(booked.status).toBe(201);
    clock.set(at('10:20'));
    try {
      const late = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { appointmentCode: booked.body.code },
      });
      expect(late.status).toBe(201);
      expect(late.body).toMatchObject({ priority: 'normal', checkIn: 'late' });
      const number = late.body.number as string;
      await expect.poll(async () => (await order()).at(-1), WAIT).toBe(number);
      expect(await row(number).locator('.mark').textContent()).toBe('预约迟到');
    } finally {
      clock.set(at('09:50'));
    }
  });

  it('calls the appointment first and shows its priority and why', async () => {
    const first = (await order())[0];
    await page.locator('[data-action="callNext"]').click();
    await expect.poll(() => page.getByTestId('current-number').textContent(), WAIT).toBe(first);
    const current = page.getByTestId('current');
    expect(await current.locator('.mark-appointment').textContent()).toBe('预约');
    expect(await current.textContent()).toMatch(/叫号依据：预约/);
    await shot('current-appointment');
  });

  it('issues a ticket at the service desk from the booking page', async () => {
    await page.goto(`${s.url}/counter/booking?hall=${s.hall.id}`);
    await page.getByTestId('issue-for-resident').click();
    const dialog = page.getByRole('dialog', { name: '为群众取号' });
    await dialog.getByLabel('办理业务').selectOption('civil');
    await page.getByTestId('issue-confirm').click();
    await page.getByTestId('issued-number').waitFor(WAIT);
    expect(await page.getByTestId('issued-number').textContent()).toBe('B001');
    expect(await page.getByTestId('issued').textContent()).not.toContain('绿色通道');
    await shot('service-desk-issued');
    // the day's list shows the appointment checked in at the kiosk, and when
    await page
      .getByRole('dialog', { name: '已取号' })
      .getByRole('button', { name: /关闭/ })
      .click();
    await expect
      .poll(() => page.getByTestId('booking-list').textContent(), WAIT)
      .toContain('已签到 09:50');
    await shot('booking-list-checked-in');
  });
});
