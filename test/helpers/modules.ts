/** A started app whose first session is handed to the test, for exercising session modules. */
import { AppServer, type AppServerConfig, type AppSession, isSdkError, type SdkError } from '../../src';
import { createTestCloud, type SimulatedUser, type StartSessionOptions, type TestCloud, type TestCloudOptions } from '../../src/testing';
import { appConfig, captureLogger } from './apps';

export interface Started {
  app: AppServer;
  user: SimulatedUser;
  session: AppSession;
}

/** Starts an app with `extra` config, starts one session on `cloud`, and resolves once onSession has the session. */
export async function startSession(cloud: TestCloud, extra: Partial<AppServerConfig> = {}, start: Partial<StartSessionOptions> = {}): Promise<Started> {
  let resolve!: (s: AppSession) => void;
  const ready = new Promise<AppSession>((r) => (resolve = r));
  class Probe extends AppServer {
    protected override async onSession(session: AppSession): Promise<void> {
      resolve(session);
    }
  }
  const app = new Probe(appConfig(extra));
  await app.start();
  const user = await cloud.startSession({ app, packageName: extra.packageName ?? 'com.example.app', ...start });
  const session = await ready;
  return { app, user, session };
}

/** The rejection of `p`, asserted to be an SdkError with `code`. */
export async function sdkRejection(p: Promise<unknown>, code: string): Promise<SdkError> {
  const err = await p.then(
    () => {
      throw new Error(`Expected a rejection with SdkError('${code}'), but the promise resolved`);
    },
    (e: unknown) => e,
  );
  if (!isSdkError(err)) throw new Error(`Expected an SdkError('${code}'), got ${String(err)}`);
  expect(err.code).toBe(code);
  return err;
}

/** What `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('Expected the call to throw');
}

/** The first app→cloud message (past or future) of `type` that satisfies `match`. */
export function waitSent(user: SimulatedUser, type: string, match: (msg: any) => boolean = () => true, timeoutMs = 3000): Promise<any> {
  return user.waitForMessage((m) => m?.type === type && match(m), timeoutMs);
}

/**
 * Per-test cloud and apps, closed after each test: `const h = harness(); ... const { user, session } = await h.start();`.
 * The cloud is created by `h.useCloud(options)` or on the first `h.start()`.
 */
export function harness(defaults: TestCloudOptions = {}) {
  let cloud: TestCloud | undefined;
  const apps: AppServer[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await cloud?.close();
    cloud = undefined;
  });
  return {
    get cloud(): TestCloud {
      if (!cloud) throw new Error('No cloud yet: call useCloud() or start() first');
      return cloud;
    },
    async useCloud(options: TestCloudOptions = {}): Promise<TestCloud> {
      cloud = await createTestCloud({ ...defaults, ...options });
      return cloud;
    },
    async start(extra: Partial<AppServerConfig> = {}, start: Partial<StartSessionOptions> = {}): Promise<Started> {
      const s = await startSession(cloud ?? (await this.useCloud()), extra, start);
      apps.push(s.app);
      return s;
    },
    /** `start`, with what reaches the app's `onError` and its logger recorded (`extra` may set `logLevel`). */
    async startWatched(extra: Partial<AppServerConfig> = {}): Promise<Started & { errors: Error[]; logger: ReturnType<typeof captureLogger> }> {
      const errors: Error[] = [];
      const logger = captureLogger();
      const s = await this.start({ ...extra, onError: (e) => void errors.push(e), logger });
      return { ...s, errors, logger };
    },
  };
}

/** A value of the right type for every field of `device_state_update` (none of them null). */
export const FULL_DEVICE_STATE = {
  connected: true,
  modelName: 'Mentra Live',
  wifiConnected: true,
  wifiSsid: 'home',
  wifiLocalIp: '192.168.1.20',
  batteryLevel: 80,
  charging: false,
  caseBatteryLevel: 55,
  caseCharging: true,
  caseOpen: false,
  caseRemoved: true,
  hotspotEnabled: false,
  hotspotSsid: 'glasses-hotspot',
};
