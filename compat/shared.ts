/**
 * The part of the AugmentOS root surface that kept its name in the modern API: re-exported here so that
 * `@mentraos/sdk/compat` alone is the whole legacy surface.
 */
export { SettingsManager, type SettingsChangeHandler, type SettingValueChangeHandler } from '../src/app/settings';
export {
  createToken, validateToken, generateWebviewUrl, extractTokenFromUrl, extractTempToken, type TokenConfig, type TokenValidationResult,
} from '../src/app/token';
export { createAuthMiddleware, type AuthMiddlewareOptions } from '../src/core/webview/auth';
export { exchangeToken } from '../src/core/webview/tokens';
export { logger } from '../src/core/logger';
export type { SettingChange, SettingsChangeMap } from '../src/core/settings-store';
export {
  StreamType, StreamCategory, LayoutType, ViewType, DashboardMode, AppSettingType, WebhookRequestType,
  GlassesToCloudMessageType, CloudToGlassesMessageType, ControlActionTypes, EventTypes, ResponseTypes, UpdateTypes,
  DashboardMessageTypes, PermissionType, LEGACY_PERMISSION_MAP,
} from '../src/protocol/enums';
export type { PhotoResponse, PhotoTaken, RtmpStreamStatus, VpsCoordinates } from '../src/protocol/module-messages';
export {
  STREAM_CATEGORIES, isValidLanguageCode, parseLanguageStream, createTranscriptionStream, createTranslationStream,
  isValidStreamType, isStreamCategory, getStreamTypesByCategory, getBaseStreamType, isLanguageStream, getLanguageInfo,
  type ExtendedStreamType, type LanguageStreamInfo,
} from '../src/protocol/streams';
export * from '../src/protocol/glasses';
export * from '../src/protocol/models';
export {
  isDisplayRequest, isAppStopped, isSettingsUpdate, isDataStream, isAudioChunk, isSessionWebhookRequest, isStopWebhookRequest,
  isDashboardContentUpdate, isDashboardModeChange, isDashboardSystemUpdate, isRtmpStreamRequest, isRtmpStreamStopRequest,
  isDashboardModeChanged, isDashboardAlwaysOnChanged, isPhotoResponseFromCloud, isRtmpStreamStatusFromCloud,
  isControlAction, isEvent, isConnectionInit, isRequestSettings, isStartApp, isStopApp, isButtonPress, isHeadPosition,
  isGlassesBatteryUpdate, isPhoneBatteryUpdate, isGlassesConnectionState, isLocationUpdate, isCalendarEvent, isVad,
  isPhoneNotification, isRtmpStreamStatus, isPhotoResponse, isKeepAliveAck, isPhotoTaken, isPhotoResponseFromGlasses,
  isRtmpStreamStatusFromGlasses, isResponse, isUpdate, isConnectionAck, isConnectionError, isAuthError, isDisplayEvent,
  isAppStateChange, isMicrophoneStateChange, isPhotoRequest, isStartRtmpStream, isStopRtmpStream, isKeepRtmpStreamAlive,
  isSettingsUpdateToGlasses,
} from '../src/protocol/guards';
export type {
  BaseMessage, WebSocketError, TextWall, DoubleTextWall, DashboardCard, ReferenceCard, BitmapView, Layout, DisplayRequest,
  PhotoRequest, RtmpStreamRequest, RtmpStreamStopRequest, AppStopped, DataStream, TranscriptionData, TranslationData,
  AudioChunk, ToolCall, CustomMessage, PermissionError, PermissionErrorDetail, DashboardContentUpdate, DashboardModeChange,
  DashboardSystemUpdate, DashboardMessage, VideoConfig, AudioConfig, StreamConfig, AppSetting, BaseWebhookRequest,
  SessionWebhookRequest, StopWebhookRequest, WebhookRequest, WebhookResponse, ButtonPress, HeadPosition,
  GlassesBatteryUpdate, PhoneBatteryUpdate, GlassesConnectionState, LocationUpdate, CalendarEvent, Vad, PhoneNotification,
} from '../src/protocol/messages';
