import { AppServer, type AppSession, type AppSetting, type SettingRecord, type ErrorContext } from '../../src';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { appConfig, eventually, started } from '../helpers/apps';

/** Records server-level and session-level settings events. */
class SettingsApp extends AppServer {
  readonly serverUpdates: Array<{ userId: string; settings: AppSetting[] }> = [];
  readonly sessionChanges: Array<{ userId: string; keys: string[] }> = [];
  readonly sessionUpdates: string[] = [];
  readonly sessions: AppSession[] = [];
  failHook = false;

  protected override async onSession(session: AppSession, _sessionId: string, userId: string): Promise<void> {
    this.sessions.push(session);
    session.settings.onChange((changes) => void this.sessionChanges.push({ userId, keys: Object.keys(changes) }));
    session.events.onSettingsUpdate(() => void this.sessionUpdates.push(userId));
  }

  /** Duck-typed, as in @mentra/sdk: defined only by the subclass. */
  async onSettingsUpdate(userId: string, settings: AppSetting[]): Promise<void> {
    this.serverUpdates.push({ userId, settings });
    if (this.failHook) throw new Error('settings hook failed');
  }
}

const THEME_DARK: SettingRecord[] = [
  { key: 'theme', type: 'select', value: 'dark' },
  { key: 'size', type: 'slider', value: 3 },
];
const THEME_LIGHT: SettingRecord[] = [
  { key: 'theme', type: 'select', value: 'light' },
  { key: 'size', type: 'slider', value: 3 },
];

async function post(port: number, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
}

