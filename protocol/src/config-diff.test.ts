import { describe, expect, it } from 'vitest';
import { configDiff, sectionsOf } from './config-diff.js';

describe('configDiff', () => {
  it('compares lists of things with ids by id and redacts hashes and secrets', () => {
    const before = {
      name: '大厅',
      services: [
        { id: 'a', name: '劳动保障', materials: ['身份证'] },
        { id: 'b', name: '民政' },
      ],
      staff: [{ id: 'c1', name: '王芳', passwordHash: 'scrypt$old' }],
      devices: [{ id: 'k1', tokenHash: 'aaa' }],
      notifications: { webhook: { url: 'https://x', secret: 'old-secret-0123456' } },
    };
    const after = {
      name: '大厅',
      services: [
        { id: 'b', name: '民政救助' },
        { id: 'c', name: '新业务' },
      ],
      staff: [{ id: 'c1', name: '王芳', passwordHash: 'scrypt$new', disabled: true }],
      devices: [{ id: 'k1', tokenHash: 'bbb' }],
      notifications: { webhook: { url: 'https://x', secret: 'new-secret-0123456' } },
    };
    const changes = configDiff(before, after);
    expect(changes).toEqual([
      { path: 'services[a]', before: { id: 'a', name: '劳动保障', materials: ['身份证'] } },
      { path: 'services[b].name', before: '民政', after: '民政救助' },
      { path: 'services[c]', after: { id: 'c', name: '新业务' } },
      { path: 'staff[c1].passwordHash', before: '[redacted]', after: '[redacted]' },
      { path: 'staff[c1].disabled', after: true },
      { path: 'devices[k1].tokenHash', before: '[redacted]', after: '[redacted]' },
      { path: 'notifications.webhook.secret', before: '[redacted]', after: '[redacted]' },
    ]);
    expect(sectionsOf(changes)).toEqual(['services', 'staff', 'devices', 'notifications']);
    const added = configDiff(
      { staff: [] },
      { staff: [{ id: 'n', passwordHash: 'scrypt$x', name: '新' }] },
    );
    expect(JSON.stringify(added)).not.toContain('scrypt');
  });

  it('notes a new order of the same items, and nothing when nothing changed', () => {
    const a = { windows: [{ id: '1' }, { id: '2' }] };
    const b = { windows: [{ id: '2' }, { id: '1' }] };
    expect(configDiff(a, b)).toEqual([
      { path: 'windows.order', before: ['1', '2'], after: ['2', '1'] },
    ]);
    expect(configDiff(a, structuredClone(a))).toEqual([]);
  });
});
