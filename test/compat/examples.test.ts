/**
 * The legacy examples, run as their own processes exactly as an AugmentOS developer runs them (tsx on Node,
 * and Bun), importing `@augmentos/sdk` through the alias; each process serves a user of an AugmentOS cloud
 * and a user of a MentraOS cloud.
 */
import { createTestCloud, launchApp, type TestCloud, type LaunchedApp } from '../../src/testing';
import { DEV_API_KEY } from '../../src/testing';
import { appRuntimes } from '../helpers/bun';
import { frontendToken } from '../helpers/webview';
import { EXAMPLE_CLOUD, LEGACY_EXAMPLES } from '../helpers/legacy-examples';

const runtimes = appRuntimes();

describe.each(runtimes)('legacy examples on %s', (_name, runtime) => {
  let clouds: TestCloud[] = [];
  let app: LaunchedApp | undefined;
  beforeEach(async () => {
    clouds = [await createTestCloud({ dialect: 'augmentos', ...EXAMPLE_CLOUD }), await createTestCloud({ dialect: 'mentraos', ...EXAMPLE_CLOUD })];
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await Promise.all(clouds.map((c) => c.close()));
  });
  const launch = (entry: string, packageName: string) => launchApp(entry, { runtime, packageName, cwd: 'examples/legacy' });

  test.each(LEGACY_EXAMPLES.map((e) => [e.entry, e] as const))('%s serves a wearer of each cloud dialect', async (_entry, example) => {
    app = await launch(example.entry, example.packageName);
    for (const cloud of clouds) {
      const user = await example.drive(cloud, app.port);
      expect(user.webhookResponse?.status).toBe(200);
    }
  });

  test('transcription keeps the legacy caption options and subscribes exactly what it uses', async () => {
    app = await launch('transcription.ts', 'org.example.captions');
    const user = await clouds[0].startSession({ app: { port: app.port }, packageName: 'org.example.captions' });
    await user.transcribe('hello there');
    expect(await user.waitForDisplay('hello there')).toMatchObject({ view: 'main', durationMs: 3000 });
    await user.moveHead('up');
    await user.waitForDisplay('Captions paused');
    expect([...user.subscriptions].sort()).toEqual(['head_position', 'transcription:en-US']);
  });

  test('webview: publicDir and a custom route next to the webhook', async () => {
    app = await launch('webview.ts', 'org.example.webview');
    const base = `http://127.0.0.1:${app.port}`;
    expect(await (await fetch(`${base}/style.css`)).text()).toContain('Served from publicDir');
    expect((await fetch(`${base}/webview`)).status).toBe(401);
  });

  test('webview: a signed-in user of each cloud sees their own notes through req.authUserId, then by the session cookie', async () => {
    app = await launch('webview.ts', 'org.example.webview');
    const base = `http://127.0.0.1:${app.port}`;
    for (const cloud of clouds) {
      const userId = `${cloud.dialect.name}@example.com`;
      const user = await cloud.startSession({ app: { port: app.port }, packageName: 'org.example.webview', userId });
      await user.transcribe(`note from ${cloud.dialect.name}`);
      await user.waitForDisplay('Saved note 1');
      const res = await fetch(`${base}/webview?aos_frontend_token=${encodeURIComponent(frontendToken(userId, DEV_API_KEY))}`);
      const page = await res.text();
      expect(res.status).toBe(200);
      expect(page).toContain(`Notes for ${userId}`);
      expect(page).toContain(`<li>note from ${cloud.dialect.name}</li>`);
      expect(page.match(/<li>/g)).toHaveLength(1);
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      expect(cookie).toMatch(/^aos_session=/);
      expect(await (await fetch(`${base}/webview`, { headers: { cookie: cookie! } })).text()).toContain(`Notes for ${userId}`);
    }
    const forged = await fetch(`${base}/webview?aos_frontend_token=${encodeURIComponent(frontendToken('augmentos@example.com', 'another-apps-key'))}`);
    expect(forged.status).toBe(401);
  });

  test('dashboard: writeToMain and writeToExpanded send dashboard_content_update in both dialects', async () => {
    app = await launch('dashboard.ts', 'org.example.dashboard');
    for (const cloud of clouds) {
      const user = await cloud.startSession({ app: { port: app.port }, packageName: 'org.example.dashboard' });
      const main = await user.waitForMessage((m) => m.type === 'dashboard_content_update' && m.content === 'Dashboard example running');
      expect(main).toMatchObject({ packageName: 'org.example.dashboard', modes: ['main'] });
      await user.waitForSubscriptions((subs) => subs.some((s) => String(s).startsWith('transcription')));
      await user.transcribe('turn left');
      const expanded = await user.waitForMessage((m) => m.type === 'dashboard_content_update' && m.content === 'Last heard: turn left');
      expect(expanded).toMatchObject({ packageName: 'org.example.dashboard', modes: ['expanded'] });
      await user.stop();
    }
  });
});
