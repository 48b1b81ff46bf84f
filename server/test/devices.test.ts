// A device checks its own token on start-up: configured, unknown, or disabled (已停用).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

describe('GET /devices/me', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(
      sampleHall('demo', (h) => {
        h.devices.push({
          id: 'kiosk-old',
          kind: 'kiosk',
          token: 'old-kiosk-token',
          disabled: true,
        });
      }),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it('tells a configured device who it is', async () => {
    const kiosk = await s.api('GET', '/devices/me', { token: 'demo-kiosk' });
    expect({ status: kiosk.status, body: kiosk.body }).toEqual({
      status: 200,
      body: { deviceId: 'kiosk-1', kind: 'kiosk', hallId: s.hall.id },
    });
    const display = await s.api('GET', '/devices/me', { token: 'demo-display-3' });
    expect(display.body).toMatchObject({ kind: 'display', windowId: '3' });
  });

  it('refuses an unknown token (本机未配置) and a staff token', async () => {
    expect((await s.api('GET', '/devices/me', { token: 'not-a-device' })).status).toBe(401);
    expect((await s.api('GET', '/devices/me')).status).toBe(401);
    const clerk = await s.login('clerk1');
    expect((await s.api('GET', '/devices/me', { token: clerk })).status).toBe(403);
  });

  it('says a disabled device is disabled (已停用), here and when it tries to issue a ticket', async () => {
    const me = await s.api('GET', '/devices/me', { token: 'old-kiosk-token' });
    expect(me.status).toBe(403);
    expect(me.body.error).toMatchObject({
      code: 'device_disabled',
      message: '本机已停用，请联系工作人员',
    });
    const issue = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'old-kiosk-token',
      body: { serviceId: 'labor' },
    });
    expect(issue.status).toBe(403);
    expect(issue.body.error.code).toBe('device_disabled');
    const snapshot = (await s.api('GET', `/halls/${s.hall.id}`)).body;
    expect(snapshot.services.find((x: { id: string }) => x.id === 'labor').waiting).toBe(0);
  });
});
