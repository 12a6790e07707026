/** `mentraos mcp` before it serves: usage errors (exit 2) and the MCP SDK, found or missing. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMcpSdk } from '../../src/dev/mcp/sdk';
import { UsageError } from '../../src/dev/script';
import { mainInProcess as run } from '../helpers/main-in-process';

const root = path.resolve(__dirname, '../..');

test('usage errors exit 2 with a reason and print nothing on stdout (the protocol channel)', async () => {
  for (const [argv, reason] of [
    [['mcp'], /Which app\? mentraos mcp <app-entry>/],
    [['mcp', 'no/such/app.ts'], /No app entry at no\/such\/app.ts/],
    [['mcp', 'app.ts', '--listen', '0.0.0.0:7077'], /neither --script nor --listen/],
    [['mcp', '--attach', 'ws://10.0.0.2:7077/ws'], /not a loopback address/],
  ] as const) {
    const r = await run([...argv]);
    expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
    expect(r.stderr).toMatch(reason);
    expect(r.stdout).toBe('');
  }
});

test('the MCP SDK is found from the project, and a missing one says how to install it', () => {
  const sdk = loadMcpSdk(root);
  expect(typeof sdk.McpServer).toBe('function');
  expect(typeof sdk.StdioServerTransport).toBe('function');
  expect(sdk.z.string().safeParse(1).success).toBe(false);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-nosdk-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), '{"name":"app","version":"1.0.0"}');
    const missing = () => loadMcpSdk(dir, [path.join(dir, 'package.json')]);
    expect(missing).toThrow(UsageError);
    expect(missing).toThrow('mentraos mcp needs the MCP SDK in your project: npm install --save-dev @modelcontextprotocol/sdk');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
