/** The legacy facade's delegations, pinned by what an app sees: default hooks and the discoverTpaUsers arguments. */
import { TpaServer, type TpaSession } from '../../compat';
import { API_KEY, captureLogger, cloudPerTest, eventually } from '../helpers/apps';
import { LegacyEcho, legacyConfig } from './helpers';

/** A legacy app that overrides no hook: the defaults TpaServer inherits run. */
class BareLegacy extends TpaServer {}

describe('compat/server.ts', () => {
  const t = cloudPerTest({ dialect: 'augmentos' });

  test("without an onSession override, TpaServer runs AppServer's default: a debug line naming the session and user", async () => {
    const logger = captureLogger();
    const app = await t.start(new BareLegacy(legacyConfig({ logger })));
    const user = await t.cloud.startSession({ app });
    const expected = `Session ${user.sessionId} started for ${user.userId}`;
    await eventually(() => logger.lines.some((l) => l.text.includes(expected)), 20_000, 'the default onSession debug line');
    expect(logger.lines.find((l) => l.text.includes(expected))?.level).toBe('debug');
    await user.stop();
  });
});

describe('compat/session.ts', () => {
  const t = cloudPerTest({ dialect: 'augmentos' });

  async function legacySession(): Promise<TpaSession> {
    const app = await t.start(new LegacyEcho(legacyConfig()));
    await t.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    return app.sessions[0];
  }

  function discoverBodies(): Array<Record<string, unknown>> {
    return t.cloud.httpRequests.filter((r) => r.path.endsWith('/discover-users')).map((r) => r.body as Record<string, unknown>);
  }

  test('discoverTpaUsers() with no arguments asks the cloud without profiles; with includeProfiles it asks for them', async () => {
    const session = await legacySession();
    expect((await session.discoverTpaUsers()).totalUsers).toBe(1);
    expect((await session.discoverTpaUsers('ignored.example')).totalUsers).toBe(1);
    expect((await session.discoverTpaUsers('ignored.example', true)).totalUsers).toBe(1);
    expect(discoverBodies().map((b) => b.includeUserProfiles)).toEqual([false, false, true]);
    const last = t.cloud.httpRequests.at(-1);
    expect(last).toMatchObject({ path: '/api/tpa-communication/discover-users', authorization: `Bearer ${API_KEY}` });
  });

  test('discoverTpaUsers(true) from a JavaScript app, in the modern argument form, asks for profiles', async () => {
    const session = await legacySession();
    await session.discoverTpaUsers(true as never);
    expect(discoverBodies().map((b) => b.includeUserProfiles)).toEqual([true]);
  });
});
