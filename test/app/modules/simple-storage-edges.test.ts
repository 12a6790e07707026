/**
 * `session.simpleStorage` at its edges, over the test cloud's REST API: changes made before the first load,
 * a `clear()` racing that load, each refusal of the cloud and its error, deletes the cloud did not confirm,
 * what happens to pending writes when the session ends, and the argument checks with their messages.
 */
import { SimpleStorage } from '../../../src';
import { API_KEY, eventually } from '../../helpers/apps';
import { harness, sdkRejection, thrown } from '../../helpers/modules';

const PKG = 'com.example.app';
const USER = 'wearer@example.com';

describe('session.simpleStorage: changes before the first load', () => {
  const h = harness({ apiKeys: { [PKG]: API_KEY } });
  beforeEach(() => h.useCloud());

  test('a set and a delete made before the first read win over what the cloud had', async () => {
    h.cloud.rest.setStorage(PKG, USER, { a: '1', b: '2', c: '3' });
    const { session } = await h.start();
    const storage = session.simpleStorage;
    await storage.set('a', '9');
    h.cloud.rest.failNext({ method: 'DELETE', status: 500 });
    expect(await storage.delete('b')).toBe(false); // the cloud still has b; the session does not
    expect(await storage.getAllData()).toEqual({ a: '9', c: '3' });
    expect(await storage.hasKey('b')).toBe(false);
  });

  test('when the first load fails, the changes made before it still read back', async () => {
    h.cloud.rest.setStorage(PKG, USER, { kept: 'cloud' });
    const { session, errors, logger } = await h.startWatched();
    const storage = session.simpleStorage;
    await storage.set('draft', 'mine');
    h.cloud.rest.failNext({ method: 'DELETE', status: 500 });
    await storage.delete('gone');
    h.cloud.rest.failNext({ method: 'GET', status: 503 });
    expect(await storage.getAllData()).toEqual({ draft: 'mine' });
    expect(errors.map((e) => e.message)).toContain('Loading SimpleStorage failed: the cloud answered 503');
    expect(logger.lines).toContainEqual({
      level: 'warn',
      text: 'Loading SimpleStorage failed: the cloud answered 503 (read as empty; the next read tries again)',
    });
  });

  test('a clear() made while the first load is on its way wins over what the load brings', async () => {
    h.cloud.rest.setStorage(PKG, USER, { old: 'value' });
    const { session } = await h.start();
    const storage = session.simpleStorage;
    const read = storage.get('old');
    expect(await storage.clear()).toBe(true);
    expect(await read).toBeUndefined();
    expect(await storage.keys()).toEqual([]);
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({});
  });

  test('a load answered without an object of data reads as empty', async () => {
    const { session } = await h.start();
    h.cloud.rest.failNext({ method: 'GET', status: 200, body: { success: true, data: 'not an object' } });
    expect(await session.simpleStorage.getAllData()).toEqual({});
    await session.simpleStorage.set('k', 'v');
    expect(await session.simpleStorage.getAllData()).toEqual({ k: 'v' });
  });
});

describe('session.simpleStorage: what the cloud refuses', () => {
  const h = harness({ apiKeys: { [PKG]: API_KEY } });
  beforeEach(() => h.useCloud());

  test.each([
    [413, 'storage_quota_exceeded', 'SimpleStorage is over its 1 MB limit: delete unused keys'],
    [429, 'storage_rate_limited', 'SimpleStorage writes are rate limited by the cloud'],
    [500, 'storage_write_failed', 'Saving SimpleStorage failed: the cloud answered 500'],
    [304, 'storage_write_failed', 'Saving SimpleStorage failed: the cloud answered 304'],
  ] as const)('a write answered %i rejects flush() with %s, and stays pending', async (status, code, message) => {
    const { session } = await h.start();
    await session.simpleStorage.set('k', 'v');
    h.cloud.rest.failNext({ method: 'PUT', status });
    const err = await sdkRejection(session.simpleStorage.flush(), code);
    expect(err.message).toBe(message);
    expect(err.details).toEqual({ status });
    await session.simpleStorage.flush();
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ k: 'v' });
  });

  test('a delete or clear the cloud does not confirm resolves false and reports why', async () => {
    h.cloud.rest.setStorage(PKG, USER, { a: '1' });
    const { session, errors, logger } = await h.startWatched();
    const storage = session.simpleStorage;
    h.cloud.rest.failNext({ method: 'DELETE', status: 500, body: { success: true } });
    expect(await storage.delete('a')).toBe(false);
    h.cloud.rest.failNext({ method: 'DELETE', status: 200, body: { success: false } });
    expect(await storage.clear()).toBe(false);
    h.cloud.rest.failNext({ method: 'DELETE', status: 200, body: null });
    expect(await storage.clear()).toBe(false);
    h.cloud.rest.failNext({ method: 'DELETE', status: 0 });
    expect(await storage.delete('a')).toBe(false);
    expect(errors.map((e) => [(e as { code?: string }).code, e.message])).toEqual([
      ['storage_write_failed', 'Deleting a SimpleStorage key failed: the cloud answered 500'],
      ['storage_write_failed', 'Clearing SimpleStorage failed: the cloud answered 200'],
      ['storage_write_failed', 'Clearing SimpleStorage failed: the cloud answered 200'],
      ['storage_write_failed', expect.stringMatching(/^Deleting a SimpleStorage key failed: \S/)],
    ]);
    expect(errors[3]!.cause).toBeInstanceOf(Error);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.text);
    expect(warnings).toContain('Deleting a SimpleStorage key failed: the cloud answered 500 (resolved false)');
    expect(warnings.filter((w) => w.startsWith('Deleting a SimpleStorage key failed: ') && w.endsWith(' (resolved false)'))).toHaveLength(2);
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ a: '1' });
  });

  test('a batched write that fails is reported, kept and retried', async () => {
    const { session, errors, logger } = await h.startWatched();
    const storage = new SimpleStorage(session, { idleMs: 20, maxWaitMs: 50, retryBaseMs: 20 });
    h.cloud.rest.failNext({ method: 'PUT', status: 500 });
    await storage.set('k', 'v');
    await eventually(() => h.cloud.rest.storage(PKG, USER).k === 'v', 20_000, 'the retried write');
    expect(errors.map((e) => e.message)).toEqual(['Saving SimpleStorage failed: the cloud answered 500']);
    expect(logger.lines).toContainEqual({ level: 'warn', text: 'Saving SimpleStorage failed: the cloud answered 500 (1 change(s) kept and retried)' });
  });
});

