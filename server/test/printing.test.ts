// Printing end to end: kiosk API → the printer's job queue in Redis → print agent → virtual printer on TCP.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DeviceTransport,
  layoutJob,
  Printer,
  PrintAgent,
  receiptText,
  VirtualPrinter,
  type Receipt,
} from '@hall/printer-driver';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { startServer } from '../src/server.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

const BIN = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'printer-driver',
  'bin',
  'printer-driver.js',
);

/** Polls until check() gives a truthy value; a stuck state fails with the last value seen. */
async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  let last: unknown;
  for (;;) {
    const v = await check();
    if (v) return v;
    last = v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The ticket number: the one line printed at 8 × 8. */
const numberOf = (r: Receipt): string | undefined => {
  const line = r.items.find((i) => i.kind === 'text' && i.runs[0]?.width === 8);
  return line?.kind === 'text' ? line.text : undefined;
};

describe('printing', () => {
  let s: TestServer;
  let vp: VirtualPrinter;
  let agent: PrintAgent | null;
  let children: ChildProcess[];

  beforeEach(async () => {
    s = await startTestServer(sampleHall('demo'), { printing: true });
    vp = new VirtualPrinter();
    await vp.listen(0);
    agent = null;
    children = [];
  });

  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await agent?.stop();
    await s.close();
    await vp.close();
  });

  const startAgent = async () => {
    agent = new PrintAgent({
      serverUrl: s.url,
      token: 'demo-printer',
      paperWidth: 58,
      printer: new Printer({ transport: 'network', host: '127.0.0.1', port: vp.port }),
      statusIntervalMs: 100,
      reconnectMaxMs: 200,
    });
    agent.start();
    await agent.connected();
  };

  const issue = async (serviceId = 'labor', priority: 'normal' | 'green' = 'normal') => {
    const r = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId, priority },
    });
    expect(r.status).toBe(201);
    return r.body;
  };

  const printStatus = async (ticketId: string) =>
    (await s.api('GET', `/tickets/${ticketId}`, { token: 'demo-kiosk' })).body.print as
      { status: string; problem?: string } | undefined;

  const printer = async () =>
    (await s.api('GET', `/halls/${s.hall.id}/printers`)).body.printers[0] as {
      connected: boolean;
      ready: boolean;
      problem?: string;
    };

  it('a ticket issued at the kiosk comes out of the printer with its number, Chinese text and QR', async () => {
    await startAgent();
    await until('printer ready', async () => (await printer()).ready);
    const ticket = await issue('civil', 'green');
    expect(ticket.print).toMatchObject({ status: 'queued', printerId: 'printer-1' });

    const [receipt] = await vp.waitForReceipts(1);
    const text = receiptText(receipt!);
    expect(numberOf(receipt!)).toBe(ticket.number);
    expect(text).toContain('城关社区便民服务中心');
    expect(text).toContain('办理业务：民政救济');
    // on 58 mm the windows wrap between names, never inside 6号窗口（综合）
    expect(text).toContain('办理窗口：3号窗口、');
    expect(text).toContain('6号窗口（综合）');
    expect(text).toContain('1. 个人书面申请');
    expect(text).toContain('6. 户主近期免冠一寸照片4张');
    // the hall file's printing section: the green channel mark, 当日有效, hours and telephone
    expect(text).toContain('【绿色通道】');
    expect(text).toContain('本号当日有效');
    expect(text).toContain('办公时间：全天开放（演示大厅）');
    expect(text).toContain('咨询电话：0551-12345678');
    const qr = receipt!.items.find((i) => i.kind === 'qr');
    // the phone link with the ticket's key: the paper is what proves holding the ticket
    expect(qr).toMatchObject({ kind: 'qr' });
    expect((qr as { data: string }).data).toMatch(
      new RegExp(`^http://localhost:8080/kiosk/t/${ticket.id}\\?k=[\\w-]{22}$`),
    );
    // the kiosk's on-screen QR shows the ticket's phoneUrl: the same address as the paper
    expect(ticket.phoneUrl).toBe((qr as { data: string }).data);
    expect(vp.unknown).toEqual([]);

    await until('printed', async () => (await printStatus(ticket.id))?.status === 'printed');
    const events = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
    const prints = events
      .filter(([, f]) => f[f.indexOf('type') + 1] === 'print.updated')
      .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1]!));
    expect(prints.map((p) => p.status)).toEqual(['queued', 'printing', 'printed']);
    expect(prints[0]).toEqual({
      jobId: `t.${ticket.id}`,
      ticketId: ticket.id,
      kind: 'ticket',
      printerId: 'printer-1',
      status: 'queued',
    });
  });

  it('paper end holds the queue and says so to the kiosk; paper back prints each ticket once', async () => {
    await startAgent();
    const first = await issue();
    await vp.waitForReceipts(1);
    await until('first printed', async () => (await printStatus(first.id))?.status === 'printed');

    vp.setState({ paperEnd: true });
    await until('paper end reported', async () => (await printer()).problem === 'paper_end');
    const held = [await issue(), await issue('family'), await issue()];
    for (const t of held) {
      expect(t.print).toEqual({
        status: 'printer_problem',
        printerId: 'printer-1',
        problem: 'paper_end',
      });
      expect(await printStatus(t.id)).toMatchObject({
        status: 'printer_problem',
        problem: 'paper_end',
      });
    }
    expect(vp.receipts).toHaveLength(1);

    vp.setState({ paperEnd: false });
    await vp.waitForReceipts(4);
    for (const t of held) {
      await until(
        `${t.number} printed`,
        async () => (await printStatus(t.id))?.status === 'printed',
      );
    }
    expect(vp.receipts.map(numberOf)).toEqual([first.number, ...held.map((t) => t.number)]);
    expect((await printer()).ready).toBe(true);
  });

  it('an agent killed mid-job and started again prints no duplicate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printer-driver-'));
    const config = join(dir, 'printer.yaml');
    writeFileSync(
      config,
      [
        'server:',
        `  url: ${s.url}`,
        '  token: demo-printer',
        'printer:',
        '  transport: network',
        '  host: 127.0.0.1',
        `  port: ${vp.port}`,
        'paperWidth: 80',
        'statusIntervalSeconds: 0.2',
        '',
      ].join('\n'),
    );
    const run = () => {
      const child = spawn(process.execPath, [BIN, '--config', config], { stdio: 'ignore' });
      children.push(child);
      return child;
    };
    let agentProcess = run();
    // the moment the ticket is on paper, the printer stops answering and the agent dies
    // before it can tell the server
    vp.once('receipt', () => {
      vp.setState({ silent: true });
      agentProcess.kill('SIGKILL');
    });
    const ticket = await issue();
    await vp.waitForReceipts(1);
    await new Promise((r) => agentProcess.once('exit', r));
    expect(await printStatus(ticket.id)).toMatchObject({ status: 'printing' });

    vp.setState({ silent: false });
    agentProcess = run();
    await until(
      'the job is settled',
      async () => (await printStatus(ticket.id))?.status === 'printed',
    );
    const next = await issue();
    await vp.waitForReceipts(2);
    await until('next printed', async () => (await printStatus(next.id))?.status === 'printed');
    expect(vp.receipts.map(numberOf)).toEqual([ticket.number, next.number]);
    agentProcess.kill('SIGTERM');
  });

  it('the one-time notice prints on the window printer, two copies, and is recorded on the ticket', async () => {
    await startAgent();
    const ticket = await issue('civil');
    await vp.waitForReceipts(1);
    const clerk = await s.login('clerk3');
    const h = `/halls/${s.hall.id}`;
    expect((await s.api('POST', `${h}/windows/3/open`, { token: clerk })).status).toBe(200);
    const body = { windowId: '3', missingMaterials: ['家庭收入证明', '户籍证明'] };
    const other = await s.login('clerk1');
    const forbidden = await s.api('POST', `${h}/tickets/${ticket.id}/notice`, {
      token: other,
      body,
    });
    expect(forbidden.status).toBe(403); // clerk1 is not signed in at window 3
    const r = await s.api('POST', `${h}/tickets/${ticket.id}/notice`, { token: clerk, body });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ ticketId: ticket.id, print: { printerId: 'printer-1' } });

    const receipts = await vp.waitForReceipts(3);
    for (const [i, copy] of receipts.slice(1).entries()) {
      const text = receiptText(copy);
      expect(text).toContain('一次性告知单');
      expect(text).toContain(i === 0 ? '（第1联 办事人收执）' : '（第2联 窗口留存）');
      expect(text).toContain(`排队号码：${ticket.number}`);
      expect(text).toContain('受理窗口：3号窗口');
      expect(text).toContain('经办人工号：0103');
      expect(text).toContain('1. 家庭收入证明');
      expect(text).toContain('2. 户籍证明');
      expect(text.join('')).not.toContain('张敏'); // the job number, never the name
    }
    await until('notice printed', async () => {
      const t = (await s.api('GET', `/tickets/${ticket.id}`, { token: 'demo-kiosk' })).body;
      return t.oneTimeNotice?.print.status === 'printed' ? t : null;
    }).then((t) =>
      expect(t.oneTimeNotice).toMatchObject({
        windowId: '3',
        missingMaterials: ['家庭收入证明', '户籍证明'],
      }),
    );
    const bad = await s.api('POST', `${h}/tickets/${ticket.id}/notice`, {
      token: clerk,
      body: { windowId: '3', missingMaterials: [] },
    });
    expect(bad.status).toBe(400);
  });

  it('documents the printing endpoints in the OpenAPI document', async () => {
    const doc = (await s.api('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/halls/{hallId}/tickets/{ticketId}/notice',
        '/api/v1/halls/{hallId}/printers',
      ]),
    );
  });

  it('with no agent connected the kiosk learns the ticket waits for the printer', async () => {
    const ticket = await issue();
    expect(ticket.print).toEqual({
      status: 'printer_problem',
      printerId: 'printer-1',
      problem: 'agent_offline',
    });
    await startAgent();
    await vp.waitForReceipts(1);
    await until('printed', async () => (await printStatus(ticket.id))?.status === 'printed');
  });

  it('survives the printer and the server going away and coming back', async () => {
    await startAgent();
    const port = vp.port;
    await vp.close();
    const during = await issue();
    await until(
      'printer offline',
      async () => (await printStatus(during.id))?.problem === 'offline',
    );
    vp = new VirtualPrinter();
    await vp.listen(port);
    await vp.waitForReceipts(1);
    expect(numberOf(vp.receipts[0]!)).toBe(during.number);
    await until('printed', async () => (await printStatus(during.id))?.status === 'printed');

    // the server restarts on the same address; the agent finds it again
    const old = s;
    const { hall, port: serverPort } = old;
    await old.close();
    const again = await startServer({
      halls: [hall],
      redis: inject('redisUrl'),
      port: serverPort,
      printing: true,
    });
    s = Object.assign(again, {
      hall,
      api: (...args: Parameters<TestServer['api']>) => old.api(...args),
      login: (username: string) => old.login(username),
    });
    const after = await issue();
    await vp.waitForReceipts(2);
    expect(numberOf(vp.receipts[1]!)).toBe(after.number);
    await until('printed', async () => (await printStatus(after.id))?.status === 'printed');
  });

  it('the device-file transport writes the same bytes to a FIFO as the printer gets over TCP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printer-fifo-'));
    const fifo = join(dir, 'lp0');
    const out = join(dir, 'out.bin');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('sh', ['-c', `cat "${fifo}" > "${out}"`], { stdio: 'ignore' });
    children.push(reader);

    await startAgent();
    // the job as the server sent it to the agent
    const sent: unknown[] = [];
    (agent as unknown as { socket: { on(e: string, f: (d: unknown) => void): void } }).socket.on(
      'print:job',
      (d) => sent.push(d),
    );
    const ticket = await issue();
    await vp.waitForReceipts(1);
    await until('printed', async () => (await printStatus(ticket.id))?.status === 'printed');
    // the job bytes as the agent sent them: everything between the status queries
    const tcp = Buffer.concat(vp.received);
    const start = tcp.indexOf(Buffer.from([0x1b, 0x40, 0x1c, 0x26]));
    const end = tcp.lastIndexOf(Buffer.from([0x1d, 0x56, 66, 0])) + 4;
    const jobBytes = tcp.subarray(start, end);

    const job = await s.redis.hgetall(hallKeys(s.hall.id).ticket(ticket.id));
    expect(job.printStatus).toBe('printed');
    const device = await until('a reader on the FIFO', async () =>
      DeviceTransport.open({ path: fifo }).catch(() => null),
    );
    await device.write(jobBytes);
    await device.close();
    await new Promise((r) => (reader.exitCode === null ? reader.once('exit', r) : r(null)));
    expect(readFileSync(out).equals(jobBytes)).toBe(true);

    // and they are exactly the layout of the job the server sent
    expect(sent).toHaveLength(1);
    const data = sent[0] as Parameters<typeof layoutJob>[0];
    expect(data).toMatchObject({ kind: 'ticket', jobId: `t.${ticket.id}`, number: ticket.number });
    expect(layoutJob({ ...data, paperWidth: 58 }).equals(jobBytes)).toBe(true);
  });
});
