/**
 * The engine with a transport given to it (`useTransport`, as the micro benchmark does): a transport that
 * throws while opening fails only that session's start, answered 502 with its reason and logged; a transport given
 * later is the one later sessions open with.
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

test('a transport given after sessions have started is the one the next session opens with', async () => {
  const app = new EchoApp(appConfig({ logger: captureLogger(), trustedCloudHosts: ['127.0.0.1'] }));
  const { engine } = hostOf(app);
  const refusing = (name: string) => () => {
    throw new Error(`${name} has no sockets`);
  };
  const body = (n: number) => ({ type: 'session_request', sessionId: `s-${n}`, userId: 'u@example.com', mentraOSWebsocketUrl: 'ws://127.0.0.1:9/app-ws' });
  engine.useTransport(refusing('first'));
  expect((await engine.handleWebhook(body(1))).body).toMatchObject({ message: 'Could not connect to the cloud: first has no sockets' });
  engine.useTransport(refusing('second'));
  expect((await engine.handleWebhook(body(2))).body).toMatchObject({ message: 'Could not connect to the cloud: second has no sockets' });
});
