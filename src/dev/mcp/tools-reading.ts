/**
 * The reading tools of `mentraos mcp`: what the wearer sees (texts, a screenshot), waiting for a display, the
 * app's log and state, and what the app asked of the glasses.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ControlError, type ControlEvent, type ViewState } from '../../protocol/control';
import { errorLine } from '../app-status';
import { defineTool, ok, type ToolContext } from './context';
import { snapshotOf, VIEW_NAMES, viewsOf, viewSummary } from './views';

const GLASSES_EVENTS = new Set<ControlEvent['type']>(['photo_request', 'audio_request', 'led', 'stream_request', 'dashboard', 'wifi_request']);

/** Registers the tools that read what the wearer sees and what the app did. */
export function readingTools(ctx: ToolContext): void {
  const { z } = ctx;
  const wearer = z.string().min(1).max(200).optional().describe('The simulated wearer (user id). Default: the wearer started last');
  const view = z.enum(VIEW_NAMES).optional();
  const client = () => ctx.target.client;

  defineTool(
    ctx,
    'read_display',
    "Reads what the wearer's glasses show now: the main view and the dashboard (or one of them), as texts, a one-line description and the layout.",
    { view: view.describe('main or dashboard (default: both)'), wearer },
    async (args) => {
      const id = await ctx.wearer(args.wearer);
      const user = await snapshotOf(ctx, id);
      const { views, line } = viewsOf(user);
      const shown = args.view ? { [args.view]: views[args.view] } : views;
      const text = args.view ? `[${args.view}] ${views[args.view].description}` : line;
      return ok(`${id} (${user.state}): ${text}`, { wearer: id, state: user.state, views: shown });
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'screenshot',
    "A picture of what the wearer sees: the view drawn as the glasses draw it (576x135 PNG, green on black), the same image as the control protocol's screenshot command.",
    { view: view.describe('main (default) or dashboard'), wearer },
    async (args): Promise<CallToolResult> => {
      const id = await ctx.wearer(args.wearer);
      const shot = await client().screenshot(id, args.view ?? 'main');
      const data = { wearer: id, view: args.view ?? 'main', width: shot.width, height: shot.height, mime_type: 'image/png' };
      return {
        content: [
          { type: 'image', data: shot.png_base64!, mimeType: 'image/png' },
          { type: 'text', text: `${data.view} view of ${id}, ${shot.width}x${shot.height} PNG` },
        ],
        structuredContent: data,
      };
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'wait_for_display',
    'Waits until a view of the wearer shows a text (containing "text", or matching the regular expression "pattern"), so one call can check what an action caused. Fails with what is shown instead when the time runs out.',
    {
      text: z.string().min(1).max(10_000).optional().describe('A text the display must contain'),
      pattern: z.string().min(1).max(1000).optional().describe('A JavaScript regular expression the display must match, e.g. "Sunny|Rain"'),
      view: view.describe('main or dashboard (default: either)'),
      timeout_ms: z.number().int().min(0).max(120_000).optional().describe('How long to wait (default 5000)'),
      wearer,
    },
    async (args) => {
      if ((args.text === undefined) === (args.pattern === undefined)) throw new ControlError('invalid_input', 'Give "text" or "pattern" (one of them)');
      let match: RegExp;
      try {
        match = args.pattern !== undefined ? new RegExp(args.pattern) : new RegExp(args.text!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      } catch (e) {
        throw new ControlError('invalid_input', `"pattern" is not a regular expression: ${(e as Error).message}`);
      }
      const id = await ctx.wearer(args.wearer);
      const timeout = args.timeout_ms ?? 5000;
      let seen: ViewState;
      try {
        seen = await client().waitForDisplay(id, match, { timeoutMs: timeout, ...(args.view ? { view: args.view } : {}) });
      } catch (e) {
        if (!(e instanceof ControlError) || e.code !== 'timeout') throw e;
        const now = viewsOf(await snapshotOf(ctx, id)).line;
        throw new ControlError(
          'timeout',
          `${id} was not shown ${args.text !== undefined ? JSON.stringify(args.text) : `/${args.pattern}/`} within ${timeout} ms; now: ${now}`,
        );
      }
      // The view that showed it (the state object the mirror holds); `main` when it changed since.
      const where = VIEW_NAMES.find((v) => client().view(id, v) === seen) ?? args.view ?? 'main';
      const summary = viewSummary(seen);
      return ok(`[${where}] ${summary.description}`, { wearer: id, view: where, ...summary });
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'read_log',
    "The app's recent output (console and logger lines, [app]) and the local cloud's notes ([cloud]), oldest first.",
    {
      lines: z.number().int().min(1).max(2000).optional().describe('How many of the last lines (default 50)'),
      contains: z.string().max(1000).optional().describe('Only lines containing this text'),
    },
    async (args) => {
      const lines = ctx.target.log.tail(args.lines ?? 50, args.contains);
      const note = ctx.target.mode === 'attached' ? ' (attached: the app\'s own output is in the terminal of "mentraos dev")' : '';
      return { content: [{ type: 'text', text: lines.join('\n') || `(no lines)${note}` }], structuredContent: { lines, total: ctx.target.log.total } };
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'app_state',
    "The app's process: whether it runs and listens, its port, restarts so far, its last error; the wearers; and the simulator page a person can open to watch.",
    {},
    async () => {
      const res = await client().send({ type: 'sync' });
      const app = res.app!;
      const lastError = app.error ?? (app.running ? null : app.exit_code !== null ? `exited with code ${app.exit_code}` : null);
      const state = app.listening ? `listening on port ${app.port}` : app.running ? 'starting' : `not running${lastError ? ` (${errorLine(lastError)})` : ''}`;
      return ok(`The app is ${state}; restarts: ${app.restarts}.`, {
        mode: ctx.target.mode,
        runtime: ctx.target.runtime,
        listening: app.listening,
        running: app.running,
        port: app.port,
        restarts: app.restarts,
        exit_code: app.exit_code,
        last_error: lastError,
        package_name: app.package_name,
        entry: app.entry,
        page_url: ctx.target.pageUrl,
        control_url: ctx.target.controlUrl,
        wearers: (res.users ?? []).map((u) => ({ wearer: u.user_id, state: u.state })),
      });
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'glasses_requests',
    'What the app asked of the glasses: pending photo requests, the audio it plays or speaks, the LED, RTMP and managed streams, the dashboard; and the latest such requests in order.',
    { recent: z.number().int().min(0).max(200).optional().describe('How many of the latest requests to list (default 20)'), wearer },
    async (args) => {
      const id = await ctx.wearer(args.wearer);
      const user = await snapshotOf(ctx, id);
      const recent = client()
        .events.filter((e): e is Extract<ControlEvent, { user_id: string }> => GLASSES_EVENTS.has(e.type) && 'user_id' in e && e.user_id === id)
        .slice(-(args.recent ?? 20))
        .map(({ seq: _s, user_id: _u, ...rest }) => rest);
      const g = user.glasses;
      const summary = `${g.photo_requests.length} pending photo request(s); audio: ${g.audio ? g.audio.kind : 'none'}; LED: ${g.led ? g.led.action : 'none'}`;
      return ok(`${id}: ${summary}.`, { wearer: id, ...g, subscriptions: user.subscriptions, recent });
    },
    { readOnlyHint: true },
  );
}
