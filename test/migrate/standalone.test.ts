/**
 * `mentraos-migrate --from-standalone`: an AugmentOS app that runs its own webhook and builds its sessions
 * becomes a TpaServer subclass mounted on its own express app; the migrated app runs against the test cloud.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { migrate, runMigrateCli } from '../../src/migrate';
import { createTestCloud } from '../../src/testing';

const APP = `import express from 'express';
import { TpaSession } from '@augmentos/sdk';

const sessions = new Map<string, TpaSession>();
export const app = express();
app.use(express.json());
app.get('/status', (_req, res) => res.json({ ok: true }));

app.post('/webhook', async (req, res) => {
  const { type, sessionId, userId } = req.body;
  if (type === 'stop_request') {
    try {
      sessions.get(sessionId)?.disconnect();
    } catch (e) {
      console.error(e);
    }
    sessions.delete(sessionId);
    res.json({ status: 'success' });
    return;
  }
  const session = new TpaSession({
    packageName: 'com.example.app',
    apiKey: process.env.STANDALONE_KEY as string,
    augmentOSWebsocketUrl: req.body.augmentOSWebsocketUrl,
    userId,
  });
  session.onTranscription((data) => session.layouts.showTextWall('echo: ' + data.text));
  try {
    await session.connect(sessionId);
  } catch (e) {
    res.status(500).json({ status: 'error' });
    return;
  }
  sessions.set(sessionId, session);
  session.onHeadPosition((data) => session.layouts.showTextWall('head ' + data.position));
  res.json({ status: 'success' });
});
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-standalone-'));
  writeFileSync(path.join(dir, 'app.ts'), APP);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('--dry-run shows the rewrite as a diff and writes nothing', async () => {
  const out: string[] = [];
  const code = await runMigrateCli([dir, '--from-standalone', '--dry-run'], { out: (t) => out.push(t), err: (t) => out.push(t) });
  expect(code).toBe(0);
  const text = out.join('');
  expect(text.indexOf('+class StandaloneServer extends TpaServer {')).toBeGreaterThan(-1);
  expect(text.indexOf('--- a/app.ts')).toBeLessThan(text.indexOf('Would change:'));
  expect(text).toContain('stop_request branch is gone');
  expect(readFileSync(path.join(dir, 'app.ts'), 'utf8')).toBe(APP);
});

test('the rewritten app: handlers in onSession, the server mounted on the app, and it runs against the test cloud', async () => {
  const result = await migrate(dir, { fromStandalone: true });
  expect(result.changes).toEqual([expect.objectContaining({ file: 'app.ts', message: expect.stringContaining('StandaloneServer') })]);
  const migrated = readFileSync(path.join(dir, 'app.ts'), 'utf8');
  if (process.env.SHOW_MIGRATED) console.log(migrated);
  expect(migrated).toContain("import { TpaServer, TpaSession } from '@augmentos/sdk';");
  expect(migrated).toContain('protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {');
  expect(migrated).toContain(
    "app.use(new StandaloneServer({ packageName: 'com.example.app', apiKey: process.env.STANDALONE_KEY as string }).getExpressApp());",
  );
  expect(migrated).not.toContain('session.connect(');
  expect(migrated).not.toContain('new TpaSession(');
  // A second run finds nothing left to rewrite.
  expect((await migrate(dir, { fromStandalone: true, dryRun: true })).changes).toEqual([]);

  // Run it: the SDK's own sources stand in for the installed package.
  const runnable = path.join(dir, 'runnable.ts');
  const root = path.resolve(__dirname, '../..');
  writeFileSync(
    runnable,
    migrated.replace("'@augmentos/sdk'", JSON.stringify(path.join(root, 'src'))).replace("'express'", JSON.stringify(path.join(root, 'node_modules/express'))),
  );
  process.env.STANDALONE_KEY = 'standalone-key-123456';
  const { app } = require(runnable) as { app: import('express').Express };
  const cloud = await createTestCloud({ dialect: 'augmentos' });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const port = (server.address() as { port: number }).port;
    expect(await (await fetch(`http://127.0.0.1:${port}/status`)).json()).toEqual({ ok: true });
    const user = await cloud.startSession({ app: { port }, packageName: 'com.example.app' });
    await user.transcribe('migrated');
    await user.waitForDisplay('echo: migrated');
    await user.waitForSubscriptions((s) => s.includes('head_position'));
    await user.moveHead('down');
    await user.waitForDisplay('head down');
    await user.stop();
  } finally {
    server.close();
    server.closeAllConnections?.();
    await cloud.close();
  }
});

test('a session built outside a webhook route is reported, not rewritten', async () => {
  writeFileSync(
    path.join(dir, 'app.ts'),
    "import { TpaSession } from '@augmentos/sdk';\nexport const s = new TpaSession({ packageName: 'p', apiKey: 'k' });\n",
  );
  const result = await migrate(dir, { fromStandalone: true, dryRun: true });
  expect(result.changes).toEqual([]);
  expect(result.manual).toEqual([expect.objectContaining({ file: 'app.ts', line: 2, message: expect.stringContaining('move it into a server subclass') })]);
});
