/**
 * The engine's part every server facade shares (`src/core/http/engine-setup.ts`), over real HTTP: a webhook
 * whose handling fails unexpectedly is a logged 500 with a reason and the server keeps serving (on the fast
 * webhook lane and on the Express route behind a webhook secret), and `stop()` runs every cleanup handler
 * even when one fails.
 */
import { AppServer, type AppSession } from '../../src';
import { hostOf } from '../../src/app/server';
import type { CoreSession } from '../../src/core/session/session';
import { API_KEY, appConfig, captureLogger } from '../helpers/apps';
import { keepLogEnvironment, stdoutOf } from '../helpers/stdout';

/** An app whose session object cannot be built (as a subclass's own session type might fail). */
class BrokenFacadeApp extends AppServer {
  protected override createSessionFacade(_core: CoreSession): AppSession {
    throw new Error('the session object could not be built');
  }
}

const sessionRequest = { type: 'session_request', sessionId: 's-1', userId: 'u@example.com', websocketUrl: 'ws://127.0.0.1:9/app-ws' };

for (const secret of [undefined, 'a-webhook-secret-of-some-length']) {
  test(`an unexpected failure while handling a webhook is a logged 500 and the server keeps serving (${secret ? 'Express route' : 'fast lane'})`, async () => {
    const logger = captureLogger();
    const app = new BrokenFacadeApp(appConfig({ logger, webhookSecret: secret, trustedCloudHosts: ['127.0.0.1'] }));
    await app.start();
    try {
      const base = `http://127.0.0.1:${hostOf(app).port}`;
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(secret ? { 'x-mentraos-webhook-secret': secret } : {}) };
      const res = await fetch(`${base}/webhook`, { method: 'POST', headers, body: JSON.stringify(sessionRequest) });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ status: 'error', message: 'Internal error while handling the webhook' });
      expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.text)).toEqual(['Webhook handling failed: the session object could not be built']);
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe('healthy');
    } finally {
      await app.stop();
    }
  });
}

test('stop() runs every cleanup handler in order; a failing one is logged and the rest still run', async () => {
  const logger = captureLogger();
  const ran: string[] = [];
  class CleaningApp extends AppServer {
    constructor() {
      super(appConfig({ logger }));
      this.addCleanupHandler(() => void ran.push('first'));
      this.addCleanupHandler(() => {
        ran.push('throws');
        throw new Error('disk gone');
      });
      this.addCleanupHandler(async () => {
        ran.push('rejects');
        throw new Error('flush refused');
      });
      this.addCleanupHandler(() => void ran.push('last'));
    }
  }
  const app = new CleaningApp();
  await app.start();
  await expect(app.stop()).resolves.toBeUndefined();
  expect(ran).toEqual(['first', 'throws', 'rejects', 'last']);
  expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.text)).toEqual([
    'A cleanup handler failed: disk gone',
    'A cleanup handler failed: flush refused',
  ]);
});

describe("the server's own logger (no logger given)", () => {
  keepLogEnvironment();
  const linesOf = (app: AppServer) =>
    stdoutOf(() => {
      app.logger.debug('a debug line');
      app.logger.info('an info line');
      app.logger.warn(`a warning that quotes the key ${API_KEY}`);
      app.logger.error('an error line');
    }).map((line) => JSON.parse(line).msg as string);

  test('writes warnings and errors by default, with the API key redacted', () => {
    delete process.env.MENTRA_LOG_LEVEL;
    delete process.env.MENTRA_VERBOSE;
    expect(linesOf(new AppServer({ ...appConfig(), logger: undefined }))).toEqual(['a warning that quotes the key [redacted]', 'an error line']);
  });

  test('logLevel lowers or raises that; the environment wins over it', () => {
    delete process.env.MENTRA_VERBOSE;
    delete process.env.MENTRA_LOG_LEVEL;
    expect(linesOf(new AppServer({ ...appConfig(), logger: undefined, logLevel: 'debug' }))).toHaveLength(4);
    process.env.MENTRA_LOG_LEVEL = 'error';
    expect(linesOf(new AppServer({ ...appConfig(), logger: undefined, logLevel: 'debug' }))).toEqual(['an error line']);
  });
});
