/**
 * `@mentraos/sdk`: build smart-glasses apps for MentraOS.
 * The root exports the modern API; legacy AugmentOS names are re-exported from `compat/` (deprecated).
 */
export * from './protocol';
export { AppServer, type AppServerConfig } from './app/server';
export { AppSession } from './app/session';
export { EventManager, type Handler, type Unsubscribe } from './app/events';
export { LayoutManager, type DisplayOptions } from './app/layouts';
export { SettingsManager, type SettingsChangeHandler, type SettingValueChangeHandler } from './app/settings';
export { createToken, validateToken, type AppTokenPayload, type TokenConfig, type TokenValidationResult } from './app/token';
export { SdkError, isSdkError, type SdkErrorCode } from './core/errors';
export { createConsoleLogger, type Logger, type LogLevel } from './core/logger';
export type { SessionState, StopReason, DisconnectInfo } from './core/session';
export type { SettingChange, SettingsChangeMap } from './core/settings-store';
export type { ErrorContext } from './core/engine';
export type { ReconnectOptions } from './core/reconnect';
export { CLOSE_CODES } from './core/reconnect';
export { DEFAULT_TRUSTED_DOMAINS, TRUSTED_HOSTS_ENV } from './core/trust';
export { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_HEADER } from './core/inbound';
export * from '../compat';
