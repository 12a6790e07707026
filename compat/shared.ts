/**
 * The part of the AugmentOS root surface that kept its name in the modern API: re-exported here so that
 * `@mentraos/sdk/compat` alone is the whole legacy surface.
 */
export { SettingsManager, type SettingsChangeHandler, type SettingValueChangeHandler } from '../src/app/settings';
export { createToken, validateToken, generateWebviewUrl, extractTokenFromUrl, type TokenConfig, type TokenValidationResult } from '../src/app/token';
export { logger } from '../src/core/logger';
export type { SettingChange, SettingsChangeMap } from '../src/core/settings-store';
export {
  StreamType, StreamCategory, LayoutType, ViewType, DashboardMode, AppSettingType, WebhookRequestType,
} from '../src/protocol/enums';
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
} from '../src/protocol/guards';
export type {
  BaseMessage, WebSocketError, TextWall, DoubleTextWall, DashboardCard, ReferenceCard, BitmapView, Layout, DisplayRequest,
  PhotoRequest, RtmpStreamRequest, RtmpStreamStopRequest, AppStopped, DataStream, TranscriptionData, TranslationData,
  AudioChunk, ToolCall, CustomMessage, PermissionError, PermissionErrorDetail, DashboardContentUpdate, DashboardModeChange,
  DashboardSystemUpdate, DashboardMessage, VideoConfig, AudioConfig, StreamConfig, AppSetting, BaseWebhookRequest,
  SessionWebhookRequest, StopWebhookRequest, WebhookRequest, WebhookResponse, ButtonPress, HeadPosition,
  GlassesBatteryUpdate, PhoneBatteryUpdate, GlassesConnectionState, LocationUpdate, CalendarEvent, Vad, PhoneNotification,
} from '../src/protocol/messages';
