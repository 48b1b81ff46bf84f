import { describe, expect, it } from 'vitest';
import {
  checkHallConfig,
  configIssuesOf,
  HallConfig,
  HallConfigFields,
  ServiceConfig,
} from './hall-config.js';

const base = {
  id: 'h1',
  name: '测试大厅',
  schedule: { alwaysOpen: true },
  services: [
    { id: 'labor', name: '劳动保障', prefix: 'A' },
    { id: 'civil', name: '民政救济', prefix: 'B' },
  ],
  windows: [{ id: '1', name: '1号窗口', services: ['labor', 'civil'], clerks: { a: 'c1' } }],
  staff: [
    {
      id: 'c1',
      name: '张三',
      jobNo: '001',
      role: 'clerk',
      passwordHash: 'scrypt$16384$8$1$AAAA$BBBB',
    },
  ],
  devices: [{ id: 'k1', kind: 'kiosk', token: 'kiosk-token-1' }],
};

describe('the hall file schema shared by server and admin console', () => {
  it('accepts a valid hall and fills the defaults', () => {
    const hall = HallConfig.parse(base);
    expect(hall.rules.maxRecalls).toBe(3);
    expect(checkHallConfig(hall)).toEqual([]);
  });

  it('validates one field on its own, as a form does while typing', () => {
    const r = ServiceConfig.shape.prefix.safeParse('a1');
    expect(r.success).toBe(false);
  });

  it('names the path of each cross-field problem', () => {
    const fields = HallConfigFields.parse({
      ...base,
      services: [...base.services, { id: 'x', name: '新业务', prefix: 'A' }],
      windows: [
        { ...base.windows[0], services: ['labor', 'civil', 'gone'], clerks: { b: 'nobody' } },
      ],
      devices: [{ id: 'k1', kind: 'kiosk' }],
    });
    expect(checkHallConfig(fields)).toEqual([
      { path: 'services.2.prefix', message: 'prefix A is used twice' },
      { path: 'windows.0.services.2', message: 'unknown service gone' },
      { path: 'windows.0.clerks.b', message: 'unknown staff nobody' },
      { path: 'services.2.id', message: 'no window serves x' },
      { path: 'devices.0.tokenHash', message: 'a device needs a token or a tokenHash' },
    ]);
    const parsed = HallConfig.safeParse({
      ...base,
      staff: [{ ...base.staff[0], disabled: 'yes' }],
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(configIssuesOf(parsed.error)[0]?.path).toBe('staff.0.disabled');
  });
});
