/**
 * What glasses, phone and cloud do besides inputs, over the control protocol and real sockets: photos,
 * microphone audio, the assistant's tools, settings, the webview, and the app's requests to the glasses.
 */
import { WebSocket } from 'ws';
import { ControlError, type ControlClient } from '../../src/testing/control-client';
import type { ControlEvent } from '../../src/protocol/control';
import { makeWav, testPhoto } from '../../src/dev/media';
import { startRig, type Rig } from './rig';
import { FEATURE_ENTRY, makeFeatureApp } from './feature-app';

const U = 'wearer@example.com';
let rig: Rig;
let ctl: ControlClient;

beforeEach(async () => {
  rig = await startRig({ makeApp: makeFeatureApp, entryPath: FEATURE_ENTRY });
  ctl = await rig.connect();
  await ctl.userStart(U);
  await ctl.waitForDisplay(U, 'ready, units metric');
});
afterEach(() => rig.close());

const say = (text: string) => ctl.input(U, { kind: 'transcription', text });
const press = (press: 'short' | 'long' = 'short') => ctl.input(U, { kind: 'button', press });
const after = (seq: number, type: ControlEvent['type']) => (e: ControlEvent) => e.seq > seq && e.type === type;

test('a photo request is an event and pending in the state; the answer reaches the app by HTTP upload', async () => {
  const seq = ctl.seq;
  await press('long');
  const req = (await ctl.waitForEvent(after(seq, 'photo_request'))) as Extract<ControlEvent, { type: 'photo_request' }>;
  expect(req).toMatchObject({ user_id: U, state: 'pending', save_to_gallery: true });
  await ctl.waitFor(() => ctl.users.get(U)!.glasses.photo_requests[0], 3000, 'the pending photo');
  const png = testPhoto();
  const res = await ctl.photoRespond(U, req.photo_request_id, { image: png, mimeType: 'image/png' });
  expect(res).toMatchObject({ success: true, delivery: 'http-upload', app_status: 200 });
  await ctl.waitForDisplay(U, `photo: image/png, ${png.length} bytes`);
  expect(ctl.users.get(U)!.glasses.photo_requests).toEqual([]);
  const { users } = await ctl.sync();
  expect(users![0]!.glasses.photo_requests).toEqual([]);
  // The same request cannot be answered twice.
  await expect(ctl.photoRespond(U, req.photo_request_id, { image: png })).rejects.toMatchObject({ code: 'unknown_request' });
});

test("a photo request answered with an error makes the app's requestPhoto fail", async () => {
  const seq = ctl.seq;
  await press();
  const req = (await ctl.waitForEvent(after(seq, 'photo_request'))) as Extract<ControlEvent, { type: 'photo_request' }>;
  await ctl.photoRespond(U, req.photo_request_id, { error: { code: 'CAMERA_BUSY', message: 'The camera is in use' } });
  await ctl.waitForDisplay(U, /^no photo: .*The camera is in use/);
  await ctl.waitForEvent((e) => e.type === 'photo_request' && e.state === 'failed');
});

test('auto_photo answers every photo request with the test image', async () => {
  expect(await ctl.autoPhoto(true)).toMatchObject({ enabled: true });
  await press();
  await ctl.waitForDisplay(U, `photo: image/png, ${testPhoto().length} bytes`);
  await ctl.waitForEvent((e) => e.type === 'photo_request' && e.state === 'answered');
  expect(testPhoto().subarray(1, 4).toString()).toBe('PNG');
});

test('a WAV file reaches an app subscribed to audio_chunk as 100 ms binary chunks between VAD events', async () => {
  const pcm = Buffer.alloc(16_000 * 2 * 0.35); // 350 ms: three chunks of 3200 bytes and one of 1600
  const seq = ctl.seq;
  const res = await ctl.audioFeed(U, makeWav(pcm));
  expect(res).toMatchObject({ chunks: 4, bytes: 11_200, duration_ms: 350, delivered: true });
  await ctl.waitForDisplay(U, 'heard 4 chunks, 11200 bytes');
  const wire = ctl.events.filter((e) => e.seq > seq && e.type === 'wire' && e.direction === 'cloud->app').map((e) => (e as any).message);
  const kinds = wire.map((m) => (m.type === 'audio_chunk' ? `chunk:${m.bytes}` : m.type === 'data_stream' ? `vad:${m.data.status}` : m.type));
  expect(kinds.filter((k) => k.startsWith('chunk') || k.startsWith('vad'))).toEqual([
    'vad:true',
    'chunk:3200',
    'chunk:3200',
    'chunk:3200',
    'chunk:1600',
    'vad:false',
  ]);
});

