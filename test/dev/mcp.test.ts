/**
 * `mentraos mcp` driven through a real MCP client over stdio (the built CLI, launched with node), against the
 * weather example on Node: the tools, a session spoken to and read, the screenshot (the same PNG as the
 * control protocol's), resources and their change notifications, bad input answered with tool errors while
 * the server keeps serving, several wearers, a second server attached to the first's `mentraos dev`, and the
 * app's onStop in the log. One app launch for the whole file.
 */
import { ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { PNG } from 'pngjs';
import { connectControl, type ControlClient } from '../../src/testing/control-client';
import { startMcp, textOf, type McpRun } from './mcp-kit';

let mcp: McpRun;
let control: ControlClient | undefined;
const W = 'wearer@example.com';

beforeAll(async () => {
  mcp = await startMcp(['examples/modern/weather.ts']);
}, 90_000);
afterAll(async () => {
  await control?.close();
  await mcp?.close();
}, 60_000);

test('lists every tool, each described and with a JSON schema of its inputs', async () => {
  const { tools } = await mcp.client.listTools();
  const names = tools.map((t) => t.name);
  for (const name of [
    'start_session',
    'stop_session',
    'list_sessions',
    'speak',
    'press_button',
    'touch_gesture',
    'move_head',
    'send_notification',
    'set_battery',
    'set_location',
    'add_calendar_event',
    'change_setting',
    'call_app_tool',
    'answer_photo',
    'feed_audio',
    'read_display',
    'screenshot',
    'read_log',
    'app_state',
    'glasses_requests',
    'wait_for_display',
  ]) {
    expect(names).toContain(name);
  }
  for (const t of tools) {
    expect(t.description!.length).toBeGreaterThan(30);
    expect(t.inputSchema.type).toBe('object');
  }
  const speak = tools.find((t) => t.name === 'speak')!;
  expect(speak.inputSchema.required).toEqual(['text']);
  expect(Object.keys(speak.inputSchema.properties!)).toEqual(expect.arrayContaining(['text', 'final', 'language', 'wearer']));
});

test('start a session with no arguments, speak, wait for the display, and read its text', async () => {
  const started = await mcp.ok('start_session');
  expect(started).toMatchObject({ wearer: W, state: 'ready' });
  await mcp.ok('wait_for_display', { text: 'Weather App Ready' });
  expect(await mcp.ok('speak', { text: 'what is', final: false })).toMatchObject({ wearer: W, kind: 'transcription', delivered: 1 });
  // The app subscribes to English only: French reaches nobody, and the answer says so.
  const french = await mcp.call('speak', { text: 'quel temps fait-il', language: 'fr-FR' });
  expect(french.structuredContent).toMatchObject({ delivered: 0 });
  expect(textOf(french)).toMatch(/does not subscribe to this transcription/);
  expect(await mcp.ok('speak', { text: "what's the weather like" })).toMatchObject({ delivered: 1 });
  const seen = await mcp.call('wait_for_display', { pattern: 'Sunny, \\d+°F', timeout_ms: 10_000 });
  expect(seen.isError).toBeFalsy();
  expect(textOf(seen)).toContain('[main] reference_card: Weather | Sunny, 72°F');
  const read = await mcp.ok('read_display');
  expect(read.views.main).toMatchObject({ shown: true, texts: ['Sunny, 72°F', 'Weather'] });
  expect(read.views.dashboard).toMatchObject({ shown: false });
  expect((await mcp.ok('read_display', { view: 'main' })).views).toEqual({ main: read.views.main });
});

test('the screenshot is image content: a 576x135 PNG identical to the screenshot command and the PNG resource', async () => {
  const shot = await mcp.call('screenshot');
  expect(shot.isError).toBeFalsy();
  const image = shot.content.find((c) => c.type === 'image') as { data: string; mimeType: string };
  expect(image.mimeType).toBe('image/png');
  const png = Buffer.from(image.data, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const decoded = PNG.sync.read(png);
  expect([decoded.width, decoded.height]).toEqual([576, 135]);
  expect(decoded.data.some((v, i) => i % 4 === 1 && v > 0)).toBe(true); // something is lit

  const state = await mcp.ok('app_state');
  control = await connectControl(state.control_url);
  const theirs = await control.screenshot(W, 'main');
  expect(Buffer.from(theirs.png_base64!, 'base64').equals(png)).toBe(true);

  const resource = await mcp.client.readResource({ uri: `mentraos://wearers/${encodeURIComponent(W)}/views/main/png` });
  expect(Buffer.from((resource.contents[0] as { blob: string }).blob, 'base64').equals(png)).toBe(true);
});

test('resources: the views, the log and app_config.json, with updates as the view changes', async () => {
  const { resources } = await mcp.client.listResources();
  const uris = resources.map((r) => r.uri);
  const mainUri = `mentraos://wearers/${encodeURIComponent(W)}/views/main`;
  expect(uris).toEqual(expect.arrayContaining(['mentraos://app/log', 'mentraos://app/config', mainUri, `${mainUri}/png`]));
  const view = JSON.parse(((await mcp.client.readResource({ uri: mainUri })).contents[0] as { text: string }).text);
  expect(view.texts).toContain('Sunny, 72°F');
  // The weather example has no app_config.json: reading it is a clear error.
  await expect(mcp.client.readResource({ uri: 'mentraos://app/config' })).rejects.toThrow(/No app_config\.json/);

  const updates: string[] = [];
  const heard = new Promise<void>((resolve) =>
    mcp.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
      if (n.params.uri === mainUri) resolve();
    }),
  );
  await mcp.client.subscribeResource({ uri: mainUri });
  await mcp.ok('speak', { text: 'weather again please' });
  // The same card again is still a display update: the subscriber hears of it.
  await heard;
  expect(updates).not.toContain(`${mainUri}/png`); // not subscribed
  await mcp.client.unsubscribeResource({ uri: mainUri });
});

