/**
 * An unchanged AugmentOS-style app (`examples/legacy/webview.ts`, a TpaServer keeping notes in its own memory)
 * run as two instances sharing Redis through the environment alone: the webview request lands on the instance
 * that did not hear the notes and is still answered with them, by the instance that did.
 */
import { DEV_API_KEY, createTestCloud, freePort, launchApp, type LaunchedApp, type TestCloud } from '../../src/testing';
import { startRedis, type RedisServer } from '../helpers/redis';
import { frontendToken } from '../helpers/webview';

const PKG = 'org.example.webview';

describe('a legacy app on two instances', () => {
  let redis: RedisServer;
  let cloud: TestCloud;
  const apps: LaunchedApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await cloud?.close();
    await redis?.stop();
  });

  test("a webview request reaches the TpaServer instance holding the wearer's session and its in-memory notes", async () => {
    redis = await startRedis();
    cloud = await createTestCloud({ dialect: 'augmentos' });
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        const app = await launchApp('webview.ts', {
          port,
          packageName: PKG,
          cwd: 'examples/legacy',
          readyTimeoutMs: 60_000,
          env: { MENTRAOS_REDIS_URL: redis.url, MENTRAOS_INSTANCE_URL: `http://127.0.0.1:${port}` },
        });
        apps.push(app);
        return app;
      }),
    );
    const user = await cloud.startSession({ app: { port: a.port }, packageName: PKG, userId: 'legacy@example.com' });
    await user.transcribe('buy milk');
    await user.waitForDisplay('Saved note 1');

    const token = encodeURIComponent(frontendToken(user.userId, DEV_API_KEY));
    const page = await fetch(`http://127.0.0.1:${b.port}/webview?aos_frontend_token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<h1>Notes for legacy@example.com</h1><ul><li>buy milk</li></ul>');

    // The stop webhook lands on the other instance too, and ends the session where it lives.
    expect((await user.routeTo({ port: b.port }).stop()).body).toEqual({ status: 'success' });
    await redis.untilGone([`mentraos:${PKG}:s:${user.sessionId}`, `mentraos:${PKG}:u:${user.userId}`]);
  }, 90_000);
});
