/**
 * The session's settings store: values from the ack and updates, and exactly which changes are reported
 * (once per real change, by key), to whom, and what a failing listener does. The wire path (ack,
 * `settings_update`, `augmentos_settings_update`) is tested in test/app/settings-basic.test.ts.
 */
import type { SettingRecord } from '../../src/protocol/messages';
import { SettingsStore, type SettingsChangeMap } from '../../src/core/session/settings-store';

function store() {
  const errors: Error[] = [];
  const s = new SettingsStore({ reportError: (e) => void errors.push(e) });
  const app: SettingsChangeMap[] = [];
  const system: SettingsChangeMap[] = [];
  return { s, errors, app, system, listen: () => [s.onAppChange((c) => void app.push(c)), s.onSystemChange((c) => void system.push(c))] };
}

const rec = (key: string, value?: unknown, defaultValue?: unknown) => ({ key, value, defaultValue }) as unknown as SettingRecord;

describe('settings store: app settings', () => {
  test('a value wins over the default; the default stands in when the value is undefined (not when it is null or false)', () => {
    const { s } = store();
    s.setApp([rec('a', 1, 9), rec('b', undefined, 'dflt'), rec('c', null, 'x'), rec('d', false, true)]);
    expect(s.getAppValue('a')).toBe(1);
    expect(s.getAppValue('b')).toBe('dflt');
    expect(s.getAppValue('c')).toBeNull();
    expect(s.getAppValue('d')).toBe(false);
    expect(s.hasApp('b')).toBe(true);
    expect(s.hasApp('nope')).toBe(false);
    expect(s.getAppValue('nope')).toBeUndefined();
  });

  test('entries without a string key are dropped; anything but an array counts as no settings', () => {
    const { s } = store();
    const good = rec('ok', 1);
    s.setApp([good, null, { value: 2 }, { key: 7, value: 3 }] as unknown as SettingRecord[]);
    expect(s.getAppSettings()).toEqual([good]);
    expect(s.hasApp('7')).toBe(false);
    expect(s.setApp('junk' as unknown as SettingRecord[])).toEqual({ ok: { oldValue: 1, newValue: undefined } });
    expect(s.getAppSettings()).toEqual([]);
    expect(s.hasApp('ok')).toBe(false);
  });

  test('reports what was added, changed and removed, once, and nothing for equal values (objects compared by content)', () => {
    const { s, app, listen } = store();
    listen();
    expect(s.setApp([rec('keep', 1), rec('change', 'a'), rec('drop', true), rec('obj', { x: [1, 2] })])).toEqual({
      keep: { oldValue: undefined, newValue: 1 },
      change: { oldValue: undefined, newValue: 'a' },
      drop: { oldValue: undefined, newValue: true },
      obj: { oldValue: undefined, newValue: { x: [1, 2] } },
    });
    const changes = s.setApp([rec('keep', 1), rec('change', 'b'), rec('obj', { x: [1, 2] }), rec('new', 0)]);
    expect(changes).toEqual({
      change: { oldValue: 'a', newValue: 'b' },
      new: { oldValue: undefined, newValue: 0 },
      drop: { oldValue: true, newValue: undefined },
    });
    expect(app).toHaveLength(2);
    expect(app[1]).toEqual(changes);
    // the same settings again: nothing changed, no listener call
    expect(s.setApp([rec('keep', 1), rec('change', 'b'), rec('obj', { x: [1, 2] }), rec('new', 0)])).toEqual({});
    expect(app).toHaveLength(2);
    // an object whose content changed, and a value that became an object or null
    expect(s.setApp([rec('keep', { n: 1 }), rec('change', null), rec('obj', { x: [1, 3] }), rec('new', 0)])).toEqual({
      keep: { oldValue: 1, newValue: { n: 1 } },
      change: { oldValue: 'b', newValue: null },
      obj: { oldValue: { x: [1, 2] }, newValue: { x: [1, 3] } },
    });
    expect(s.setApp([rec('keep', null), rec('change', { n: 1 }), rec('obj', { x: [1, 3] }), rec('new', 0)])).toMatchObject({
      keep: { oldValue: { n: 1 }, newValue: null },
      change: { oldValue: null, newValue: { n: 1 } },
    });
    // emptied: every key reported as removed
    expect(Object.keys(s.setApp([]))).toEqual(['keep', 'change', 'obj', 'new']);
    expect(s.getAppValue('new')).toBeUndefined();
  });

  test('a key present with the value undefined differs from no key at all', () => {
    const { s } = store();
    expect(s.setApp([rec('k')])).toEqual({ k: { oldValue: undefined, newValue: undefined } });
    expect(s.hasApp('k')).toBe(true);
    expect(s.setApp([])).toEqual({ k: { oldValue: undefined, newValue: undefined } });
  });

  test('a fresh store has no settings and no listeners to clear', () => {
    const { s } = store();
    expect(s.getAppSettings()).toEqual([]);
    expect(s.getSystem()).toEqual({});
    expect(() => s.clearListeners()).not.toThrow();
  });

  test('values that serialise alike but differ count as changed (NaN and null, null and an object that serialises as null)', () => {
    const { s } = store();
    const nullish = { toJSON: () => null };
    s.setApp([rec('a', Number.NaN), rec('b', null), rec('c', null), rec('d', nullish)]);
    expect(Object.keys(s.setApp([rec('a', null), rec('b', Number.NaN), rec('c', nullish), rec('d', null)]))).toEqual(['a', 'b', 'c', 'd']);
  });

  test('values that cannot be compared by content (cycles) count as changed', () => {
    const { s } = store();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    s.setApp([rec('c', cyclic)]);
    expect(Object.keys(s.setApp([rec('c', cyclic)]))).toEqual([]); // the same object: unchanged
    const other: Record<string, unknown> = {};
    other.self = other;
    expect(Object.keys(s.setApp([rec('c', other)]))).toEqual(['c']);
  });
});

