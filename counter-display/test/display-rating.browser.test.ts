// The window display as an on-screen evaluator (a tablet at the window, for halls without an
// evaluator device): the resident rates by touch, through the same ratings endpoint.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';

const WAIT = { timeout: 15_000 };

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { pages: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('on-screen evaluator', () => {
  it('lets the resident rate on the window tablet, once, and says thank you', async () => {
    const h = `/halls/${s.hall.id}`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${s.url}/counter/display/4?hall=${s.hall.id}&device=demo-display-4&rate=1`);
    await expect.poll(() => page.url(), WAIT).not.toContain('demo-display-4');

    const clerk = await s.login('clerk4');
    const issued = await s.api('POST', `${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'family' },
    });
    await s.api('POST', `${h}/windows/4/open`, { token: clerk });
    await s.api('POST', `${h}/windows/4/call-next`, { token: clerk });
    await s.api('POST', `${h}/windows/4/start`, { token: clerk });
    await page.getByTestId('display-number').filter({ hasText: 'C001' }).waitFor(WAIT);
    await s.api('POST', `${h}/windows/4/finish`, { token: clerk, body: { outcome: 'done' } });

    const satisfied = page.getByRole('button', { name: '满意', exact: true });
    await satisfied.waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('counter-display', 'tablet-1280x800-rating') });
    await satisfied.tap();
    await page.getByTestId('display-rated').filter({ hasText: '感谢您的评价' }).waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('counter-display', 'tablet-1280x800-thanks') });

    const ticket = await s.api('GET', `/tickets/${issued.body.id}`, { token: 'demo-kiosk' });
    expect(ticket.body.rating).toMatchObject({ score: 4, source: 'screen' });
    expect(ticket.body.ratingStatus).toBe('rated');
    // the prompt is over: no second rating from this screen
    await page.getByTestId('display-rated').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByRole('button', { name: '满意', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('says 本机已停用 once its token has been revoked in the admin console', async () => {
    const admin = await s.login('admin');
    const revoked = await s.api('POST', `/halls/${s.hall.id}/devices/display-4/revoke`, {
      token: admin,
    });
    expect(revoked.status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${s.url}/counter/display/4?hall=${s.hall.id}&device=demo-display-4`);
    const message = page.getByTestId('display-refused');
    await message.waitFor(WAIT);
    expect(await message.textContent()).toBe('本机已停用，请联系工作人员');
    await page.screenshot({ path: screenshotPath('counter-display', 'display-revoked') });
    await context.close();
  });
});