test('audio_stream sends live audio piece by piece, with VAD before and after', async () => {
  const seq = ctl.seq;
  expect(await ctl.audioStream(U, { vad: true, pcm: Buffer.alloc(3200) })).toMatchObject({ bytes: 3200, delivered: true });
  await ctl.audioStream(U, { pcm: Buffer.alloc(3200) });
  await ctl.audioStream(U, { vad: false });
  await ctl.waitForDisplay(U, 'heard 2 chunks, 6400 bytes');
  const wire = ctl.events.filter((e) => e.seq > seq && e.type === 'wire' && e.direction === 'cloud->app').map((e) => (e as any).message);
  expect(wire.map((m) => (m.type === 'audio_chunk' ? 'chunk' : `vad:${m.data?.status}`))).toEqual(['vad:true', 'chunk', 'chunk', 'vad:false']);
  await expect(ctl.audioStream(U, { pcm: Buffer.alloc(3) })).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('even number of bytes'),
  });
  await expect(ctl.audioStream(U, { pcm: Buffer.alloc(40_000) })).rejects.toMatchObject({ code: 'invalid_input' });
  await expect(ctl.audioStream(U, {})).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"pcm_base64" or "vad"') });
});

test('a WAV file that is not 16 kHz mono 16-bit PCM, or not a WAV, is refused with a clear message', async () => {
  const stereo = makeWav(Buffer.alloc(400));
  stereo.writeUInt16LE(2, 22);
  stereo.writeUInt32LE(44_100, 24);
  await expect(ctl.audioFeed(U, stereo)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('44100 Hz stereo 16-bit PCM') });
  await expect(ctl.audioFeed(U, Buffer.from('this is not audio at all'))).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('not a RIFF/WAVE file'),
  });
  const raw = await ctl.request({ type: 'audio_feed', user_id: U, wav_base64: '***' });
  expect(raw.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"wav_base64" is not base64') });
});

test("tools come from app_config.json; tool_call is the signed /tool request and returns the app's answer", async () => {
  const list = await ctl.toolsList();
  expect(list.source).toBe('app_config.json');
  expect(list.tools!.map((t) => t.id)).toEqual(['take_note', 'count_notes']);
  const res = await ctl.toolCall(U, 'take_note', { text: 'buy milk' });
  expect(res).toMatchObject({ app_status: 200, reply: `Saved: buy milk for ${U} (live)` });
  const call = ctl.events.find((e) => e.type === 'wire' && (e.message as any)?.path === '/tool') as any;
  expect(call.message).toMatchObject({ toolId: 'take_note', toolParameters: { text: 'buy milk' }, userId: U });
  await expect(ctl.send({ type: 'tool_call', user_id: U } as never)).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('"tool_id"'),
  });
});

test('settings are listed from the config; settings_set pushes settings_update and POST /settings', async () => {
  const before = await ctl.settingsList(U);
  expect(before.settings!.find((s) => s.key === 'units')).toMatchObject({ type: 'select', value: 'metric' });
  expect(before.settings!.some((s) => s.type === 'group')).toBe(true);
  const res = await ctl.settingsSet(U, 'units', 'imperial');
  expect(res).toMatchObject({ settings: [{ key: 'units', value: 'imperial' }], app_status: 200 });
  await ctl.waitForDisplay(U, 'settings: units imperial');
  const wire = ctl.events.filter((e) => e.type === 'wire').map((e) => (e as any).message);
  expect(wire.find((m) => m.type === 'settings_update').settings).toEqual(
    expect.arrayContaining([expect.objectContaining({ key: 'units', value: 'imperial' })]),
  );
  expect(wire.find((m) => m.path === '/settings')).toMatchObject({ userIdForSettings: U });
  expect(ctl.users.get(U)!.settings).toEqual([{ key: 'units', value: 'imperial' }]);
  expect((await ctl.settingsList(U)).settings!.find((s) => s.key === 'units')!.value).toBe('imperial');
  // The wearer's values are in the next handshake.
  await ctl.userStop(U);
  await ctl.userStart(U);
  await ctl.waitForDisplay(U, 'ready, units imperial');
  await expect(ctl.settingsSet(U, 'units', 'furlongs')).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('"metric", "imperial"'),
  });
  await expect(ctl.settingsSet(U, 'colour', 'red')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('no setting "colour"') });
  await expect(ctl.settingsSet(U, 'photos', 'yes')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('true or false') });
});

