/**
 * The exports the 2.x root (`@mentraos/sdk`) and the 3.0.0-hono root (`@mentraos/sdk/hono`) share: the
 * protocol, the session and its modules, tokens, utilities, errors and logging. Each root adds its own
 * `AppServer` and webview auth on top.
 */
export * from '../protocol';
export { AppSession, type AppSessionConfig } from './session';
export { EventManager, type Handler, type Unsubscribe } from './events';
export type { EventData, EventHandlerFor, EventType, KnownEventName, StreamDataTypes, SystemEvents } from './event-types';
export { LayoutManager, type DisplayOptions } from './layouts';
export { SettingsManager, type SettingsChangeHandler, type SettingValueChangeHandler } from './settings';
export {
  createToken,
  validateToken,
  generateWebviewUrl,
  extractTokenFromUrl,
  extractTempToken,
  type AppTokenPayload,
  type TokenConfig,
  type TokenValidationResult,
} from './token';
export type { ToolCall, ToolCallArgs } from './tools';
export { exchangeToken, type PublicKeyInput } from '../core/http/webview/tokens';
export {
  DashboardManager,
  DashboardContentManager,
  DashboardSystemManager,
  type DashboardAPI,
  type DashboardContentAPI,
  type DashboardSystemAPI,
  type DashboardModeValue,
} from './modules/dashboard';
export { CameraModule, type PhotoRequestOptions, type RtmpStreamOptions } from './modules/camera';
export { CameraManagedExtension, type ManagedStreamOptions, type ManagedStreamResult, type ExistingStream } from './modules/camera-managed';
export { AudioManager, type AudioPlayOptions, type AudioPlayResult, type SpeakOptions } from './modules/audio';
export { AudioOutputStream, type AudioOutputStreamOptions, type AudioOutputStreamState } from './modules/audio-output-stream';
export { LedModule, type LedControlOptions } from './modules/led';
export { LocationManager } from './modules/location';
export { SimpleStorage, type SimpleStorageOptions } from './modules/simple-storage';
export { DeviceState } from './modules/device-state';
export type { WifiStatus } from './modules/wifi';
export { Observable } from '../core/observable';
export { BitmapUtils, type BitmapValidation, type LoadFramesOptions } from './utils/bitmap-utils';
export { AnimationUtils, type AnimationConfig, type AnimationController, type TimingInfo } from './utils/animation-utils';
export { SdkError, isSdkError, type SdkErrorCode, type MentraErrorCode } from '../core/errors';
export {
  MentraError,
  MentraAuthError,
  MentraConnectionError,
  MentraTimeoutError,
  MentraValidationError,
  MentraPermissionError,
} from '../core/mentra-errors';
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
} from '../core/logger';
export type { SessionState, StopReason, DisconnectInfo } from '../core/session/session';
export type { SettingChange, SettingsChangeMap } from '../core/session/settings-store';
export type { ErrorContext } from '../core/engine';
export type { ReconnectOptions } from '../core/session/reconnect';
export type { ClusterOptions } from '../core/cluster/config';
export type { SubscriptionSettings } from '../core/session/settings-subscriptions';
export { CLOSE_CODES } from '../core/session/reconnect';
export { DEFAULT_TRUSTED_DOMAINS, TRUSTED_HOSTS_ENV } from '../core/session/trust';
export { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_HEADER } from '../core/http/inbound';
