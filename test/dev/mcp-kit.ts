/**
 * Drives `mentraos mcp` as an assistant does: the built CLI (dist/cli.cjs) launched with node over stdio by
 * the MCP SDK's own Client and StdioClientTransport. Run `npm run build` first.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const root = path.resolve(__dirname, '../..');

export interface McpRun {
  client: Client;
  /** What the server printed on stderr so far (the app's output, the cloud's notes). */
  stderr(): string;
  /** Resolves once stderr contains `text` `times` times (rejects after `timeoutMs`). */
  waitForStderr(text: string, times?: number, timeoutMs?: number): Promise<void>;
  /** Calls a tool; resolves with its result whether it succeeded or not. */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Calls a tool that must succeed; resolves with its structured content. */
  ok(name: string, args?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

/** The text parts of a result, joined. */
export const textOf = (r: CallToolResult) =>
  r.content
    .filter((c) => c.type === 'text')
    .map((c) => (c as { text: string }).text)
    .join('\n');

export async function startMcp(args: string[], env: NodeJS.ProcessEnv = {}): Promise<McpRun> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(root, 'dist/cli.cjs'), 'mcp', ...args],
    cwd: root,
    env: { ...(process.env as Record<string, string>), CI: 'true', ...(env as Record<string, string>) },
    stderr: 'pipe',
  });
  let stderr = '';
  const stderrWaiters = new Set<() => void>();
  transport.stderr!.on('data', (d) => {
    stderr += d;
    for (const w of [...stderrWaiters]) w();
  });
  const client = new Client({ name: 'mentraos-tests', version: '1.0.0' });
  await client.connect(transport, { timeout: 60_000 });
  const call = async (name: string, a: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: a }, undefined, { timeout: 60_000 })) as CallToolResult;
  return {
    client,
    stderr: () => stderr,
    waitForStderr: (text, times = 1, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (stderr.split(text).length - 1 < times) return;
          stderrWaiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          stderrWaiters.delete(check);
          reject(new Error(`stderr did not show ${JSON.stringify(text)} ${times} time(s) within ${timeoutMs} ms:\n${stderr.slice(-2000)}`));
        }, timeoutMs);
        stderrWaiters.add(check);
        check();
      }),
    call,
    ok: async (name, a) => {
      const r = await call(name, a);
      if (r.isError) throw new Error(`${name} failed: ${textOf(r)}`);
      return r.structuredContent;
    },
    close: async () => {
      // End stdin as an assistant does, and give the server all the time it needs to stop the sessions and the
      // app (the transport's own close turns to SIGKILL after 4 s, which would leave the app running).
      const child = (transport as unknown as { _process?: ChildProcess })._process;
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('close', r));
        child.stdin?.end();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
      }
      await client.close();
    },
  };
}
