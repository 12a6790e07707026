/**
 * `POST /settings`: the cloud pushing a user's app settings (it also sends them over the WebSocket as
 * `settings_update`). They reach every live session of exactly that user through the session's settings
 * store, which reports only real changes, so a change arriving both ways fires session listeners once.
 * The server-level `onSettingsUpdate` runs once per HTTP push, on the instance holding the user's session.
 */
import { Router } from 'express';
import type { SettingRecord } from '../../../protocol/messages';
import { errorAnswer, isPlainObject, jsonAnswer, routedByUser, sendAnswer, type JsonAnswer, type RouteContext } from './context';

/** Applies a settings push body: `{status:'success', sessionsUpdated}`, or a 400/500 with a reason. */
export async function answerSettingsPush(ctx: RouteContext, body: unknown): Promise<JsonAnswer> {
  const userId = isPlainObject(body) ? body.userIdForSettings : undefined;
  const settings = isPlainObject(body) ? body.settings : undefined;
  if (typeof userId !== 'string' || userId.length === 0 || !Array.isArray(settings)) {
    return errorAnswer(400, 'Missing userId or settings array in request body');
  }
  if (!settings.every(isPlainObject)) return errorAnswer(400, 'Every entry of "settings" must be an object');
  let sessionsUpdated: number;
  try {
    sessionsUpdated = await ctx.engine.pushSettings(userId, settings as SettingRecord[]);
  } catch {
    return errorAnswer(500, 'Internal server error processing settings update');
  }
  return jsonAnswer(200, { status: 'success', message: 'Settings updated successfully', sessionsUpdated });
}

export function settingsRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.post('/settings', ...routedByUser(ctx, (body) => body.userIdForSettings), async (req, res) => {
    sendAnswer(res, await answerSettingsPush(ctx, req.body));
  });
  return router;
}
