// Appointment check-in at the kiosk (预约签到) in Debian's Chromium against the real server, Redis and
// a virtual ESC/POS printer, at 1080×1920 portrait with the server's clock held at a Tuesday 09:50:
// on time by code and by the booking phone (the ticket and its receipt say 预约), too early (when to
// come back), late (a normal ticket, said so), a wrong, a used and a cancelled code; the optional
// SMS number with its consent; a hall where staff decide the green channel.
// Build the app first: npm run build -w kiosk. Screenshots: screenshots/kiosk/check-in-*.png.
import {
  Printer,
  PrintAgent,
  receiptText,
  serveReceipts,
  VirtualPrinter,
  type Receipt,
} from '@hall/printer-driver';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../server/test/global-setup.js';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import {
  sampleHall,
  startTestServer,
  TestClock,
  type TestServer,
} from '../../server/test/helpers.js';
import {
  outsideViewport,
  scrollers,
  seriousA11yViolations,
} from '../../server/test/layout-checks.js';
import { hallKeys } from '../../server/src/store/keys.js';

const TIMEOUT = 15_000;
const DAY = '2026-12-01';
const at = (time: string) => `${DAY}T${time}:00+08:00`;

let server: TestServer;
let clock: TestClock;
let browser: Browser;
let paper: VirtualPrinter;
let agent: PrintAgent;
let kiosk: BrowserContext;
let page: Page;

/** The hall's id: sampleHall gives each test file its own. */
const H = () => server.hall.id;
const shot = (p: Page, name: string) =>
  p.screenshot({ path: screenshotPath('kiosk', `check-in-${name}`) });
const key = (p: Page, k: string) => p.getByRole('button', { name: k, exact: true });
const problem = (p: Page) => p.locator('.check-in-problem');

/** A booking made by the outside booking site's device token; its code. */
async function book(serviceId: string, slot: string, phone?: string): Promise<string> {
  const r = await server.api('POST', `/halls/${H()}/appointments`, {
    token: 'demo-booking',
    body: { serviceId, slotStart: at(slot), ...(phone ? { phone } : {}) },
  });
  expect(r.status).toBe(201);
  return r.body.code as string;
}

/** Opens 预约签到 and types on the tab's keypad, the way a resident does. */
async function typeIn(p: Page, tab: '预约码' | '手机号', chars: string): Promise<void> {
  await p.getByRole('button', { name: '预约签到' }).click();
  await p.getByRole('tab', { name: tab }).click();
  for (const c of chars) await key(p, c).click();
}

async function ticketOnScreen(p: Page): Promise<any> {
  await p.getByTestId('ticket-number').waitFor({ timeout: TIMEOUT });
  const qr = await p.locator('.qr img').getAttribute('data-url');
  const r = await server.api('GET', `/tickets/${qr!.split('/kiosk/t/')[1]!}`);
  expect(r.status).toBe(200);
  return r.body;
}

/** The receipt the virtual printer printed for a ticket number. */
async function receiptOf(number: string): Promise<Receipt> {
  let found: Receipt | undefined;
  await expect
    .poll(
      () => {
        found = paper.receipts.find((r) => receiptText(r).some((l) => l.includes(number)));
        return found !== undefined;
      },
      { timeout: TIMEOUT },
    )
    .toBe(true);
  return found!;
}

beforeAll(async () => {
  clock = new TestClock(Date.parse(at('09:50')));
  server = await startTestServer(sampleHall('demo'), { pages: true, printing: true, clock });
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
  await page.goto(`${server.url}/kiosk?hall=${H()}&device=demo-kiosk&ticket=60`);
  await page.locator('[data-service="labor"]').waitFor({ timeout: TIMEOUT });
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  await paper?.close();
  await server?.close();
});

