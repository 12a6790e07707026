/**
 * The `mentraos` command. Exit codes: 0 (stopped with Ctrl-C, or every `expect` held), 1 (the app failed,
 * or an `expect` did not hold), 2 (a usage error: bad arguments, a missing file, a bad script).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import packageJson from '../../package.json';
import { isLoopbackHost } from '../core/session/trust';
import { connectControl } from '../testing/control-client';
import { runMigrateCli } from '../migrate/cli';
import { launchRuntime, parseArgs, USAGE, type DevArgs } from './args';
import { runMcp } from './mcp/run';
import { startDev, type DevHandle } from './dev';
import { parseScript, runScript, UsageError, type Step } from './script';

export interface MainIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks to stop (Ctrl-C); the CLI wires SIGINT and SIGTERM here. */
  interrupted: Promise<string>;
  /** Whether a browser may be opened (a terminal, not CI). */
  interactive: boolean;
}

export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  // `mentraos migrate [dir] [--dry-run]`: the codemod (also installed as `mentraos-migrate`).
  if (argv[0] === 'migrate') {
    return runMigrateCli(argv.slice(1), { out: (t) => io.out(t.replace(/\n$/, '')), err: (t) => io.err(t.replace(/\n$/, '')) });
  }
  let args: DevArgs;
  let steps: Step[] | undefined;
  try {
    const cmd = parseArgs(argv, io.env);
    if (cmd.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (cmd.command === 'version') {
      io.out(packageJson.version);
      return 0;
    }
    if (cmd.command === 'mcp') return await runMcp(cmd.args, io);
    args = cmd.args;
    const entry = path.resolve(io.cwd, args.entry);
    if (!existsSync(entry)) throw new UsageError(`No app entry at ${args.entry}`);
    if (args.host && !args.token && !isLoopbackHost(args.host)) {
      throw new UsageError(`--listen ${args.host} is not a loopback address: add --ws-auth <token> (controllers then send "Authorization: Bearer <token>")`);
    }
    if (args.script) {
      const file = path.resolve(io.cwd, args.script);
      if (!existsSync(file)) throw new UsageError(`No script at ${args.script}`);
      steps = parseScript(readFileSync(file, 'utf8'), path.basename(file));
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`mentraos: ${e.message}`);
    io.err('Run "mentraos --help" for usage.');
    return 2;
  }
  const scripted = steps !== undefined;
  let handle: DevHandle;
  try {
    handle = await startDev({
      entry: args.entry,
      cwd: io.cwd,
      port: args.port ?? (scripted ? 0 : undefined),
      host: args.host,
      token: args.token,
      watch: args.watch,
      autoPhoto: args.autoPhoto,
      runtime: launchRuntime(args.runtime, io.env),
      onLog: (line) => io.err(`[cloud] ${line}`),
      onAppOutput: (line) => (scripted ? io.err : io.out)(`[app] ${line}`),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(err.code === 'EADDRINUSE' ? `mentraos: port ${args.port ?? 7077} is taken; choose another with --port` : `mentraos: ${err.message}`);
    return 1;
  }
  const appExit = handle.exited.then((code) => `The app exited (code ${code})`);
  try {
    if (steps) return await scriptedRun(handle, steps, args, io, appExit);
    io.out(`Simulator page:   ${handle.url}`);
    io.out(`Control protocol: ${handle.wsUrl}${args.token ? ' (Authorization: Bearer <your --ws-auth token>)' : ''}`);
    io.out(
      `App:              ${args.entry}${handle.app ? ` on port ${handle.app.port}` : ' (not running: fix it and save)'}, cloud at ${handle.dev.cloud.url}${args.watch ? ' (watching for changes)' : ''}`,
    );
    io.out('Press Ctrl-C to stop.');
    if (shouldOpenBrowser(args, io)) openBrowser(handle.url);
    const ended = await Promise.race([io.interrupted.then(() => null), appExit]);
    if (ended) io.err(`mentraos: ${ended}; stopping.`);
    return ended ? 1 : 0;
  } finally {
    await handle.stop();
  }
}

async function scriptedRun(handle: DevHandle, steps: Step[], args: DevArgs, io: MainIo, appExit: Promise<string>): Promise<number> {
  const client = await connectControl(handle.wsUrl, { token: args.token });
  try {
    const name = path.basename(args.script!);
    const outcome = await Promise.race([
      runScript(client, steps, { out: io.out, err: io.err, step: io.err }, name, path.dirname(path.resolve(io.cwd, args.script!))),
      appExit.then((why) => ({ ok: false, expectations: 0, failure: `${why} during ${name}` })),
      io.interrupted.then((sig) => ({ ok: false, expectations: 0, failure: `Interrupted (${sig})` })),
    ]);
    if (outcome.ok) {
      io.out(`ok: ${outcome.expectations} expectation${outcome.expectations === 1 ? '' : 's'} held`);
      return 0;
    }
    io.err(`FAILED: ${outcome.failure}`);
    return 1;
  } finally {
    await client.close();
  }
}

/** A browser is opened only from a terminal, outside CI, and without --no-open or --script. */
export function shouldOpenBrowser(args: Pick<DevArgs, 'open' | 'script'>, io: Pick<MainIo, 'env' | 'interactive'>): boolean {
  return args.open && !args.script && io.interactive && !io.env.CI;
}

/** Opens the page in the default browser; any failure is ignored (the URL is printed anyway). */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    /* no browser: the URL is printed */
  }
}
