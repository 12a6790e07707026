/** Command-line arguments of `mentraos`. Any problem is a UsageError (exit code 2). */
import { UsageError } from './script';

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
  /** Run the app with this Bun binary (`--bun [PATH]`; default `bun`, or `$BUN_BIN`). */
  bun?: string;
}

export type Command = { command: 'help' } | { command: 'version' } | { command: 'dev'; args: DevArgs };

export const USAGE = `Usage: mentraos dev <app-entry> [options]
       mentraos migrate [dir] [--dry-run]   move a legacy app to the modern API (see mentraos migrate --help)

Runs your app against a local MentraOS cloud with a glasses simulator page. No account, glasses or internet.

Options:
  --port N               page and control port (default 7077; 0 picks a free one)
  --no-open              do not open a browser (never opened when CI is set)
  --script FILE          play a JSON script of steps instead of the page; exit 0 when every expect held,
                         1 when one did not
  --watch                restart the app when a file under its folder changes; the wearers start again
  --auto-photo           answer every photo request with a built-in test image
  --bun [PATH]           run the app with Bun (default: $BUN_BIN, else "bun" on the PATH; the default
                         when mentraos itself runs under Bun), e.g. an app that calls Bun.serve
  --listen HOST:PORT     listen on another address (not loopback: needs --ws-auth)
  --ws-auth TOKEN        controllers must send "Authorization: Bearer TOKEN"
  -h, --help             this help
  -v, --version          the SDK version

Controllers connect to ws://127.0.0.1:<port>/ws (see docs/control-protocol.md).`;

function port(value: string, flag: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} needs a port number from 0 to 65535 (got "${value}")`);
  return Number(value);
}

export function parseArgs(argv: readonly string[]): Command {
  const args = [...argv];
  if (args.length === 0 || args[0] === '-h' || args[0] === '--help' || args[0] === 'help') return { command: 'help' };
  if (args[0] === '-v' || args[0] === '--version') return { command: 'version' };
  const command = args.shift();
  if (command !== 'dev') throw new UsageError(`Unknown command "${command}"; the command is "dev"`);
  const out: Partial<DevArgs> & { open: boolean; listenPort?: number } = { open: true };
  const positional: string[] = [];
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
        return { command: 'help' };
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
      case '--bun':
        // An optional value: a path, never the app entry (a .ts/.js file) or another flag.
        out.bun = inline ?? (args[0] !== undefined && /(^|[\\/])bun(\.exe)?$/.test(args[0]) ? args.shift()! : (process.env.BUN_BIN ?? 'bun'));
        break;
      case '--script':
        out.script = value();
        break;
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
        positional.push(arg);
    }
  }
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
      ...(out.bun ? { bun: out.bun } : {}),
    },
  };
}
