// The hall's configuration from the browser: GET and PUT with If-Match, every bad field named,
// applied live on two server nodes and seen by a subscribed realtime client without a restart;
// a service removed while people wait stays served; the export starts an identical hall; the
// audit log holds each change with its diff.
import { connectHall, type HallConnection } from '@hall/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHallConfig } from '../src/config/hall-config.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';
import { waitUntil } from './realtime-helpers.js';

let a: TestServer;
let b: TestServer;
let admin: string;
let sup: string;
const clients: HallConnection[] = [];

beforeAll(async () => {
  const hall = sampleHall('demo');
  a = await startTestServer(hall);
  // a second node on the same Redis, started from the same hall file
  b = await startTestServer(structuredClone(hall));
  admin = await a.login('admin');
  sup = await a.login('supervisor');
});
afterAll(async () => {
  for (const c of clients) c.close();
  await b.close();
  await a.close();
});

const hallId = () => a.hall.id;
type Doc = { version: number; config: any };

async function readConfig(node = a, token = admin): Promise<Doc> {
  const r = await node.api('GET', `/halls/${hallId()}/config`, { token });
  expect(r.status).toBe(200);
  expect(r.headers.get('etag')).toBe(`"${r.body.version}"`);
  return r.body as Doc;
}

async function put(doc: Doc, edit: (c: any) => void, token = admin, node = a) {
  const config = structuredClone(doc.config);
  edit(config);
  return node.api('PUT', `/halls/${hallId()}/config`, {
    token,
    body: { config },
    headers: { 'if-match': `"${doc.version}"` },
  });
}

function follow(url: string): HallConnection {
  const conn = connectHall({ url, hallId: hallId(), io, refetchDelayMs: 20 });
  clients.push(conn);
  return conn;
}

