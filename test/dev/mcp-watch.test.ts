/**
 * `mentraos mcp --watch` keeps `mentraos dev`'s restarts: a saved change restarts the app and starts the same
 * wearer again, which an assistant sees through wait_for_display and app_state; `restart_app` does the same on
 * demand. One server; the app (plain JavaScript, no loader) starts three times.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root, startMcp, type McpRun } from './mcp-kit';

const source = (text: string) => `import { AppServer } from '@mentraos/sdk';
class Versioned extends AppServer {
  async onSession(session) {
    session.layouts.showTextWall(${JSON.stringify(text)});
  }
}
new Versioned({ packageName: 'com.example.watch', apiKey: process.env.MENTRAOS_API_KEY, port: Number(process.env.PORT) }).start();
`;

let dir: string;
let mcp: McpRun;

beforeAll(async () => {
  mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
  dir = mkdtempSync(path.join(root, 'test-artifacts', 'mcp-watch-'));
  writeFileSync(path.join(dir, 'app.mjs'), source('version 1'));
  mcp = await startMcp([path.relative(root, path.join(dir, 'app.mjs')), '--watch']);
}, 90_000);
afterAll(async () => {
  await mcp?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('a saved change restarts the app and the wearer; restart_app does it on demand', async () => {
  await mcp.ok('start_session');
  await mcp.ok('wait_for_display', { text: 'version 1', timeout_ms: 20_000 });

  writeFileSync(path.join(dir, 'app.mjs'), source('version 2'));
  await mcp.ok('wait_for_display', { text: 'version 2', timeout_ms: 30_000 });
  expect(await mcp.ok('app_state')).toMatchObject({
    listening: true,
    restarts: 1,
    last_error: null,
    wearers: [{ wearer: 'wearer@example.com', state: 'ready' }],
  });

  writeFileSync(path.join(dir, 'app.mjs'), source('version 3'));
  // A save and a restart_app may meet: either way the app runs the new code and the wearer is back.
  const restarted = await mcp.ok('restart_app');
  expect(restarted.app.restarts).toBeGreaterThanOrEqual(2);
  await mcp.ok('wait_for_display', { text: 'version 3', timeout_ms: 30_000 });
  expect((await mcp.ok('list_sessions')).wearers).toEqual([{ wearer: 'wearer@example.com', session_id: expect.any(String), state: 'ready' }]);
});
