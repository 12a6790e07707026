/**
 * The page's own modules that need no DOM, run in Node: the WAV the microphone input sends, and the page's
 * mirror of the state, which must apply every event as the protocol's reference (`applyGlassesEvent`) does.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { initialDevice, initialGlasses, type ControlEvent } from '../../src/protocol/control';
import { applyGlassesEvent, applySync, beginSync, createMirror, receiveEvent, snapshot } from '../../src/protocol/control-mirror';
import { bundledFromSource } from '../../src/dev/page-bundles';
import { readPageAsset } from '../../src/dev/page-assets';
import { encodeWav, toBase64 } from '../../src/dev/page/wav.js';
import { readWav } from '../../src/dev/media';

test('the microphone WAV is 16 kHz mono 16-bit PCM, samples clamped', () => {
  const wav = encodeWav(Float32Array.from([0, 0.5, -0.5, 1, -1, 2, -2]));
  const b = Buffer.from(wav);
  expect(b.toString('latin1', 0, 4)).toBe('RIFF');
  expect(b.toString('latin1', 8, 16)).toBe('WAVEfmt ');
  expect([b.readUInt16LE(20), b.readUInt16LE(22), b.readUInt32LE(24), b.readUInt16LE(34)]).toEqual([1, 1, 16000, 16]);
  expect(b.readUInt32LE(40)).toBe(14);
  expect([0, 1, 2, 3, 4, 5, 6].map((i) => b.readInt16LE(44 + i * 2))).toEqual([0, 16383, -16384, 32767, -32768, 32767, -32768]);
  expect(Buffer.from(toBase64(wav), 'base64').equals(b)).toBe(true);
  // The local cloud accepts it as the format the cloud streams.
  expect(readWav(b)).toEqual(b.subarray(44));
});

test('the mirror starts a wearer and applies glasses events, a sync, then events by seq', () => {
  const u = 'u@example.com';
  const events = [
    { type: 'photo_request', seq: 1, user_id: u, photo_request_id: 'p1', save_to_gallery: false, size: 'medium', state: 'pending' },
    { type: 'photo_request', seq: 2, user_id: u, photo_request_id: 'p2', save_to_gallery: true, state: 'pending' },
    { type: 'photo_request', seq: 3, user_id: u, photo_request_id: 'p1', save_to_gallery: false, state: 'answered' },
    { type: 'audio_request', seq: 4, user_id: u, kind: 'speak', app_request_id: 'a1', text: 'hi', audio_url: 'http://127.0.0.1/tts?text=hi', volume: 1 },
    { type: 'led', seq: 5, user_id: u, app_request_id: 'l1', action: 'on', color: 'green', ontime: 100, offtime: 100, count: 2 },
    { type: 'stream_request', seq: 6, user_id: u, kind: 'managed', action: 'start', status: 'active', stream_id: 's1', urls: { hlsUrl: 'h' } },
    { type: 'stream_request', seq: 7, user_id: u, kind: 'rtmp', action: 'stop', status: 'stopped' },
    { type: 'dashboard', seq: 8, user_id: u, mode: 'expanded', content: '3 unread' },
  ] as ControlEvent[];
  let g = initialGlasses();
  for (const e of events) g = applyGlassesEvent(g, e);
  expect(g.photo_requests.map((p) => p.photo_request_id)).toEqual(['p2']);
  expect(g.audio).toMatchObject({ kind: 'speak', text: 'hi' });
  expect(g.led).toMatchObject({ action: 'on', color: 'green' });
  expect(g.streams.managed).toMatchObject({ status: 'active', stream_id: 's1' });
  expect(g.streams.rtmp).toMatchObject({ status: 'stopped' });
  expect(g.dashboard).toEqual({ mode: 'expanded', content: '3 unread' });
  // An event the glasses state does not hold changes nothing.
  expect(applyGlassesEvent(g, { type: 'wifi_request', seq: 9, user_id: u, reason: 'x' })).toBe(g);

  // Through the mirror: events during a sync wait for it; then settings and device events land on the wearer.
  const mirror = createMirror();
  beginSync(mirror);
  expect(receiveEvent(mirror, { type: 'session_state', seq: 1, user_id: u, session_id: 's', package_name: 'p', state: 'ready' })).toBeNull();
  applySync(mirror, { seq: 0, users: [] });
  expect(snapshot(mirror).map((x) => x.user_id)).toEqual([u]);
  expect(receiveEvent(mirror, { type: 'led', seq: 2, user_id: u, action: 'off' } as ControlEvent)).toBe(u);
  expect(receiveEvent(mirror, { type: 'settings', seq: 3, user_id: u, settings: [{ key: 'units', value: 'imperial' }] })).toBe(u);
  expect(receiveEvent(mirror, { type: 'led', seq: 3, user_id: u, action: 'on' } as ControlEvent)).toBeNull(); // an old seq is ignored
  expect(receiveEvent(mirror, { type: 'wifi_request', seq: 4, user_id: u })).toBeNull();
  const [user] = snapshot(mirror);
  expect(user!.glasses.led).toEqual({ action: 'off' });
  expect(user!.settings).toEqual([{ key: 'units', value: 'imperial' }]);
  expect(user!.device).toEqual(initialDevice());
  expect(mirror.seq).toBe(4);
});

test('the page runs the same reducer: state.js is bundled from it, and loads as a browser module', () => {
  const pageDir = path.join(__dirname, '../../src/dev/page');
  const bundled = bundledFromSource(pageDir, 'state.js');
  expect(bundled).not.toBeNull();
  const text = bundled!.toString();
  expect(text).not.toMatch(/\brequire\(|from ['"]node:/);
  // Served to the page whether the build made it or not.
  expect(readPageAsset('/state.js')?.body.toString()).toContain('function receiveEvent');
  // Run in a module context: the exports the page imports work as the reducer does.
  const script = `const m = await import('data:text/javascript;base64,${Buffer.from(text).toString('base64')}');
    const mirror = m.createMirror(); m.beginSync(mirror); m.applySync(mirror, { seq: 0, users: [] });
    m.receiveEvent(mirror, { type: 'session_state', seq: 1, user_id: 'u', session_id: 's', package_name: 'p', state: 'ready' });
    m.receiveEvent(mirror, { type: 'dashboard', seq: 2, user_id: 'u', mode: 'expanded', content: 'x' });
    console.log(JSON.stringify(m.snapshot(mirror)[0].glasses.dashboard));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ mode: 'expanded', content: 'x' });
});
