/**
 * An app configured for several instances on a machine without `ioredis`: `start()` rejects with
 * `invalid_config` naming the package, listens on nothing, and may be called again (it rejects the same way
 * rather than as a second start).
 */
import { AppServer } from '../../src';
import { hostOf } from '../../src/app/server';
import { appConfig } from '../helpers/apps';

jest.mock('ioredis', () => {
  throw Object.assign(new Error("Cannot find module 'ioredis'"), { code: 'MODULE_NOT_FOUND' });
});

test('start() without ioredis rejects with invalid_config, listens on nothing, and may be tried again', async () => {
  const app = new AppServer(appConfig({ cluster: { redisUrl: 'redis://127.0.0.1:1', instanceUrl: 'http://127.0.0.1:1' } }));
  const refusal = { code: 'invalid_config', message: 'Running several instances needs the "ioredis" package: npm install ioredis' };
  await expect(app.start()).rejects.toMatchObject(refusal);
  expect(hostOf(app).listening).toBe(false);
  await expect(app.start()).rejects.toMatchObject(refusal);
  await app.stop();
});
