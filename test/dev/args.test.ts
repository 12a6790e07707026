/** The new command-line options of `mentraos dev`. */
import { launchRuntime, parseArgs, USAGE } from '../../src/dev/args';

test('--watch and --auto-photo are parsed and documented in the usage', () => {
  expect(parseArgs(['dev', 'app.ts', '--watch', '--auto-photo'])).toEqual({
    command: 'dev',
    args: expect.objectContaining({ entry: 'app.ts', watch: true, autoPhoto: true }),
  });
  const plain = parseArgs(['dev', 'app.ts']);
  expect(plain.command === 'dev' && (plain.args.watch ?? false) === false && (plain.args.autoPhoto ?? false) === false).toBe(true);
  expect(USAGE).toMatch(/--watch\s+restart the app/);
  expect(USAGE).toMatch(/--auto-photo\s+answer every photo request/);
});

describe('mentraos mcp', () => {
  const TOKEN = 'a-token-of-sixteen-chars';

  test('takes an app entry and the options of dev that concern the app', () => {
    expect(parseArgs(['mcp', 'app.ts', '--watch', '--auto-photo', '--runtime', 'bun', '--port', '0'])).toEqual({
      command: 'mcp',
      args: { entry: 'app.ts', port: 0, token: undefined, watch: true, autoPhoto: true, runtime: 'bun' },
    });
    expect(() => parseArgs(['mcp'])).toThrow(/Which app\? mentraos mcp <app-entry> \(or --attach/);
    expect(() => parseArgs(['mcp', 'app.ts', '--script', 's.json'])).toThrow(/neither --script nor --listen/);
    expect(() => parseArgs(['mcp', 'a.ts', 'b.ts'])).toThrow(/Expected one app entry, got a.ts b.ts/);
  });

  test('--attach takes a control URL, and a token off loopback (--ws-auth or MENTRAOS_WS_AUTH)', () => {
    expect(parseArgs(['mcp', '--attach', 'ws://127.0.0.1:7077'])).toEqual({ command: 'mcp', args: { attach: 'ws://127.0.0.1:7077/ws' } });
    expect(parseArgs(['mcp', '--attach', 'ws://localhost:7077/ws', 'app.ts'])).toEqual({
      command: 'mcp',
      args: { attach: 'ws://localhost:7077/ws', entry: 'app.ts' },
    });
    expect(() => parseArgs(['mcp', '--attach', 'ws://192.168.1.20:7077/ws'])).toThrow(/not a loopback address: give its token with --ws-auth/);
    expect(parseArgs(['mcp', '--attach', 'ws://192.168.1.20:7077/ws', '--ws-auth', TOKEN])).toEqual({
      command: 'mcp',
      args: { attach: 'ws://192.168.1.20:7077/ws', token: TOKEN },
    });
    expect(parseArgs(['mcp', '--attach', 'ws://192.168.1.20:7077/ws'], { MENTRAOS_WS_AUTH: TOKEN })).toEqual({
      command: 'mcp',
      args: { attach: 'ws://192.168.1.20:7077/ws', token: TOKEN },
    });
    expect(() => parseArgs(['mcp', '--attach', 'http://127.0.0.1:7077/ws'])).toThrow(/needs a ws:\/\/ or wss:\/\/ URL/);
    expect(() => parseArgs(['mcp', '--attach', 'not a url'])).toThrow(/needs a ws:\/\/ URL/);
    expect(() => parseArgs(['mcp', '--attach', 'ws://127.0.0.1:7077/ws', '--watch'])).toThrow(
      /give --watch, --auto-photo, --runtime and --port to that command/,
    );
    expect(() => parseArgs(['dev', 'app.ts', '--attach', 'ws://127.0.0.1:7077/ws'])).toThrow(/--attach belongs to "mentraos mcp"/);
  });

  test('--runtime is node or bun, for dev too; Bun is BUN_BIN or bun from the PATH', () => {
    expect(parseArgs(['dev', 'app.ts', '--runtime', 'bun'])).toEqual({ command: 'dev', args: expect.objectContaining({ runtime: 'bun' }) });
    expect(() => parseArgs(['dev', 'app.ts', '--runtime', 'deno'])).toThrow(/--runtime must be node or bun \(got "deno"\)/);
    expect(launchRuntime(undefined, {})).toBe('node');
    expect(launchRuntime('node', { BUN_BIN: '/opt/bun' })).toBe('node');
    expect(launchRuntime('bun', { BUN_BIN: '/opt/bun' })).toEqual({ bun: '/opt/bun' });
    expect(launchRuntime('bun', {})).toEqual({ bun: 'bun' });
    expect(USAGE).toMatch(/mentraos mcp <app-entry> \[options\]/);
    expect(USAGE).toMatch(/--runtime node\|bun/);
  });
});
