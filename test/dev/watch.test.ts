/**
 * `mentraos dev --watch` (the real CLI): a change restarts the app and starts the same wearer again, the
 * views kept meanwhile; a syntax error is shown in the terminal and reported as app_state; the next save
 * recovers.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectControl, type ControlClient } from '../../src/testing/control-client';
import { freePort } from '../../src/testing/launch';
import { eventually } from '../helpers/apps';

const root = path.resolve(__dirname, '../..');
const tsx = require.resolve('tsx');
const U = 'wearer@example.com';

const source = (text: string) => `import { AppServer, AppSession } from '@mentraos/sdk';
class Versioned extends AppServer {
  protected async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall(${JSON.stringify(text)});
  }
}
new Versioned({ packageName: 'com.example.watch', apiKey: process.env.MENTRAOS_API_KEY!, port: Number(process.env.PORT) }).start();
`;

test('a change restarts the app and the wearer; a syntax error is reported and the next save recovers', async () => {
  mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
  const dir = mkdtempSync(path.join(root, 'test-artifacts', 'watch-'));
  const entry = path.join(dir, 'app.ts');
  writeFileSync(entry, source('version 1'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', tsx, 'src/dev/cli.ts', 'dev', path.relative(root, entry), '--watch', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const done = new Promise((r) => child.once('exit', r));
  let ctl: ControlClient | undefined;
  try {
    for (let i = 0; !ctl; i++) {
      ctl = await connectControl(`ws://127.0.0.1:${port}/ws`).catch(async (e) => {
        if (i > 600) throw e;
        await new Promise((r) => setTimeout(r, 50));
        return undefined;
      });
    }
    const c = ctl;
    await c.userStart(U);
    await c.waitForDisplay(U, 'version 1', { timeoutMs: 20_000 });

    writeFileSync(entry, source('version 2'));
    await c.waitForDisplay(U, 'version 2', { timeoutMs: 30_000 });
    expect(c.app).toMatchObject({ restarts: 1, listening: true, error: null });
    expect(c.users.get(U)!.state).toBe('ready');
    // The view was kept while the app restarted: no emptied view in between.
    expect(c.events.some((e) => e.type === 'display_update' && e.layout === null)).toBe(false);

    writeFileSync(entry, source('version 3').replace('class Versioned', 'class Versioned {{'));
    const failed = await c.waitForEvent((e) => e.type === 'app_state' && e.app.error !== null, 30_000);
    expect(failed).toMatchObject({ app: { running: false, listening: false, exit_code: expect.any(Number) } });
    await eventually(() => out.includes('could not start; fix it and save again'), 10_000, 'the terminal to show the failure');

    writeFileSync(entry, source('version 3'));
    await c.waitForDisplay(U, 'version 3', { timeoutMs: 30_000 });
    expect(c.app).toMatchObject({ running: true, listening: true, error: null });
    expect(c.users.get(U)!.state).toBe('ready');
  } finally {
    await ctl?.close();
    child.kill('SIGINT');
    await done;
    rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);
