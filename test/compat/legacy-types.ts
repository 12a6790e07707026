/**
 * Compile-time contract (checked by `npm run typecheck`, not run): every type-only export of the
 * `@augmentos/sdk` 1.1.18 root (legacy-sdk reference §1.4) resolves through the `@augmentos/sdk` alias, and a
 * few legacy meanings and signature unions hold.
 */
import type {
  // server and session
  TpaServerConfig, TpaSessionConfig, SettingChange, SettingsChangeMap, SettingsChangeHandler, SettingValueChangeHandler,
  // tokens
  TpaTokenPayload, TokenValidationResult, TokenConfig,
  // base
  BaseMessage, WebSocketError, AuthenticatedRequest,
  // glasses -> cloud
  ConnectionInit, RequestSettings, StartApp, StopApp, DashboardState, OpenDashboard, ButtonPress, HeadPosition,
  GlassesBatteryUpdate, PhoneBatteryUpdate, GlassesConnectionState, LocationUpdate, VpsCoordinates, CalendarEvent, Vad,
  PhoneNotification, NotificationDismissed, AugmentosSettingsUpdateRequest, CoreStatusUpdate, PhotoResponse, RtmpStreamStatus,
  KeepAliveAck, PhotoTaken, GlassesToCloudMessage,
  // cloud -> glasses
  ConnectionAck, ConnectionError, AuthError, DisplayEvent, AppStateChange, MicrophoneStateChange, PhotoRequestToGlasses,
  SettingsUpdate, StartRtmpStream, StopRtmpStream, KeepRtmpStreamAlive, CloudToGlassesMessage,
  // tpa -> cloud
  TpaConnectionInit, TpaSubscriptionUpdate, PhotoRequest, RtmpStreamRequest, RtmpStreamStopRequest, TpaBroadcastMessage,
  TpaDirectMessage, TpaUserDiscovery, TpaRoomJoin, TpaRoomLeave, TpaToCloudMessage,
  // cloud -> tpa
  TpaConnectionAck, TpaConnectionError, AppStopped, TpaSettingsUpdate, DataStream, CloudToTpaMessage, TranscriptionData,
  TranslationData, AudioChunk, ToolCall, StandardConnectionError, CustomMessage, AugmentosSettingsUpdate, PermissionError,
  PermissionErrorDetail,
  // layouts
  TextWall, DoubleTextWall, DashboardCard, ReferenceCard, BitmapView, Layout, DisplayRequest,
  // dashboard
  DashboardSystemAPI, DashboardContentAPI, DashboardAPI, DashboardContentUpdate, DashboardModeChange, DashboardSystemUpdate,
  DashboardMessage,
  // rtmp
  VideoConfig, AudioConfig, StreamConfig, StreamStatusHandler,
  // streams
  ExtendedStreamType, LanguageStreamType, LanguageStreamInfo,
  // models
  ToolParameterSchema, ToolSchema, DeveloperProfile, Permission, AppI, BaseAppSetting, AppSetting, AppSettings, TpaConfig,
  TranscriptSegment, TranscriptI,
  // cloud-internal leftovers
  AudioProcessorConfig, AudioProcessorI, DisplayManagerI, ActiveDisplay, UserSession,
  // webhooks
  BaseWebhookRequest, SessionWebhookRequest, StopWebhookRequest, ServerRegistrationWebhookRequest,
  SessionRecoveryWebhookRequest, ServerHeartbeatWebhookRequest, WebhookRequest, WebhookResponse,
  // the classes, as types
  TpaServer, TpaSession,
} from '@augmentos/sdk';

type All = [
  TpaServerConfig, TpaSessionConfig, SettingChange, SettingsChangeMap, SettingsChangeHandler, SettingValueChangeHandler,
  TpaTokenPayload, TokenValidationResult, TokenConfig, BaseMessage, WebSocketError, AuthenticatedRequest,
  ConnectionInit, RequestSettings, StartApp, StopApp, DashboardState, OpenDashboard, ButtonPress, HeadPosition,
  GlassesBatteryUpdate, PhoneBatteryUpdate, GlassesConnectionState, LocationUpdate, VpsCoordinates, CalendarEvent, Vad,
  PhoneNotification, NotificationDismissed, AugmentosSettingsUpdateRequest, CoreStatusUpdate, PhotoResponse, RtmpStreamStatus,
  KeepAliveAck, PhotoTaken, GlassesToCloudMessage, ConnectionAck, ConnectionError, AuthError, DisplayEvent, AppStateChange,
  MicrophoneStateChange, PhotoRequestToGlasses, SettingsUpdate, StartRtmpStream, StopRtmpStream, KeepRtmpStreamAlive,
  CloudToGlassesMessage, TpaConnectionInit, TpaSubscriptionUpdate, PhotoRequest, RtmpStreamRequest, RtmpStreamStopRequest,
  TpaBroadcastMessage, TpaDirectMessage, TpaUserDiscovery, TpaRoomJoin, TpaRoomLeave, TpaToCloudMessage, TpaConnectionAck,
  TpaConnectionError, AppStopped, TpaSettingsUpdate, DataStream, CloudToTpaMessage, TranscriptionData, TranslationData,
  AudioChunk, ToolCall, StandardConnectionError, CustomMessage, AugmentosSettingsUpdate, PermissionError, PermissionErrorDetail,
  TextWall, DoubleTextWall, DashboardCard, ReferenceCard, BitmapView, Layout, DisplayRequest, DashboardSystemAPI,
  DashboardContentAPI, DashboardAPI, DashboardContentUpdate, DashboardModeChange, DashboardSystemUpdate, DashboardMessage,
  VideoConfig, AudioConfig, StreamConfig, StreamStatusHandler, ExtendedStreamType, LanguageStreamType<'transcription'>,
  LanguageStreamInfo, ToolParameterSchema, ToolSchema, DeveloperProfile, Permission, AppI, BaseAppSetting, AppSetting,
  AppSettings, TpaConfig, TranscriptSegment, TranscriptI, AudioProcessorConfig, AudioProcessorI, DisplayManagerI,
  ActiveDisplay, UserSession, BaseWebhookRequest, SessionWebhookRequest, StopWebhookRequest, ServerRegistrationWebhookRequest,
  SessionRecoveryWebhookRequest, ServerHeartbeatWebhookRequest, WebhookRequest, WebhookResponse, TpaServer, TpaSession,
];
export type LegacyTypeSurface = All;

// Legacy meanings: the root SettingsUpdate is the glasses shape; the app one is TpaSettingsUpdate.
export const glassesSettings: SettingsUpdate = { type: 'settings_update', sessionId: 's', settings: { brightness: 50 } };
export const appSettings: TpaSettingsUpdate = { type: 'settings_update', settings: [{ key: 'k', value: 1 }] };
export const stream: LanguageStreamType<'transcription'> = 'transcription:en-US';
export const config: TpaServerConfig = { packageName: 'p', apiKey: 'k', port: 7010, webhookPath: '/webhook', publicDir: false, augmentOSWebsocketUrl: 'wss://x', healthCheck: true };

// Unions over released versions: activeSession optional on ToolCall and AuthenticatedRequest; a logger that
// takes (text, obj) and (obj, text).
export const call: ToolCall = { toolId: 't', toolParameters: {}, timestamp: new Date(), userId: 'u' };
export function onSessionShape(session: TpaSession): void {
  session.logger.info('text', { a: 1 });
  session.logger.info({ a: 1 }, 'text');
  session.layouts.showBitmapView('Qk0=', { durationMs: 1000 });
}
export function userIdOf(req: AuthenticatedRequest): string | undefined {
  return req.authUserId;
}
