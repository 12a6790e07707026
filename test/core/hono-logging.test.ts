/**
 * The 3.0.0-hono logging API and its environment variables, and the session logger's telemetry ring with
 * the default logger: `info` lines are kept for incidents but not printed below the output level.
 */
import { AppServer, type AppSession, createLogger, MentraError, SdkError } from '../../src';
import { envLogLevel } from '../../src/core/logger';
import { ringOf } from '../../src/core/telemetry';
import { appConfig, cloudPerTest } from '../helpers/apps';
import { keepLogEnvironment } from '../helpers/stdout';

describe('createLogger and the environment', () => {
  keepLogEnvironment();

  test('defaults to warn; logLevel and verbose configure it; none is silent', () => {
    delete process.env.MENTRA_LOG_LEVEL;
    delete process.env.MENTRA_VERBOSE;
    expect(createLogger().level).toBe('warn');
    expect(createLogger({ logLevel: 'info' }).level).toBe('info');
    expect(createLogger({ logLevel: 'none' }).level).toBe('silent');
    expect(createLogger({ verbose: true, logLevel: 'error' }).level).toBe('debug');
  });

  test('MENTRA_LOG_LEVEL overrides the config, MENTRA_VERBOSE overrides both; unknown values are ignored', () => {
    process.env.MENTRA_LOG_LEVEL = 'error';
    expect(createLogger({ logLevel: 'debug' }).level).toBe('error');
    process.env.MENTRA_LOG_LEVEL = 'none';
    expect(createLogger().level).toBe('silent');
    process.env.MENTRA_VERBOSE = '1';
    expect(createLogger({ logLevel: 'error' }).level).toBe('debug');
    process.env.MENTRA_VERBOSE = 'yes';
    process.env.MENTRA_LOG_LEVEL = 'loud';
    expect(envLogLevel()).toBeUndefined();
    expect(createLogger({ logLevel: 'info' }).level).toBe('info');
  });

  test("an AppServer's default logger follows MENTRA_LOG_LEVEL", () => {
    process.env.MENTRA_LOG_LEVEL = 'info';
    const app = new AppServer(appConfig({ logger: undefined }));
    expect(app.logger.level).toBe('info');
    delete process.env.MENTRA_LOG_LEVEL;
    expect(new AppServer(appConfig({ logger: undefined, logLevel: 'error' })).logger.level).toBe('error');
  });
});

describe('the session logger with the default logger', () => {
  const env = cloudPerTest();

  test('keeps info lines in its ring without printing them at the default warn level', async () => {
    class App extends AppServer {
      session: AppSession | undefined;
      protected override async onSession(session: AppSession): Promise<void> {
        this.session = session;
      }
    }
    const app = await env.start(new App(appConfig({ logger: undefined })));
    await env.cloud.startSession({ app });
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      app.session!.logger.info('kept, not printed');
      app.session!.logger.warn('kept and printed');
    } finally {
      process.stdout.write = write;
    }
    expect(printed.join('')).not.toContain('kept, not printed');
    expect(printed.join('')).toContain('kept and printed');
    const ring = ringOf(app.session!.logger)!;
    expect(ring.since(0).map((e) => [e.level, e.message])).toEqual([
      ['info', 'kept, not printed'],
      ['warn', 'kept and printed'],
    ]);
  });
});

describe('the 3.0.0-hono error classes', () => {
  test('are SdkErrors with the published names, codes and fields', async () => {
    const { MentraAuthError, MentraConnectionError, MentraTimeoutError, MentraValidationError, MentraPermissionError } = await import('../../src');
    const cases: Array<[Error & { code: string }, string, string]> = [
      [new MentraError('m', 'PARSE_ERROR'), 'MentraError', 'PARSE_ERROR'],
      [new MentraAuthError('m'), 'MentraAuthError', 'AUTH_ERROR'],
      [new MentraConnectionError('m'), 'MentraConnectionError', 'CONNECTION_ERROR'],
      [new MentraConnectionError('m', 'RECONNECT_FAILED'), 'MentraConnectionError', 'RECONNECT_FAILED'],
      [new MentraTimeoutError('m'), 'MentraTimeoutError', 'TIMEOUT_ERROR'],
      [new MentraValidationError('m'), 'MentraValidationError', 'VALIDATION_ERROR'],
      [new MentraPermissionError('m', 'location_update', 'LOCATION'), 'MentraPermissionError', 'PERMISSION_ERROR'],
    ];
    for (const [err, name, code] of cases) {
      expect([err.name, err.code, err.message]).toEqual([name, code, 'm']);
      expect(err).toBeInstanceOf(MentraError);
      expect(err).toBeInstanceOf(SdkError);
      expect(err).toBeInstanceOf(Error);
    }
    const perm = cases[6]![0] as InstanceType<typeof MentraPermissionError>;
    expect([perm.stream, perm.requiredPermission]).toEqual(['location_update', 'LOCATION']);
    expect(new MentraAuthError('m')).not.toBeInstanceOf(MentraConnectionError);
  });

  test("the engine's SdkErrors are instances of the class 3.0.0-hono uses for the same failure", async () => {
    const { MentraAuthError, MentraConnectionError, MentraTimeoutError, MentraValidationError } = await import('../../src');
    const refused = new SdkError('connection_error', 'refused');
    expect(refused).toBeInstanceOf(MentraError);
    expect(refused).toBeInstanceOf(MentraAuthError);
    expect(refused).not.toBeInstanceOf(MentraConnectionError);
    expect(new SdkError('connect_failed', 'x')).toBeInstanceOf(MentraConnectionError);
    expect(new SdkError('handshake_timeout', 'x')).toBeInstanceOf(MentraTimeoutError);
    expect(new SdkError('request_timeout', 'x')).toBeInstanceOf(MentraTimeoutError);
    expect(new SdkError('invalid_argument', 'x')).toBeInstanceOf(MentraValidationError);
    expect(new SdkError('photo_error', 'x')).not.toBeInstanceOf(MentraTimeoutError);
    expect(new Error('plain')).not.toBeInstanceOf(MentraError);
    // Keeps its own code: 2.x apps match on it.
    expect(refused.code).toBe('connection_error');
  });
});
