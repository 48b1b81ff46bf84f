// The hall screen in Debian's Chromium against the real server and a private Redis.
// Build the app first: npm run build -w hall-screen. Screenshots: screenshots/hall-screen/*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// the redisUrl that the test setup provides
import type {} from '../../server/test/global-setup.js';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import { freePort, startRedis, type RedisProcess } from '../../server/test/redis-process.js';
import { hallKeys } from '../../server/src/store/keys.js';

const TIMEOUT = 15_000;
const MAX_AGE_S = 3;

/**
 * Runs in the page before the app: a speech engine with one Mandarin voice that
 * records each utterance with its start and end (200 ms each), and a note of each
 * chime (the first oscillator of a chime's two).
 */
function instrumentSpeech(voiceLang: string): void {
  type Entry = { kind: 'chime' | 'speech'; text: string; start: number; end: number };
  const log: Entry[] = [];
  let speaking = 0;
  let overlaps = 0;
  (window as any).__speech = { log, overlaps: () => overlaps };
  const voice = {
    name: 'Test voice',
    lang: voiceLang,
    default: true,
    localService: true,
    voiceURI: voiceLang,
  };
  const engine = {
    speaking: false,
    pending: false,
    paused: false,
    getVoices: () => [voice],
    speak(u: SpeechSynthesisUtterance) {
      if (speaking > 0) overlaps++;
      speaking++;
      const entry: Entry = { kind: 'speech', text: u.text, start: performance.now(), end: 0 };
      log.push(entry);
      setTimeout(() => {
        speaking--;
        entry.end = performance.now();
        u.dispatchEvent(new Event('end'));
      }, 200);
    },
    cancel() {},
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  const Ctx = window.AudioContext;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below
  const create = Ctx.prototype.createOscillator;
  Ctx.prototype.createOscillator = function (this: AudioContext) {
    const last = log[log.length - 1];
    if (!last || last.kind !== 'chime' || performance.now() - last.start > 100) {
      log.push({ kind: 'chime', text: '', start: performance.now(), end: 0 });
    }
    return create.call(this);
  };
}

interface LogEntry {
  kind: 'chime' | 'speech';
  text: string;
  start: number;
  end: number;
}

const speechLog = (page: Page): Promise<LogEntry[]> =>
  page.evaluate(() => (window as any).__speech.log as LogEntry[]);

const said = (number: string, windowId: string) => `请${number}号到${windowId}号窗口办理`;

describe('hall screen', () => {
  let redis: RedisProcess;
  let server: TestServer;
  let browser: Browser;
  let port: number;
  const hall = sampleHall('demo', (h) => {
    h.screen = { ...h.screen, repeat: 2, speakMaxAgeSeconds: MAX_AGE_S };
    h.notices = [{ id: 'policy', text: '请携带本人身份证件，按号依次办理' }];
  });
  const tokens: Record<string, string> = {};

  const api = (method: string, path: string, token?: string, body?: unknown) =>
    server.api(method, path, { ...(token ? { token } : {}), ...(body ? { body } : {}) });
  const issue = async (serviceId: string) => {
    const r = await api('POST', `/halls/${hall.id}/tickets`, 'demo-kiosk', { serviceId });
    expect(r.status).toBe(201);
    return r.body.number as string;
  };
  const at = async (windowId: string, action: string, body?: unknown) => {
    const r = await api(
      'POST',
      `/halls/${hall.id}/windows/${windowId}/${action}`,
      tokens[windowId],
      body,
    );
    expect(r.status, `${action} at ${windowId}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  const calledInStream = async (): Promise<string[]> => {
    const all = await server.redis.xrange(hallKeys(hall.id).events, '-', '+');
    return all
      .filter(([, f]) => ['ticket.called', 'ticket.recalled'].includes(f[f.indexOf('type') + 1]!))
      .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}').number as string);
  };

  beforeAll(async () => {
    redis = await startRedis();
    port = await freePort();
    server = await startTestServer(hall, { pages: true, redisUrl: redis.url, port });
    browser = await launchBrowser();
    for (const w of ['1', '2', '3', '4', '5', '6']) {
      tokens[w] = await server.login(`clerk${w}`);
      await at(w, 'open');
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await redis?.stop();
  });

  it('shows and speaks every call once, in order, through pauses, notices and a server restart', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    await context.addInitScript(instrumentSpeech, 'zh-CN');
    const tv = await context.newPage();
    await tv.goto(`${server.url}/hall?hall=${hall.id}&device=demo-screen`);
    // two LED walls showing regions of their PCs' screens, silent (the TV speaks)
    const leds: Page[] = [];
    for (const size of ['384x192', '768x384']) {
      const [w, h] = size.split('x').map(Number);
      const led = await context.newPage();
      await led.setViewportSize({ width: w! + 40, height: h! + 40 });
      await led.goto(`${server.url}/hall?hall=${hall.id}&layout=led&size=${size}&voice=off`);
      leds.push(led);
    }
    const conn = tv.getByTestId('connection');
    await tv.locator('[data-testid=connection][data-status=live]').waitFor({ timeout: TIMEOUT });
    await tv.locator('[data-testid=voice][data-voice=voice]').waitFor({ timeout: TIMEOUT });
    expect(await tv.getByTestId('notices').textContent()).toContain('请携带本人身份证件');
    // calls made through the API appear within a second, newest first
    const latest = tv.getByTestId('latest-number');
    const recent = tv.locator('[data-testid=recent-calls] .recent-number');
    const first: [string, string][] = [];
    for (const [service, windowId] of [
      ['labor', '1'],
      ['civil', '3'],
      ['finance', '5'],
    ] as const) {
      const number = await issue(service);
      await at(windowId, 'call-next');
      const t0 = Date.now();
      await tv.waitForFunction(
        (n) => document.querySelector('[data-testid=latest-number]')?.textContent === n,
        number,
        { timeout: TIMEOUT, polling: 20 },
      );
      expect(Date.now() - t0, `${number} on the screen`).toBeLessThan(1000);
      first.push([number, windowId]);
    }
    expect(first.map(([n]) => n)).toEqual(['A001', 'B001', 'D001']);
    expect(await recent.allTextContents()).toEqual(['B001', 'A001']);
    // five calls in one second are spoken one after another, each after a chime, twice
    for (const w of ['1', '3', '5']) {
      await at(w, 'start');
      await at(w, 'finish', { outcome: 'done' });
    }
    await issue('labor');
    await issue('labor');
    await issue('civil');
    await issue('family');
    await issue('finance');
    const burstStart = Date.now();
    await Promise.all(['1', '2', '3', '4', '5'].map((w) => at(w, 'call-next')));
    expect(Date.now() - burstStart).toBeLessThan(1000);
    const order = (await calledInStream()).slice(-5);
    await expect
      .poll(async () => (await recent.allTextContents()).slice(0, 4).join(), { timeout: TIMEOUT })
      .toBe(order.slice(0, 4).reverse().join());
    expect(await latest.textContent()).toBe(order[4]);
    const windowOf = (n: string) => ({ A: ['1', '2'], B: ['3'], C: ['4'], D: ['5'] })[n[0] as 'A'];
    const burstWindows = await Promise.all(
      order.map(async (n) => {
        const snap = await api('GET', `/halls/${hall.id}`);
        return snap.body.windows.find((w: any) => w.currentNumber === n).id as string;
      }),
    );
    burstWindows.forEach((w, i) => expect(windowOf(order[i]!)).toContain(w));
    const expected = [...first, ...order.map((n, i) => [n, burstWindows[i]!] as [string, string])];
    await expect
      .poll(async () => (await speechLog(tv)).filter((e) => e.kind === 'speech').length, {
        timeout: 30_000,
      })
      .toBe(expected.length * 2);
    const log = await speechLog(tv);
    expect(log.map((e) => (e.kind === 'chime' ? 'chime' : e.text))).toEqual(
      expected.flatMap(([n, w]) => ['chime', said(n, w), said(n, w)]),
    );
    const spoken = log.filter((e) => e.kind === 'speech');
    spoken.slice(1).forEach((e, i) => expect(e.start).toBeGreaterThanOrEqual(spoken[i]!.end));
    expect(await tv.evaluate(() => (window as any).__speech.overlaps())).toBe(0);
    // a window's pause shows at once
    await at('6', 'pause', { kind: 'brief' });
    const w6 = tv.locator('[data-window="6"]');
    await tv.locator('[data-window="6"][data-state=brief]').waitFor({ timeout: TIMEOUT });
    expect(await w6.locator('.window-state').textContent()).toBe('请稍候');
    // a supervisor's notices appear; one past its end disappears
    const sup = await server.login('supervisor');
    const notices = tv.getByTestId('notices');
    const lasting = await api('POST', `/halls/${hall.id}/notices`, sup, {
      text: '本月25日起医保缴费可在3号窗口办理',
    });
    expect(lasting.status).toBe(201);
    const shortText = '今日下午系统维护，暂停打印';
    const short = await api('POST', `/halls/${hall.id}/notices`, sup, {
      text: shortText,
      endsAt: new Date(Date.now() + 4000).toISOString(),
    });
    expect(short.status).toBe(201);
    await expect.poll(() => notices.textContent(), { timeout: TIMEOUT }).toContain(shortText);
    expect(await notices.textContent()).toContain('医保缴费');
    await tv.screenshot({ path: screenshotPath('hall-screen', 'tv-1920x1080') });
    for (const led of leds) {
      await expect
        .poll(() => led.getByTestId('notices').textContent(), { timeout: TIMEOUT })
        .toContain(shortText);
      expect(await led.getByTestId('latest-number').textContent()).toBe(order[4]);
    }
    await leds[0]!.screenshot({
      path: screenshotPath('hall-screen', 'led-384x192'),
      clip: { x: 0, y: 0, width: 384, height: 192 },
    });
    await leds[1]!.screenshot({
      path: screenshotPath('hall-screen', 'led-768x384'),
      clip: { x: 0, y: 0, width: 768, height: 384 },
    });
    await expect.poll(() => notices.textContent(), { timeout: TIMEOUT }).not.toContain(shortText);
    expect(await notices.textContent()).toContain('医保缴费');
    await api('POST', `/halls/${hall.id}/notices/${lasting.body.id}/expire`, sup);
    await expect.poll(() => notices.textContent(), { timeout: TIMEOUT }).not.toContain('医保缴费');
    // the server goes away: the screen says so, keeps what it shows, and catches up when it is back
    await at('6', 'resume');
    const before = (await speechLog(tv)).length;
    await server.close();
    await tv.getByTestId('offline').waitFor({ timeout: TIMEOUT });
    expect(await latest.textContent()).toBe(order[4]);
    await tv.screenshot({ path: screenshotPath('hall-screen', 'tv-offline') });
    await leds[0]!.getByTestId('offline').waitFor({ timeout: TIMEOUT });
    await leds[0]!.screenshot({
      path: screenshotPath('hall-screen', 'led-384x192-offline'),
      clip: { x: 0, y: 0, width: 384, height: 192 },
    });
    // meanwhile another server node (same Redis) takes calls
    const other = await startTestServer(hall, { redisUrl: redis.url });
    const viaOther = async (windowId: string, action: string) => {
      const r = await other.api('POST', `/halls/${hall.id}/windows/${windowId}/${action}`, {
        token: tokens[windowId]!,
        ...(action === 'finish' ? { body: { outcome: 'done' } } : {}),
      });
      expect(r.status, `${action} at ${windowId}`).toBeLessThan(300);
      return r.body;
    };
    await other.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'party' },
    });
    const missedA = (await viaOther('6', 'call-next')).number as string;
    await viaOther('2', 'start');
    await viaOther('2', 'finish');
    await other.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor' },
    });
    const missedB = (await viaOther('2', 'call-next')).number as string;
    await other.close();
    // older than speakMaxAgeSeconds when the screen sees them: shown, not spoken
    await new Promise((r) => setTimeout(r, MAX_AGE_S * 1000 + 500));

    server = await startTestServer(hall, { pages: true, redisUrl: redis.url, port });
    await tv.locator('[data-testid=connection][data-status=live]').waitFor({ timeout: TIMEOUT });
    await tv.getByTestId('offline').waitFor({ state: 'detached', timeout: TIMEOUT });
    await expect.poll(() => latest.textContent(), { timeout: TIMEOUT }).toBe(missedB);
    expect((await recent.allTextContents())[0]).toBe(missedA);
    // and live again: the next call is shown and spoken
    await at('6', 'start');
    await at('6', 'finish', { outcome: 'done' });
    await issue('party');
    const live = (await at('6', 'call-next')).number as string;
    await expect.poll(() => latest.textContent(), { timeout: 2000 }).toBe(live);
    await expect
      .poll(async () => (await speechLog(tv)).length, { timeout: TIMEOUT })
      .toBe(before + 3);
    await expect.poll(() => conn.getAttribute('data-status')).toBe('live');
    // nothing lost, nothing twice: the screen lists the last calls exactly as the stream has them
    const stream = await calledInStream();
    const distinct = stream.reverse().filter((n, i, all) => all.indexOf(n) === i);
    const shown = [await latest.textContent(), ...(await recent.allTextContents())];
    expect(shown).toEqual(distinct.slice(0, shown.length));
    expect(shown.length).toBe(9);
    const texts = (await speechLog(tv)).filter((e) => e.kind === 'speech').map((e) => e.text);
    expect(texts.filter((t) => t.includes(missedA) || t.includes(missedB))).toEqual([]);
    expect(texts.slice(-2)).toEqual([said(live, '6'), said(live, '6')]);
    await tv.screenshot({ path: screenshotPath('hall-screen', 'tv-after-restart') });

    // English is a switch away
    await tv.getByRole('button', { name: 'English' }).click();
    await tv.getByText('Now calling').waitFor({ timeout: TIMEOUT });
    expect(await tv.locator('[data-window="6"] .window-name').textContent()).toBe('Window 6');
    await tv.screenshot({ path: screenshotPath('hall-screen', 'tv-1920x1080-en') });

    // the other common LED sizes; a screen that starts fresh puts the newest call first
    for (const [led, size] of [
      [leds[0]!, '512x256'],
      [leds[1]!, '1024x512'],
    ] as const) {
      const [w, h] = size.split('x').map(Number);
      await led.setViewportSize({ width: w! + 40, height: h! + 40 });
      await led.goto(`${server.url}/hall?hall=${hall.id}&layout=led&size=${size}&voice=off`);
      await expect
        .poll(() => led.getByTestId('latest-number').textContent(), { timeout: TIMEOUT })
        .toBe(live);
      await led.screenshot({
        path: screenshotPath('hall-screen', `led-${size}`),
        clip: { x: 0, y: 0, width: w!, height: h! },
      });
    }
    await context.close();
  }, 90_000);

  it('sounds the chime alone, and says so, where the browser has no Chinese voice', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(instrumentSpeech, 'en-GB');
    const tv = await context.newPage();
    await tv.goto(`${server.url}/hall?hall=${hall.id}`);
    await tv.locator('[data-testid=voice][data-voice=chime]').waitFor({ timeout: TIMEOUT });
    expect(await tv.getByTestId('voice').textContent()).toBe('无中文语音，仅提示音');
    await at('1', 'start');
    await at('1', 'finish', { outcome: 'done' });
    await issue('labor');
    const number = (await at('1', 'call-next')).number as string;
    await expect
      .poll(() => tv.getByTestId('latest-number').textContent(), { timeout: TIMEOUT })
      .toBe(number);
    await expect.poll(async () => (await speechLog(tv)).length, { timeout: TIMEOUT }).toBe(1);
    expect((await speechLog(tv))[0]!.kind).toBe('chime');
    await context.close();
  });
});