describe('appointment check-in at the kiosk', () => {
  it('on time by code: the ticket and its receipt say 预约, and it is called first', async () => {
    const code = await book('civil', '10:00');
    const normal = await server.api('POST', `/halls/${H()}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    expect(normal.status).toBe(201);

    await page.getByRole('button', { name: '预约签到' }).click();
    await page.getByRole('tab', { name: '预约码', selected: true }).waitFor({ timeout: TIMEOUT });
    expect(await page.getByRole('button', { name: '签到取号' }).isDisabled()).toBe(true);
    await shot(page, 'keypad');
    for (const c of code) await key(page, c).click();
    expect(await page.getByTestId('check-in-value').textContent()).toContain(
      `${code.slice(0, 4)} ${code.slice(4)}`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'code-typed');
    await page.getByRole('button', { name: '签到取号' }).click();

    const ticket = await ticketOnScreen(page);
    expect(ticket.serviceId).toBe('civil');
    expect(await page.getByTestId('ticket-marks').textContent()).toBe('预约');
    expect(await page.getByTestId('check-in-result').textContent()).toBe('预约签到成功，优先叫号');
    await page.locator('.qr img').waitFor({ timeout: TIMEOUT });
    // (the print agent may be slow on a busy machine: the wait is for paper, not a time limit)
    await expect
      .poll(() => page.getByTestId('print-status').textContent(), { timeout: 2 * TIMEOUT })
      .toBe('号票已打印，请取走');
    await shot(page, 'on-time-ticket');
    // the marks' line keeps the whole ticket in view
    const out = await outsideViewport(page, {
      qr: page.locator('.ticket-side .qr'),
      done: page.locator('.ticket-done button'),
      materials: page.locator('.materials li'),
    });
    expect(out, out.join('; ')).toEqual([]);

    // the resident's phone page (the QR code) says 预约 too
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    try {
      const p = await phone.newPage();
      const link = new URL(ticket.phoneUrl as string);
      await p.goto(`${server.url}${link.pathname}${link.search}`);
      await p.getByTestId('phone-number').waitFor({ timeout: TIMEOUT });
      expect(await p.locator('.phone-service .appointment-badge').textContent()).toBe('预约');
      await p.screenshot({ path: screenshotPath('kiosk', 'check-in-phone-page') });
    } finally {
      await phone.close();
    }

    // the paper says so too
    const receipt = await receiptOf(ticket.number);
    expect(receiptText(receipt).join('\n')).toContain('【预约】');
    const receipts = await serveReceipts(paper, { dots: 576 });
    try {
      const tab = await browser.newPage({ viewport: { width: 660, height: 1400 } });
      await tab.goto(receipts.url);
      await tab
        .locator('figure.receipt', { hasText: ticket.number })
        .screenshot({ path: screenshotPath('kiosk', 'check-in-receipt') });
      await tab.close();
    } finally {
      await receipts.close();
    }

    // the window calls the appointment before the normal ticket taken earlier
    const clerk = await server.login('clerk3');
    await server.api('POST', `/halls/${H()}/windows/3/open`, { token: clerk });
    const called = await server.api('POST', `/halls/${H()}/windows/3/call-next`, { token: clerk });
    expect(called.body.number).toBe(ticket.number);
    expect(called.body.reason.text).toContain('预约');
    await page.getByRole('button', { name: '完成', exact: true }).click();
  });

  it('on time by the phone number it was booked with, shown in full while typed', async () => {
    await book('family', '10:00', '13912345678');
    await typeIn(page, '手机号', '13912345678');
    expect(await page.getByTestId('check-in-value').textContent()).toContain('139 1234 5678');
    await shot(page, 'phone-typed');
    await page.getByRole('button', { name: '签到取号' }).click();
    const ticket = await ticketOnScreen(page);
    expect(ticket.serviceId).toBe('family');
    expect(await page.getByTestId('ticket-marks').textContent()).toBe('预约');
    // the number is not left on the screen for the next resident
    expect(await page.locator('main').textContent()).not.toContain('13912345678');
    await page.getByRole('button', { name: '完成', exact: true }).click();
  });

  it('too early: says when to come back and issues nothing', async () => {
    const code = await book('civil', '11:30');
    const before = (await server.api('GET', `/halls/${H()}`)).body.services.find(
      (s: { id: string }) => s.id === 'civil',
    ).waiting;
    await typeIn(page, '预约码', code);
    await page.getByRole('button', { name: '签到取号' }).click();
    await problem(page).waitFor({ timeout: TIMEOUT });
    expect(await problem(page).locator('h1').textContent()).toBe('还没到签到时间');
    expect(await problem(page).locator('.check-in-problem-text').textContent()).toBe(
      '请于 11:00 后签到',
    );
    await shot(page, 'early');
    const after = (await server.api('GET', `/halls/${H()}`)).body.services.find(
      (s: { id: string }) => s.id === 'civil',
    ).waiting;
    expect(after).toBe(before);
    await page.getByRole('button', { name: '返回' }).click();
  });

  it('a wrong code asks to check it and offers 重新输入; a used or cancelled one says so', async () => {
    await typeIn(page, '预约码', '23456789');
    await page.getByRole('button', { name: '签到取号' }).click();
    await problem(page).waitFor({ timeout: TIMEOUT });
    expect(await problem(page).locator('h1').textContent()).toBe('未找到该预约');
    expect(await problem(page).textContent()).toContain('请核对预约码或到服务台咨询');
    await shot(page, 'wrong-code');
    await page.getByRole('button', { name: '重新输入' }).click();
    await page.getByRole('tab', { name: '预约码', selected: true }).waitFor({ timeout: TIMEOUT });
    await page.getByRole('button', { name: '取消' }).click();

    // a code checked in once is refused the second time
    const used = await book('party', '10:00');
    await typeIn(page, '预约码', used);
    await page.getByRole('button', { name: '签到取号' }).click();
    await ticketOnScreen(page);
    await page.getByRole('button', { name: '完成', exact: true }).click();
    await typeIn(page, '预约码', used);
    await page.getByRole('button', { name: '签到取号' }).click();
    await problem(page).waitFor({ timeout: TIMEOUT });
    expect(await problem(page).locator('h1').textContent()).toBe('该预约已签到');
    await shot(page, 'used');
    await page.getByRole('button', { name: '返回' }).click();

    const cancelled = await book('party', '10:30');
    const del = await server.api('DELETE', `/halls/${H()}/appointments/${cancelled}`, {
      token: 'demo-booking',
    });
    expect(del.status).toBe(200);
    await typeIn(page, '预约码', cancelled);
    await page.getByRole('button', { name: '签到取号' }).click();
    await problem(page).waitFor({ timeout: TIMEOUT });
    expect(await problem(page).locator('h1').textContent()).toBe('该预约已取消');
    await shot(page, 'cancelled');
    await page.getByRole('button', { name: '返回' }).click();
  });

  it('late: a normal ticket, and the screen says so', async () => {
    const code = await book('construction', '10:00');
    clock.set(at('10:20'));
    try {
      await typeIn(page, '预约码', code);
      await page.getByRole('button', { name: '签到取号' }).click();
      const ticket = await ticketOnScreen(page);
      expect(ticket.priority).toBe('normal');
      expect(await page.getByTestId('ticket-marks').count()).toBe(0);
      expect(await page.getByTestId('check-in-result').textContent()).toBe(
        '已超过预约签到时间，按普通号排队',
      );
      await shot(page, 'late');
      await page.getByRole('button', { name: '完成', exact: true }).click();
    } finally {
      clock.set(at('09:50'));
    }
  });

  it('leaves a phone number for SMS only after the consent tick, and shows it masked', async () => {
    await page.locator('[data-service="labor"]').click();
    await page.getByRole('button', { name: '取号', exact: true }).click();
    const ticket = await ticketOnScreen(page);
    await page.getByRole('button', { name: '短信提醒（选填）' }).click();
    for (const c of '13800138000') await key(page, c).click();
    expect(await page.getByTestId('sms-phone').textContent()).toContain('138 0013 8000');
    const send = page.getByRole('button', { name: '确认提交' });
    expect(await send.isDisabled()).toBe(true);
    expect(await page.locator('.sms-need').textContent()).toBe('请先勾选同意，再提交');
    expect(await page.locator('.consent').textContent()).toContain('用于叫号提醒和服务回访');
    await shot(page, 'sms-before-consent');
    // nothing was sent before the tick
    const stored = () => server.redis.hget(hallKeys(H()).contact(ticket.id), 'phone');
    expect(await stored()).toBeNull();
    await page.getByRole('checkbox', { name: /我同意本大厅使用此手机号发送短信/ }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await send.click();
    const saved = page.getByTestId('sms-saved');
    await saved.waitFor({ timeout: TIMEOUT });
    expect(await saved.textContent()).toBe('已登记 138****8000，快到号时将短信提醒您');
    expect(await page.locator('main').textContent()).not.toContain('13800138000');
    await shot(page, 'sms-saved');
    expect(await stored()).toBe('13800138000');
    expect(ticket.number).toMatch(/^A\d{3}$/);
    await page.getByRole('button', { name: '完成', exact: true }).click();
  });
});

describe('check-in and SMS screens fit every kiosk mode', () => {
  const modes = [
    { name: 'portrait-large', width: 1080, height: 1920, large: true, en: false, contrast: false },
    {
      name: 'portrait-contrast',
      width: 1080,
      height: 1920,
      large: false,
      en: false,
      contrast: true,
    },
    { name: 'landscape', width: 1920, height: 1080, large: false, en: false, contrast: false },
    {
      name: 'landscape-en-large',
      width: 1920,
      height: 1080,
      large: true,
      en: true,
      contrast: false,
    },
  ];
  for (const mode of modes) {
    it(`${mode.name}: every key, the consent and the buttons in view, nothing to scroll`, async () => {
      const context = await browser.newContext({
        viewport: { width: mode.width, height: mode.height },
        hasTouch: true,
      });
      try {
        const p = await context.newPage();
        await p.goto(`${server.url}/kiosk?hall=${H()}&device=demo-kiosk`);
        await p.locator('[data-service="labor"]').waitFor({ timeout: TIMEOUT });
        if (mode.en) await p.locator('.lang-switch').click();
        if (mode.large) await p.locator('.switches button').nth(1).click();
        if (mode.contrast) await p.locator('.switches button').nth(2).click();
        await p.locator('.appointment-button').click();
        await p.locator('.keypad-code').waitFor({ timeout: TIMEOUT });
        for (const tab of [0, 1]) {
          await p.getByRole('tab').nth(tab).click();
          const out = await outsideViewport(p, {
            tabs: p.getByRole('tab'),
            keys: p.locator('.big-keypad .key'),
            buttons: p.locator('.check-in .row-buttons button'),
          });
          expect(out, out.join('; ')).toEqual([]);
          expect(await scrollers(p, '.kiosk-main')).toEqual([]);
          await shot(p, `${mode.name}-keypad-${tab === 0 ? 'code' : 'phone'}`);
        }
        await p.locator('.check-in .row-buttons .secondary').click();
        await p.locator('[data-service="labor"]').click();
        await p.locator('.confirm .take.primary').click();
        await p.locator('.sms-offer').click();
        await p.locator('.keypad-phone').waitFor({ timeout: TIMEOUT });
        const sms = await outsideViewport(p, {
          keys: p.locator('.big-keypad .key'),
          consent: p.locator('.consent'),
          buttons: p.locator('.sms-contact .row-buttons button'),
        });
        expect(sms, sms.join('; ')).toEqual([]);
        expect(await scrollers(p, '.kiosk-main')).toEqual([]);
        await shot(p, `${mode.name}-sms`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('a hall where staff decide the green channel', () => {
  it('sends the resident to the service desk instead of issuing a green ticket', async () => {
    const hall = sampleHall('demo', (h) => {
      h.rules.greenChannel = 'ask_staff';
    });
    const H2 = hall.id;
    const other = await startTestServer(hall, { pages: true, clock });
    const p = await kiosk.newPage();
    try {
      await p.goto(`${other.url}/kiosk?hall=${H2}&device=demo-kiosk`);
      const note = p.getByTestId('green-ask-staff');
      await note.waitFor({ timeout: TIMEOUT });
      expect(await note.textContent()).toContain('请到服务台由工作人员办理');
      expect(await p.getByRole('button', { name: /^绿色通道/ }).count()).toBe(0);
      await shot(p, 'ask-staff-start');
      await p.locator('[data-service="labor"]').click();
      expect(await p.getByRole('button', { name: /绿色通道取号/ }).count()).toBe(0);
      await p.getByRole('button', { name: '取号', exact: true }).waitFor({ timeout: TIMEOUT });
      // the server refuses a green request from the kiosk in this hall, in plain words
      const r = await other.api('POST', `/halls/${H2}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor', priority: 'green' },
      });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('green_needs_staff');
    } finally {
      await p.close();
      await other.close();
    }
  });
});
