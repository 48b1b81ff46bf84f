// Staff and devices administered from the browser, on two server nodes: a new clerk with a
// one-time password changed at the first login; a disabled clerk's token stops at once on both
// nodes; a revoked device token is refused (本机已停用) and a new one works; the 挂牌上岗 photo.
import { connectHall, type HallEvent } from '@hall/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';
import { waitUntil } from './realtime-helpers.js';

let a: TestServer;
let b: TestServer;
let admin: string;

beforeAll(async () => {
  const hall = sampleHall('demo');
  a = await startTestServer(hall);
  b = await startTestServer(structuredClone(hall));
  admin = await a.login('admin');
});
afterAll(async () => {
  await b.close();
  await a.close();
});

const h = () => a.hall.id;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function login(node: TestServer, username: string, password: string) {
  return node.api('POST', '/auth/login', { body: { username, password, hallId: h() } });
}

/** Polls a request until it answers `status`: another node learns of a change by pub/sub. */
async function eventually(
  run: () => Promise<{ status: number; body: any }>,
  status: number,
  ms = 3000,
) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await run();
    if (r.status === status || Date.now() > until) return r;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('staff administration', () => {
  it('creates a clerk with a one-time password that must be changed, on either node', async () => {
    const created = await a.api('POST', `/halls/${h()}/staff`, {
      token: admin,
      body: { id: 'clerk7', name: '孙丽', jobNo: '0107', role: 'clerk' },
    });
    expect(created.status).toBe(201);
    expect(created.body.staff).toEqual({
      id: 'clerk7',
      name: '孙丽',
      jobNo: '0107',
      role: 'clerk',
      mustChangePassword: true,
    });
    const password = created.body.password as string;
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    // the other node knows the new clerk at once: it checks the version before refusing a name
    const first = await login(b, 'clerk7', password);
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    const token = first.body.token as string;
    // nothing else until the one-time password is changed
    const blocked = await b.api('POST', `/halls/${h()}/windows/1/open`, { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    const weak = await b.api('POST', '/auth/password', {
      token,
      body: { currentPassword: password, newPassword: '1234567' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const wrong = await b.api('POST', '/auth/password', {
      token,
      body: { currentPassword: 'not-it', newPassword: 'clerk7-own-pass' },
    });
    expect(wrong.status).toBe(401);
    const changed = await b.api('POST', '/auth/password', {
      token,
      body: { currentPassword: password, newPassword: 'clerk7-own-pass' },
    });
    expect(changed.status).toBe(204);
    const again = await eventually(() => login(a, 'clerk7', 'clerk7-own-pass'), 200);
    expect(again.body.mustChangePassword).toBeUndefined();
    // the same session goes on, now free to work
    expect((await b.api('GET', `/halls/${h()}/staff/me`, { token })).status).toBe(200);
    expect((await login(a, 'clerk7', password)).status).toBe(401);
    // a duplicate id is refused with its path, nothing changed
    const dup = await a.api('POST', `/halls/${h()}/staff`, {
      token: admin,
      body: { id: 'clerk7', name: '重复', jobNo: '0108', role: 'clerk' },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details[0].path).toMatch(/^staff\.\d+\.id$/);
  });

  it('disabling a clerk ends their sessions at once on both nodes; a reset password must be changed', async () => {
    const clerk2 = await a.login('clerk2');
    expect((await b.api('GET', `/halls/${h()}/staff/me`, { token: clerk2 })).status).toBe(200);
    const r = await a.api('PATCH', `/halls/${h()}/staff/clerk2`, {
      token: admin,
      body: { disabled: true, jobNo: '0202' },
    });
    expect(r.status).toBe(200);
    expect(r.body.staff).toMatchObject({ disabled: true, jobNo: '0202' });
    // no waiting: the sessions are gone from Redis before the answer
    for (const node of [a, b])
      expect((await node.api('GET', `/halls/${h()}/staff/me`, { token: clerk2 })).status).toBe(401);
    expect((await login(b, 'clerk2', 'demo1234')).status).toBe(401);
    await a.api('PATCH', `/halls/${h()}/staff/clerk2`, { token: admin, body: { disabled: false } });
    expect((await eventually(() => login(b, 'clerk2', 'demo1234'), 200)).status).toBe(200);
    const reset = await a.api('POST', `/halls/${h()}/staff/clerk2/password-reset`, {
      token: admin,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.staff.mustChangePassword).toBe(true);
    const withNew = await eventually(() => login(b, 'clerk2', reset.body.password), 200);
    expect(withNew.body.mustChangePassword).toBe(true);
    expect((await login(a, 'clerk2', 'demo1234')).status).toBe(401);
  });

  it('refuses clerks, supervisors and devices', async () => {
    const clerk = await a.login('clerk1');
    const sup = await a.login('supervisor');
    for (const token of [clerk, sup, 'demo-kiosk']) {
      const r = await a.api('POST', `/halls/${h()}/staff`, {
        token,
        body: { id: 'x1', name: '某人', jobNo: '9', role: 'admin' },
      });
      expect(r.status).toBe(403);
      expect(
        (await a.api('POST', `/halls/${h()}/devices`, { token, body: { id: 'k9', kind: 'kiosk' } }))
          .status,
      ).toBe(403);
    }
    const none = await a.api('PATCH', `/halls/${h()}/staff/nobody`, {
      token: admin,
      body: { name: '无' },
    });
    expect(none.body.error.code).toBe('staff_not_found');
  });

  it('stores a photo for 挂牌上岗 and serves it with its type and cache headers', async () => {
    const r = await a.api('PUT', `/halls/${h()}/staff/clerk1/photo`, {
      token: admin,
      raw: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(r.status).toBe(200);
    const url = r.body.staff.photoUrl as string;
    expect(url).toMatch(new RegExp(`^/api/v1/halls/${h()}/staff/clerk1/photo\\?v=[0-9a-f]{16}$`));
    const res = await fetch(`${b.url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('max-age');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const etag = res.headers.get('etag') ?? '';
    expect((await fetch(`${b.url}${url}`, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    // the window display shows it: the public snapshot carries the URL
    const clerk1 = await a.login('clerk1');
    await a.api('POST', `/halls/${h()}/windows/1/open`, { token: clerk1 });
    const snap = (await b.api('GET', `/halls/${h()}`)).body;
    expect(snap.windows.find((w: any) => w.id === '1').staffPhotoUrl).toBe(url);
    // what is not a JPEG or PNG, whatever its header says, and what is too big
    const fake = await a.api('PUT', `/halls/${h()}/staff/clerk1/photo`, {
      token: admin,
      raw: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      headers: { 'content-type': 'image/png' },
    });
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('invalid_image');
    const big = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);
    const tooBig = await a.api('PUT', `/halls/${h()}/staff/clerk1/photo`, {
      token: admin,
      raw: big,
      headers: { 'content-type': 'image/png' },
    });
    expect(tooBig.status).toBe(413);
    const gif = await a.api('PUT', `/halls/${h()}/staff/clerk1/photo`, {
      token: admin,
      raw: Buffer.from('GIF89a'),
      headers: { 'content-type': 'image/gif' },
    });
    expect(gif.status).toBe(400);
    expect((await a.api('GET', `/halls/${h()}/staff/clerk3/photo`)).status).toBe(404);
  });
});

describe('what a subscribed screen sees', () => {
  it('a clerk renamed at an open window and a new device reach the client as config.changed', async () => {
    const conn = connectHall({ url: b.url, hallId: h(), io, refetchDelayMs: 20 });
    const events: HallEvent[] = [];
    conn.on('event', (e) => events.push(e));
    try {
      const clerk5 = await a.login('clerk5');
      await a.api('POST', `/halls/${h()}/windows/5/open`, { token: clerk5 });
      await waitUntil(
        () => conn.state?.windows.find((w) => w.id === '5')?.staffName === '陈静',
        () => conn.status,
      );
      await a.api('PATCH', `/halls/${h()}/staff/clerk5`, {
        token: admin,
        body: { name: '陈静怡', jobNo: '0505' },
      });
      await waitUntil(
        () => conn.state?.windows.find((w) => w.id === '5')?.staffJobNo === '0505',
        () => JSON.stringify(conn.state?.windows.find((w) => w.id === '5')),
        10_000,
      );
      expect(conn.state?.windows.find((w) => w.id === '5')?.staffName).toBe('陈静怡');
      await a.api('POST', `/halls/${h()}/devices`, {
        token: admin,
        body: { id: 'screen-2', kind: 'screen' },
      });
      await waitUntil(
        () =>
          events.some((e) => e.type === 'config.changed' && e.data.sections.includes('devices')),
        () => JSON.stringify(events.map((e) => e.type)),
        10_000,
      );
      // the public event names sections only, never a value
      const changed = events.filter((e) => e.type === 'config.changed');
      expect(changed.map((e) => e.data.sections)).toEqual([['staff'], ['devices']]);
      expect(JSON.stringify(changed)).not.toMatch(/tokenHash|陈静怡/);
    } finally {
      conn.close();
    }
  });
});

describe('device administration', () => {
  it('creates a kiosk whose token is shown once, revokes it on both nodes and issues a new one', async () => {
    const created = await a.api('POST', `/halls/${h()}/devices`, {
      token: admin,
      body: { id: 'kiosk-2', kind: 'kiosk' },
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.pairingUrl).toContain(`/kiosk?hall=${h()}&device=${token}`);
    expect(created.body.device.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const cfg = (await a.api('GET', `/halls/${h()}/config`, { token: admin })).body;
    expect(JSON.stringify(cfg)).not.toContain(token);
    const issue = (node: TestServer, t = token) =>
      node.api('POST', `/halls/${h()}/tickets`, { token: t, body: { serviceId: 'labor' } });
    expect((await issue(a)).status).toBe(201);
    expect((await eventually(() => issue(b), 201)).status).toBe(201);

    const revoked = await a.api('POST', `/halls/${h()}/devices/kiosk-2/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.device.disabled).toBe(true);
    // (under the cluster run each of a and b is itself two nodes: all follow within moments)
    expect((await eventually(() => issue(a), 403)).body.error.code).toBe('device_disabled');
    const onB = await eventually(() => issue(b), 403);
    expect(onB.body.error).toMatchObject({
      code: 'device_disabled',
      message: '本机已停用，请联系工作人员',
    });
    const me = await b.api('GET', '/devices/me', { token });
    expect(me.status).toBe(403);

    const renewed = await a.api('POST', `/halls/${h()}/devices/kiosk-2/token`, { token: admin });
    expect(renewed.status).toBe(200);
    expect(renewed.body.device.disabled).toBeUndefined();
    expect((await eventually(() => issue(a, renewed.body.token), 201)).status).toBe(201);
    expect((await eventually(() => issue(b, renewed.body.token), 201)).status).toBe(201);
    expect((await eventually(() => issue(a), 401)).status).toBe(401);
    // the demo's documented tokens still work
    expect((await issue(b, 'demo-kiosk')).status).toBe(201);
  });

  it('drops the live connection of a revoked screen on the node it is connected to', async () => {
    const created = await a.api('POST', `/halls/${h()}/devices`, {
      token: admin,
      body: { id: 'screen-9', kind: 'screen' },
    });
    const socket = io(b.url, { auth: { token: created.body.token }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      const gone = new Promise<string>((resolve) => socket.on('disconnect', resolve));
      await a.api('POST', `/halls/${h()}/devices/screen-9/revoke`, { token: admin });
      expect(await gone).toBe('io server disconnect');
      // coming back it is refused; the screen's own check (GET /devices/me) says 本机已停用
      const again = io(b.url, { auth: { token: created.body.token }, reconnection: false });
      const refused = await new Promise<Error>((resolve) => again.on('connect_error', resolve));
      again.close();
      expect(refused.message).toBe('unauthorized');
      const me = await b.api('GET', '/devices/me', { token: created.body.token });
      expect(me.body.error.code).toBe('device_disabled');
    } finally {
      socket.close();
    }
  });

  it('names the device a window display pairs with, and refuses a display of an unknown window', async () => {
    const ok = await a.api('POST', `/halls/${h()}/devices`, {
      token: admin,
      body: { id: 'display-9', kind: 'display', windowId: '3' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.pairingUrl).toContain(`/counter/display/3?hall=${h()}&device=`);
    const bad = await a.api('POST', `/halls/${h()}/devices`, {
      token: admin,
      body: { id: 'display-10', kind: 'display', windowId: '99' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ message: 'unknown window 99' });
    const missing = await a.api('POST', `/halls/${h()}/devices/nothing/revoke`, { token: admin });
    expect(missing.body.error.code).toBe('device_not_found');
  });
});
