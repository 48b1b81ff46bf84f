import { describe, expect, it } from 'vitest';
import { diffConfig, getIn, rebaseSections, setIn } from './config-edit';

describe('config editing', () => {
  it('sets a value by path without touching the original', () => {
    const a = { services: [{ id: 'labor', name: '劳动保障' }], rules: { maxRecalls: 3 } };
    const b = setIn(a, ['services', 0, 'name'], '社会保障');
    expect(getIn(b, ['services', 0, 'name'])).toBe('社会保障');
    expect(a.services[0]?.name).toBe('劳动保障');
    expect(setIn(b, ['rules', 'maxRecalls'], undefined)).toEqual({
      services: [{ id: 'labor', name: '社会保障' }],
      rules: {},
    });
  });

  it('lists what changed leaf by leaf, records by id, a reorder as one change', () => {
    const before = {
      name: '大厅',
      services: [
        { id: 'a', name: '甲', materials: ['身份证'] },
        { id: 'b', name: '乙', materials: [] },
      ],
    };
    const after = {
      name: '大厅',
      services: [
        { id: 'b', name: '乙', materials: ['户口簿'] },
        { id: 'a', name: '甲二', materials: ['身份证'] },
        { id: 'c', name: '丙', materials: [] },
      ],
    };
    expect(diffConfig(before, after)).toEqual([
      { path: 'services[a].name', kind: 'changed', before: '甲', after: '甲二' },
      { path: 'services[b].materials', kind: 'changed', before: [], after: ['户口簿'] },
      { path: 'services[c]', kind: 'added', after: { id: 'c', name: '丙', materials: [] } },
      { path: 'services.order', kind: 'changed', before: ['a', 'b'], after: ['b', 'a', 'c'] },
    ]);
    expect(diffConfig(before, structuredClone(before))).toEqual([]);
  });
});

describe('carrying edits onto a newer version', () => {
  it('keeps my sections, takes theirs, and names the sections we both changed', () => {
    const base = { name: '大厅', rules: { maxRecalls: 3 }, notices: ['a'] };
    const mine = { name: '大厅', rules: { maxRecalls: 4 }, notices: ['b'] };
    const newer = { name: '大厅（新）', rules: { maxRecalls: 3 }, notices: ['c'] };
    expect(rebaseSections(base, mine, newer)).toEqual({
      merged: { name: '大厅（新）', rules: { maxRecalls: 4 }, notices: ['c'] },
      conflicts: ['notices'],
    });
  });
});
