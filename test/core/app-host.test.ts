/**
 * The Express server's own life (`src/core/http/host.ts`) over real HTTP on 127.0.0.1: starting (once; on a
 * taken port with a typed error and a way to try again; on an address it cannot bind), what it says once
 * listening, its port and `listening` before, during and after, the signal handlers it installs only when asked
 * and removes at stop, one `stop()` however often it is called, and no `X-Powered-By` in its answers.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { AppServer } from '../../src';
import { hostOf } from '../../src/app/server';
import { SdkError } from '../../src/core/errors';
import { appConfig, captureLogger } from '../helpers/apps';
import { until } from './memory-transport';

/** A port something else holds, with the way to let it go. */
async function takenPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const blocker = createServer();
  blocker.listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const { port } = blocker.address() as AddressInfo;
  return { port, release: () => new Promise<void>((resolve) => blocker.close(() => resolve())) };
}

test('a taken port rejects start() with port_in_use, and start() may be tried again once it is free', async () => {
  const { port, release } = await takenPort();
  const app = new AppServer(appConfig({ port, host: '127.0.0.1' }));
  const err = await app.start().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SdkError);
  expect(err).toMatchObject({
    code: 'port_in_use',
    message: `Port ${port} is already in use: stop the other process or choose another port`,
    cause: { code: 'EADDRINUSE' },
  });
  expect(hostOf(app).listening).toBe(false);
  await release();
  await app.start();
  expect([hostOf(app).listening, hostOf(app).port]).toEqual([true, port]);
  await app.stop();
});

test('an address the machine does not have rejects start() with server_error, naming the port and the reason', async () => {
  const app = new AppServer(appConfig({ port: 0, host: '192.0.2.1' }));
  const err = await app.start().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SdkError);
  expect((err as SdkError).code).toBe('server_error');
  expect((err as SdkError).message).toMatch(/^Could not listen on port 0: listen EADDRNOTAVAIL/);
  expect((err as SdkError).cause).toMatchObject({ code: 'EADDRNOTAVAIL' });
  expect(hostOf(app).listening).toBe(false);
});

test('start() is refused while started; the port is the configured one until listening; listening follows the server', async () => {
  const logger = captureLogger();
  const app = new AppServer(appConfig({ logger, port: 0 }));
  const host = hostOf(app);
  expect([host.port, host.listening]).toEqual([0, false]);
  await app.start();
  expect(host.listening).toBe(true);
  expect(host.port).toBeGreaterThan(0);
  expect(logger.lines.filter((l) => l.level === 'info').map((l) => l.text)).toContain(`App server listening on port ${host.port}`);
  await expect(app.start()).rejects.toMatchObject({ code: 'invalid_argument', message: 'The server is already started' });
  const res = await fetch(`http://127.0.0.1:${host.port}/health`);
  expect(res.headers.get('x-powered-by')).toBeNull();
  const missing = await fetch(`http://127.0.0.1:${host.port}/nothing`);
  expect(missing.headers.get('x-powered-by')).toBeNull();
  const stopping = app.stop();
  expect(app.stop()).toBe(stopping);
  await stopping;
  expect([host.listening, host.port]).toEqual([false, 0]);
});

test('stop() before start() resolves; an error of the listening server is logged and the server keeps serving', async () => {
  await expect(new AppServer(appConfig()).stop()).resolves.toBeUndefined();

  const logger = captureLogger();
  const app = new AppServer(appConfig({ logger }));
  await app.start();
  const host = hostOf(app);
  // The stimulus only: a listening server rarely emits an error of its own.
  (host as unknown as { server: Server }).server.emit('error', new Error('EMFILE: too many open files'));
  expect(logger.lines.filter((l) => l.level === 'error')).toEqual([{ level: 'error', text: 'HTTP server error: EMFILE: too many open files' }]);
  expect(host.listening).toBe(true);
  expect((await fetch(`http://127.0.0.1:${host.port}/health`)).status).toBe(200);
  await app.stop();
});

test('healthCheck: false leaves GET /health unserved: a JSON 404, while other methods there still get 405', async () => {
  const app = new AppServer(appConfig({ healthCheck: false }));
  await app.start();
  const base = `http://127.0.0.1:${app.getPort()}/health`;
  const get = await fetch(base);
  expect([get.status, await get.json()]).toEqual([404, { status: 'error', message: 'Nothing is served at GET /health' }]);
  const post = await fetch(base, { method: 'POST' });
  expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
  await app.stop();
});

test('signal handlers are installed only with handleSignals, once, and removed by stop()', async () => {
  const count = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
  const before = count();
  const quiet = new AppServer(appConfig());
  await quiet.start();
  expect(count()).toEqual(before);
  await quiet.stop();
  const handling = new AppServer(appConfig({ handleSignals: true }));
  await handling.start();
  expect(count()).toEqual([before[0] + 1, before[1] + 1]);
  await handling.stop();
  expect(count()).toEqual(before);
});

test('the installed signal handler stops the server', async () => {
  const known = new Set(process.listeners('SIGTERM'));
  const app = new AppServer(appConfig({ handleSignals: true }));
  await app.start();
  const handler = process.listeners('SIGTERM').find((l) => !known.has(l));
  expect(handler).toBeDefined();
  // Called as Node would on SIGTERM, without sending the signal to the test process.
  (handler as () => void)();
  await until(() => !hostOf(app).listening, 'the server to stop');
  expect(process.listeners('SIGTERM').includes(handler as () => void)).toBe(false);
  // the handler's stop() is the one stop(): awaiting it leaves nothing running past the test
  await app.stop();
});
