/** TpaServer: config shims, warnings, HTTP surface and the legacy `stop(): void`, on the real engine. */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppServer, type SdkError, isSdkError } from '../../src';
import { TpaServer, TpaSession } from '../../compat';
import { eventually, cloudPerTest } from '../helpers/apps';
import { LegacyEcho, captureDeprecations, freshSdk, legacyConfig, startedLegacy } from './helpers';

describe('TpaServer', () => {
  const t = cloudPerTest({ dialect: 'augmentos' });

  test('is an AppServer at run time, defaults to port 7010 and hands onSession a TpaSession', async () => {
    const unstarted = new LegacyEcho(legacyConfig({ port: undefined }));
    expect(unstarted).toBeInstanceOf(AppServer);
    expect(unstarted.getPort()).toBe(7010);
    const app = await t.start(new LegacyEcho(legacyConfig()));
    const user = await t.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    expect(app.sessions[0]).toBeInstanceOf(TpaSession);
    await user.transcribe('hello');
    await user.waitForDisplay('echo: hello');
    await user.stop();
    await eventually(() => app.stops.length === 1);
    expect(app.stops[0]).toEqual({ sessionId: user.sessionId, userId: user.userId, reason: 'user_disabled' });
  });

  test('a legacy config with a wrong type fails at construction with a clear SdkError', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ port: 'abc' }, /"port" must be an integer/],
      [{ apiKey: undefined }, /"apiKey" is required/],
      [{ packageName: '' }, /"packageName" is required/],
      [{ augmentOSWebsocketUrl: 42 }, /"augmentOSWebsocketUrl" must be a string/],
      [{ tpaInstructions: ['x'] }, /"tpaInstructions" must be a string/],
      [{ webhookPath: '' }, /"webhookPath" must be a path/],
      [{ healthCheck: 'yes' }, /"healthCheck" must be a boolean/],
    ];
    for (const [patch, message] of bad) {
      let caught: unknown;
      try {
        new LegacyEcho({ ...legacyConfig(), ...patch } as never);
      } catch (e) {
        caught = e;
      }
      expect(isSdkError(caught, 'invalid_config')).toBe(true);
      expect((caught as SdkError).message).toMatch(/^TpaServer config: /);
      expect((caught as SdkError).message).toMatch(message);
    }
  });

  test('each shim warns once per process, with its code, naming the replacement', async () => {
    const dep = captureDeprecations();
    try {
      const { TpaServer: FreshTpaServer } = freshSdk();
      const make = () =>
        new FreshTpaServer(legacyConfig({ webhookPath: '/hook', augmentOSWebsocketUrl: 'wss://old.example/tpa-ws', tpaInstructions: 'Say hi' }));
      make();
      make();
      expect(dep.codes().sort()).toEqual(['MENTRAOS_DEP001', 'MENTRAOS_DEP002', 'MENTRAOS_DEP003', 'MENTRAOS_DEP004']);
      const byCode = Object.fromEntries(dep.warnings.map((w) => [w.code, w.message]));
      expect(byCode.MENTRAOS_DEP001).toContain('use AppServer');
      expect(byCode.MENTRAOS_DEP004).toContain('use config.appInstructions');
      expect(byCode.MENTRAOS_DEP003).toContain('comes from each webhook');
    } finally {
      dep.restore();
    }
  });

  test('§6.1 webhookPath is honoured (and warned about); augmentOSWebsocketUrl in the config is ignored (the URL comes from the webhook)', async () => {
    const app = await t.start(new LegacyEcho(legacyConfig({ webhookPath: '/legacy-hook', augmentOSWebsocketUrl: 'wss://staging.augmentos.org/tpa-ws' })));
    const user = await t.cloud.startSession({ app, webhookPath: '/legacy-hook' });
    expect(user.webhookResponse?.status).toBe(200);
    expect(user.connections).toBe(1);
    const wrongPath = await fetch(`http://127.0.0.1:${app.getPort()}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongPath.status).toBe(404);
  });

  test('publicDir, healthCheck with the legacy JSON, getExpressApp routes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tpa-public-'));
    writeFileSync(path.join(dir, 'logo.txt'), 'legacy logo');
    try {
      const app = await t.start(new LegacyEcho(legacyConfig({ publicDir: dir })));
      app.getExpressApp().get('/custom', (_req, res) => void res.json({ ok: true }));
      const base = `http://127.0.0.1:${app.getPort()}`;
      expect(await (await fetch(`${base}/logo.txt`)).text()).toBe('legacy logo');
      expect(await (await fetch(`${base}/custom`)).json()).toEqual({ ok: true });
      await t.cloud.startSession({ app });
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'healthy', app: 'com.example.app', activeSessions: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('generateToken and addCleanupHandler keep their legacy signatures; stop() overridden as void still closes everything', async () => {
    const events: string[] = [];
    class Legacy extends TpaServer {
      constructor() {
        super(legacyConfig());
        this.addCleanupHandler(() => void events.push('cleanup'));
      }
      token(): string {
        return this.generateToken('u@example.com', 's-1', 'webview-secret');
      }
      // 1.1.x apps override stop() returning void.
      override stop(): void {
        events.push('stop');
        void super.stop();
      }
    }
    class Modern extends TpaServer {
      // 2.x apps override it returning a Promise.
      override async stop(): Promise<void> {
        events.push('async stop');
        await super.stop();
      }
    }
    const legacy = await startedLegacy(new Legacy());
    const modern = await startedLegacy(new Modern(legacyConfig()));
    const jwt = legacy.token();
    expect(JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())).toMatchObject({
      userId: 'u@example.com',
      packageName: 'com.example.app',
      sessionId: 's-1',
    });
    const user = await t.cloud.startSession({ app: legacy });
    const port = legacy.getPort();
    legacy.stop();
    await modern.stop();
    await eventually(() => events.includes('cleanup') && !user.connected, 3000, 'legacy stop to close the session and run cleanup');
    expect(events).toEqual(['stop', 'async stop', 'cleanup']);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