describe('the hall configuration API', () => {
  it('shows admins the hall file with hashes only, supervisors without them, and refuses clerks and devices', async () => {
    const doc = await readConfig();
    expect(doc.version).toBe(1);
    const kiosk = doc.config.devices.find((d: any) => d.id === 'kiosk-1');
    expect(kiosk.token).toBeUndefined();
    expect(kiosk.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.config.staff[0].passwordHash).toMatch(/^scrypt\$/);
    const supDoc = await readConfig(a, sup);
    expect(supDoc.config.staff[0].passwordHash).toBe('[redacted]');
    const clerk = await a.login('clerk1');
    for (const token of [clerk, 'demo-kiosk', 'demo-screen']) {
      const r = await a.api('GET', `/halls/${hallId()}/config`, { token });
      expect(r.status).toBe(403);
      const w = await put(doc, (c) => (c.name = '改名'), token);
      expect(w.status).toBe(403);
    }
    expect((await a.api('GET', `/halls/${hallId()}/config`)).status).toBe(401);
  });

  it('asks for If-Match, refuses a stale version (412) and names every bad field (400), changing nothing', async () => {
    const doc = await readConfig();
    const noMatch = await a.api('PUT', `/halls/${hallId()}/config`, {
      token: admin,
      body: doc,
    });
    expect(noMatch.status).toBe(428);
    expect(noMatch.body.error.code).toBe('precondition_required');
    const stale = await put({ ...doc, version: doc.version - 1 }, (c) => (c.name = '旧版本'));
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('config_version_conflict');
    const bad = await put(doc, (c) => {
      c.services[2].prefix = 'a1';
      c.services[0].averageServiceMinutes = -3;
      c.windows[0].services.push('nowhere');
      c.devices[0].kind = 'toaster';
      c.rules.maxRecalls = 99;
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_config');
    const paths = (bad.body.error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual([
      'devices.0.kind',
      'rules.maxRecalls',
      'services.0.averageServiceMinutes',
      'services.2.prefix',
    ]);
    // cross-field rules are checked once every field is valid
    const cross = await put(doc, (c) => {
      c.windows[0].services.push('nowhere');
      c.services[1].prefix = 'A';
    });
    expect(cross.status).toBe(400);
    expect(cross.body.error.details).toEqual([
      { path: 'services.1.prefix', message: 'prefix A is used twice' },
      { path: 'windows.0.services.1', message: 'unknown service nowhere' },
    ]);
    const en = await a.api('PUT', `/halls/${hallId()}/config`, {
      token: admin,
      body: { config: { ...doc.config, id: 'other-hall' } },
      headers: { 'if-match': String(doc.version) },
      lang: 'en',
    });
    expect(en.body.error).toMatchObject({
      code: 'invalid_config',
      message: 'The configuration is invalid; nothing was changed',
      details: [{ path: 'id' }],
    });
    expect((await readConfig()).version).toBe(doc.version);
  });

  it('applies a new service, a renamed one and a window’s services live on both nodes; a client refetches', async () => {
    const conn = follow(b.url);
    await waitUntil(
      () => conn.status === 'live' && conn.state !== null,
      () => conn.status,
    );
    const doc = await readConfig();
    const r = await put(doc, (c) => {
      c.services.push({
        id: 'housing',
        name: '住房保障',
        nameEn: 'Housing',
        prefix: 'H',
        materials: ['身份证'],
      });
      c.services.find((s: any) => s.id === 'civil').name = '民政救助';
      c.windows.find((w: any) => w.id === '3').services = ['civil', 'housing'];
    });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(doc.version + 1);
    // both nodes serve the new configuration, without a restart
    for (const node of [a, b]) {
      const snap = (await node.api('GET', `/halls/${hallId()}`)).body;
      expect(snap.configVersion).toBe(doc.version + 1);
      expect(snap.services.find((s: any) => s.id === 'housing')?.name).toBe('住房保障');
      expect(snap.services.find((s: any) => s.id === 'civil')?.name).toBe('民政救助');
      expect(snap.windows.find((w: any) => w.id === '3')?.serviceIds).toEqual(['civil', 'housing']);
    }
    const ticket = await b.api('POST', `/halls/${hallId()}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'housing' },
    });
    expect(ticket.status).toBe(201);
    expect(ticket.body.number).toBe('H001');
    // the subscribed client learns of it (config.changed) and takes the new hall whole
    await waitUntil(
      () => conn.state?.services.some((s) => s.id === 'housing') === true,
      () => JSON.stringify(conn.state?.services.map((s) => s.id)),
      10_000,
    );
    expect(conn.state?.configVersion).toBe(doc.version + 1);
    expect(conn.state?.services.find((s) => s.id === 'civil')?.name).toBe('民政救助');
  });

  it('applies hours, limits and notices live on both nodes; the client shows the new notice', async () => {
    const conn = follow(a.url);
    await waitUntil(
      () => conn.status === 'live' && conn.state !== null,
      () => conn.status,
    );
    const doc = await readConfig();
    // today (the test clock is the real one) the hall closes; waits turn yellow after 7 minutes
    const today = (await a.api('GET', `/halls/${hallId()}`)).body.businessDay as string;
    const r = await put(doc, (c) => {
      c.schedule = { alwaysOpen: false, weekly: {}, overrides: { [today]: [] } };
      c.limits.waitMinutes = { yellow: 7, red: 9 };
      c.notices.push({ id: 'winter', text: '冬季作息：下午14:00上班' });
    });
    expect(r.status).toBe(200);
    const clerk = await a.login('clerk4');
    for (const node of [a, b]) {
      const snap = (await node.api('GET', `/halls/${hallId()}`)).body;
      expect(snap.hoursToday.periods).toEqual([]);
      expect(snap.services.every((s: any) => s.open === false)).toBe(true);
      expect(snap.notices.map((n: any) => n.text)).toContain('冬季作息：下午14:00上班');
      const desk = (await node.api('GET', `/halls/${hallId()}/staff/me`, { token: clerk })).body;
      expect(desk.limits.hall.waitMinutes).toEqual({ yellow: 7, red: 9 });
      const refused = await node.api('POST', `/halls/${hallId()}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor' },
      });
      expect(refused.body.error.code).toBe('service_closed');
    }
    await waitUntil(
      () => conn.state?.notices.some((n) => n.text.startsWith('冬季作息')) === true,
      () => JSON.stringify(conn.state?.notices),
      10_000,
    );
    expect(conn.state?.services.every((s) => !s.open)).toBe(true);
    // open again for the tests that follow
    const back = await put(await readConfig(), (c) => {
      c.schedule = doc.config.schedule;
    });
    expect(back.status).toBe(200);
  });

  it('lets a supervisor change hours, limits and notices only', async () => {
    const secret = 'sms-gateway-secret-0123456789';
    const withHook = await put(await readConfig(), (c) => {
      c.notifications.webhook = { url: 'https://sms.example.cn/send', secret, timeoutMs: 5000 };
    });
    expect(withHook.status).toBe(200);
    const doc = await readConfig(a, sup);
    expect(JSON.stringify(doc)).not.toContain(secret);
    const ok = await put(
      doc,
      (c) => {
        c.schedule.overrides = { '2027-01-01': [] };
        c.limits.waitMinutes = { yellow: 4, red: 6 };
        c.notices.push({ id: 'n-sup', text: '元旦放假一天' });
        c.services[0].limits = { waitMinutes: { yellow: 2, red: 3 } };
      },
      sup,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.config.staff[0].passwordHash).toBe('[redacted]');
    const after = await readConfig();
    // the redacted hashes came back from the stored configuration
    expect(after.config.staff[0].passwordHash).toMatch(/^scrypt\$/);
    expect(after.config.notifications.webhook.secret).toBe(secret);
    expect(after.config.schedule.overrides).toEqual({ '2027-01-01': [] });
    const refused = await put(
      await readConfig(a, sup),
      (c) => {
        c.rules.maxRecalls = 1;
        c.services[0].name = '改名';
      },
      sup,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('rules.maxRecalls');
    expect(refused.body.error.message).toContain('services[labor].name');
  });

  it('keeps serving a removed service while people wait, and a window that lost a service keeps its ticket', async () => {
    const h = hallId();
    const party = await a.api('POST', `/halls/${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'party' },
    });
    expect(party.status).toBe(201);
    await a.api('POST', `/halls/${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor' },
    });
    const clerk1 = await a.login('clerk1');
    await a.api('POST', `/halls/${h}/windows/1/open`, { token: clerk1 });
    const called = await a.api('POST', `/halls/${h}/windows/1/call-next`, { token: clerk1 });
    expect(called.body.serviceId).toBe('labor');
    const doc = await readConfig();
    const r = await put(doc, (c) => {
      c.services = c.services.filter((s: any) => s.id !== 'party');
      for (const w of c.windows) w.services = w.services.filter((s: string) => s !== 'party');
      c.windows.find((w: any) => w.id === '1').services = ['civil'];
    });
    expect(r.status).toBe(200);
    // the kiosk no longer offers it, on either node
    for (const node of [a, b]) {
      const snap = (await node.api('GET', `/halls/${h}`)).body;
      expect(snap.services.map((s: any) => s.id)).not.toContain('party');
      const refused = await node.api('POST', `/halls/${h}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'party' },
      });
      expect(refused.status).toBe(404);
    }
    // window 1 serves civil now, and still finishes the labor ticket it had called
    await b.api('POST', `/halls/${h}/windows/1/start`, { token: clerk1 });
    const finished = await b.api('POST', `/halls/${h}/windows/1/finish`, {
      token: clerk1,
      body: { outcome: 'done' },
    });
    expect(finished.status).toBe(200);
    expect(finished.body.id).toBe(called.body.id);
    // the resident waiting for the removed service is called at window 6, which served it
    const clerk6 = await b.login('clerk6');
    await b.api('POST', `/halls/${h}/windows/6/open`, { token: clerk6 });
    const next = await b.api('POST', `/halls/${h}/windows/6/call-next`, { token: clerk6 });
    expect(next.body.id).toBe(party.body.id);
    expect(next.body.serviceName).toBe('党员服务');
    // a window with a clerk signed in is not removed under them
    const busy = await put(await readConfig(), (c) => {
      c.windows = c.windows.filter((w: any) => w.id !== '6');
      c.devices = c.devices.filter((d: any) => d.windowId !== '6');
    });
    expect(busy.status).toBe(400);
    expect(busy.body.error.details).toEqual([
      { path: 'windows', message: 'window 6 is signed in: sign out there first' },
    ]);
    // once its queue is empty the next change forgets it
    const again = await put(await readConfig(), (c) => (c.nameEn = 'Chengguan Centre'));
    expect(again.status).toBe(200);
    expect(a.config.live(h).current.services.map((s) => s.id)).not.toContain('party');
  });

  it('exports a hall file that starts an identical hall', async () => {
    const doc = await readConfig();
    const yaml = await a.api('GET', `/halls/${hallId()}/config/export?format=yaml`, {
      token: admin,
    });
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(String(yaml.body)).not.toContain('demo-kiosk');
    const json = await a.api('GET', `/halls/${hallId()}/config/export?format=json`, {
      token: admin,
    });
    expect(json.body).toEqual(doc.config);
    expect((await a.api('GET', `/halls/${hallId()}/config/export`, { token: sup })).status).toBe(
      403,
    );
    // the exported file seeds a new hall (another id, so that it starts from nothing here too,
    // a Redis Cluster having no second database)
    const file = parseHallConfig(String(yaml.body), 'export.yaml');
    const copyId = `${hallId()}-copy`;
    const fresh = await startTestServer({ ...file, id: copyId });
    try {
      const token = await fresh.login('admin');
      const copy = (await fresh.api('GET', `/halls/${copyId}/config`, { token })).body;
      expect(copy.version).toBe(1);
      expect(copy.config).toEqual({ ...doc.config, id: copyId });
      // the devices' tokens work there too: they travel as their hashes
      const t = await fresh.api('POST', `/halls/${copyId}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'housing' },
      });
      expect(t.status).toBe(201);
    } finally {
      await fresh.close();
    }
  });

  it('seeds from the file only once, and restores from it when told to', async () => {
    const current = await readConfig();
    const file = sampleHall('demo', (c) => {
      c.id = hallId();
      c.name = '文件里的新名字';
    });
    const third = await startTestServer(file);
    try {
      // a node started from a newer file keeps what Redis holds
      const kept = (await third.api('GET', `/halls/${hallId()}/config`, { token: admin })).body;
      expect(kept).toEqual(current);
    } finally {
      await third.close();
    }
    const restoring = await startTestServer(file, { server: { restoreConfigFromFile: true } });
    try {
      const restored = (await restoring.api('GET', `/halls/${hallId()}/config`, { token: admin }))
        .body;
      expect(restored.version).toBe(current.version + 1);
      expect(restored.config.name).toBe('文件里的新名字');
      expect(restored.config.services.map((s: any) => s.id)).not.toContain('housing');
      // every node follows, the first one too
      await waitUntil(
        () => a.config.live(hallId()).version === current.version + 1,
        () => String(a.config.live(hallId()).version),
        5000,
      );
      const log = (await a.api('GET', `/halls/${hallId()}/audit`, { token: sup })).body.entries;
      expect(log.at(-1)).toMatchObject({ kind: 'config.restored', by: 'file' });
    } finally {
      await restoring.close();
    }
    // back to the configuration the other tests expect
    const now = await readConfig();
    expect((await put(now, (c) => Object.assign(c, current.config))).status).toBe(200);
  });

  it('keeps each change in the audit log with its diff and the rule-bending staff actions', async () => {
    const h = hallId();
    const clerk3 = await a.login('clerk3');
    await a.api('POST', `/halls/${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    const chosen = await a.api('POST', `/halls/${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    await a.api('POST', `/halls/${h}/windows/3/open`, { token: clerk3 });
    const c = await a.api('POST', `/halls/${h}/windows/3/call`, {
      token: clerk3,
      body: { ticketId: chosen.body.id, reason: '预约时间已到' },
    });
    expect(c.status).toBe(200);
    await a.api('POST', `/halls/${h}/windows/3/transfer`, {
      token: clerk3,
      body: { toServiceId: 'labor', note: '转劳动保障' },
    });
    const log = await a.api('GET', `/halls/${h}/audit`, { token: sup });
    expect(log.status).toBe(200);
    const entries = log.body.entries as any[];
    const rename = entries.find(
      (e) =>
        e.kind === 'config.changed' &&
        e.changes.some((x: any) => x.path === 'services[civil].name'),
    );
    expect(rename).toMatchObject({ by: 'admin', sections: expect.arrayContaining(['services']) });
    expect(rename.changes).toContainEqual({
      path: 'services[civil].name',
      before: '民政救济',
      after: '民政救助',
    });
    expect(entries[0]).toMatchObject({ kind: 'config.seeded', by: 'file', version: 1 });
    const chosenCall = entries.find((e) => e.kind === 'ticket.chosen_call');
    expect(chosenCall).toMatchObject({
      by: 'clerk3',
      ticketId: chosen.body.id,
      windowId: '3',
      detail: '预约时间已到',
    });
    expect(entries.find((e) => e.kind === 'ticket.transferred')).toMatchObject({
      by: 'clerk3',
      ticketId: chosen.body.id,
      detail: 'service labor',
    });
    expect(JSON.stringify(entries)).not.toMatch(/scrypt\$/);
    const clerkView = await a.api('GET', `/halls/${h}/audit`, { token: clerk3 });
    expect(clerkView.status).toBe(403);
    const bad = await a.api('GET', `/halls/${h}/audit?from=yesterday`, { token: sup });
    expect(bad.status).toBe(400);
  });
});
