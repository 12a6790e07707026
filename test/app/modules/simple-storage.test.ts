import { API_KEY, eventually } from '../../helpers/apps';
import { harness, sdkRejection } from '../../helpers/modules';

const PKG = 'com.example.app';
const USER = 'wearer@example.com';

describe("session.simpleStorage (over the test cloud's REST API)", () => {
  const h = harness({ apiKeys: { [PKG]: API_KEY } });
  beforeEach(() => h.useCloud());

  test('reads load once from the cloud; writes go out together in one PUT, authenticated as the app', async () => {
    h.cloud.rest.setStorage(PKG, USER, { theme: 'dark', lang: 'fr' });
    const { session } = await h.start();
    const storage = session.simpleStorage;
    expect(await storage.get('theme')).toBe('dark');
    expect(await storage.keys()).toEqual(['theme', 'lang']);
    await storage.set('theme', 'light');
    await storage.setMultiple({ a: '1', b: '2' });
    expect(await storage.get('theme')).toBe('light');
    expect(await storage.size()).toBe(4);
    expect(await storage.hasKey('a')).toBe(true);
    await storage.flush();
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ theme: 'light', lang: 'fr', a: '1', b: '2' });
    expect(h.cloud.rest.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.packageName}`)).toEqual([
      `GET /api/sdk/simple-storage/${encodeURIComponent(USER)} 200 ${PKG}`,
      `PUT /api/sdk/simple-storage/${encodeURIComponent(USER)} 200 ${PKG}`,
    ]);
    expect(await storage.getAllData()).toEqual({ theme: 'light', lang: 'fr', a: '1', b: '2' });
  });

  test('delete and clear act on the cloud at once', async () => {
    h.cloud.rest.setStorage(PKG, USER, { a: '1', b: '2', c: '3' });
    const { session } = await h.start();
    expect(await session.simpleStorage.delete('a')).toBe(true);
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ b: '2', c: '3' });
    expect(await session.simpleStorage.keys()).toEqual(['b', 'c']);
    await session.simpleStorage.set('d', '4');
    expect(await session.simpleStorage.clear()).toBe(true);
    await session.simpleStorage.flush();
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({});
    expect(h.cloud.rest.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  test('pitfall 7.2.13: storage writes survive a failed flush (kept, then written by the next flush)', async () => {
    const { session } = await h.start();
    await session.simpleStorage.set('score', '10');
    h.cloud.rest.failNext({ method: 'PUT', status: 500 });
    const err = await sdkRejection(session.simpleStorage.flush(), 'storage_write_failed');
    expect(err.details).toMatchObject({ status: 500 });
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({});
    await session.simpleStorage.set('level', '3');
    h.cloud.rest.failNext({ method: 'PUT', status: 0 }); // the connection drops
    await sdkRejection(session.simpleStorage.flush(), 'cloud_unreachable');
    await session.simpleStorage.flush();
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ score: '10', level: '3' });
  });

  test('pending writes are flushed when the session ends; writes made after the end are saved at once', async () => {
    const { user, session } = await h.start();
    await session.simpleStorage.set('last', 'seen');
    await user.stop();
    await eventually(() => h.cloud.rest.storage(PKG, USER).last === 'seen');
    await session.simpleStorage.set('after', 'end');
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ last: 'seen', after: 'end' });
  });

  test('a failed load resolves as if nothing were stored (as published), reports the SdkError, and is retried by the next read', async () => {
    h.cloud.rest.setStorage(PKG, USER, { k: 'v' });
    const errors: Error[] = [];
    const { session } = await h.start({ onError: (e) => errors.push(e) });
    h.cloud.rest.failNext({ method: 'GET', status: 503, times: 5 });
    await expect(session.simpleStorage.get('k')).resolves.toBeUndefined();
    await expect(session.simpleStorage.keys()).resolves.toEqual([]);
    await expect(session.simpleStorage.size()).resolves.toBe(0);
    await expect(session.simpleStorage.hasKey('k')).resolves.toBe(false);
    await expect(session.simpleStorage.getAllData()).resolves.toEqual({});
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(e).toMatchObject({ name: 'SdkError', code: 'storage_unavailable', details: { status: 503 } });
    expect(await session.simpleStorage.get('k')).toBe('v');
    expect(errors).toHaveLength(5);
  });

  test('values must be strings of at most 100 000 characters', async () => {
    const { session } = await h.start();
    await sdkRejection(session.simpleStorage.set('big', 'x'.repeat(100_001)), 'invalid_argument');
    await sdkRejection(session.simpleStorage.set('n', 5 as never), 'invalid_argument');
    await sdkRejection(session.simpleStorage.setMultiple({ ok: 'y', bad: 'x'.repeat(100_001) }), 'invalid_argument');
    expect(await session.simpleStorage.keys()).toEqual([]);
  });
});
