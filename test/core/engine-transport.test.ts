/**
 * The engine with a transport given to it (`useTransport`, as the micro benchmark does): a transport that
 * throws while opening fails only that session's start, answered 502 with its reason and logged.
 */
import { hostOf } from '../../src/app/server';
import { EchoApp, appConfig, captureLogger } from '../helpers/apps';

test('a transport that throws while opening is answered 502 CONNECT_FAILED with its message, and the engine takes the next session', async () => {
  const logger = captureLogger();
  const app = new EchoApp(appConfig({ logger, trustedCloudHosts: ['127.0.0.1'] }));
  const { engine } = hostOf(app);
  let fail = true;
  engine.useTransport(() => {
    if (fail) throw new Error('no sockets left');
    throw Object.assign(new TypeError('still none'), { code: 'EMFILE' });
  });
  const body = (n: number) => ({ type: 'session_request', sessionId: `s-${n}`, userId: 'u@example.com', mentraOSWebsocketUrl: 'ws://127.0.0.1:9/app-ws' });
  expect(await engine.handleWebhook(body(1))).toEqual({
    status: 502,
    body: { status: 'error', message: 'Could not connect to the cloud: no sockets left', code: 'CONNECT_FAILED' },
  });
  fail = false;
  expect((await engine.handleWebhook(body(2))).body).toEqual({
    status: 'error',
    message: 'Could not connect to the cloud: still none',
    code: 'CONNECT_FAILED',
  });
  expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual([
    'Session s-1 could not start: no sockets left',
    'Session s-2 could not start: still none',
  ]);
  expect(engine.registry.entries()).toEqual([]);
  expect(app.seen.sessions).toEqual([]);
});
