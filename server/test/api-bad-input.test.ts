// Bad input of every endpoint: the documented 4xx, a named code, a Chinese message, and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { hallKeyNames, sampleHall, startTestServer, type TestServer } from './helpers.js';

interface Case {
  name: string;
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  raw?: string;
  status: number;
  code: string;
}

describe('bad input', () => {
  let s: TestServer;
  let clerk3: string;
  let clerk1: string;
  let waitingId: string;

  beforeAll(async () => {
    s = await startTestServer(sampleHall('demo'));
    clerk3 = await s.login('clerk3');
    clerk1 = await s.login('clerk1');
    const hall = `/halls/${s.hall.id}`;
    // a hall with something going on: window 3 open with a called ticket, one more waiting
    await s.api('POST', `${hall}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    waitingId = (
      await s.api('POST', `${hall}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'civil' } })
    ).body.id;
    await s.api('POST', `${hall}/windows/3/open`, { token: clerk3 });
    await s.api('POST', `${hall}/windows/3/call-next`, { token: clerk3 });
  });
  afterAll(async () => {
    await s.close();
  });

  async function fingerprint(): Promise<unknown> {
    const k = hallKeys(s.hall.id);
    const snapshot = (await s.api('GET', `/halls/${s.hall.id}`)).body;
    delete snapshot.now;
    const keys = (await hallKeyNames(s, s.hall.id)).filter((x) => !x.includes(':rl:'));
    const values: Record<string, unknown> = {};
    for (const key of keys.sort()) {
      const type = await s.redis.type(key);
      if (type === 'hash') values[key] = await s.redis.hgetall(key);
      else if (type === 'zset') values[key] = await s.redis.zrange(key, 0, -1, 'WITHSCORES');
      else if (type === 'string') values[key] = await s.redis.get(key);
      else if (type === 'stream') values[key] = await s.redis.xlen(key);
      else if (type === 'set') values[key] = (await s.redis.smembers(key)).sort();
      else if (type === 'list') values[key] = await s.redis.lrange(key, 0, -1);
    }
    return { snapshot, values, events: await s.redis.xlen(k.events) };
  }

  it('answers every bad request with its documented error and changes nothing', async () => {
    const h = `/halls/${s.hall.id}`;
    const w3 = `${h}/windows/3`;
    const huge = 'x'.repeat(5000);
    const cases: Case[] = [
      // login
      {
        name: 'login without body',
        method: 'POST',
        path: '/auth/login',
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'login missing password',
        method: 'POST',
        path: '/auth/login',
        body: { username: 'clerk1' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'login wrong types',
        method: 'POST',
        path: '/auth/login',
        body: { username: 1, password: [] },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'login huge username',
        method: 'POST',
        path: '/auth/login',
        body: { username: huge, password: 'x' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'login wrong password',
        method: 'POST',
        path: '/auth/login',
        body: { username: 'clerk1', password: 'wrong', hallId: s.hall.id },
        status: 401,
        code: 'invalid_credentials',
      },
      {
        name: 'login unknown user',
        method: 'POST',
        path: '/auth/login',
        body: { username: 'nobody', password: 'demo1234', hallId: s.hall.id },
        status: 401,
        code: 'invalid_credentials',
      },
      {
        name: 'malformed JSON',
        method: 'POST',
        path: '/auth/login',
        raw: '{"username": ',
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'body over the size limit',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        raw: JSON.stringify({ serviceId: 'civil', appointmentCode: 'x'.repeat(200_000) }),
        status: 413,
        code: 'payload_too_large',
      },
      // halls
      {
        name: 'unknown hall',
        method: 'GET',
        path: '/halls/no-such-hall',
        status: 404,
        code: 'hall_not_found',
      },
      {
        name: 'unknown path',
        method: 'GET',
        path: '/no/such/path',
        status: 404,
        code: 'not_found',
      },
      // tickets
      {
        name: 'ticket without token',
        method: 'POST',
        path: `${h}/tickets`,
        body: { serviceId: 'civil' },
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'ticket with a wrong token',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'not-a-token',
        body: { serviceId: 'civil' },
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'ticket from the hall screen',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-screen',
        body: { serviceId: 'civil' },
        status: 403,
        code: 'forbidden',
      },
      {
        name: 'ticket from the evaluator',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-evaluator',
        body: { serviceId: 'civil' },
        status: 403,
        code: 'forbidden',
      },
      {
        name: 'ticket without service',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: {},
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'ticket service as number',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: { serviceId: 7 },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'ticket unknown service',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: { serviceId: 'nope' },
        status: 404,
        code: 'service_not_found',
      },
      {
        name: 'ticket unknown priority',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: { serviceId: 'civil', priority: 'vip' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'ticket unknown field',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: { serviceId: 'civil', name: '张三' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'ticket huge request id',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: { serviceId: 'civil', requestId: huge },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'ticket bad phone',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: { serviceId: 'civil', phone: 'call me' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'ticket in an unknown hall',
        method: 'POST',
        path: '/halls/nope/tickets',
        token: 'demo-kiosk',
        body: { serviceId: 'civil' },
        status: 404,
        code: 'hall_not_found',
      },
      {
        name: 'ticket body is an array',
        method: 'POST',
        path: `${h}/tickets`,
        token: 'demo-kiosk',
        body: [1, 2],
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'unknown ticket',
        method: 'GET',
        path: `/tickets/${s.hall.id}.nope`,
        status: 404,
        code: 'ticket_not_found',
      },
      {
        name: 'ticket of an unknown hall',
        method: 'GET',
        path: '/tickets/zzz.abc',
        status: 404,
        code: 'ticket_not_found',
      },
      {
        name: 'huge ticket id',
        method: 'GET',
        path: `/tickets/${'a'.repeat(300)}`,
        status: 404,
        code: 'ticket_not_found',
      },
      // windows
      {
        name: 'open without token',
        method: 'POST',
        path: `${h}/windows/4/open`,
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'open with the kiosk token',
        method: 'POST',
        path: `${h}/windows/4/open`,
        token: 'demo-kiosk',
        status: 403,
        code: 'forbidden',
      },
      {
        name: 'open an unknown window',
        method: 'POST',
        path: `${h}/windows/99/open`,
        token: clerk1,
        status: 404,
        code: 'window_not_found',
      },
      {
        name: 'open a taken window',
        method: 'POST',
        path: `${w3}/open`,
        token: clerk1,
        status: 409,
        code: 'window_taken',
      },
      {
        name: 'call-next at another clerk’s window',
        method: 'POST',
        path: `${w3}/call-next`,
        token: clerk1,
        status: 403,
        code: 'forbidden',
      },
      {
        name: 'call-next with a body',
        method: 'POST',
        path: `${w3}/call-next`,
        token: clerk3,
        body: { force: true },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'call-next while busy',
        method: 'POST',
        path: `${w3}/call-next`,
        token: clerk3,
        status: 409,
        code: 'window_busy',
      },
      {
        name: 'call without reason',
        method: 'POST',
        path: `${w3}/call`,
        token: clerk3,
        body: { ticketId: waitingId },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'call with a huge reason',
        method: 'POST',
        path: `${w3}/call`,
        token: clerk3,
        body: { ticketId: waitingId, reason: huge },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'call while busy',
        method: 'POST',
        path: `${w3}/call`,
        token: clerk3,
        body: { ticketId: waitingId, reason: '急' },
        status: 409,
        code: 'window_busy',
      },
      {
        name: 'finish before start',
        method: 'POST',
        path: `${w3}/finish`,
        token: clerk3,
        body: { outcome: 'done' },
        status: 409,
        code: 'nothing_in_service',
      },
      {
        name: 'finish unknown outcome',
        method: 'POST',
        path: `${w3}/finish`,
        token: clerk3,
        body: { outcome: 'great' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'finish materials not a list',
        method: 'POST',
        path: `${w3}/finish`,
        token: clerk3,
        body: { outcome: 'materials_missing', missingMaterials: '户口簿' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'transfer to two targets',
        method: 'POST',
        path: `${w3}/transfer`,
        token: clerk3,
        body: { toServiceId: 'labor', toWindowId: '1' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'transfer to nothing',
        method: 'POST',
        path: `${w3}/transfer`,
        token: clerk3,
        body: {},
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'transfer to an unknown service',
        method: 'POST',
        path: `${w3}/transfer`,
        token: clerk3,
        body: { toServiceId: 'nope' },
        status: 404,
        code: 'service_not_found',
      },
      {
        name: 'transfer to an unknown window',
        method: 'POST',
        path: `${w3}/transfer`,
        token: clerk3,
        body: { toWindowId: '42' },
        status: 404,
        code: 'window_not_found',
      },
      {
        name: 'transfer to itself',
        method: 'POST',
        path: `${w3}/transfer`,
        token: clerk3,
        body: { toWindowId: '3' },
        status: 409,
        code: 'transfer_to_self',
      },
      {
        name: 'requeue a waiting ticket',
        method: 'POST',
        path: `${w3}/requeue`,
        token: clerk3,
        body: { ticketId: waitingId },
        status: 409,
        code: 'not_no_show',
      },
      {
        name: 'requeue without ticket',
        method: 'POST',
        path: `${w3}/requeue`,
        token: clerk3,
        body: {},
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'pause unknown kind',
        method: 'POST',
        path: `${w3}/pause`,
        token: clerk3,
        body: { kind: 'long' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'pause while busy',
        method: 'POST',
        path: `${w3}/pause`,
        token: clerk3,
        body: { kind: 'brief' },
        status: 409,
        code: 'window_busy',
      },
      {
        name: 'close while busy',
        method: 'POST',
        path: `${w3}/close`,
        token: clerk3,
        status: 409,
        code: 'window_busy',
      },
      {
        name: 'act at a closed window',
        method: 'POST',
        path: `${h}/windows/4/call-next`,
        token: clerk1,
        status: 409,
        code: 'window_not_open',
      },
      {
        name: 'upcoming without token',
        method: 'GET',
        path: `${w3}/upcoming`,
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'upcoming of an unknown window',
        method: 'GET',
        path: `${h}/windows/99/upcoming`,
        token: clerk3,
        status: 404,
        code: 'window_not_found',
      },
      // ratings
      {
        name: 'rating out of range',
        method: 'POST',
        path: `${w3}/ratings`,
        token: 'demo-evaluator',
        body: { score: 6, source: 'device' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'rating as text',
        method: 'POST',
        path: `${w3}/ratings`,
        token: 'demo-evaluator',
        body: { score: '5', source: 'device' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'rating unknown source',
        method: 'POST',
        path: `${w3}/ratings`,
        token: 'demo-evaluator',
        body: { score: 5, source: 'fax' },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'rating by the clerk',
        method: 'POST',
        path: `${w3}/ratings`,
        token: clerk3,
        body: { score: 5, source: 'screen' },
        status: 403,
        code: 'forbidden',
      },
      {
        name: 'rating without token or ticket',
        method: 'POST',
        path: `${w3}/ratings`,
        body: { score: 5, source: 'mobile' },
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'rating with nothing finished',
        method: 'POST',
        path: `${w3}/ratings`,
        token: 'demo-evaluator',
        body: { score: 5, source: 'device' },
        status: 409,
        code: 'nothing_to_rate',
      },
      {
        name: 'rating an unknown window',
        method: 'POST',
        path: `${h}/windows/99/ratings`,
        token: 'demo-evaluator',
        body: { score: 5, source: 'device' },
        status: 404,
        code: 'window_not_found',
      },
    ];

    const before = await fingerprint();
    const failures: string[] = [];
    for (const c of cases) {
      const r = await s.api(c.method, c.path, {
        ...(c.token ? { token: c.token } : {}),
        ...(c.body !== undefined ? { body: c.body } : {}),
        ...(c.raw !== undefined ? { raw: c.raw } : {}),
      });
      const got = `${r.status} ${r.body?.error?.code}`;
      if (got !== `${c.status} ${c.code}`)
        failures.push(`${c.name}: expected ${c.status} ${c.code}, got ${got}`);
      else if (!/[\u4e00-\u9fff]/.test(r.body.error.message ?? ''))
        failures.push(`${c.name}: message not in Chinese: ${r.body.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('names the offending field of an invalid request', async () => {
    const r = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil', priority: 'vip' },
    });
    expect(r.body.error).toMatchObject({ code: 'invalid_request', field: 'priority' });
  });
});
