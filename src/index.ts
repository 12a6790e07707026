/**
 * `@mentraos/sdk`: build smart-glasses apps for MentraOS.
 * The root exports the modern API; legacy AugmentOS names are re-exported from `compat/` (deprecated).
 *
 * @module @mentraos/sdk
 */
export * from './app/surface';
export { AppServer, type AppServerConfig } from './app/server';
export type { PendingPhotoRequest } from './app/server';
export type { AuthenticatedRequest } from './app/webview';
export { createAuthMiddleware, type AuthMiddlewareOptions } from './core/http/webview/auth';
// Named explicitly: compat exports names of its own for these, and the modern ones win.
export type { DashboardAPI, DashboardContentAPI, DashboardSystemAPI, RtmpStreamOptions } from './app/surface';
export * from '../compat';
