/**
 * Scripted mode, one test per step for photos, audio, tools, settings, the webview, screenshots, events,
 * calendar and connection: played by runScript over the control protocol against an in-process app.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseScript, runScript, UsageError } from '../../src/dev/script';
import { makeWav, testPhoto } from '../../src/dev/media';
import { startRig, type Rig } from './rig';
import { FEATURE_ENTRY, makeFeatureApp } from './feature-app';

const U = 'wearer@example.com';
let rig: Rig;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-steps-'));
  writeFileSync(path.join(dir, 'photo.png'), testPhoto());
  writeFileSync(path.join(dir, 'speech.wav'), makeWav(Buffer.alloc(6400)));
  writeFileSync(path.join(dir, 'song.wav'), Buffer.from('ID3 not a wav'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => rig?.close());

const FAKE_PNG = testPhoto().toString('base64');

async function play(steps: unknown[]) {
  rig = await startRig({
    makeApp: makeFeatureApp,
    entryPath: FEATURE_ENTRY,
    screenshot: async (user, view) => ({ png_base64: FAKE_PNG, width: 576, height: view === 'main' && user.user_id ? 135 : 0 }),
  });
  const client = await rig.connect();
  const out: string[] = [];
  const err: string[] = [];
  const result = await runScript(
    client,
    parseScript(JSON.stringify([{ start: U }, { expect: 'ready' }, ...steps]), 's.json'),
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    's.json',
    dir,
  );
  return { result, out, err, client };
}

test('photo_respond answers the pending photo request with a file', async () => {
  const { result } = await play([{ press: 'main' }, { photo_respond: 'photo.png' }, { expect: `photo: image/png, ${testPhoto().length} bytes` }]);
  expect(result).toEqual({ ok: true, expectations: 2 });
});

test("photo_respond with an error fails the app's request", async () => {
  const { result } = await play([{ press: 'main' }, { photo_respond: { error: { code: 'CAMERA_BUSY', message: 'busy' } } }, { expect: 'no photo' }]);
  expect(result.ok).toBe(true);
});

test('photo_respond fails naming the step when no request comes, or the file cannot be read', async () => {
  let r = await play([{ photo_respond: 'photo.png', timeoutMs: 200 }]);
  expect(r.result).toMatchObject({ ok: false, failure: expect.stringMatching(/s\.json step 3 \(photo_respond\): .*a photo request/) });
  await rig.close();
  r = await play([{ press: 'main' }, { photo_respond: 'missing.png' }]);
  expect(r.result).toMatchObject({ ok: false, failure: expect.stringMatching(/step 4 \(photo_respond\): cannot read missing\.png: ENOENT/) });
});

test('auto_photo answers photo requests by itself', async () => {
  const { result } = await play([{ auto_photo: true }, { press: 'main' }, { expect: 'photo: image/png' }, { expect_event: 'photo_request' }]);
  expect(result.ok).toBe(true);
});

test('audio_feed streams a WAV file; a file of another format stops the script with the reason', async () => {
  const ok = await play([{ audio_feed: 'speech.wav' }, { expect: 'heard 2 chunks, 6400 bytes' }]);
  expect(ok.result.ok).toBe(true);
  await rig.close();
  const bad = await play([{ audio_feed: 'song.wav' }]);
  expect(bad.result).toMatchObject({ ok: false, failure: expect.stringMatching(/step 3 \(audio_feed\): .*not a RIFF\/WAVE file/) });
});

test('tool_call prints the reply and checks expect_reply', async () => {
  const ok = await play([{ tool_call: 'take_note', parameters: { text: 'milk' }, expect_reply: 'Saved: milk' }]);
  expect(ok.result.ok).toBe(true);
  expect(ok.out).toContain(`tool take_note: 200 Saved: milk for ${U} (live)`);
  await rig.close();
  const bad = await play([{ tool_call: 'take_note', parameters: { text: 'milk' }, expect_reply: 'eggs' }]);
  expect(bad.result).toMatchObject({ ok: false, failure: expect.stringContaining('expected the reply to contain "eggs"') });
});

test('settings_set changes a setting the app hears of', async () => {
  const { result } = await play([{ settings_set: { key: 'units', value: 'imperial' } }, { expect: 'settings: units imperial' }, { expect_event: 'settings' }]);
  expect(result.ok).toBe(true);
});

test('webview_open opens the webview with a token the app accepts', async () => {
  const { result, out } = await play([{ webview_open: true, expect_status: 200 }]);
  expect(result.ok).toBe(true);
  expect(out).toContain('webview /webview: 200');
});

test('screenshot writes the PNG of a view', async () => {
  const { result, out } = await play([{ screenshot: 'main.png', view: 'main' }]);
  expect(result.ok).toBe(true);
  expect(readFileSync(path.join(dir, 'main.png'))).toEqual(testPhoto());
  expect(out).toContain('screenshot main: 576x135 written to main.png');
});

test('expect_event waits for an event of the wearer, and fails naming it when none comes', async () => {
  const ok = await play([{ say: 'led' }, { expect_event: 'led' }]);
  expect(ok.result.ok).toBe(true);
  await rig.close();
  const bad = await play([{ expect_event: 'wifi_request', timeoutMs: 200 }]);
  expect(bad.result).toMatchObject({ ok: false, failure: expect.stringContaining('no wifi_request event for wearer@example.com within 200 ms') });
});

test('calendar and connection steps send those inputs', async () => {
  const { result } = await play([
    { calendar: { title: 'Standup', start: '2026-12-01T09:00:00Z' } },
    { expect: 'calendar: Standup' },
    { connection: { connected: false, wifi: { connected: false } } },
    { expect: 'glasses: DISCONNECTED, wifi off' },
  ]);
  expect(result.ok).toBe(true);
});

test.each([
  ['[{"start":"u"},{"photo_respond":"photo.txt"}]', /step 2: "photo_respond": photo\.txt is not a \.jpg/],
  ['[{"start":"u"},{"photo_respond":{"error":{}}}]', /step 2: "photo_respond.error.code" must be a non-empty string/],
  ['[{"start":"u"},{"audio_feed":""}]', /step 2: "audio_feed" \(a WAV file\) must be a non-empty string/],
  ['[{"start":"u"},{"tool_call":"t","parameters":[]}]', /step 2: "parameters" must be an object/],
  ['[{"start":"u"},{"settings_set":{"key":"k"}}]', /step 2: "settings_set" must be an object/],
  ['[{"start":"u"},{"webview_open":true,"expect_status":42}]', /step 2: "expect_status" must be an HTTP status/],
  ['[{"start":"u"},{"screenshot":"a.png","view":"side"}]', /step 2: "view" must be "main" or "dashboard"/],
  ['[{"start":"u"},{"expect_event":"lunch"}]', /step 2: "expect_event" must be one of/],
  ['[{"start":"u"},{"auto_photo":"on"}]', /step 2: "auto_photo" must be true or false/],
  ['[{"start":"u"},{"calendar":{"title":"x","start":"soon"}}]', /step 2: "calendar.start" must be an ISO 8601 time/],
  ['[{"start":"u"},{"connection":{"connected":"yes"}}]', /step 2: "connection" must be an object/],
  ['[{"start":"u"},{"tool_call":"t","colour":"red"}]', /step 2: unknown key "colour" in a tool_call step/],
])('a malformed new step is a usage error naming it: %s', (text, message) => {
  expect(() => parseScript(text, 's.json')).toThrow(UsageError);
  expect(() => parseScript(text, 's.json')).toThrow(message);
});

test('auto_photo may come before the first start', () => {
  expect(parseScript('[{"auto_photo":true},{"start":"u"}]')[0]).toEqual({ action: 'auto_photo', enabled: true });
});