test("webview_open gives a URL whose signed token the app's webview auth accepts, with the live session", async () => {
  const url = await ctl.webviewOpen(U);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webview\?aos_signed_user_token=/);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ user: U, session: true });
  const token = new URL(url).searchParams.get('aos_signed_user_token')!;
  const [head, body, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
  const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${sig}`;
  const tampered = url.replace(token, forged);
  expect((await fetch(tampered)).status).toBe(401);
  await expect(ctl.webviewOpen('nobody')).rejects.toMatchObject({ code: 'unknown_user' });
});

test('audio, speech, LED, streams, dashboard and WiFi requests are answered and reported as events', async () => {
  const cases: Array<[string, string | RegExp, (e: ControlEvent) => boolean]> = [
    ['play', 'play: true', (e) => e.type === 'audio_request' && e.kind === 'play' && e.audio_url === 'https://example.com/a.mp3'],
    ['speak', 'speak: true', (e) => e.type === 'audio_request' && e.kind === 'speak' && e.text === 'Hello there'],
    ['led', 'led on', (e) => e.type === 'led' && e.color === 'green' && e.ontime === 500],
    ['rtmp', 'rtmp started', (e) => e.type === 'stream_request' && e.kind === 'rtmp' && e.status === 'active' && e.rtmp_url === 'rtmp://example.com/live/key'],
    [
      'managed',
      /^managed: http:\/\/127\.0\.0\.1:\d+\/streams\/sim-stream-\d+\.m3u8$/,
      (e) => e.type === 'stream_request' && e.kind === 'managed' && e.status === 'active',
    ],
    ['dashboard', 'dashboard written', (e) => e.type === 'dashboard' && e.content === '3 unread'],
    ['wifi', 'wifi asked', (e) => e.type === 'wifi_request' && e.reason === 'To stream'],
  ];
  for (const [text, shown, pred] of cases) {
    const seq = ctl.seq;
    await say(text);
    await ctl.waitForDisplay(U, shown);
    await ctl.waitForEvent((e) => e.seq > seq && pred(e));
  }
  const g = ctl.users.get(U)!.glasses;
  expect(g).toMatchObject({
    led: { color: 'green' },
    dashboard: { content: '3 unread' },
    streams: { rtmp: { status: 'active' }, managed: { status: 'active' } },
    audio: { kind: 'speak' },
  });
  expect((await ctl.sync()).users![0]!.glasses).toEqual(g);
});

test('calendar and connection inputs reach the app and update the device state', async () => {
  expect(await ctl.input(U, { kind: 'calendar', title: 'Standup', start: '2026-12-01T09:00:00Z' })).toBe(1);
  await ctl.waitForDisplay(U, 'calendar: Standup at 2026-12-01T09:00:00.000Z');
  expect(await ctl.input(U, { kind: 'connection', connected: true, wifi: { connected: true, ssid: 'lab' } })).toBe(1);
  await ctl.waitForDisplay(U, 'glasses: CONNECTED, wifi lab');
  expect(ctl.users.get(U)!.device).toMatchObject({ connected: true, wifi: { connected: true, ssid: 'lab' } });
});

test('bad commands get typed errors naming the field, and the connection stays open', async () => {
  const bad: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ type: 'photo_respond', user_id: U, image_base64: 'aGk=' }, 'invalid_input', /"photo_request_id"/],
    [{ type: 'photo_respond', user_id: U, photo_request_id: 'x', image_base64: 'aGk=', mime_type: 'text/html' }, 'invalid_input', /"mime_type"/],
    [{ type: 'photo_respond', user_id: U, photo_request_id: 'x', error: 'no' }, 'invalid_input', /"error"/],
    [{ type: 'photo_respond', user_id: U, photo_request_id: 'x', image_base64: 'aGk=' }, 'unknown_request', /No pending photo request "x"/],
    [{ type: 'photo_respond', user_id: 'nobody', photo_request_id: 'x', image_base64: 'aGk=' }, 'unknown_user', /nobody/],
    [{ type: 'auto_photo', enabled: 'yes' }, 'invalid_input', /"enabled"/],
    [{ type: 'settings_set', user_id: U, key: 'units' }, 'invalid_input', /"value"/],
    [{ type: 'tool_call', user_id: U, tool_id: 'take_note', parameters: [1] }, 'invalid_input', /"parameters"/],
    [{ type: 'input', user_id: U, kind: 'calendar', title: 'x', start: 'soon' }, 'invalid_input', /"start"/],
    [{ type: 'input', user_id: U, kind: 'connection', connected: true, wifi: { connected: 'y' } }, 'invalid_input', /"wifi.connected"/],
    [{ type: 'screenshot', user_id: 'nobody' }, 'unknown_user', /nobody/],
    [{ type: 'audio_feed', user_id: 'nobody', wav_base64: makeWav(Buffer.alloc(3200)).toString('base64') }, 'unknown_user', /nobody/],
  ];
  for (const [command, code, message] of bad) {
    const res = (await ctl.request(command as never)) as { error?: unknown };
    expect({ command, error: res.error }).toEqual({ command, error: { code, message: expect.stringMatching(message) } });
  }
  expect(ctl.closed).toBe(false);
  expect((await ctl.listUsers()).success).toBe(true);
  // A frame over the limit is refused by size, without disturbing other controllers.
  const other = new WebSocket(`${rig.control.wsUrl}?channel=control`);
  await new Promise((r) => other.once('open', r));
  const closed = new Promise<number>((r) => other.once('close', (c) => r(c)));
  other.send(JSON.stringify({ type: 'audio_feed', request_id: '1', user_id: U, wav_base64: 'A'.repeat(13 * 1024 * 1024) }));
  expect(await closed).toBe(1009);
  expect((await ctl.listUsers()).success).toBe(true);
  expect(ControlError).toBeDefined();
});
