/** The session tools of `mentraos mcp`: start and stop a wearer's session, list the wearers, restart the app. */
import { ControlError } from '../../protocol/control';
import { DEFAULT_WEARER, defineTool, ok, type ToolContext } from './context';
import { viewsOf } from './views';

/** Registers start_session, stop_session, list_sessions and restart_app. */
export function sessionTools(ctx: ToolContext): void {
  const { z } = ctx;
  const wearer = z.string().min(1).max(200).optional().describe('The simulated wearer (user id). Default: the wearer started last');
  const client = () => ctx.target.client;

  defineTool(
    ctx,
    'start_session',
    `Starts the app for a simulated wearer, as the MentraOS cloud does when a user opens it: the app gets its session webhook and connects. With no arguments starts ${DEFAULT_WEARER}; the other tools then act on the wearer started last. Several wearers can run at once. Returns what the views show once the app is connected.`,
    { wearer: z.string().min(1).max(200).optional().describe(`The wearer's user id (default ${DEFAULT_WEARER})`) },
    async (args) => {
      const id = args.wearer ?? DEFAULT_WEARER;
      const res = await client().userStart(id);
      ctx.started(id);
      await client().sync();
      const { views, line } = viewsOf(res.user!);
      return ok(`${id}'s session is ${res.user!.state}. ${line}`, { wearer: id, session_id: res.session_id, state: res.user!.state, views });
    },
  );

  defineTool(
    ctx,
    'stop_session',
    "Ends a wearer's session, as the wearer closing the app does: the app gets its stop webhook and its onStop handler runs (see read_log).",
    { wearer },
    async (args) => {
      const id = await ctx.wearer(args.wearer);
      const res = await client().userStop(id);
      return ok(`${id}'s session is ${res.user!.state}.`, { wearer: id, state: res.user!.state });
    },
  );

  defineTool(
    ctx,
    'list_sessions',
    'Lists the simulated wearers and the state of their sessions (starting, ready, reconnecting, stopped, failed).',
    {},
    async () => {
      const users = (await client().listUsers()).users ?? [];
      const summary = users.length ? users.map((u) => `${u.user_id}: ${u.state}`).join('; ') : 'No wearers yet; call start_session.';
      return ok(summary, { wearers: users.map((u) => ({ wearer: u.user_id, session_id: u.session_id, state: u.state })) });
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'restart_app',
    "Restarts the app's process (to load changed code when the server runs without --watch); the wearers that ran start again. Only when this server started the app (not with --attach).",
    {},
    async () => {
      const restart = ctx.target.restart;
      if (!restart) throw new ControlError('not_supported', 'This server is attached to a "mentraos dev": restart the app there (or run it with --watch)');
      await restart();
      const app = (await client().send({ type: 'sync' })).app!;
      return ok(app.listening ? `The app restarted and listens on port ${app.port}.` : 'The app could not start; see read_log and app_state.', { app });
    },
  );
}
