// The OpenAPI document checked by tools that did not write it: a third-party OpenAPI
// 3.1 validator for the document, and ajv (JSON Schema 2020-12) for every response of
// a scripted hall day, each matched to its operation, status and schema.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

type Doc = {
  openapi: string;
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
};
type Operation = {
  operationId?: string;
  security?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: object } | undefined> }>;
};
interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
  headers: Headers;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

describe('the OpenAPI document, checked by third-party tools', () => {
  let s: TestServer;
  let doc: Doc;
  const clock = new TestClock(Date.parse('2026-11-30T09:00:00+08:00'));
  beforeAll(async () => {
    s = await startTestServer(sampleHall('demo'), { clock });
    doc = (await s.api('GET', '/openapi.json')).body as Doc;
  });
  afterAll(async () => {
    await s.close();
  });

  const operations = (): [string, string, Operation][] =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => METHODS.includes(m))
        .map(([m, op]) => [m, path, op] as [string, string, Operation]),
    );

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names each operation, its servers and licence; public operations need no credential', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license?.name).toBe('Apache-2.0');
    const ids = operations().map(([, , op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // the snapshot is public; a token of the hall adds the ticket ids
    const hall = doc.paths['/api/v1/halls/{hallId}']!.get!;
    expect(hall.security).toEqual([{}, { bearer: [] }]);
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(login.security).toEqual([]);
    const callNext = doc.paths['/api/v1/halls/{hallId}/windows/{windowId}/call-next']!.post!;
    expect(callNext.security).toEqual([{ bearer: [] }]);
  });

  it('documents 400 for the bodies of window actions and 413 for every request body', () => {
    for (const action of [
      'open',
      'call-next',
      'recall',
      'start',
      'no-show',
      'resume',
      'close',
      'take-over',
      'presence',
    ]) {
      const op = doc.paths[`/api/v1/halls/{hallId}/windows/{windowId}/${action}`]!.post!;
      expect(Object.keys(op.responses), action).toContain('400');
    }
    for (const [method, path, op] of operations())
      if (method === 'post') expect(Object.keys(op.responses), path).toContain('413');
  });

  it('answers 400 for a period that is not a day or a month', async () => {
    const sup = await s.login('supervisor');
    const h = s.hall.id;
    for (const period of ['yesterday', 'today', '2026-13', '2026-00', '2026-11-31', '2026-02-29']) {
      const r = await s.api('GET', `/halls/${h}/rating-stats/${period}`, { token: sup });
      expect({ period, status: r.status, code: r.body?.error?.code }).toEqual({
        period,
        status: 400,
        code: 'invalid_request',
      });
    }
    for (const period of ['2026-11', '2026-11-30', '2028-02-29'])
      expect(
        (await s.api('GET', `/halls/${h}/rating-stats/${period}`, { token: sup })).status,
      ).toBe(200);
  });

  it('every response of a scripted day matches its operation, status and schema', async () => {
    const h = s.hall.id;
    const log: Exchange[] = [];
    const kiosk = 'demo-kiosk';
    const call = async (
      method: string,
      path: string,
      o: {
        token?: string;
        body?: unknown;
        raw?: string | Uint8Array;
        lang?: string;
        headers?: Record<string, string>;
      } = {},
    ) => {
      const r = await s.api(method, path, o);
      log.push({ method: method.toLowerCase(), path: `/api/v1${path.split('?')[0]}`, ...r });
      return r;
    };

    const clerk1 = (
      await call('POST', '/auth/login', {
        body: { username: 'clerk1', password: 'demo1234', hallId: h },
      })
    ).body.token as string;
    const clerk3 = await s.login('clerk3');
    const sup = await s.login('supervisor');
    await call('POST', '/auth/login', { body: { username: 'clerk1', password: 'wrong' } });
    await call('GET', `/halls/${h}`);
    await call('GET', '/devices/me', { token: kiosk });
    await call('GET', '/devices/me', { token: 'wrong-token' });
    await call('GET', `/halls/nowhere`);
    await call('GET', `/halls/${h}/screen`);
    await call('GET', `/halls/${h}/printers`);
    const a1 = (
      await call('POST', `/halls/${h}/tickets`, { token: kiosk, body: { serviceId: 'labor' } })
    ).body;
    const a2 = (
      await call('POST', `/halls/${h}/tickets`, {
        token: kiosk,
        body: { serviceId: 'labor', priority: 'green', requestId: 'r-1' },
      })
    ).body;
    await call('POST', `/halls/${h}/tickets`, {
      token: kiosk,
      body: { serviceId: 'labor', priority: 'green', requestId: 'r-1' },
    });
    await call('POST', `/halls/${h}/tickets`, { token: kiosk, body: { serviceId: 'labor' } });
    await call('POST', `/halls/${h}/tickets`, { token: kiosk, body: { serviceId: 'nope' } });
    await call('POST', `/halls/${h}/tickets`, { token: 'wrong', body: { serviceId: 'labor' } });
    await call('POST', `/halls/${h}/tickets`, { token: kiosk, raw: '{"serviceId":' });
    await call('POST', `/halls/${h}/tickets`, {
      token: kiosk,
      raw: JSON.stringify({ serviceId: 'labor', pad: 'x'.repeat(20_000) }),
    });
    await call('GET', `/tickets/${a1.id}`);
    await call('GET', `/tickets/nope-nope`);

    const w1 = `/halls/${h}/windows/1`;
    await call('POST', `${w1}/call-next`, { token: clerk1 });
    await call('POST', `${w1}/open`, { token: clerk1, body: { extra: true } });
    await call('POST', `${w1}/open`, { token: clerk1 });
    await call('POST', `${w1}/presence`, { token: clerk1 });
    await call('GET', `${w1}/upcoming`, { token: clerk1 });
    await call('GET', `/halls/${h}/staff/me`, { token: clerk1 });
    await call('POST', `${w1}/call-next`, { token: clerk1 });
    await call('POST', `${w1}/call-next`, { token: clerk1 });
    await call('POST', `${w1}/recall`, { token: clerk1 });
    await call('POST', `${w1}/start`, { token: clerk1 });
    clock.advance(4 * 60_000);
    await call('POST', `${w1}/finish`, {
      token: clerk1,
      body: { outcome: 'materials_missing', missingMaterials: ['存折原件及复印件'] },
    });
    await call('POST', `${w1}/ratings`, {
      token: 'demo-evaluator',
      body: { score: 2, source: 'device' },
    });
    await call('POST', `${w1}/ratings`, {
      token: 'demo-evaluator',
      body: { score: 5, source: 'device' },
    });
    await call('POST', `${w1}/call-next`, { token: clerk1 });
    await call('POST', `${w1}/no-show`, { token: clerk1 });
    await call('POST', `${w1}/requeue`, { token: clerk1, body: { ticketId: a1.id } });
    await call('POST', `${w1}/call`, {
      token: clerk1,
      body: { ticketId: a1.id, reason: '预约时间已到' },
    });
    await call('POST', `${w1}/transfer`, {
      token: clerk1,
      body: { toServiceId: 'civil', note: '需民政窗口核定' },
    });
    await call('POST', `${w1}/pause`, { token: clerk1, body: { kind: 'brief' } });
    await call('POST', `${w1}/resume`, { token: clerk1 });
    await call('POST', `${w1}/call-next`, { token: clerk1 });
    await call('POST', `${w1}/start`, { token: clerk1 });
    await call('POST', `${w1}/call-next`, { token: clerk1 });
    await call('POST', `${w1}/close`, { token: clerk1 });
    await call('POST', `/halls/${h}/windows/2/take-over`, { token: clerk1 });
    await call('POST', `/halls/${h}/windows/3/open`, { token: clerk3 });
    await call('POST', `/halls/${h}/windows/3/call-next`, { token: clerk3 });
    await call('POST', `/halls/${h}/tickets/${a2.id}/notice`, {
      token: clerk3,
      body: { windowId: '3', missingMaterials: ['家庭收入证明'] },
    });

    await call('GET', `/halls/${h}/staff`, { token: sup });
    await call('GET', `/halls/${h}/staff`, { token: clerk1 });
    await call('GET', `/halls/${h}/follow-ups`, { token: sup });
    const followUps = (await call('GET', `/halls/${h}/follow-ups`, { token: sup })).body.followUps;
    await call('POST', `/halls/${h}/follow-ups/${followUps[0]?.id ?? 'missing'}/close`, {
      token: sup,
      body: { note: '已电话回访，群众表示理解' },
    });
    await call('GET', `/halls/${h}/rating-stats/2026-11-30`, { token: sup });
    await call('GET', `/halls/${h}/rating-stats/2026-13`, { token: sup });
    await call('GET', `/halls/${h}/notices`, { token: sup });
    const notice = (
      await call('POST', `/halls/${h}/notices`, {
        token: sup,
        body: { text: '今日下午系统维护，暂停打印' },
      })
    ).body;
    await call('POST', `/halls/${h}/notices/${notice.id}`, {
      token: sup,
      body: { textEn: 'Maintenance' },
    });
    await call('POST', `/halls/${h}/notices/order`, { token: sup, body: { ids: [notice.id] } });
    await call('POST', `/halls/${h}/notices/${notice.id}/expire`, { token: sup });
    await call('POST', `/halls/${h}/notices/missing/expire`, { token: sup });

    // the supervisor's reports, ledger, ranking, attendance, alerts and board timers
    const day = '2026-11-30';
    await call('GET', `/halls/${h}/reports?from=${day}&to=${day}&by=service`, { token: sup });
    await call('GET', `/halls/${h}/reports?from=2026-12-01&to=${day}`, { token: sup });
    await call('GET', `/halls/${h}/cases?date=${day}`, { token: sup });
    await call('GET', `/halls/${h}/ranking?month=2026-11`, { token: sup });
    await call('GET', `/halls/${h}/attendance?from=${day}&to=${day}`, { token: sup });
    await call('GET', `/halls/${h}/supervision`, { token: sup });
    clock.advance(20 * 60_000);
    await s.alerts.tick();
    const alerts = (await call('GET', `/halls/${h}/alerts?state=open`, { token: sup })).body
      .alerts as { id: string }[];
    await call('POST', `/halls/${h}/alerts/${alerts[0]?.id ?? 'none'}/ack`, {
      token: sup,
      body: { note: '已安排窗口' },
    });
    await call('GET', `/halls/${h}/alerts?state=all&date=2026-02-30`, { token: sup });

    // appointments: a day's slots, a booking, a move, a closure, a cancellation
    const slots = (await call('GET', `/halls/${h}/appointments?date=2026-12-01`, { token: sup }))
      .body.services[0].slots as { start: string }[];
    const booked = (
      await call('POST', `/halls/${h}/appointments`, {
        token: 'demo-booking',
        body: { serviceId: 'labor', slotStart: slots[2]?.start, phone: '13800000000' },
      })
    ).body as { code: string };
    await call('POST', `/halls/${h}/appointments/${booked.code}/reschedule`, {
      token: sup,
      body: { slotStart: slots[3]?.start },
    });
    await call('POST', `/halls/${h}/appointments/closures`, {
      token: sup,
      body: { date: '2026-12-01', serviceId: 'civil', closed: true },
    });
    await call('DELETE', `/halls/${h}/appointments/${booked.code}`, { token: 'demo-booking' });
    await call('POST', `/halls/${h}/tickets/${a2.id}/contact`, {
      token: kiosk,
      body: { phone: '13900000000', consent: true },
    });

    // the hall's configuration: read, replace with If-Match, export, the audit log
    const admin = await s.login('admin');
    const cfg = (await call('GET', `/halls/${h}/config`, { token: admin })).body;
    await call('GET', `/halls/${h}/config`, { token: clerk3 });
    await call('PUT', `/halls/${h}/config`, { token: admin, body: cfg });
    const ifMatch = { 'if-match': `"${cfg.version}"` };
    await call('PUT', `/halls/${h}/config`, {
      token: admin,
      body: { config: { ...cfg.config, name: '' } },
      headers: ifMatch,
    });
    await call('PUT', `/halls/${h}/config`, {
      token: admin,
      body: { config: { ...cfg.config, name: '城关社区服务中心' } },
      headers: ifMatch,
    });
    await call('PUT', `/halls/${h}/config`, {
      token: admin,
      body: cfg.config,
      headers: ifMatch,
    });
    const supCfg = (await call('GET', `/halls/${h}/config`, { token: sup })).body;
    await call('PUT', `/halls/${h}/config`, {
      token: sup,
      body: { ...supCfg.config, limits: { ...supCfg.config.limits, idlePostMinutes: 12 } },
      headers: { 'if-match': String(supCfg.version) },
    });
    await call('GET', `/halls/${h}/config/export?format=yaml`, { token: admin });
    await call('GET', `/halls/${h}/config/export?format=json`, { token: admin });
    await call('GET', `/halls/${h}/config/export?format=xml`, { token: admin });
    await call('GET', `/halls/${h}/audit?from=2026-11-30T00:00:00%2B08:00`, { token: sup });
    await call('GET', `/halls/${h}/calendar?year=2027`, { token: sup });
    await call('GET', `/halls/${h}/calendar?year=2027&serviceId=nope`, { token: sup });
    // staff: a new clerk with a one-time password, changed at the first login; a photo
    const created = (
      await call('POST', `/halls/${h}/staff`, {
        token: admin,
        body: { id: 'clerk9', name: '周新', jobNo: '0109', role: 'clerk' },
      })
    ).body as { password: string };
    await call('PATCH', `/halls/${h}/staff/clerk9`, { token: admin, body: { jobNo: '0199' } });
    await call('PATCH', `/halls/${h}/staff/nobody`, { token: admin, body: { jobNo: '0199' } });
    const reset = (await call('POST', `/halls/${h}/staff/clerk9/password-reset`, { token: admin }))
      .body as { password: string };
    expect(reset.password).not.toBe(created.password);
    const first = (
      await call('POST', '/auth/login', {
        body: { username: 'clerk9', password: reset.password, hallId: h },
      })
    ).body as { token: string; mustChangePassword?: boolean };
    expect(first.mustChangePassword).toBe(true);
    await call('POST', '/auth/password', {
      token: first.token,
      body: { currentPassword: reset.password, newPassword: 'short' },
    });
    await call('POST', '/auth/password', {
      token: first.token,
      body: { currentPassword: reset.password, newPassword: 'a-new-password' },
    });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const photo = { 'content-type': 'image/png' };
    await call('PUT', `/halls/${h}/staff/clerk9/photo`, { token: admin, raw: png, headers: photo });
    await call('PUT', `/halls/${h}/staff/clerk9/photo`, {
      token: admin,
      raw: Buffer.from('not a picture'),
      headers: photo,
    });
    await call('GET', `/halls/${h}/staff/clerk9/photo`);
    await call('GET', `/halls/${h}/staff/clerk1/photo`);
    // devices: a new kiosk with its token shown once, revoked, a new token
    await call('POST', `/halls/${h}/devices`, {
      token: admin,
      body: { id: 'kiosk-9', kind: 'kiosk' },
    });
    await call('POST', `/halls/${h}/devices/kiosk-9/revoke`, { token: admin });
    await call('POST', `/halls/${h}/devices/kiosk-9/token`, { token: admin });
    await call('POST', `/halls/${h}/devices/nothing/revoke`, { token: admin });

    // sessions: a supervisor ends a clerk's logins; a clerk logs out
    await call('POST', `/halls/${h}/staff/clerk3/end-sessions`, { token: sup });
    await call('POST', '/auth/logout', { token: clerk1 });
    await call('GET', `/halls/${h}/staff/me`, { token: clerk1 });

    // each exchange: its operation is in the document, its status is documented, its body fits
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const templates = Object.keys(doc.paths).map((p) => ({
      p,
      re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const x of log) {
      const template = templates.find((t) => t.re.test(x.path) && doc.paths[t.p]![x.method]);
      const op = template && doc.paths[template.p]![x.method];
      const where = `${x.method} ${x.path} → ${x.status}`;
      if (!template || !op) {
        problems.push(`${where}: no operation`);
        continue;
      }
      seen.add(`${x.method} ${template.p}`);
      const response = op.responses[String(x.status)];
      if (!response) {
        problems.push(`${where}: status not documented`);
        continue;
      }
      const type = (x.headers.get('content-type') ?? '').split(';')[0] ?? '';
      if (x.body !== undefined && type !== 'application/json') {
        // a file or an image: its media type is documented for this status
        if (!response.content?.[type]) problems.push(`${where}: ${type} not documented`);
        continue;
      }
      const schema = response.content?.['application/json']?.schema;
      if (!schema) {
        if (x.body !== undefined) problems.push(`${where}: a body where none is documented`);
        continue;
      }
      const validate = ajv.compile({ ...schema, components: doc.components });
      if (!validate(x.body))
        problems.push(
          `${where}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(x.body).slice(0, 200)}`,
        );
    }
    expect(problems).toEqual([]);
    // the day went through nearly every operation of the document
    const missed = operations()
      .map(([method, path]) => `${method} ${path}`)
      .filter((o) => !seen.has(o));
    expect(missed).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(operations().length - 2);
  });
});
