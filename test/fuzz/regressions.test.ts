/**
 * Cases the HTTP fuzzer found, kept as plain regression tests:
 * - a multipart upload cut off inside its file part made busboy's file stream emit an 'error' nobody
 *   listened to (an uncaught exception in a real process);
 * - a wrong method on the SDK's own paths, an unknown path and a forbidden static path got Express's HTML
 *   page instead of a JSON answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appConfig, EchoApp } from '../helpers/apps';
import { buildRequest } from './http-cases';
import { sendRaw, type RawAnswer } from './raw-http';

let app: EchoApp;
let publicDir: string;
beforeEach(async () => {
  publicDir = mkdtempSync(path.join(os.tmpdir(), 'fuzz-regress-'));
  writeFileSync(path.join(publicDir, 'index.html'), '<p>hi</p>');
  app = new EchoApp(appConfig({ publicDir }));
  await app.start();
});
afterEach(async () => {
  await app?.stop();
  rmSync(publicDir, { recursive: true, force: true });
});

const reason = (a: RawAnswer) => JSON.parse(a.body).message as string;

test('a multipart body cut off inside the photo is a JSON 400, and nothing is thrown outside the route', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => void uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const b = 'cut';
    for (const requestId of ['nope', '']) {
      const body =
        `--${b}\r\nContent-Disposition: form-data; name="requestId"\r\n\r\n${requestId}\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`;
      const a = await sendRaw(app.getPort(), {
        bytes: buildRequest({ path: '/photo-upload', headers: [['Content-Type', `multipart/form-data; boundary=${b}`]], body }),
      });
      expect(a.status).toBe(400);
      expect(reason(a)).toMatch(/Malformed multipart body/);
    }
    await new Promise((r) => setImmediate(r));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});

test.each([
  ['POST', '/health', 405, /not allowed on \/health/],
  ['PUT', '/tool', 405, /not allowed on \/tool/],
  ['GET', '/settings', 405, /not allowed on \/settings/],
  ['GET', '/photo-upload', 405, /not allowed on \/photo-upload/],
  ['GET', '/no-such-page', 404, /Nothing is served at GET \/no-such-page/],
  ['GET', '/..%2f..%2fpackage.json', 404, /Nothing is served/],
  ['GET', '/%E0%A4%A', 404, /Nothing is served/],
])('%s %s is a JSON %i with a reason', async (method, p, status, message) => {
  const a = await sendRaw(app.getPort(), { bytes: buildRequest({ method, path: p }) });
  expect(a.status).toBe(status);
  expect(a.headers['content-type']).toMatch(/application\/json/);
  expect(reason(a)).toMatch(message);
});

test('the JSON fallthrough does not hide a route the app adds after start, nor a static file', async () => {
  app.getExpressApp().get('/late', (_req, res) => void res.type('text/plain').send('late route'));
  const late = await sendRaw(app.getPort(), { bytes: buildRequest({ method: 'GET', path: '/late' }) });
  expect([late.status, late.body]).toEqual([200, 'late route']);
  const file = await sendRaw(app.getPort(), { bytes: buildRequest({ method: 'GET', path: '/index.html' }) });
  expect([file.status, file.body]).toEqual([200, '<p>hi</p>']);
});