describe('POST /settings', () => {
  let cloud: TestCloud;
  let app: SettingsApp;
  let errors: Array<{ error: Error; context: ErrorContext }>;
  beforeEach(async () => {
    cloud = await createTestCloud({
      settings: [
        { key: 'theme', type: 'select', value: 'light' },
        { key: 'size', type: 'slider', value: 3 },
      ],
    });
    errors = [];
    app = await started(new SettingsApp(appConfig({ onError: (error, context) => void errors.push({ error, context }) })));
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  const startUser = async (userId: string): Promise<SimulatedUser> => {
    const user = await cloud.startSession({ app, userId });
    await eventually(() => app.sessions.some((s) => s.userId === userId), 3000, 'onSession');
    return user;
  };

  test('updates the live sessions of exactly that user and answers how many', async () => {
    await startUser('bob@x.com');
    await startUser('alice+bob@x.com');
    const res = await post(app.getPort(), { userIdForSettings: 'bob@x.com', settings: THEME_DARK });
    expect(res).toEqual({
      status: 200,
      contentType: expect.stringContaining('application/json'),
      body: { status: 'success', message: 'Settings updated successfully', sessionsUpdated: 1 },
    });
    const bob = app.sessions.find((s) => s.userId === 'bob@x.com')!;
    const alice = app.sessions.find((s) => s.userId === 'alice+bob@x.com')!;
    expect(bob.settings.get('theme')).toBe('dark');
    expect(alice.settings.get('theme')).toBe('light');
    expect(app.serverUpdates).toEqual([{ userId: 'bob@x.com', settings: THEME_DARK }]);
    expect(app.sessionChanges).toEqual([{ userId: 'bob@x.com', keys: ['theme'] }]);
  });

  test('a user without a live session: sessionsUpdated 0, onSettingsUpdate still runs once', async () => {
    const res = await post(app.getPort(), { userIdForSettings: 'nobody@x.com', settings: THEME_DARK });
    expect(res.body).toEqual({ status: 'success', message: 'Settings updated successfully', sessionsUpdated: 0 });
    expect(app.serverUpdates).toHaveLength(1);
  });

  test('a server without onSettingsUpdate still updates the sessions', async () => {
    class Plain extends AppServer {}
    const plain = await started(new Plain(appConfig()));
    try {
      const user = await cloud.startSession({ app: plain, userId: 'p@x.com' });
      const res = await user.pushSettings(THEME_DARK, { viaWebSocket: false });
      expect(res.body.sessionsUpdated).toBe(1);
    } finally {
      await plain.stop();
    }
  });

  test.each([
    ['no userIdForSettings', { settings: [] }, 'Missing userId or settings array in request body'],
    ['an empty userIdForSettings', { userIdForSettings: '', settings: [] }, 'Missing userId or settings array in request body'],
    ['settings not an array', { userIdForSettings: 'u', settings: { theme: 'dark' } }, 'Missing userId or settings array in request body'],
    ['a settings entry that is not an object', { userIdForSettings: 'u', settings: ['dark'] }, 'Every entry of "settings" must be an object'],
    ['a JSON array body', [1], 'Missing userId or settings array in request body'],
  ])('%s → 400 JSON with the reason, nothing called', async (_name, body, message) => {
    const res = await post(app.getPort(), body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 'error', message });
    expect(app.serverUpdates).toHaveLength(0);
  });

  test('a throwing onSettingsUpdate answers 500 JSON and reaches onError', async () => {
    app.failHook = true;
    const res = await post(app.getPort(), { userIdForSettings: 'u', settings: [] });
    expect(res.status).toBe(500);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual({ status: 'error', message: 'Internal server error processing settings update' });
    expect(errors.map((e) => [e.error.message, e.context.phase])).toEqual([['settings hook failed', 'onSettingsUpdate']]);
  });
});

describe('pitfall 7.2.14: settings do not fire twice', () => {
  let cloud: TestCloud;
  let app: SettingsApp;
  let user: SimulatedUser;
  let marks = 0;
  /** Waits until the app has handled every frame sent so far on the socket (frames are handled in order). */
  const drained = async () => {
    const mark = ++marks;
    await user.updateSystemSettings({ testMark: mark });
    await eventually(() => app.sessions[0].settings.getMentraOS('testMark') === mark, 3000, 'the socket to drain');
  };
  beforeEach(async () => {
    cloud = await createTestCloud({ settings: THEME_LIGHT });
    app = await started(new SettingsApp(appConfig()));
    user = await cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1, 3000, 'onSession');
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  test("WebSocket settings_update first, then POST /settings (the cloud's order)", async () => {
    const res = await user.pushSettings(THEME_DARK);
    expect(res.body.sessionsUpdated).toBe(1);
    await drained();
    expect(app.sessionChanges).toEqual([{ userId: user.userId, keys: ['theme'] }]);
    expect(app.sessionUpdates).toEqual([user.userId]);
    expect(app.serverUpdates).toHaveLength(1);
    expect(app.sessions[0].settings.get('theme')).toBe('dark');
  });

  test('POST /settings first, then the WebSocket settings_update', async () => {
    await user.pushSettings(THEME_DARK, { viaWebSocket: false });
    await user.updateSettings(THEME_DARK);
    await drained();
    expect(app.sessionChanges).toEqual([{ userId: user.userId, keys: ['theme'] }]);
    expect(app.sessionUpdates).toEqual([user.userId]);
    expect(app.serverUpdates).toHaveLength(1);
  });

  test('a second, different change still fires once more', async () => {
    await user.pushSettings(THEME_DARK);
    await user.pushSettings(THEME_LIGHT);
    await drained();
    expect(app.sessionChanges.map((c) => c.keys)).toEqual([['theme'], ['theme']]);
    expect(app.serverUpdates).toHaveLength(2);
  });
});

test('with a webhook secret a settings push needs it too: 401 and nothing applied without it, applied with it', async () => {
  const secret = 'settings-push-secret-0123456789';
  const cloud = await createTestCloud({ webhookSecret: secret, settings: THEME_LIGHT });
  const app = await started(new SettingsApp(appConfig({ webhookSecret: secret })));
  try {
    const user = await cloud.startSession({ app, userId: 'guarded@example.com' });
    const push = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${app.getPort()}/settings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ userIdForSettings: user.userId, settings: THEME_DARK }),
      });
    const refused = await push({});
    expect([refused.status, await refused.json()]).toEqual([
      401,
      { status: 'error', message: expect.stringMatching(/^Missing the X-MentraOS-Webhook-Secret header/) },
    ]);
    expect(app.serverUpdates).toEqual([]);
    const accepted = await push({ 'x-mentraos-webhook-secret': secret });
    expect(accepted.status).toBe(200);
    expect(app.serverUpdates.map((u) => u.userId)).toEqual([user.userId]);
  } finally {
    await app.stop();
    await cloud.close();
  }
});
