/**
 * What the `AppServer` facade and its engine hooks show an app: where a hook's error goes (the `onError`
 * option, or the logger with the phase and session), what the default `onSession` logs, which class name a
 * config error carries, and the TypeError for a server method called on something that is not a server.
 */
import { AppServer, type AppSetting, type ErrorContext, isSdkError } from '../../src';
import { API_KEY, appConfig, captureLogger, cloudPerTest, eventually } from '../helpers/apps';

const errorLines = (logger: ReturnType<typeof captureLogger>) => logger.lines.filter((l) => l.level === 'error').map((l) => l.text);

class FailingApp extends AppServer {
  protected override async onSession(): Promise<void> {
    throw new Error('boom');
  }

  protected onSettingsUpdate(_userId: string, _settings: AppSetting[]): void {
    throw new Error('settings broke');
  }
}

const env = cloudPerTest();
const run = <T extends AppServer>(app: T): Promise<T> => env.start(app);

describe('server-hooks: where an app hook error goes', () => {
  test('without onError, an onSession throw is logged once at error with the phase and the session id', async () => {
    const logger = captureLogger();
    const app = await run(new FailingApp(appConfig({ logger })));
    const user = await env.cloud.startSession({ app, packageName: 'com.example.app' });
    await eventually(() => errorLines(logger).some((t) => t.includes('boom')), 20_000, 'the logged onSession error');
    expect(errorLines(logger)).toEqual([`Error in onSession of session ${user.sessionId}: boom`]);
  });

  test('an error outside a session is logged with its phase only', async () => {
    const logger = captureLogger();
    const app = await run(new FailingApp(appConfig({ logger })));
    const user = await env.cloud.startSession({ app, packageName: 'com.example.app' });
    await eventually(() => errorLines(logger).length > 0, 20_000, 'the onSession error');
    await user.pushSettings([{ key: 'k', value: 1 }], { viaWebSocket: false });
    await eventually(() => errorLines(logger).some((t) => t.includes('settings broke')), 20_000, 'the logged settings error');
    expect(errorLines(logger)).toContain('Error in onSettingsUpdate: settings broke');
  });

  test('onError receives the error instead of the logger; an onError that throws is logged, then the error itself', async () => {
    const logger = captureLogger();
    const seen: Array<[string, ErrorContext]> = [];
    const app = await run(
      new FailingApp(
        appConfig({
          logger,
          onError: (error, context) => {
            seen.push([error.message, context]);
            if (seen.length > 1) throw new Error('handler broke');
          },
        }),
      ),
    );
    const user = await env.cloud.startSession({ app, packageName: 'com.example.app' });
    await eventually(() => seen.length === 1, 20_000, 'onError for onSession');
    expect(seen[0]).toEqual(['boom', expect.objectContaining({ phase: 'onSession', sessionId: user.sessionId })]);
    expect(errorLines(logger)).toEqual([]);

    await user.pushSettings([{ key: 'k', value: 1 }], { viaWebSocket: false });
    await eventually(() => errorLines(logger).length >= 2, 20_000, 'the two logged lines');
    expect(seen[1]).toEqual(['settings broke', expect.objectContaining({ phase: 'onSettingsUpdate' })]);
    expect(errorLines(logger)).toEqual(['The onError handler threw: handler broke', 'Error in onSettingsUpdate: settings broke']);
  });
});

describe('server: the AppServer facade', () => {
  test('a server method called on something that is not a server throws a TypeError that says so', () => {
    expect(() => AppServer.prototype.start.call({})).toThrow(new TypeError('Not an AppServer'));
  });

  test("a config error names the app's class, or AppServer for an anonymous class", () => {
    class NamedApp extends AppServer {}
    const bad = { packageName: 'com.example.app', apiKey: API_KEY, port: 'not a port' } as never;
    const messageOf = (build: () => unknown): string => {
      try {
        build();
      } catch (e) {
        expect(isSdkError(e) && e.code).toBe('invalid_config');
        return (e as Error).message;
      }
      throw new Error('expected an invalid_config error');
    };
    expect(messageOf(() => new NamedApp(bad))).toMatch(/^NamedApp config: /);
    expect(messageOf(() => new (class extends AppServer {})(bad))).toMatch(/^AppServer config: /);
    expect(messageOf(() => new AppServer(bad))).toMatch(/^AppServer config: /);
  });

  test('the default onSession logs the session and user at debug', async () => {
    const logger = captureLogger();
    class Plain extends AppServer {}
    const app = await run(new Plain(appConfig({ logger })));
    const user = await env.cloud.startSession({ app, packageName: 'com.example.app' });
    const line = `Session ${user.sessionId} started for ${user.userId}`;
    await eventually(() => logger.lines.some((l) => l.text === line), 20_000, 'the debug line');
    expect(logger.lines.filter((l) => l.text === line).map((l) => l.level)).toEqual(['debug']);
  });
});
