/**
 * Seeded HTTP fuzzing of every route the SDK serves, over real sockets, with one live session beside it.
 * Every answer must be a 4xx with a JSON reason (a tool handler's own error stays a 500 by design; a
 * request the route accepts may answer 2xx/3xx), the server must stay up, and the live session must still
 * echo afterwards, on its first connection, with no onStop.
 *
 *   MENTRAOS_FUZZ_SEED=<n>       replay a run (the seed is printed)
 *   MENTRAOS_FUZZ_REQUESTS=<n>   how many requests (default 1,200; `npm run bench -- --fuzz` runs 10,000)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { sha256Hex } from '../../src/core/http/crypto';
import { API_KEY, appConfig, captureLogger, EchoApp } from '../helpers/apps';
import { REQUESTS, SEED, fuzzRoutes, health } from './fuzz-run';

const MAX_PHOTO_BYTES = 64 * 1024;

class FuzzedApp extends EchoApp {
  protected override async onToolCall(toolCall: any): Promise<any> {
    if (toolCall.toolId === 'explode') throw new Error('the tool handler failed on purpose');
    return 'ok';
  }
}

let cloud: TestCloud;
let app: FuzzedApp;
let publicDir: string;
afterEach(async () => {
  await app?.stop();
  await cloud?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

test(`${REQUESTS} seeded hostile HTTP requests (seed ${SEED}) on every route: JSON 4xx answers, server and live session unharmed`, async () => {
  publicDir = mkdtempSync(path.join(os.tmpdir(), 'fuzz-public-'));
  writeFileSync(path.join(publicDir, 'index.html'), '<!doctype html><p>hello</p>');
  cloud = await createTestCloud();
  const errors: Error[] = [];
  app = new FuzzedApp(
    appConfig({
      logger: captureLogger(),
      publicDir,
      maxPhotoBytes: MAX_PHOTO_BYTES,
      cloudApiUrl: 'http://127.0.0.1:9',
      onError: (e: Error) => void errors.push(e),
    } as any),
  );
  app.getExpressApp().get('/webview', (req: any, res) => {
    if (req.authUserId) res.json({ user: req.authUserId });
    else res.status(401).json({ status: 'error', message: 'not signed in' });
  });
  await app.start();
  const port = app.getPort();
  const user: SimulatedUser = await cloud.startSession({ app });
  await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));

  const broken = await fuzzRoutes(
    port,
    { toolSignature: sha256Hex(API_KEY), strangerUser: 'stranger@example.com', staticFile: 'index.html', maxPhotoBytes: MAX_PHOTO_BYTES },
    'the Express AppServer',
  );
  expect(broken).toEqual([]);

  // The server still serves, and the live session is the same one, still echoing.
  expect(await health(port)).toMatchObject({ status: 200, body: { activeSessions: 1 } });
  await user.transcribe('still here');
  await user.waitForDisplay(/echo: still here/, { timeoutMs: 10_000 });
  expect(app.seen.sessions).toHaveLength(1);
  expect(app.seen.stops).toEqual([]);
  expect(user.connected).toBe(true);
  expect(errors.filter((e) => !/tool handler failed on purpose/.test(e.message))).toEqual([]);
}, 180_000);
