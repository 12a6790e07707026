/**
 * What every tool of `mentraos mcp` works with: the MCP server, zod, the target, which wearer a tool acts on
 * when it names none, and the one way a tool answers (a structured result, or a tool error with the reason).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type * as Zod from 'zod';
import { ControlError } from '../../protocol/control';
import type { McpSdk } from './sdk';
import { ensureOpen, type McpTarget } from './target';

/** The wearer `start_session` starts when it is given none. */
export const DEFAULT_WEARER = 'wearer@example.com';

export interface ToolContext {
  server: McpServer;
  z: typeof Zod.z;
  sdk: McpSdk;
  target: McpTarget;
  /** The folder files named by tools are relative to (where the server was started). */
  cwd: string;
  /**
   * The wearer a tool acts on: the one named; else the one started last while it runs, else the only one running,
   * else the one started last, else the only one.
   */
  wearer(named?: string): Promise<string>;
  /** Remembers the wearer started last (the default of the other tools). */
  started(wearer: string): void;
}

export type Shape = Record<string, Zod.ZodTypeAny>;

/** A successful answer: a one-line summary for reading, and the data as structured content (and JSON text). */
export function ok(summary: string, data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: `${summary}\n${JSON.stringify(data, null, 2)}` }], structuredContent: data };
}

/** A tool error (`isError: true`): `code: message`, the code from the control protocol when it has one. */
export function toolError(e: unknown): CallToolResult {
  const code = e instanceof ControlError ? e.code : 'internal';
  const message = e instanceof Error ? e.message : String(e);
  return { content: [{ type: 'text', text: `${code}: ${message}` }], structuredContent: { error: { code, message } }, isError: true };
}

/** Registers a tool whose failures (thrown anywhere in `run`) become tool errors; the server keeps serving. */
export function defineTool<S extends Shape>(
  ctx: ToolContext,
  name: string,
  description: string,
  shape: S,
  run: (args: { [K in keyof S]: Zod.infer<S[K]> }) => Promise<CallToolResult>,
  annotations: { readOnlyHint?: boolean } = {},
): void {
  ctx.server.registerTool(name, { description, inputSchema: shape, annotations }, (async (args: { [K in keyof S]: Zod.infer<S[K]> }) => {
    try {
      ensureOpen(ctx.target);
      return await run(args);
    } catch (e) {
      return toolError(e);
    }
  }) as never);
}

/** Creates the context's wearer choice over the target's control client. */
export function wearerChooser(target: McpTarget): Pick<ToolContext, 'wearer' | 'started'> {
  let last: string | null = null;
  return {
    started: (w) => {
      last = w;
    },
    wearer: async (named) => {
      const users = (await target.client.listUsers()).users ?? [];
      const ids = users.map((u) => u.user_id);
      if (named !== undefined) {
        if (ids.includes(named)) return named;
        throw new ControlError('unknown_user', `No wearer "${named}"${ids.length ? `; the wearers are ${ids.join(', ')}` : ''}; start one with start_session`);
      }
      const live = users.filter((u) => u.state !== 'stopped' && u.state !== 'failed').map((u) => u.user_id);
      if (last && live.includes(last)) return last;
      if (live.length === 1) return live[0]!;
      if (last && ids.includes(last)) return last;
      if (ids.length === 1) return ids[0]!;
      if (!ids.length) throw new ControlError('unknown_user', `No wearer yet: call start_session first (with no arguments it starts ${DEFAULT_WEARER})`);
      throw new ControlError('invalid_input', `Several wearers (${ids.join(', ')}): name one with "wearer"`);
    },
  };
}
