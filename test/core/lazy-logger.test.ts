/**
 * A session that never logs pays nothing for its logger: the per-session child logger is created on first use
 * only (registering handlers and receiving events do not create it; a warning does).
 */
import { createTestCloud, type TestCloud } from '../../src/testing';
import { appConfig, captureLogger, EchoApp } from '../helpers/apps';

let cloud: TestCloud;
let app: EchoApp;
afterEach(async () => {
  await app?.stop();
  await cloud?.close();
});

test('a session that only handles events creates no child logger; its first warning does', async () => {
  const logger = captureLogger();
  const children: unknown[] = [];
  logger.child = (bindings: unknown) => {
    children.push(bindings);
    return logger;
  };
  cloud = await createTestCloud();
  app = new EchoApp(appConfig({ logger }));
  await app.start();
  const user = await cloud.startSession({ app });
  await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
  await user.transcribe('hello');
  await user.waitForDisplay(/echo: hello/);
  expect(children).toEqual([]);
  app.seen.sessions[0]!.logger.warn('now it logs');
  expect(children).toHaveLength(1);
});
