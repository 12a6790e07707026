/**
 * The SDK's logger is pino: the root `logger`, `AppServer.logger` and `session.logger` are pino loggers
 * (silent below `warn` by default, JSON lines on stdout), an injected pino instance or plain object gets
 * every call, `info('text', obj)` keeps the object, and the API key never appears in a line, a binding or
 * an error's cause. A session's child logger exists only once something used it.
 */
import vm from 'node:vm';
import pino, { type Logger as PinoLogger } from 'pino';
import { logger as rootLogger, SdkError } from '../../src';
import { coreOf } from '../../src/app/session';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { API_KEY, EchoApp, appConfig, captureLogger, started } from '../helpers/apps';
import { startSession } from '../helpers/modules';
import { stdoutOf } from '../helpers/stdout';

let cloud: TestCloud;
const apps: EchoApp[] = [];
beforeEach(async () => {
  cloud = await createTestCloud();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
  await cloud.close();
});

test('the root logger, AppServer.logger and session.logger are pino loggers, silent below warn by default', async () => {
  expect(rootLogger.level).toBe('warn');
  expect(typeof rootLogger.child).toBe('function');
  const { app, session } = await startSession(cloud, { logger: undefined });
  apps.push(app as EchoApp);
  const typed: PinoLogger = session.logger;
  expect(app.logger.level).toBe('warn');
  expect(app.logger.isLevelEnabled('info')).toBe(false);
  expect(typeof typed.bindings).toBe('function');
  expect(session.logger.bindings()).toMatchObject({ sessionId: session.getSessionId(), userId: session.userId });
  const child = session.logger.child({ service: 'X' });
  expect(child.bindings()).toMatchObject({ service: 'X', sessionId: session.getSessionId() });
  const lines = stdoutOf(() => {
    child.info('not shown at the default level');
    child.warn({ n: 1 }, 'shown');
  });
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, msg: 'shown', n: 1, service: 'X', sessionId: session.getSessionId() });
});

test('info("text", obj) keeps the object as fields, like info(obj, "text"); format strings still format', async () => {
  const app = await started(new EchoApp(appConfig({ logger: undefined, logLevel: 'info' })));
  apps.push(app);
  const lines = stdoutOf(() => {
    app.logger.info('text first', { a: 1 });
    app.logger.info({ b: 2 }, 'object first');
    app.logger.info('count %d', 3);
  }).map((l) => JSON.parse(l));
  expect(lines).toEqual([
    expect.objectContaining({ level: 30, msg: 'text first', a: 1 }),
    expect.objectContaining({ level: 30, msg: 'object first', b: 2 }),
    expect.objectContaining({ level: 30, msg: 'count 3' }),
  ]);
});

test('the API key is redacted from pino lines: text, objects, child bindings, errors and their causes', async () => {
  const app = await started(new EchoApp(appConfig({ logger: undefined, logLevel: 'info' })));
  apps.push(app);
  const err = new SdkError('connect_failed', `failed for ${API_KEY}`, { cause: new Error(`inner ${API_KEY}`) });
  const lines = stdoutOf(() => {
    app.logger.warn(`text ${API_KEY}`);
    app.logger.warn({ apiKey: API_KEY, nested: { k: API_KEY } }, 'object');
    app.logger.child({ k: API_KEY }).warn('child');
    app.logger.error(err, 'error');
    app.logger.error({ err }, 'error in a field');
  });
  expect(lines).toHaveLength(5);
  for (const l of lines) expect(l).not.toContain(API_KEY);
  expect(lines.join('\n')).toContain('[redacted]');
  expect(JSON.parse(lines[3]!).err).toMatchObject({ code: 'connect_failed', message: expect.stringContaining('failed for [redacted]') });
  // The stack survives the redacted copy (V8 keeps it behind an accessor), with the key redacted in it too.
  expect(JSON.parse(lines[3]!).err.stack).toMatch(/^SdkError: failed for \[redacted\]\n\s+at /);
  expect(JSON.parse(lines[4]!).err.stack).toMatch(/^SdkError: failed for \[redacted\]\n\s+at /);
  expect(err.message).toContain(API_KEY); // the app's own error object is untouched
});

