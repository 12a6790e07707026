/**
 * How the Redis directory finds `ioredis`' client class in the module it loads (each shape an `ioredis`
 * release or a bundler has given it), and the words when the package is there but cannot be used.
 * Each case loads the directory afresh with a stand-in `ioredis`; none connects anywhere.
 */
import type { RedisSessionDirectory as Directory } from '../../src/core/cluster/redis-directory';

afterEach(() => jest.resetModules());

/** A directory built with `ioredis` replaced by `factory`'s module; `start()` is where the package is loaded. */
function withIoredis(factory: () => unknown): Directory {
  jest.doMock('ioredis', factory);
  const { RedisSessionDirectory } = require('../../src/core/cluster/redis-directory') as typeof import('../../src/core/cluster/redis-directory');
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
  return new RedisSessionDirectory({
    redisUrl: 'redis://127.0.0.1:1',
    redisHost: '127.0.0.1:1',
    instanceId: 'loader',
    instanceUrl: 'http://loader.invalid',
    ttlMs: 60_000,
    keyPrefix: 'load:',
    logger: quiet as never,
  });
}

/** A client class that records its construction and stops `start()` right there. */
function stopsAtConstruction(seen: string[], name: string) {
  return class {
    constructor() {
      seen.push(name);
      throw new Error('constructed');
    }
  };
}

const host = { releaseClaim: async () => {}, claims: () => [] };

test('the client class is found as `Redis`, as `default.Redis`, as `default`, or as the module itself', async () => {
  const seen: string[] = [];
  const shapes: Array<[string, () => unknown]> = [
    ['Redis', () => ({ Redis: stopsAtConstruction(seen, 'Redis'), default: stopsAtConstruction(seen, 'wrong') })],
    ['default.Redis', () => ({ default: Object.assign(stopsAtConstruction(seen, 'wrong'), { Redis: stopsAtConstruction(seen, 'default.Redis') }) })],
    ['default', () => ({ default: stopsAtConstruction(seen, 'default') })],
    ['module', () => stopsAtConstruction(seen, 'module')],
  ];
  for (const [, factory] of shapes) {
    jest.resetModules();
    await expect(withIoredis(factory).start(host)).rejects.toThrow('constructed');
  }
  expect(seen).toEqual(['Redis', 'default.Redis', 'default', 'module']);
});

test('a module with no client class, and one that fails to load, are refused with invalid_config and the reason', async () => {
  await expect(withIoredis(() => ({ version: '5' })).start(host)).rejects.toMatchObject({
    code: 'invalid_config',
    message: 'The installed "ioredis" package does not export a Redis client',
  });
  jest.resetModules();
  const broken = new Error('native binding failed');
  const err = await withIoredis(() => {
    throw broken;
  })
    .start(host)
    .catch((e: Error & { cause?: unknown }) => e);
  expect(err).toMatchObject({
    code: 'invalid_config',
    message: 'Running several instances needs the "ioredis" package: npm install ioredis (loading it failed: native binding failed)',
  });
  expect((err as { cause?: unknown }).cause).toBe(broken);
  jest.resetModules();
  const missing = await withIoredis(() => {
    throw Object.assign(new Error("Cannot find module 'ioredis'"), { code: 'ERR_MODULE_NOT_FOUND' });
  })
    .start(host)
    .catch((e: Error) => e);
  expect((missing as Error).message).toBe('Running several instances needs the "ioredis" package: npm install ioredis');
});

test('a module that is null, and one whose loading throws something that is not an Error, are refused in the same words', async () => {
  await expect(withIoredis(() => null).start(host)).rejects.toMatchObject({
    code: 'invalid_config',
    message: 'The installed "ioredis" package does not export a Redis client',
  });
  jest.resetModules();
  const err = await withIoredis(() => {
    throw 'no native binding';
  })
    .start(host)
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'invalid_config',
    message: 'Running several instances needs the "ioredis" package: npm install ioredis (loading it failed: no native binding)',
  });
});
