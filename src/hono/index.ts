/**
 * `@mentraos/sdk/hono` (and the root of `@mentraos/sdk-hono`): the API of `@mentra/sdk` 3.0.0-hono, whose
 * `AppServer` is a Hono app. Everything but the server and the webview auth is the same as the 2.x root.
 * Needs `hono` (a peer dependency) installed by the app.
 *
 * @module @mentraos/sdk/hono
 */
export * from '../app/surface';
export type { PendingPhotoRequest } from '../app/server';
export { AppServer, type AppServerConfig } from './server';
export {
  createAuthMiddleware,
  createMentraAuthRoutes,
  generateFrontendToken,
  type AuthenticatedRequest,
  type AuthEnv,
  type AuthVariables,
  type HonoAuthMiddlewareOptions,
  type WebviewAuthConfig,
  type WebviewCookieOptions,
} from './webview';
export { TpaServer, TpaSession, type TpaServerConfig, type TpaSessionConfig } from './tpa';
