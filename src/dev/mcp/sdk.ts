/**
 * Loads the Model Context Protocol SDK (`@modelcontextprotocol/sdk`, an optional peer dependency, so apps that
 * never run `mentraos mcp` do not install it) and the zod it validates with, from the app's project first,
 * then from beside this package. A missing SDK is a usage error that says how to install it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type * as Types from '@modelcontextprotocol/sdk/types.js';
import type * as Zod from 'zod';
import { UsageError } from '../script';

/** What `mentraos mcp` uses of the SDK. */
export interface McpSdk {
  McpServer: typeof McpServer;
  ResourceTemplate: typeof ResourceTemplate;
  StdioServerTransport: typeof StdioServerTransport;
  SubscribeRequestSchema: typeof Types.SubscribeRequestSchema;
  UnsubscribeRequestSchema: typeof Types.UnsubscribeRequestSchema;
  z: typeof Zod.z;
}

export const MCP_SDK = '@modelcontextprotocol/sdk';

/**
 * Loads the SDK, looking from `cwd` (the app's project) and then from this package's own place (or from the
 * files `bases` name, each resolved from as a module would be).
 */
export function loadMcpSdk(cwd: string, bases: readonly string[] = [path.join(cwd, 'package.json'), ownFile()]): McpSdk {
  for (const base of bases) {
    const req = createRequire(base);
    let server: string;
    try {
      server = req.resolve(`${MCP_SDK}/server/mcp.js`);
    } catch {
      continue;
    }
    const fromSdk = createRequire(server);
    const mcp = fromSdk(server);
    const types = fromSdk(req.resolve(`${MCP_SDK}/types.js`));
    return {
      McpServer: mcp.McpServer,
      ResourceTemplate: mcp.ResourceTemplate,
      StdioServerTransport: fromSdk(req.resolve(`${MCP_SDK}/server/stdio.js`)).StdioServerTransport,
      SubscribeRequestSchema: types.SubscribeRequestSchema,
      UnsubscribeRequestSchema: types.UnsubscribeRequestSchema,
      z: fromSdk('zod').z,
    };
  }
  throw new UsageError(`mentraos mcp needs the MCP SDK in your project: npm install --save-dev ${MCP_SDK}`);
}

function ownFile(): string {
  return typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json');
}
