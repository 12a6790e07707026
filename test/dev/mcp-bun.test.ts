/**
 * `mentraos mcp --runtime bun` against the field-notes example (camera, microphone, tools, settings), driven
 * through a real MCP client over stdio: the app runs on Bun (on Node where no Bun binary is at hand outside
 * CI). A photo request answered with the test image, a file and an error, and the display each causes; the
 * app's own tool; a setting; a WAV file as the microphone; what the app asked of the glasses; app_config.json
 * as a resource. One app launch for the whole file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bunBinary } from '../helpers/bun';
import { root, startMcp, textOf, type McpRun } from './mcp-kit';

const bun = bunBinary();
const runtime = bun ? 'bun' : 'node';
const dir = 'examples/modern/field-notes';
let mcp: McpRun;

beforeAll(async () => {
  mcp = await startMcp([`${dir}/app.ts`, '--runtime', runtime], bun ? { BUN_BIN: bun } : {});
}, 90_000);
afterAll(() => mcp?.close(), 60_000);

describe(`field notes on ${runtime}`, () => {
  test('the session starts with the greeting from its settings', async () => {
    await mcp.ok('start_session');
    expect(await mcp.ok('wait_for_display', { text: 'Field notes ready', timeout_ms: 15_000 })).toMatchObject({ view: 'main', texts: ['Field notes ready'] });
  });

  test('a button press asks for a photo; answering it with the test image shows its size', async () => {
    expect(await mcp.ok('press_button')).toMatchObject({ delivered: 1 });
    const answered = await mcp.ok('answer_photo');
    expect(answered).toMatchObject({ answered_with: { file: null, mime_type: 'image/png', bytes: expect.any(Number) } });
    const shown = await mcp.ok('wait_for_display', { pattern: '^photo: image/png, \\d+ bytes$' });
    expect(shown.texts).toEqual([`photo: image/png, ${answered.answered_with.bytes} bytes`]);
    expect((await mcp.ok('glasses_requests')).photo_requests).toEqual([]);
  });

  test('a photo answered with a file, then with an error', async () => {
    await mcp.ok('press_button');
    const file = `${dir}/photo.png`;
    await mcp.ok('answer_photo', { file });
    await mcp.ok('wait_for_display', { text: `photo: image/png, ${readFileSync(path.join(root, file)).length} bytes` });

    await mcp.ok('press_button');
    const pending = await mcp.ok('glasses_requests');
    await mcp.ok('answer_photo', { error: { code: 'CAMERA_BUSY', message: 'the camera is busy' } });
    await mcp.ok('wait_for_display', { pattern: '^no photo: .*camera is busy' });
    expect(pending.recent.filter((r: { type: string }) => r.type === 'photo_request').length).toBeGreaterThanOrEqual(3);

    const missing = await mcp.call('answer_photo', { file: `${dir}/nothing-here.png`, timeout_ms: 100 });
    expect(textOf(missing)).toMatch(/^invalid_input: Cannot read .*nothing-here\.png: ENOENT/);
    const none = await mcp.call('answer_photo', { timeout_ms: 200 });
    expect(textOf(none)).toMatch(/^timeout: .*a photo request from the app for wearer@example.com/);
  });

  test("the app's tool, a setting and microphone audio", async () => {
    expect((await mcp.ok('list_app_tools')).tools.map((t: { id: string }) => t.id)).toEqual(['take_note', 'count_notes']);
    expect(await mcp.ok('call_app_tool', { tool: 'take_note', parameters: { text: 'buy milk' } })).toMatchObject({ app_status: 200, reply: 'Saved: buy milk' });
    await mcp.ok('wait_for_display', { text: 'noted: buy milk' });

    await mcp.ok('change_setting', { key: 'units', value: 'imperial' });
    await mcp.ok('wait_for_display', { text: 'settings updated: units imperial' });
    const bad = await mcp.call('change_setting', { key: 'units', value: 'furlongs' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^invalid_input: .*units/);
    expect((await mcp.ok('list_settings')).settings).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'units', value: 'imperial' })]));

    expect(await mcp.ok('feed_audio', { file: `${dir}/speech.wav` })).toMatchObject({ delivered: true, chunks: 10, bytes: 32000 });
    await mcp.ok('wait_for_display', { text: 'heard 10 chunks, 32000 bytes' });
  });

  test('app_config.json is a resource, read as it is on disk', async () => {
    const res = await mcp.client.readResource({ uri: 'mentraos://app/config' });
    expect(res.contents[0]).toMatchObject({ mimeType: 'application/json' });
    expect((res.contents[0] as { text: string }).text).toBe(readFileSync(path.join(root, dir, 'app_config.json'), 'utf8'));
  });

  test('the app state: listening on the runtime asked for, no restarts, no error', async () => {
    expect(await mcp.ok('app_state')).toMatchObject({
      mode: 'started',
      runtime,
      listening: true,
      running: true,
      restarts: 0,
      last_error: null,
      package_name: 'com.example.app',
    });
    expect(await mcp.ok('stop_session')).toMatchObject({ state: 'stopped' });
  });
});