test('bad input gets a clear tool error and the server keeps serving', async () => {
  const unknown = await mcp.call('fly_to_the_moon');
  expect(unknown.isError).toBe(true);
  expect(textOf(unknown)).toMatch(/Tool fly_to_the_moon not found/);

  const wrongType = await mcp.call('speak', { text: 42 });
  expect(wrongType.isError).toBe(true);
  expect(textOf(wrongType)).toMatch(/Invalid arguments for tool speak/);

  const badEnum = await mcp.call('move_head', { position: 'sideways' });
  expect(badEnum.isError).toBe(true);

  const ghost = await mcp.call('read_display', { wearer: 'ghost@example.com' });
  expect(ghost.isError).toBe(true);
  expect(textOf(ghost)).toMatch(/^unknown_user: No wearer "ghost@example.com"; the wearers are wearer@example.com/);
  expect(ghost.structuredContent).toEqual({ error: { code: 'unknown_user', message: expect.any(String) } });
  expect((await mcp.call('press_button', { wearer: 'ghost@example.com' })).isError).toBe(true);

  const never = await mcp.call('wait_for_display', { text: 'never shown', timeout_ms: 300 });
  expect(never.isError).toBe(true);
  expect(textOf(never)).toMatch(/^timeout: wearer@example.com was not shown "never shown" within 300 ms; now: \[main\] reference_card: Weather/);

  const both = await mcp.call('wait_for_display', {});
  expect(textOf(both)).toMatch(/^invalid_input: Give "text" or "pattern"/);
  expect(textOf(await mcp.call('wait_for_display', { pattern: '(' }))).toMatch(/^invalid_input: "pattern" is not a regular expression/);
  expect(textOf(await mcp.call('start_session'))).toMatch(/^already_started: /);

  expect((await mcp.ok('list_sessions')).wearers).toEqual([{ wearer: W, session_id: expect.any(String), state: 'ready' }]);
});

test('several wearers: tools act on the wearer started last unless told', async () => {
  const second = 'second@example.com';
  const listChanged = new Promise<void>((resolve) => mcp.client.setNotificationHandler(ResourceListChangedNotificationSchema, () => resolve()));
  expect(await mcp.ok('start_session', { wearer: second })).toMatchObject({ wearer: second, state: 'ready' });
  // A new wearer is news for the resource list: its views are listed now.
  await listChanged;
  const { resources } = await mcp.client.listResources();
  expect(resources.map((r) => r.uri)).toContain(`mentraos://wearers/${encodeURIComponent(second)}/views/dashboard/png`);
  await mcp.ok('speak', { text: 'the weather here?' });
  await mcp.ok('wait_for_display', { text: 'Sunny, 72°F' });
  expect((await mcp.ok('read_display', { wearer: second })).views.main.texts).toContain('Sunny, 72°F');
  expect((await mcp.ok('glasses_requests', { wearer: W })).wearer).toBe(W);
  expect(await mcp.ok('stop_session', { wearer: second })).toEqual({ wearer: second, state: 'stopped' });
});

test('a second server attaches to the running "mentraos dev" through its control protocol', async () => {
  const { control_url } = await mcp.ok('app_state');
  const attached = await startMcp(['--attach', control_url]);
  try {
    const state = await attached.ok('app_state');
    expect(state).toMatchObject({ mode: 'attached', listening: true, control_url });
    expect(state.wearers).toEqual(expect.arrayContaining([{ wearer: W, state: 'ready' }]));
    // It acts on the only live wearer without being told, and both servers see the same glasses.
    await attached.ok('move_head', { position: 'up' });
    expect((await mcp.ok('read_display')).views.main).toEqual((await attached.ok('read_display', { wearer: W })).views.main);
    expect(textOf(await attached.call('restart_app'))).toMatch(/^not_supported: /);
  } finally {
    await attached.close();
  }
});

test("stop: the session ends and the app's onStop shows in the log", async () => {
  // The second wearer's onStop ran already; this stop runs the first wearer's.
  await mcp.waitForStderr('[app] Session ended: user_disabled', 1);
  expect((await mcp.ok('read_log', { contains: 'Session ended' })).lines).toEqual(['[app] Session ended: user_disabled']);
  const logUpdated = new Promise<void>((resolve) =>
    mcp.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      if (n.params.uri === 'mentraos://app/log') resolve();
    }),
  );
  await mcp.client.subscribeResource({ uri: 'mentraos://app/log' });
  expect(await mcp.ok('stop_session')).toEqual({ wearer: W, state: 'stopped' });
  await logUpdated;
  // onStop runs in the app's process; its line reaches the server's output (and read_log) once printed.
  await mcp.waitForStderr('[app] Session ended: user_disabled', 2);
  const log = await mcp.ok('read_log', { contains: 'Session ended' });
  expect(log.lines).toEqual(['[app] Session ended: user_disabled', '[app] Session ended: user_disabled']);
  const resource = await mcp.client.readResource({ uri: 'mentraos://app/log' });
  expect((resource.contents[0] as { text: string }).text).toContain('[app] Session ended: user_disabled');
  expect((await mcp.ok('read_display')).views.main.shown).toBe(false);
});
