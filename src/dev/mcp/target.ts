/**
 * What `mentraos mcp` drives: the app started under its own local cloud exactly as `mentraos dev` starts it
 * (startDev), or a running `mentraos dev` reached through its control protocol (`--attach`). Either way the
 * tools speak the control protocol through one ControlClient; this file also gathers the log they read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ControlError, type ControlEvent } from '../../protocol/control';
import { connectControl, type ControlClient } from '../../testing/control-client';
import { errorLine } from '../app-status';
import { launchRuntime, type McpArgs } from '../args';
import { startDev } from '../dev';
import { LogBuffer } from './log-buffer';

/** The app and local cloud the tools drive, however they were reached. */
export interface McpTarget {
  /** `started`: this command runs the app; `attached`: a `mentraos dev` elsewhere does. */
  mode: 'started' | 'attached';
  /** What the app runs on, when this command started it. */
  runtime: 'node' | 'bun' | null;
  client: ControlClient;
  log: LogBuffer;
  /** The app's entry file (to find its app_config.json), or null when it is not known here. */
  entryPath: string | null;
  /** The simulator page a person can open to watch (http://127.0.0.1:PORT/). */
  pageUrl: string;
  /** The control protocol (ws://127.0.0.1:PORT/ws). */
  controlUrl: string;
  /** Restarts the app's process (only when this command started it). */
  restart?: () => Promise<void>;
  /** Stops the sessions (their onStop runs), the app and the cloud, or leaves an attached one as it is. */
  close(): Promise<void>;
}

/** Where the target runs and reports. */
export interface TargetIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Diagnostics (stderr: stdout carries the protocol). */
  err: (line: string) => void;
}

/** Events the client keeps for `glasses_requests` (the wire events, one per message, count too). */
const HISTORY = 5000;

/** Starts the app under a local cloud, or attaches to a running `mentraos dev`, as the arguments say. */
export async function openTarget(args: McpArgs, io: TargetIo): Promise<McpTarget> {
  const log = new LogBuffer();
  return args.attach ? attach(args, args.attach, io, log) : start(args, io, log);
}

async function start(args: McpArgs, io: TargetIo, log: LogBuffer): Promise<McpTarget> {
  const entry = args.entry!;
  const dev = await startDev({
    entry,
    cwd: io.cwd,
    port: args.port ?? 0,
    token: args.token,
    watch: args.watch,
    autoPhoto: args.autoPhoto,
    runtime: launchRuntime(args.runtime, io.env),
    keepServing: true,
    onLog: (line) => {
      log.add('cloud', line);
      io.err(`[cloud] ${line}`);
    },
    onAppOutput: (line) => {
      log.add('app', line);
      io.err(`[app] ${line}`);
    },
  });
  let client: ControlClient;
  try {
    client = await connectControl(dev.wsUrl, { token: args.token, historySize: HISTORY });
  } catch (e) {
    await dev.stop();
    throw e;
  }
  return {
    mode: 'started',
    runtime: args.runtime ?? 'node',
    client,
    log,
    entryPath: path.resolve(io.cwd, entry),
    pageUrl: dev.url,
    controlUrl: dev.wsUrl,
    restart: () => dev.restart(),
    close: async () => {
      await dev.stop();
      await client.close();
    },
  };
}

async function attach(args: McpArgs, url: string, io: TargetIo, log: LogBuffer): Promise<McpTarget> {
  const client = await connectControl(url, { token: args.token, historySize: HISTORY });
  // The app's output stays with the `mentraos dev` that runs it; the log here tells what the events say.
  client.on('*', (e) => {
    const line = eventLine(e);
    if (line) log.add('cloud', line);
  });
  const known = args.entry ?? client.app.entry;
  const entryPath = known ? path.resolve(io.cwd, known) : null;
  return {
    mode: 'attached',
    runtime: null,
    client,
    log,
    entryPath: entryPath && existsSync(entryPath) ? entryPath : null,
    pageUrl: url.replace(/^ws/, 'http').replace(/\/ws$/, '/'),
    controlUrl: url,
    close: () => client.close(),
  };
}

/** A log line for the events an attached server can see (the sessions and the app's process). */
function eventLine(e: ControlEvent): string | null {
  if (e.type === 'session_state') return `session of ${e.user_id}: ${e.state}${e.reason ? ` (${e.reason})` : ''}`;
  if (e.type === 'app_state') {
    const a = e.app;
    if (a.listening) return `the app listens on port ${a.port}`;
    if (a.running) return 'the app is starting';
    return `the app is not running (exit code ${a.exit_code})${a.error ? `: ${errorLine(a.error)}` : ''}`;
  }
  return null;
}

/** The error every tool gives once an attached `mentraos dev` went away. */
export function ensureOpen(target: McpTarget): void {
  if (target.client.closed)
    throw new ControlError(
      'connection_closed',
      `The control connection to ${target.controlUrl} closed; is "mentraos dev" still running? Restart the MCP server`,
    );
}
