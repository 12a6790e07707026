/** The MCP server of `mentraos mcp`: its tools and resources over a target, described for a model. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import packageJson from '../../../package.json';
import { wearerChooser, type ToolContext } from './context';
import { registerResources } from './resources';
import type { McpSdk } from './sdk';
import type { McpTarget } from './target';
import { appTools } from './tools-app';
import { inputTools } from './tools-inputs';
import { readingTools } from './tools-reading';
import { sessionTools } from './tools-sessions';

const INSTRUCTIONS = `This server runs a MentraOS smart-glasses app against a local cloud with simulated glasses, so you can use it as a wearer would and see what the wearer sees.
Start with start_session (no arguments starts one default wearer), then act (speak, press_button, move_head, send_notification, call_app_tool, answer_photo ...) and check with wait_for_display, read_display or screenshot.
read_log shows the app's output; app_state says whether the app runs and its last error. Each wearer's views, the log and app_config.json are also resources.`;

/** Creates the server with every tool and resource; `close()` stops its listeners (not the target). */
export function createMcpServer(sdk: McpSdk, target: McpTarget, cwd: string): { server: McpServer; close: () => Promise<void> } {
  const server = new sdk.McpServer(
    { name: 'mentraos', title: 'MentraOS glasses simulator', version: packageJson.version },
    { capabilities: { tools: {}, resources: { subscribe: true, listChanged: true } }, instructions: INSTRUCTIONS },
  );
  const ctx: ToolContext = { server, z: sdk.z, sdk, target, cwd, ...wearerChooser(target) };
  sessionTools(ctx);
  inputTools(ctx);
  appTools(ctx);
  readingTools(ctx);
  const stopResources = registerResources(ctx);
  return {
    server,
    close: async () => {
      stopResources();
      await server.close();
    },
  };
}
