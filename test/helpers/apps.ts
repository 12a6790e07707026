/** Small apps and a log capture shared by the tests. */
import { AppServer, type AppSession, type AppServerConfig, type LoggerLike, type StopReason } from '../../src';
import { createTestCloud, type TestCloud, type TestCloudOptions } from '../../src/testing';
import { API_KEY, checkLogLine } from './secrets';

export { API_KEY };

export interface CapturedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

/** A logger at debug level that keeps every line, for asserting what the SDK logs (each line is checked for the API key). */
export function captureLogger(): LoggerLike & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const fmt = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(' ');
  const make =
    (level: CapturedLog['level']) =>
    (...args: unknown[]) => {
      const text = fmt(args);
      checkLogLine(text, `logger.${level}`);
      lines.push({ level, text });
    };
  const logger: LoggerLike & { lines: CapturedLog[] } = { lines, debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
  logger.child = () => logger;
  return logger;
}

export interface EchoEvents {
  sessions: AppSession[];
  stops: Array<{ sessionId: string; userId: string; reason: StopReason }>;
}

/** Every final transcription becomes `echo: <text>` on a text wall. */
export class EchoApp extends AppServer {
  readonly seen: EchoEvents = { sessions: [], stops: [] };

  protected override async onSession(session: AppSession): Promise<void> {
    this.seen.sessions.push(session);
    session.events.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(`echo: ${data.text}`);
    });
  }

  protected override async onStop(sessionId: string, userId: string, reason: StopReason): Promise<void> {
    this.seen.stops.push({ sessionId, userId, reason });
  }
}

export function appConfig(extra: Partial<AppServerConfig> = {}): AppServerConfig {
  return { packageName: 'com.example.app', apiKey: API_KEY, port: 0, logger: captureLogger(), ...extra };
}

export async function started<T extends AppServer>(app: T): Promise<T> {
  await app.start();
  return app;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` is true or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A fresh test cloud for each test of the calling `describe`; apps started through `start` are stopped after each test. */
/** Anything with start()/stop(): an AppServer, or a TpaServer (whose stop() may be typed void). */
type Startable = { start(): Promise<void>; stop(): unknown };

export function cloudPerTest(options: TestCloudOptions = {}): { readonly cloud: TestCloud; start<T extends Startable>(app: T): Promise<T> } {
  let cloud: TestCloud | undefined;
  const apps: Startable[] = [];
  beforeEach(async () => {
    cloud = await createTestCloud(options);
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map(async (a) => a.stop()));
    await cloud?.close();
  });
  return {
    get cloud() {
      if (!cloud) throw new Error('cloudPerTest: the cloud exists only inside a test');
      return cloud;
    },
    async start(app) {
      apps.push(app);
      await app.start();
      return app;
    },
  };
}
