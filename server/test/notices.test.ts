// The supervisors' notices API: create, edit, order, expire; each change one notice.updated event.
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function noticeEvents(t: TestServer): Promise<unknown[]> {
  const all = await t.redis.xrange(hallKeys(t.hall.id).events, '-', '+');
  return all
    .filter(([, f]) => f[f.indexOf('type') + 1] === 'notice.updated')
    .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'));
}

describe('rolling notices (滚动公告)', () => {
  it('lets a supervisor create, edit, order and expire notices that the snapshot shows', async () => {
    // Monday 2026-11-23 10:00 in Shanghai
    const clock = new TestClock(Date.parse('2026-11-23T10:00:00+08:00'));
    s = await startTestServer(
      sampleHall('demo', (h) => {
        h.notices = [
          { id: 'policy', text: '办事请带好身份证', textEn: 'Bring your ID card' },
          { id: 'weekend', text: '周末不办理', days: ['sat', 'sun'] },
        ];
      }),
      { clock },
    );
    const t = s;
    const path = `/halls/${t.hall.id}/notices`;
    const sup = await t.login('supervisor');
    const clerk = await t.login('clerk1');

    let snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.notices.map((n: any) => n.text)).toEqual(['办事请带好身份证']);
    snap = await t.api('GET', `/halls/${t.hall.id}`, { lang: 'en' });
    expect(snap.body.notices[0].text).toBe('Bring your ID card');

    expect((await t.api('POST', path, { body: { text: 'x' } })).status).toBe(401);
    const denied = await t.api('POST', path, { token: clerk, body: { text: 'x' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const bad = await t.api('POST', path, {
      token: sup,
      body: {
        text: 'x',
        startsAt: '2026-11-23T12:00:00+08:00',
        endsAt: '2026-11-23T11:00:00+08:00',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'endsAt' });
    expect((await t.api('POST', path, { token: sup, body: { text: '' } })).status).toBe(400);

    const a = await t.api('POST', path, {
      token: sup,
      body: { text: '医保政策调整', endsAt: '2026-11-23T12:00:00+08:00' },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ text: '医保政策调整', source: 'supervisor', active: true });
    const b = await t.api('POST', path, {
      token: sup,
      body: { text: '下午开放', startsAt: '2026-11-23T14:00:00+08:00' },
    });
    expect(b.body.active).toBe(false);

    snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.notices.map((n: any) => n.text)).toEqual(['办事请带好身份证', '医保政策调整']);

    const edited = await t.api('POST', `${path}/${a.body.id}`, {
      token: sup,
      body: { text: '医保政策调整通知', endsAt: null },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.text).toBe('医保政策调整通知');
    expect(edited.body.endsAt).toBeUndefined();
    expect(
      (await t.api('POST', `${path}/nope`, { token: sup, body: { text: 'y' } })).body.error.code,
    ).toBe('notice_not_found');

    clock.set('2026-11-23T15:00:00+08:00');
    const ordered = await t.api('POST', `${path}/order`, {
      token: sup,
      body: { ids: [b.body.id] },
    });
    expect(ordered.status).toBe(200);
    expect(ordered.body.notices.map((n: any) => n.id)).toEqual([b.body.id, a.body.id]);
    snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.notices.map((n: any) => n.text)).toEqual([
      '办事请带好身份证',
      '下午开放',
      '医保政策调整通知',
    ]);

    const expired = await t.api('POST', `${path}/${a.body.id}/expire`, { token: sup });
    expect(expired.status).toBe(200);
    expect(expired.body.active).toBe(false);
    snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.notices.map((n: any) => n.id)).toEqual(['policy', b.body.id]);

    // Saturday: the weekend notice shows too
    clock.set('2026-11-28T10:00:00+08:00');
    snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.notices.map((n: any) => n.id)).toEqual(['policy', 'weekend', b.body.id]);

    const list = await t.api('GET', path, { token: sup });
    expect(list.body.notices.map((n: any) => [n.id, n.source])).toEqual([
      ['policy', 'config'],
      ['weekend', 'config'],
      [b.body.id, 'supervisor'],
      [a.body.id, 'supervisor'],
    ]);
    expect(await noticeEvents(t)).toEqual([
      { noticeId: a.body.id, action: 'created' },
      { noticeId: b.body.id, action: 'created' },
      { noticeId: a.body.id, action: 'edited' },
      { noticeId: '', action: 'ordered' },
      { noticeId: a.body.id, action: 'expired' },
    ]);
  });

  it('serves the hall screen settings from the configuration', async () => {
    s = await startTestServer(
      sampleHall('demo', (h) => {
        h.screen = { ...h.screen, repeat: 3, quietHours: ['22:00-07:00'] };
      }),
    );
    const r = await s.api('GET', `/halls/${s.hall.id}/screen`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      callTemplate: '请{number}号到{windowId}号窗口办理',
      repeat: 3,
      quietHours: ['22:00-07:00'],
      speakMaxAgeSeconds: 60,
    });
    const doc = await s.api('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toContain(
      '/api/v1/halls/{hallId}/notices/{noticeId}/expire',
    );
  });
});
