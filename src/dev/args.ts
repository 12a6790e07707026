/** Command-line arguments of `mentraos dev` and `mentraos mcp`. Any problem is a UsageError (exit code 2). */
import { isLoopbackHost } from '../core/session/trust';
import { UsageError } from './script';

/** How the app runs: Node (TypeScript through tsx), or Bun (`BUN_BIN`, or `bun` on the PATH). */
export type RuntimeName = 'node' | 'bun';

export interface DevArgs {
  entry: string;
  /** The page and control port (default 7077; 0 picks a free one). */
  port?: number;
  /** Listen address (`--listen host:port`); default 127.0.0.1. */
  host?: string;
  token?: string;
  open: boolean;
  script?: string;
  /** Restart the app when its files change. */
  watch?: boolean;
  /** Answer every photo request with the built-in test image. */
  autoPhoto?: boolean;
  /** Run the app with Node (default) or Bun. */
  runtime?: RuntimeName;
}

export interface McpArgs {
  /** The app's entry (required unless attaching; when attaching, it only locates the app's config file). */
  entry?: string;
  /** The control protocol of a running `mentraos dev` to drive instead of starting the app. */
  attach?: string;
  /** The page and control port of the local cloud this command starts (default 0: a free one). */
  port?: number;
  /** Bearer token: required by the local cloud this command starts, or sent to the one it attaches to. */
  token?: string;
  watch?: boolean;
  autoPhoto?: boolean;
  runtime?: RuntimeName;
}

export type Command = { command: 'help' } | { command: 'version' } | { command: 'dev'; args: DevArgs } | { command: 'mcp'; args: McpArgs };

export const USAGE = `Usage: mentraos dev <app-entry> [options]
       mentraos mcp <app-entry> [options]   the simulator as an MCP server on stdio, for coding assistants
       mentraos mcp --attach ws://127.0.0.1:7077/ws [<app-entry>]   drive a running "mentraos dev" instead
       mentraos migrate [dir] [--dry-run]   move a legacy app to the modern API (see mentraos migrate --help)

Runs your app against a local MentraOS cloud with a glasses simulator page. No account, glasses or internet.

Options:
  --port N               page and control port (default 7077, for mcp a free one; 0 picks a free one)
  --no-open              do not open a browser (never opened when CI is set)
  --script FILE          play a JSON script of steps instead of the page; exit 0 when every expect held,
                         1 when one did not
  --watch                restart the app when a file under its folder changes; the wearers start again
  --auto-photo           answer every photo request with a built-in test image
  --runtime node|bun     run the app with Node (default) or Bun (BUN_BIN, or bun on the PATH)
  --listen HOST:PORT     listen on another address (not loopback: needs --ws-auth)
  --ws-auth TOKEN        controllers must send "Authorization: Bearer TOKEN"; with mcp --attach, the token
                         sent (or MENTRAOS_WS_AUTH)
  --attach URL           mcp only: drive the "mentraos dev" whose control protocol is at URL
  -h, --help             this help
  -v, --version          the SDK version

Controllers connect to ws://127.0.0.1:<port>/ws (see docs/control-protocol.md); MCP: see docs/mcp.md.`;