describe('session.simpleStorage: deletes and the end of the session', () => {
  const h = harness({ apiKeys: { [PKG]: API_KEY } });
  beforeEach(() => h.useCloud());

  test('set and setMultiple on a live session wait for the batch; flush() writes them in one PUT', async () => {
    const { session } = await h.start();
    const storage = session.simpleStorage;
    await storage.set('a', '1');
    await storage.setMultiple({ b: '2', c: '3' });
    expect(h.cloud.rest.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    await storage.flush();
    expect(h.cloud.rest.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ a: '1', b: '2', c: '3' });
  });

  test('deleting a key set but not yet written drops the pending write; the key reads as missing', async () => {
    h.cloud.rest.setStorage(PKG, USER, { keep: 'x' });
    const { session } = await h.start();
    const storage = session.simpleStorage;
    expect(await storage.keys()).toEqual(['keep']);
    await storage.set('temp', '1');
    expect(await storage.delete('temp')).toBe(true);
    expect(await storage.get('temp')).toBeUndefined();
    expect(await storage.hasKey('temp')).toBe(false);
    await storage.flush();
    expect(h.cloud.rest.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ keep: 'x' });
  });

  test('pending writes go out as soon as the session ends, not when their wait is over', async () => {
    const { user, session } = await h.start();
    const storage = new SimpleStorage(session, { idleMs: 600_000, maxWaitMs: 600_000 });
    await storage.set('last', 'seen');
    await user.stop();
    await eventually(() => h.cloud.rest.storage(PKG, USER).last === 'seen', 20_000, 'the write at the end');
    await storage.setMultiple({ after: 'end' });
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({ last: 'seen', after: 'end' });
  });

  test('a write that fails when the session ends is logged with what was lost, and not retried', async () => {
    const { user, session, logger } = await h.startWatched();
    const storage = new SimpleStorage(session, { retryBaseMs: 20 });
    await storage.set('lost', 'value');
    h.cloud.rest.failNext({ method: 'PUT', status: 500 });
    await user.stop();
    const text = 'SimpleStorage: 1 change(s) could not be saved when the session ended: Saving SimpleStorage failed: the cloud answered 500';
    await eventually(() => logger.lines.some((l) => l.level === 'warn' && l.text === text), 20_000, 'the warning');
    // a retry would have come after 20 ms
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.cloud.rest.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(h.cloud.rest.storage(PKG, USER)).toEqual({});
  });
});

describe('session.simpleStorage: arguments', () => {
  const h = harness({ apiKeys: { [PKG]: API_KEY } });

  test('keys are non-empty strings; values strings of at most 100 000 characters; messages name the key', async () => {
    const { session } = await h.start();
    const storage = session.simpleStorage;
    const long = 'k'.repeat(80);
    const cases: [Promise<unknown>, string][] = [
      [storage.set('', 'v'), 'SimpleStorage keys are non-empty strings'],
      [storage.set(5 as never, 'v'), 'SimpleStorage keys are non-empty strings'],
      [storage.set(long, 5 as never), `SimpleStorage values are strings (key "${'k'.repeat(60)}")`],
      [storage.set(long, 'x'.repeat(100_001)), `The value of "${'k'.repeat(60)}" has 100001 characters; at most 100000 are allowed`],
      [storage.setMultiple(null as never), 'setMultiple needs an object of string values'],
      [storage.setMultiple('a=1' as never), 'setMultiple needs an object of string values'],
    ];
    for (const [promise, message] of cases) expect((await sdkRejection(promise, 'invalid_argument')).message).toBe(message);
    await storage.set('max', 'x'.repeat(100_000));
    expect((await storage.get('max'))?.length).toBe(100_000);
  });

  test('new SimpleStorage() needs a session, and says so', () => {
    expect(thrown(() => new SimpleStorage({} as never))).toMatchObject({
      code: 'invalid_argument',
      message: "new SimpleStorage(session, ...) needs the app's session (an AppSession or TpaSession)",
    });
  });
});
