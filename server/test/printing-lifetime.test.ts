// How long a print job lives: a printer away for a while does not print stale tickets when it
// comes back, and a printer whose agent never connects holds a bounded queue.
import { PrintAgent, Printer, VirtualPrinter, type Receipt } from '@hall/printer-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const numberOf = (r: Receipt): string | undefined => {
  const line = r.items.find((i) => i.kind === 'text' && i.runs[0]?.width === 8);
  return line?.kind === 'text' ? line.text : undefined;
};

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('print job lifetime', () => {
  let s: TestServer;
  let vp: VirtualPrinter | null = null;
  let agent: PrintAgent | null = null;
  afterEach(async () => {
    await agent?.stop();
    await s.close();
    await vp?.close();
  });

  const issue = async (serviceId = 'labor') => {
    const r = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; number: string; print: { status: string } };
  };
  const printOf = async (id: string) =>
    (await s.api('GET', `/tickets/${id}`, { token: 'demo-kiosk' })).body.print as {
      status: string;
      problem?: string;
    };

  it('a returning printer prints only fresh tickets still waiting; the rest say why not', async () => {
    const clock = new TestClock(Date.now());
    s = await startTestServer(sampleHall('demo'), { printing: true, clock });
    const old = await issue();
    expect(old.print.status).toBe('printer_problem'); // no agent yet: the kiosk says so
    clock.advance(6 * 60_000); // past printing.jobMaxAgeMinutes (5)
    const called = await issue();
    const fresh = await issue();
    // the stale job went with the next issue, and the kiosk's phone page shows it
    expect(await printOf(old.id)).toMatchObject({ status: 'expired' });

    // two clerks call the old ticket and the next one while the printer is away
    for (const w of ['1', '2']) {
      const token = await s.login(`clerk${w}`);
      const h = `/halls/${s.hall.id}/windows/${w}`;
      expect((await s.api('POST', `${h}/open`, { token })).status).toBe(200);
      expect((await s.api('POST', `${h}/call-next`, { token })).status).toBe(200);
    }

    vp = new VirtualPrinter();
    await vp.listen(0);
    agent = new PrintAgent({
      serverUrl: s.url,
      token: 'demo-printer',
      paperWidth: 58,
      printer: new Printer({ transport: 'network', host: '127.0.0.1', port: vp.port }),
      statusIntervalMs: 100,
      reconnectMaxMs: 200,
    });
    agent.start();
    await until('fresh printed', async () => (await printOf(fresh.id)).status === 'printed');
    expect(await printOf(called.id)).toMatchObject({ status: 'skipped' });
    expect(await printOf(old.id)).toMatchObject({ status: 'expired' });
    expect(vp.receipts.map(numberOf)).toEqual([fresh.number]);
    expect(await s.redis.zcard(hallKeys(s.hall.id).printerJobs('printer-1'))).toBe(0);

    // the print.updated events tell the console and kiosk the same
    const events = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
    const last = new Map<string, string>();
    for (const [, f] of events) {
      if (f[f.indexOf('type') + 1] !== 'print.updated') continue;
      const d = JSON.parse(f[f.indexOf('data') + 1]!) as { ticketId: string; status: string };
      last.set(d.ticketId, d.status);
    }
    expect(Object.fromEntries(last)).toEqual({
      [old.id]: 'expired',
      [called.id]: 'skipped',
      [fresh.id]: 'printed',
    });
  });

  it('a printer whose agent never connects keeps a bounded queue', async () => {
    const clock = new TestClock(Date.now());
    s = await startTestServer(sampleHall('demo'), { printing: true, clock });
    const k = hallKeys(s.hall.id);
    const first = [];
    for (let i = 0; i < 40; i++) first.push(await issue(i % 2 ? 'labor' : 'civil'));
    expect(await s.redis.zcard(k.printerJobs('printer-1'))).toBe(40);
    const ttl = await s.redis.pttl(k.printJob(`t.${first[0]!.id}`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2 * 24 * 3600_000); // the job record itself goes after two days
    clock.advance(6 * 60_000);
    for (let i = 0; i < 10; i++) await issue();
    // each new job takes up to four stale ones with it
    expect(await s.redis.zcard(k.printerJobs('printer-1'))).toBe(10);
    for (const t of first) expect((await printOf(t.id)).status).toBe('expired');
  });
});