function port(value: string, flag: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} needs a port number from 0 to 65535 (got "${value}")`);
  return Number(value);
}

interface Parsed extends Partial<DevArgs> {
  open: boolean;
  listenPort?: number;
  attach?: string;
  positional: string[];
}

/** Reads the options every command shares into one record. */
function readOptions(args: string[]): Parsed | { help: true } {
  const out: Parsed = { open: true, positional: [] };
  while (args.length) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '--port':
        out.port = port(value(), '--port');
        break;
      case '--no-open':
        out.open = false;
        break;
      case '--watch':
        out.watch = true;
        break;
      case '--auto-photo':
        out.autoPhoto = true;
        break;
      case '--script':
        out.script = value();
        break;
      case '--attach':
        out.attach = value();
        break;
      case '--runtime': {
        const v = value();
        if (v !== 'node' && v !== 'bun') throw new UsageError(`--runtime must be node or bun (got "${v}")`);
        out.runtime = v;
        break;
      }
      case '--ws-auth':
        out.token = value();
        if (out.token.length < 16) throw new UsageError('--ws-auth needs a token of at least 16 characters');
        break;
      case '--listen': {
        const v = value();
        const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d+)$/.exec(v);
        if (!m) throw new UsageError(`--listen needs HOST:PORT (got "${v}")`);
        out.host = m[1]!.replace(/^\[|\]$/g, '');
        out.listenPort = port(m[2]!, '--listen');
        break;
      }
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}`);
        out.positional.push(arg);
    }
  }
  return out;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Command {
  const args = [...argv];
  if (args.length === 0 || args[0] === '-h' || args[0] === '--help' || args[0] === 'help') return { command: 'help' };
  if (args[0] === '-v' || args[0] === '--version') return { command: 'version' };
  const command = args.shift();
  if (command !== 'dev' && command !== 'mcp') throw new UsageError(`Unknown command "${command}"; the commands are "dev" and "mcp"`);
  const out = readOptions(args);
  if ('help' in out) return { command: 'help' };
  if (command === 'mcp') return { command: 'mcp', args: mcpArgs(out, env) };
  if (out.attach !== undefined) throw new UsageError('--attach belongs to "mentraos mcp"');
  const { positional } = out;
  if (positional.length !== 1)
    throw new UsageError(positional.length ? `Expected one app entry, got ${positional.join(' ')}` : 'Which app? mentraos dev <app-entry>');
  const listenPort = out.listenPort;
  if (listenPort !== undefined && out.port !== undefined) throw new UsageError('Use either --port or --listen HOST:PORT, not both');
  return {
    command: 'dev',
    args: {
      entry: positional[0]!,
      open: out.open,
      port: listenPort ?? out.port,
      host: out.host,
      token: out.token,
      script: out.script,
      ...(out.watch ? { watch: true } : {}),
      ...(out.autoPhoto ? { autoPhoto: true } : {}),
      ...(out.runtime ? { runtime: out.runtime } : {}),
    },
  };
}

/** The MCP server's arguments: an app to start, or a running `mentraos dev` to attach to (with its token rules). */
function mcpArgs(out: Parsed, env: NodeJS.ProcessEnv): McpArgs {
  if (out.script !== undefined || out.host !== undefined) throw new UsageError('mentraos mcp takes neither --script nor --listen (it serves on stdio)');
  if (out.positional.length > 1) throw new UsageError(`Expected one app entry, got ${out.positional.join(' ')}`);
  const entry = out.positional[0];
  const token = out.token ?? (env.MENTRAOS_WS_AUTH || undefined);
  if (out.attach === undefined) {
    if (!entry) throw new UsageError('Which app? mentraos mcp <app-entry> (or --attach ws://127.0.0.1:7077/ws)');
    return {
      entry,
      port: out.port,
      token,
      ...(out.watch ? { watch: true } : {}),
      ...(out.autoPhoto ? { autoPhoto: true } : {}),
      ...(out.runtime ? { runtime: out.runtime } : {}),
    };
  }
  if (out.watch || out.autoPhoto || out.runtime || out.port !== undefined)
    throw new UsageError('--attach drives a running "mentraos dev": give --watch, --auto-photo, --runtime and --port to that command');
  let url: URL;
  try {
    url = new URL(out.attach);
  } catch {
    throw new UsageError(`--attach needs a ws:// URL (got "${out.attach}")`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new UsageError(`--attach needs a ws:// or wss:// URL (got "${out.attach}")`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/ws';
  if (!token && !isLoopbackHost(url.hostname.replace(/^\[|\]$/g, '')))
    throw new UsageError(`--attach ${url.host} is not a loopback address: give its token with --ws-auth <token> or MENTRAOS_WS_AUTH`);
  return { attach: url.toString(), ...(entry ? { entry } : {}), ...(token ? { token } : {}) };
}

/** The launcher's runtime for a `--runtime` choice: Bun is `BUN_BIN` when set, else `bun` from the PATH. */
export function launchRuntime(name: RuntimeName | undefined, env: NodeJS.ProcessEnv): 'node' | { bun: string } {
  return name === 'bun' ? { bun: env.BUN_BIN || 'bun' } : 'node';
}