test('an error from another realm (a vm context, as fetch errors are under jest) is logged with its message, redacted', async () => {
  const app = await started(new EchoApp(appConfig({ logger: undefined, logLevel: 'info' })));
  apps.push(app);
  const foreign = vm.runInNewContext(`const e = new TypeError('fetch failed for ' + key); e.code = 'ECONNREFUSED'; e`, { key: API_KEY }) as Error;
  expect(foreign instanceof Error).toBe(false);
  const lines = stdoutOf(() => {
    app.logger.error(foreign, 'as the object');
    app.logger.error({ err: foreign }, 'in a field');
  }).map((l) => JSON.parse(l));
  for (const line of lines) {
    expect(JSON.stringify(line)).not.toContain(API_KEY);
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'fetch failed for [redacted]', code: 'ECONNREFUSED' });
    expect(line.err.stack).toContain('TypeError: fetch failed for [redacted]');
  }
  expect(lines.map((l) => l.msg)).toEqual(['as the object', 'in a field']);
  expect(foreign.message).toContain(API_KEY); // the app's own error object is untouched
  // A logger with no secret to redact (the root logger) writes it as an error too.
  const plain = stdoutOf(() => {
    rootLogger.error(foreign, 'root, as the object');
    rootLogger.error({ err: foreign }, 'root, in a field');
  }).map((l) => JSON.parse(l));
  for (const line of plain) {
    expect(line.err).toMatchObject({ type: 'TypeError', message: `fetch failed for ${API_KEY}`, code: 'ECONNREFUSED' });
    expect(line.err.stack).toContain('TypeError: fetch failed for');
  }
  expect(plain.map((l) => l.msg)).toEqual(['root, as the object', 'root, in a field']);
});

test('an injected pino instance receives every line (its own level and destination), redacted, with session bindings', async () => {
  const written: string[] = [];
  const injected = pino({ level: 'debug' }, { write: (l: string) => void written.push(l) });
  const { app, session } = await startSession(cloud, { logger: injected });
  apps.push(app as EchoApp);
  session.logger.debug(`debug ${API_KEY}`);
  session.logger.child({ service: 'captions' }).info('text', { lang: 'en' });
  const lines = written.map((l) => JSON.parse(l));
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ level: 20, msg: 'debug [redacted]', sessionId: session.getSessionId() }),
      expect.objectContaining({ level: 30, msg: 'text', service: 'captions', userId: session.userId }),
    ]),
  );
  expect(written.join('')).not.toContain(API_KEY);
});

test('an injected pino instance at warn: calls below warn are not forwarded', async () => {
  const written: string[] = [];
  const injected = pino({ level: 'warn' }, { write: (l: string) => void written.push(l) });
  const app = await started(new EchoApp(appConfig({ logger: injected })));
  apps.push(app);
  expect(app.logger.isLevelEnabled('info')).toBe(false);
  app.logger.info('hidden');
  app.logger.warn('shown');
  expect(written.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
});

test('an injected plain object (four methods, no child) receives the calls as made, redacted', async () => {
  const lines = captureLogger();
  delete (lines as { child?: unknown }).child;
  const app = await started(new EchoApp(appConfig({ logger: lines })));
  apps.push(app);
  lines.lines.length = 0;
  app.logger.child({ service: 'x' }).warn('hello', { apiKey: API_KEY });
  app.logger.error(new Error(`boom ${API_KEY}`));
  app.logger.debug('below warn is forwarded too: the injected logger filters');
  expect(lines.lines.map((l) => l.level)).toEqual(['warn', 'error', 'debug']);
  expect(lines.lines[0]!.text).toBe('hello {"apiKey":"[redacted]"}');
  expect(lines.lines[1]!.text).toContain('boom [redacted]');
});

test('a session that never logs has no child logger; the first use creates it', async () => {
  const { app, session } = await startSession(cloud, { logger: undefined });
  apps.push(app as EchoApp);
  session.events.onTranscription(() => {});
  const core = coreOf(session) as unknown as { childLogger?: unknown };
  expect(core.childLogger).toBeUndefined();
  const first = session.logger;
  expect(core.childLogger).toBe(first);
  expect(session.logger).toBe(first);
});
