/** `GET /mentra-auth`: sends the browser to the MentraOS account page to sign in to this app. */
import { Router } from 'express';
import type { RouteContext } from './context';

export const MENTRA_ACCOUNT_AUTH_URL = 'https://account.mentra.glass/auth';

export function mentraAuthRoutes(ctx: RouteContext): Router {
  const router = Router();
  const target = `${MENTRA_ACCOUNT_AUTH_URL}?packagename=${encodeURIComponent(ctx.packageName)}`;
  router.get('/mentra-auth', (_req, res) => res.redirect(302, target));
  return router;
}