describe('settings store: system settings', () => {
  test('merges plain objects only and reports each changed key to its listeners', () => {
    const { s, system, listen } = store();
    listen();
    s.mergeSystem({ brightness: 50, metric: false });
    s.mergeSystem({ brightness: 60 });
    expect(s.getSystem()).toEqual({ brightness: 60, metric: false });
    s.mergeSystem({ brightness: 60 });
    for (const junk of [undefined, null, 'x', 3, ['a']]) s.mergeSystem(junk as unknown as Record<string, unknown>);
    expect(s.getSystem()).toEqual({ brightness: 60, metric: false });
    expect(system).toEqual([
      { brightness: { oldValue: undefined, newValue: 50 }, metric: { oldValue: undefined, newValue: false } },
      { brightness: { oldValue: 50, newValue: 60 } },
    ]);
  });

  test('without a system listener the values are still merged (the changes are worked out only for listeners)', () => {
    const { s, system, listen } = store();
    s.mergeSystem({ brightness: 50 });
    expect(s.getSystem()).toEqual({ brightness: 50 });
    listen();
    s.mergeSystem({ brightness: 70 });
    expect(system).toEqual([{ brightness: { oldValue: 50, newValue: 70 } }]);
  });
});

describe('settings store: listeners', () => {
  test('app and system listeners hear only their own kind; unsubscribing and clearing stop them', () => {
    const { s, app, system, listen } = store();
    const [offApp] = listen();
    s.setApp([rec('a', 1)]);
    s.mergeSystem({ b: 2 });
    expect(app).toHaveLength(1);
    expect(system).toHaveLength(1);
    offApp();
    s.setApp([rec('a', 2)]);
    expect(app).toHaveLength(1);
    s.clearListeners();
    s.mergeSystem({ b: 3 });
    expect(system).toHaveLength(1);
    // a store with no listener at all reports changes to its caller only
    expect(store().s.setApp([rec('z', 1)])).toEqual({ z: { oldValue: undefined, newValue: 1 } });
  });

  test("a listener that throws or rejects goes to the session's error path; the caller and other listeners carry on", async () => {
    const { s, errors } = store();
    const heard: string[] = [];
    s.onAppChange(() => {
      throw new Error('listener broke');
    });
    s.onAppChange(async () => {
      throw 'rejected with a string';
    });
    s.onAppChange((c) => void heard.push(...Object.keys(c)));
    expect(() => s.setApp([rec('a', 1)])).not.toThrow();
    expect(heard).toEqual(['a']);
    await new Promise((r) => setImmediate(r));
    expect(errors.map((e) => e.message)).toEqual(['listener broke', 'rejected with a string']);
    expect(errors.every((e) => e instanceof Error)).toBe(true);
  });
});
