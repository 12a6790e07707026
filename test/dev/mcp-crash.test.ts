/**
 * `mentraos mcp` with an app that crashes before it listens (test/dev/fixtures/crash-app.js): the server
 * still starts and serves, and every tool that needs the app answers with a tool error naming why; a
 * restart tries again and reports the same. One launch of a plain script (no TypeScript loader).
 */
import { startMcp, textOf, type McpRun } from './mcp-kit';

let mcp: McpRun;

beforeAll(async () => {
  mcp = await startMcp(['test/dev/fixtures/crash-app.js']);
}, 90_000);
afterAll(() => mcp?.close(), 60_000);

test('an app that crashed: clear tool errors with its last words, and the server keeps serving', async () => {
  const state = await mcp.ok('app_state');
  expect(state).toMatchObject({ mode: 'started', running: false, listening: false, exit_code: 1 });
  expect(state.last_error).toContain('cannot read config.json');
  expect(textOf(await mcp.call('app_state'))).toMatch(/^The app is not running \(.*\); restarts: 0\./);

  const start = await mcp.call('start_session');
  expect(start.isError).toBe(true);
  expect(textOf(start)).toMatch(/^app_not_running: The app is not running \(exit code 1\): .*cannot read config\.json/);

  const speak = await mcp.call('speak', { text: 'hello' });
  expect(speak.isError).toBe(true);
  expect(textOf(speak)).toMatch(/^unknown_user: No wearer yet: call start_session first/);

  expect((await mcp.ok('read_log', { contains: 'cannot read config.json' })).lines.length).toBeGreaterThan(0);

  const restarted = await mcp.ok('restart_app');
  expect(restarted.app).toMatchObject({ running: false, restarts: 1 });
  expect(textOf(await mcp.call('start_session', { wearer: 'again@example.com' }))).toMatch(/^app_not_running: /);

  const { tools } = await mcp.client.listTools();
  expect(tools.length).toBeGreaterThan(20);
  expect((await mcp.ok('list_sessions')).wearers).toEqual([]);
});
