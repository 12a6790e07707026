/**
 * `cloud.close()` and `AppServer.stop()` complete on every runtime while a session is connected: Bun 1.3
 * never called `server.close`'s callback once the server had terminated a WebSocket it upgraded, so the
 * close waited forever (src/core/server-close.ts). The scenario runs in its own process, on this Node and
 * on Bun.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { appRuntimes } from '../helpers/bun';

const root = path.resolve(__dirname, '../..');
const FIXTURE = path.join(root, 'test/fixtures/close-while-connected.ts');

test.each(appRuntimes())(
  'on %s, the test cloud closes with an app connected, and the app then stops',
  (_name, runtime) => {
    const [cmd, args] = runtime === 'node' ? [process.execPath, ['--import', require.resolve('tsx'), FIXTURE]] : [runtime.bun, [FIXTURE]];
    // A close that never completes either hangs (killed after the bound) or ends the process early: no "closed" line.
    const out = execFileSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim().split('\n')).toEqual(['connected', 'cloud closed', 'closed']);
  },
  90_000,
);
