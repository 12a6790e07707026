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
import { HttpFuzzer, type FuzzCase } from './http-cases';
import { sendRaw, type RawAnswer } from './raw-http';

const SEED = Number(process.env.MENTRAOS_FUZZ_SEED ?? 0x0f0_2026);
const REQUESTS = Number(process.env.MENTRAOS_FUZZ_REQUESTS ?? 1_200);
const PARALLEL = 8;
const MAX_PHOTO_BYTES = 64 * 1024;

class FuzzedApp extends EchoApp {
  protected override async onToolCall(toolCall: any): Promise<any> {
    if (toolCall.toolId === 'explode') throw new Error('the tool handler failed on purpose');
    return 'ok';
  }
}

/** Why an answer breaks the rule, or undefined when it keeps it. */
function verdict(c: FuzzCase, a: RawAnswer): string | undefined {
  if (a.status === 0) return c.mayGoUnanswered ? undefined : `no answer (${a.error ?? 'closed'})`;
  if (a.status >= 500) return c.handlerError && a.status === 500 ? undefined : `HTTP ${a.status}`;
  if (a.status < 400) return undefined;
  if (/^HEAD /.test(c.bytes.subarray(0, 5).toString('latin1'))) return undefined; // no body by definition
  if (!/application\/json/i.test(a.headers['content-type'] ?? ''))
    return `HTTP ${a.status} as ${a.headers['content-type'] ?? 'no content type'}: ${a.body.slice(0, 80)}`;
  let parsed: any;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    return `HTTP ${a.status} with a body that is not JSON: ${a.body.slice(0, 80)}`;
  }
  const reason = parsed?.message ?? parsed?.error;
  return typeof reason === 'string' && reason.length > 0 ? undefined : `HTTP ${a.status} without a reason: ${a.body.slice(0, 80)}`;
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

  const fuzzer = new HttpFuzzer(SEED, {
    toolSignature: sha256Hex(API_KEY),
    strangerUser: 'stranger@example.com',
    staticFile: 'index.html',
    maxPhotoBytes: MAX_PHOTO_BYTES,
  });
  const cases = Array.from({ length: REQUESTS }, () => fuzzer.next());
  const counts = new Map<string, number>();
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const a = await sendRaw(port, c);
      counts.set(`${c.route}: ${c.kind}`, (counts.get(`${c.route}: ${c.kind}`) ?? 0) + 1);
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      const why = verdict(c, a);
      if (why) failures.push(`#${c.index} ${c.route} (${c.kind}): ${why.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  console.log(
    `HTTP fuzz, seed ${SEED}: ${REQUESTS} requests; answers ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
      `${failures.length} broke the rule\n${[...counts]
        .sort()
        .map(([k, n]) => `  ${k}: ${n}`)
        .join('\n')}`,
  );
  const kinds = new Map<string, number>();
  for (const f of failures) kinds.set(f.replace(/^#\d+ /, '').slice(0, 90), (kinds.get(f.replace(/^#\d+ /, '').slice(0, 90)) ?? 0) + 1);
  expect([...kinds].map(([k, n]) => `${n} x ${k}`).sort()).toEqual([]);

  // The server still serves, and the live session is the same one, still echoing.
  const health = await sendRaw(port, { bytes: Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n') });
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body).activeSessions).toBe(1);
  await user.transcribe('still here');
  await user.waitForDisplay(/echo: still here/, { timeoutMs: 10_000 });
  expect(app.seen.sessions).toHaveLength(1);
  expect(app.seen.stops).toEqual([]);
  expect(user.connected).toBe(true);
  expect(errors.filter((e) => !/tool handler failed on purpose/.test(e.message))).toEqual([]);
}, 180_000);
