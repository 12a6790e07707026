/**
 * The seeded HTTP fuzzing of test/fuzz/http-routes.test.ts against the Hono `AppServer`, served by
 * `@hono/node-server` as the test cloud serves it, with one live session beside it: every answer a 4xx with a
 * JSON reason (or 2xx/3xx for a request a route accepts), the server still up, the session still echoing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToolCall } from '../../src/hono';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { FetchServers } from '../../src/testing/targets';
import { sha256Hex } from '../../src/core/http/crypto';
import { API_KEY, captureLogger } from '../helpers/apps';
import { HonoEcho, honoConfig } from '../hono/helpers';
import { REQUESTS, SEED, fuzzRoutes, health } from './fuzz-run';

const MAX_PHOTO_BYTES = 64 * 1024;

class FuzzedHonoApp extends HonoEcho {
  protected override async onToolCall(call: ToolCall): Promise<string> {
    if (call.toolId === 'explode') throw new Error('the tool handler failed on purpose');
    return 'ok';
  }
}

let cloud: TestCloud;
let app: FuzzedHonoApp;
let servers: FetchServers;
let publicDir: string;
afterEach(async () => {
  await app?.stop();
  await servers?.close();
  await cloud?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

test(`${REQUESTS} seeded hostile HTTP requests (seed ${SEED}) on every route of the Hono AppServer: JSON 4xx answers, server and live session unharmed`, async () => {
  publicDir = mkdtempSync(path.join(os.tmpdir(), 'fuzz-hono-public-'));
  writeFileSync(path.join(publicDir, 'index.html'), '<!doctype html><p>hello</p>');
  cloud = await createTestCloud();
  const errors: Error[] = [];
  app = new FuzzedHonoApp(
    honoConfig({
      packageName: 'com.example.app',
      logger: captureLogger(),
      publicDir,
      maxPhotoBytes: MAX_PHOTO_BYTES,
      cloudApiUrl: 'http://127.0.0.1:9',
      onError: (e: Error) => void errors.push(e),
    }),
  );
  app.get('/webview', (c) => {
    const user = c.get('authUserId');
    return user ? c.json({ user }) : c.json({ status: 'error', message: 'not signed in' }, 401);
  });
  await app.start();
  servers = new FetchServers();
  const port = Number(new URL(await servers.urlOf(app)).port);
  const user: SimulatedUser = await cloud.startSession({ app });
  await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));

  // The HTTP server is the app's (`Bun.serve`, or `serve()` of @hono/node-server), not the facade's: requests that
  // are not valid HTTP are its to answer, so the raw-HTTP cases are left out here.
  const broken = await fuzzRoutes(
    port,
    { toolSignature: sha256Hex(API_KEY), strangerUser: 'stranger@example.com', staticFile: 'index.html', maxPhotoBytes: MAX_PHOTO_BYTES },
    'the Hono AppServer',
    (c) => c.route !== 'http',
  );
  expect(broken).toEqual([]);

  expect(await health(port)).toMatchObject({ status: 200, body: { activeSessions: 1 } });
  await user.transcribe('still here');
  await user.waitForDisplay(/echo: still here/, { timeoutMs: 10_000 });
  expect(app.sessions).toHaveLength(1);
  expect(app.stops).toEqual([]);
  expect(user.connected).toBe(true);
  expect(errors.filter((e) => !/tool handler failed on purpose/.test(e.message))).toEqual([]);
}, 180_000);
