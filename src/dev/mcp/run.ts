/**
 * `mentraos mcp`: the simulator as a Model Context Protocol server on stdio. stdout carries the protocol only;
 * the app's output and the cloud's notes go to stderr (and to read_log). Ends when the client closes stdin or
 * on Ctrl-C, stopping the sessions (their onStop runs) and the app. Exit codes: 0 after a clean end, 1 when
 * the local cloud could not start, 2 for a usage error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { McpArgs } from '../args';
import { UsageError } from '../script';
import { loadMcpSdk } from './sdk';
import { createMcpServer } from './server';
import { openTarget, type McpTarget } from './target';

/** What the command gives `mentraos mcp` (the CLI's own io fits). */
export interface McpIo {
  /** Diagnostics (stderr: stdout carries the protocol). */
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks to stop (Ctrl-C). */
  interrupted: Promise<string>;
}

/** Runs `mentraos mcp` until the client goes away; resolves with the exit code. */
export async function runMcp(args: McpArgs, io: McpIo): Promise<number> {
  if (args.entry && !args.attach && !existsSync(path.resolve(io.cwd, args.entry))) throw new UsageError(`No app entry at ${args.entry}`);
  const sdk = loadMcpSdk(io.cwd);
  let target: McpTarget;
  try {
    target = await openTarget(args, { cwd: io.cwd, env: io.env, err: io.err });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(`mentraos mcp: ${err.code === 'EADDRINUSE' ? `port ${args.port} is taken; choose another with --port` : err.message}`);
    return 1;
  }
  const { server, close } = createMcpServer(sdk, target, io.cwd);
  const transport = new sdk.StdioServerTransport();
  const ended = new Promise<string>((resolve) => {
    transport.onclose = () => resolve('the client closed the connection');
    process.stdin.once('end', () => resolve('stdin ended'));
    void io.interrupted.then((sig) => resolve(sig));
  });
  try {
    await server.connect(transport);
    io.err(`mentraos mcp: serving on stdio; ${target.mode === 'started' ? `simulator page ${target.pageUrl}` : `attached to ${target.controlUrl}`}`);
    const why = await ended;
    io.err(`mentraos mcp: stopping (${why})`);
    return 0;
  } finally {
    await target.close().catch((e) => io.err(`mentraos mcp: while stopping: ${(e as Error).message}`));
    await close().catch(() => undefined);
  }
}
