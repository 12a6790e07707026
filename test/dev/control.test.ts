/**
 * The control protocol over real sockets: every command and event, sync after a reconnect, several
 * controllers, typed errors, and malformed frames.
 */
import { WebSocket } from 'ws';
import { ControlError, type ControlClient } from '../../src/testing/control-client';
import type { ControlEvent } from '../../src/protocol/control';
import { startRig, type Rig } from './rig';

const U = 'wearer@example.com';
let rig: Rig;
let ctl: ControlClient;

beforeEach(async () => {
  rig = await startRig();
  ctl = await rig.connect();
});
afterEach(() => rig.close());

/** A raw socket on one channel, collecting frames. */
async function raw(channel = 'control'): Promise<{ ws: WebSocket; frames: any[]; next: (pred?: (f: any) => boolean) => Promise<any> }> {
  const ws = new WebSocket(`${rig.control.wsUrl}?channel=${channel}`);
  const frames: any[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(d.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((r) => ws.once('open', r));
  let read = 0;
  const next = async (pred: (f: any) => boolean = () => true): Promise<any> => {
    for (;;) {
      while (read < frames.length) {
        const f = frames[read++];
        if (pred(f)) return f;
      }
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { ws, frames, next };
}

const types = (events: ControlEvent[], user = U) =>
  events.filter((e) => 'user_id' in e && e.user_id === user && e.type !== 'wire').map((e) => (e.type === 'session_state' ? `state:${e.state}` : e.type));

test('welcome on both channels, then user_start answers once the session is ready', async () => {
  expect(ctl.welcome).toMatchObject({ type: 'welcome', protocol: 1, channel: 'control', app: { running: true, entry: 'show-app.ts' } });
  const res = await ctl.userStart(U);
  expect(res).toMatchObject({ type: 'user_start_response', success: true, session_id: `${U}-com.example.app` });
  expect(res.user?.state).toBe('ready');
  await ctl.waitForDisplay(U, 'ready');
  await ctl.waitForDisplay(U, 'show app', { view: 'dashboard' });
  await ctl.waitFor(() => (ctl.users.get(U)!.subscriptions.length >= 6 ? true : undefined), 3000, 'subscriptions');
  expect(types(ctl.events).slice(0, 2)).toEqual(['state:starting', 'state:ready']);
  expect(ctl.events.filter((e) => e.type === 'wire').map((e) => (e as any).direction)).toEqual(expect.arrayContaining(['webhook', 'app->cloud', 'cloud->app']));
  const init = ctl.events.find((e) => e.type === 'wire' && (e.message as any)?.type === 'tpa_connection_init') as any;
  expect(init.message.apiKey).toBe('[redacted]');
  expect(JSON.stringify(ctl.events)).not.toContain('test-api-key');
});

test('every input kind reaches the app and its display comes back', async () => {
  await ctl.userStart(U);
  await ctl.waitForDisplay(U, 'ready');
  const cases: Array<[Parameters<ControlClient['input']>[1], string | RegExp]> = [
    [{ kind: 'transcription', text: 'bonjour', final: true, language: 'fr-FR' }, /never/],
    [{ kind: 'transcription', text: 'hello', final: false }, 'hearing: hello'],
    [{ kind: 'transcription', text: 'hello', final: true, language: 'en-US' }, 'echo: hello (en-US)'],
    [{ kind: 'button', button_id: 'main', press: 'long' }, 'main long'],
    [{ kind: 'head', position: 'up' }, 'head: up'],
    [{ kind: 'touch', gesture: 'double_tap' }, 'touch: double_tap'],
    [{ kind: 'notification', app: 'Messages', title: 'Alex', content: 'see you at 7' }, 'see you at 7'],
    [{ kind: 'battery', level: 42, charging: true }, 'battery: 42% charging'],
    [{ kind: 'location', lat: 1.5, lng: 2.5 }, 'location: 1.5,2.5'],
  ];
  for (const [input, shown] of cases) {
    const delivered = await ctl.input(U, input);
    if (shown instanceof RegExp) {
      expect(delivered).toBe(0); // the app subscribed to en-US only: like the cloud, nothing is sent
      continue;
    }
    expect(delivered).toBe(1);
    await ctl.waitForDisplay(U, shown);
  }
  expect(ctl.users.get(U)!.device).toEqual({
    head: 'up',
    battery: { level: 42, charging: true },
    location: { lat: 1.5, lng: 2.5 },
    connected: true,
    wifi: { connected: true, ssid: 'simulated-wifi' },
  });
  expect(ctl.users.get(U)!.views.main!.layout).toEqual({ layoutType: 'text_wall', text: 'location: 1.5,2.5' });
});

test('user_stop ends the session: stopped, views emptied, no subscriptions; list_users and sync agree', async () => {
  await ctl.userStart(U);
  await ctl.userStart('second@example.com');
  await ctl.waitForDisplay(U, 'ready');
  const stopped = await ctl.userStop(U);
  expect(stopped).toMatchObject({ success: true, user: { state: 'stopped', views: { main: null, dashboard: null }, subscriptions: [] } });
  await ctl.waitFor(() => (ctl.users.get(U)?.state === 'stopped' && !ctl.users.get(U)!.views.main ? true : undefined), 3000, 'the stop events');
  expect(ctl.events.some((e) => e.type === 'display_update' && e.user_id === U && e.layout === null && e.reason === 'session_ended')).toBe(true);
  const list = await ctl.listUsers();
  expect(list.users).toEqual([
    { user_id: U, session_id: `${U}-com.example.app`, state: 'stopped' },
    { user_id: 'second@example.com', session_id: 'second@example.com-com.example.app', state: 'ready' },
  ]);
  const one = await ctl.sync('second@example.com');
  expect(one.users).toHaveLength(1);
  expect(one.users![0]!.user_id).toBe('second@example.com');
  // a stopped wearer can start again
  await ctl.userStart(U);
  await ctl.waitForDisplay(U, 'ready');
});

test('a timed display (durationMs) empties its view by itself, in events and in sync', async () => {
  await ctl.userStart(U);
  await ctl.input(U, { kind: 'transcription', text: 'timed' });
  const shown = await ctl.waitForDisplay(U, 'brief');
  expect(shown.duration_ms).toBe(150);
  const expired = await ctl.waitForEvent((e) => e.type === 'display_update' && e.layout === null && e.reason === 'expired', 3000);
  expect(expired).toMatchObject({ user_id: U, view: 'main' });
  expect((await ctl.sync()).users![0]!.views.main).toBeNull();
  await ctl.input(U, { kind: 'transcription', text: 'clear' });
  await ctl.waitFor(() => (ctl.view(U)?.layout.layoutType === 'clear_view' ? true : undefined), 3000, 'clear_view');
});

test('two controllers see the same events, and sync after a reconnect equals what a follower holds', async () => {
  const other = await rig.connect();
  await ctl.userStart(U);
  await ctl.input(U, { kind: 'transcription', text: 'one' });
  await other.waitForDisplay(U, 'echo: one (en-US)');
  await ctl.close();
  // While the first controller is away, things change.
  await other.input(U, { kind: 'button', press: 'short' });
  await other.input(U, { kind: 'head', position: 'up' });
  await other.userStart('late@example.com');
  await other.waitForDisplay('late@example.com', 'ready');
  await other.waitForDisplay(U, 'head: up');
  const back = await rig.connect();
  expect(Object.fromEntries(back.users)).toEqual(Object.fromEntries(other.users));
  const res = await back.sync();
  expect(res.users).toEqual([...other.users.values()]);
  // Events seen by both controllers after both were connected are the same, in the same order.
  await back.input(U, { kind: 'transcription', text: 'two' });
  await back.waitForDisplay(U, 'echo: two (en-US)');
  await other.waitForDisplay(U, 'echo: two (en-US)');
  const since = res.seq!;
  const seqs = (c: ControlClient) => c.events.filter((e) => e.seq > since).map((e) => `${e.seq}:${e.type}`);
  expect(seqs(back)).toEqual(seqs(other));
  expect(seqs(back).map((s) => s.split(':')[1])).toEqual(['wire', 'wire', 'display_update']);
});

test('typed errors: unknown_user, invalid_input, already_started, not_running, unknown_command', async () => {
  const fail = async (cmd: any) => (await ctl.request(cmd)) as any;
  expect((await fail({ type: 'input', user_id: 'nobody', kind: 'head', position: 'up' })).error.code).toBe('unknown_user');
  expect((await fail({ type: 'user_stop', user_id: 'nobody' })).error.code).toBe('unknown_user');
  expect((await fail({ type: 'sync', user_id: 'nobody' })).error.code).toBe('unknown_user');
  for (const bad of [
    { type: 'input', user_id: U, kind: 'smell' },
    { type: 'input', user_id: U, kind: 'transcription' },
    { type: 'input', user_id: U, kind: 'transcription', text: 'x', language: 'not a language' },
    { type: 'input', user_id: U, kind: 'battery', level: 140 },
    { type: 'input', user_id: U, kind: 'location', lat: 'north', lng: 0 },
    { type: 'input', user_id: U, kind: 'button', press: 'hard' },
    { type: 'user_start', user_id: '' },
    { type: 'user_start' },
  ]) {
    const res = await fail(bad);
    expect(res).toMatchObject({ type: `${bad.type}_response`, success: false, error: { code: 'invalid_input' } });
    expect(res.error.message).toMatch(/"\w+" must|must be/);
  }
  await ctl.userStart(U);
  await expect(ctl.userStart(U)).rejects.toMatchObject({ code: 'already_started' });
  await ctl.userStop(U);
  await expect(ctl.input(U, { kind: 'transcription', text: 'late' })).rejects.toMatchObject({ code: 'not_running' });
  await expect(ctl.userStop(U)).rejects.toBeInstanceOf(ControlError);
  expect(await fail({ type: 'teleport' })).toMatchObject({ type: 'teleport_response', success: false, error: { code: 'unknown_command' } });
});

test('app_not_running when the app is down, app_error when its webhook refuses', async () => {
  rig.dev.setApp({ running: false, exit_code: 3 });
  await ctl.waitFor(() => (ctl.app.running === false ? true : undefined), 3000, 'app_state');
  expect(ctl.app.exit_code).toBe(3);
  await expect(ctl.userStart(U)).rejects.toMatchObject({ code: 'app_not_running', message: expect.stringContaining('exit code 3') });
  // An HTTP server that answers every webhook 500 plays a broken app.
  const { createServer } = await import('node:http');
  const broken = createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"status":"error","message":"database is down"}');
  });
  await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
  rig.dev.setApp({ port: (broken.address() as { port: number }).port, running: true });
  await expect(ctl.userStart(U)).rejects.toMatchObject({ code: 'app_error', message: expect.stringContaining('500: database is down') });
  await ctl.waitFor(() => (ctl.users.get(U)?.state === 'failed' ? true : undefined), 3000, 'failed');
  await new Promise((r) => broken.close(r));
});

test('malformed frames get bad_frame and the connection stays open', async () => {
  const c = await raw('control');
  expect(await c.next()).toMatchObject({ type: 'welcome', channel: 'control' });
  const frames: Array<string | Buffer> = [
    'not json',
    '[1,2]',
    '"text"',
    '{"no":"type"}',
    '{"type":"sync"}',
    '{"type":"sync","request_id":7}',
    Buffer.from([1, 2, 3]),
  ];
  for (const f of frames) {
    c.ws.send(f);
    const answer = await c.next();
    expect(answer).toMatchObject({ type: 'error', code: 'bad_frame' });
    expect(typeof answer.message).toBe('string');
  }
  c.ws.send(JSON.stringify({ type: 'list_users', request_id: 'still-here' }));
  expect(await c.next()).toEqual({ type: 'list_users_response', request_id: 'still-here', success: true, users: [] });
  expect(c.ws.readyState).toBe(WebSocket.OPEN);
  c.ws.close();
});

test('events go to the stream channel, responses to the control channel that asked', async () => {
  const s = await raw('stream');
  const c = await raw('control');
  await s.next((f) => f.type === 'welcome');
  await c.next((f) => f.type === 'welcome');
  c.ws.send(JSON.stringify({ type: 'user_start', request_id: 'a', user_id: U }));
  expect(await c.next()).toMatchObject({ type: 'user_start_response', request_id: 'a', success: true });
  const ready = await s.next((f) => f.type === 'session_state' && f.state === 'ready');
  expect(ready).toMatchObject({ user_id: U, session_id: `${U}-com.example.app`, package_name: 'com.example.app' });
  expect(typeof ready.seq).toBe('number');
  expect(c.frames.filter((f) => f.seq !== undefined && f.type !== 'sync_response')).toEqual([]);
  expect(s.frames.some((f) => f.request_id)).toBe(false);
  s.ws.close();
  c.ws.close();
});
