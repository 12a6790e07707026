/**
 * docs/failure-contract.md, the legacy rows (TpaServer / TpaSession, as @augmentos/sdk 1.1.x apps call
 * them), against the test cloud in both dialects' default (AugmentOS). The modern rows are in
 * test/app/modules/failure-contract.test.ts.
 */
import { createServer } from 'node:net';
import { TpaServer, type TpaSession } from '../../compat';
import { isSdkError, type SdkError } from '../../src';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { eventually } from '../helpers/apps';
import { LegacyEcho, captureDeprecations, legacyConfig } from './helpers';

const PKG = 'com.example.app';
let cloud: TestCloud;
const apps: TpaServer[] = [];
let deprecations: ReturnType<typeof captureDeprecations>;

beforeEach(async () => {
  deprecations = captureDeprecations();
  cloud = await createTestCloud({ dialect: 'augmentos' });
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
  await cloud.close();
  deprecations.restore();
});

class Reporting extends LegacyEcho {
  readonly reported: Error[] = [];
  constructor() {
    super(legacyConfig({ onError: (e) => (this as Reporting).reported.push(e) }));
    apps.push(this);
  }
}

async function legacySession(): Promise<{ app: Reporting; session: TpaSession; user: Awaited<ReturnType<TestCloud['startSession']>> }> {
  const app = new Reporting();
  await app.start();
  const user = await cloud.startSession({ app, packageName: PKG });
  await eventually(() => app.sessions.length === 1);
  return { app, session: app.sessions[0]!, user };
}

async function rejection(p: Promise<unknown>): Promise<SdkError> {
  const e = await p.then(
    () => new Error('resolved'),
    (x: unknown) => x,
  );
  if (!isSdkError(e)) throw new Error(`Expected an SdkError, got ${String(e)}`);
  return e;
}

test('session.requestPhoto (legacy) when the session ends first: rejects with an SdkError (published: a string after 30 s)', async () => {
  const { session, user } = await legacySession();
  const photo = rejection(session.requestPhoto());
  await user.waitForMessage((m) => m.type === 'photo_request');
  await user.stop();
  expect((await photo).code).toBe('session_closed');
});

test('discoverTpaUsers when the cloud fails: rejects with an SdkError; isUserActive resolves false and is reported', async () => {
  const { app, session } = await legacySession();
  await cloud.close();
  expect((await rejection(session.discoverTpaUsers())).code).toBe('cloud_request_failed');
  expect(await session.isUserActive('bob@example.com')).toBe(false);
  expect(app.reported.map((e) => (e as SdkError).code)).toEqual(['cloud_request_failed']);
});

test('broadcastToTpaUsers / joinTpaRoom / leaveTpaRoom after the session ended: reject with session_closed', async () => {
  const { session, user } = await legacySession();
  await user.stop();
  for (const p of [session.broadcastToTpaUsers({ hi: 1 }), session.joinTpaRoom('r'), session.leaveTpaRoom('r')]) {
    expect((await rejection(p)).code).toBe('session_closed');
  }
});

test('a throwing onTranscription handler: reported to onError, the echo handler still answers', async () => {
  const { app, session, user } = await legacySession();
  session.onTranscription(() => {
    throw new Error('legacy handler broke');
  });
  await user.transcribe('hi');
  await user.waitForDisplay('echo: hi');
  expect(app.reported.map((e) => e.message)).toEqual(['legacy handler broke']);
});

test('TpaServer.start() on a port in use: rejects with port_in_use (published: never rejected, the process crashed)', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  try {
    const app = new TpaServer(legacyConfig({ port: (blocker.address() as { port: number }).port, host: '127.0.0.1' }));
    expect((await rejection(app.start())).code).toBe('port_in_use');
  } finally {
    await new Promise((r) => blocker.close(r));
  }
});
