/**
 * `@mentraos/sdk`: build smart-glasses apps for MentraOS.
 * The root exports the modern API; legacy AugmentOS names are re-exported from `compat/` (deprecated).
 *
 * @module @mentraos/sdk
 */
export * from './protocol';
export { AppServer, type AppServerConfig } from './app/server';
export type { PendingPhotoRequest } from './app/server';
export { AppSession, type AppSessionConfig } from './app/session';
export { EventManager, type Handler, type Unsubscribe } from './app/events';
export type { EventData, EventHandlerFor, EventType, KnownEventName, StreamDataTypes, SystemEvents } from './app/event-types';
export { LayoutManager, type DisplayOptions } from './app/layouts';
export { SettingsManager, type SettingsChangeHandler, type SettingValueChangeHandler } from './app/settings';
export {
  createToken,
  validateToken,
  generateWebviewUrl,
  extractTokenFromUrl,
  extractTempToken,
  type AppTokenPayload,
  type TokenConfig,
  type TokenValidationResult,
} from './app/token';
export type { ToolCall, ToolCallArgs } from './app/tools';
export type { AuthenticatedRequest } from './app/webview';
export { createAuthMiddleware, type AuthMiddlewareOptions } from './core/http/webview/auth';
export { exchangeToken, type PublicKeyInput } from './core/http/webview/tokens';
export {
  DashboardManager,
  DashboardContentManager,
  DashboardSystemManager,
  type DashboardAPI,
  type DashboardContentAPI,
  type DashboardSystemAPI,
  type DashboardModeValue,
} from './app/modules/dashboard';
export { CameraModule, type PhotoRequestOptions, type RtmpStreamOptions } from './app/modules/camera';
export { CameraManagedExtension, type ManagedStreamOptions, type ManagedStreamResult, type ExistingStream } from './app/modules/camera-managed';
export { AudioManager, type AudioPlayOptions, type AudioPlayResult, type SpeakOptions } from './app/modules/audio';
export { AudioOutputStream, type AudioOutputStreamOptions, type AudioOutputStreamState } from './app/modules/audio-output-stream';
export { LedModule, type LedControlOptions } from './app/modules/led';
export { LocationManager } from './app/modules/location';
export { SimpleStorage, type SimpleStorageOptions } from './app/modules/simple-storage';
export { DeviceState } from './app/modules/device-state';
export type { WifiStatus } from './app/modules/wifi';
export { Observable } from './core/observable';
export { BitmapUtils, type BitmapValidation, type LoadFramesOptions } from './app/utils/bitmap-utils';
export { AnimationUtils, type AnimationConfig, type AnimationController, type TimingInfo } from './app/utils/animation-utils';
export { SdkError, isSdkError, type SdkErrorCode, type MentraErrorCode } from './core/errors';
export {
  MentraError,
  MentraAuthError,
  MentraConnectionError,
  MentraTimeoutError,
  MentraValidationError,
  MentraPermissionError,
} from './core/mentra-errors';
export {
  createConsoleLogger,
  createLogger,
  logger,
  type Logger,
  type LoggerConfig,
  type LoggerLike,
  type LogFn,
  type LogLevel,
  type MentraLogLevel,
} from './core/logger';
export type { SessionState, StopReason, DisconnectInfo } from './core/session/session';
export type { SettingChange, SettingsChangeMap } from './core/session/settings-store';
export type { ErrorContext } from './core/engine';
export type { ReconnectOptions } from './core/session/reconnect';
export type { ClusterOptions } from './core/cluster/config';
export type { SubscriptionSettings } from './core/session/settings-subscriptions';
export { CLOSE_CODES } from './core/session/reconnect';
export { DEFAULT_TRUSTED_DOMAINS, TRUSTED_HOSTS_ENV } from './core/session/trust';
export { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_HEADER } from './core/http/inbound';
export * from '../compat';
