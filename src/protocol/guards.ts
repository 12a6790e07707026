/**
 * Type guards: each checks the message's `type` string (the 75 guards of the published SDK, same names).
 * Messages of the phone/glasses protocol have no interfaces here; their guards narrow to `{type: '<name>'}`.
 */
import { CloudToGlassesMessageType as CG, ControlActionTypes, EventTypes, GlassesToCloudMessageType as GC, ResponseTypes, UpdateTypes } from './enums';
import type {
  AppConnectionAck,
  AppConnectionError,
  AppConnectionInit,
  AppSettingsUpdate,
  AppStopped,
  AppSubscriptionUpdate,
  AudioChunk,
  ButtonPress,
  CalendarEvent,
  DataStream,
  DisplayRequest,
  GlassesBatteryUpdate,
  GlassesConnectionState,
  HeadPosition,
  LocationUpdate,
  PhoneBatteryUpdate,
  PhoneNotification,
  PhoneNotificationDismissed,
  SessionWebhookRequest,
  StopWebhookRequest,
  Vad,
  AppMessageReceived,
  AppUserJoined,
  AppUserLeft,
  AppRoomUpdated,
  AppDirectMessageResponse,
  CustomMessage,
  PermissionError,
} from './messages';
import type {
  AudioPlayRequest,
  AudioPlayResponse,
  AudioStopRequest,
  CapabilitiesUpdate,
  DashboardAlwaysOnChanged,
  DashboardContentUpdate,
  DashboardModeChange,
  DashboardModeChanged,
  DashboardSystemUpdate,
  ManagedStreamRequest,
  ManagedStreamStatus,
  ManagedStreamStopRequest,
  OwnershipReleaseMessage,
  PhotoRequest,
  PhotoResponse,
  PhotoTaken,
  RgbLedControlRequest,
  RgbLedControlResponse,
  RtmpStreamRequest,
  RtmpStreamStatus,
  RtmpStreamStopRequest,
  StreamStatusCheckResponse,
} from './module-messages';

type Msg = { type?: unknown } | null | undefined;
/** A message of the phone/glasses protocol, known only by its type. */
export type TypedMessage<T extends string> = { type: T; [field: string]: any };

const typeOf = (m: Msg): unknown => (m ? (m as { type?: unknown }).type : undefined);
const is =
  <T>(type: string) =>
  (m: Msg): m is T & Msg =>
    typeOf(m) === type;
const typed = <T extends string>(type: T) => is<TypedMessage<T>>(type);
const oneOf =
  (types: readonly string[]) =>
  (m: Msg): boolean =>
    types.includes(typeOf(m) as string);

// ---------------------------------------------------------------- app -> cloud

export const isAppConnectionInit = is<AppConnectionInit>('tpa_connection_init');
export const isAppSubscriptionUpdate = is<AppSubscriptionUpdate>('subscription_update');
export const isDisplayRequest = is<DisplayRequest>('display_event');
export const isPhotoRequestFromApp = is<PhotoRequest>('photo_request');
export const isRgbLedControlRequest = is<RgbLedControlRequest>('rgb_led_control');
export const isAudioPlayRequest = is<AudioPlayRequest>('audio_play_request');
export const isAudioStopRequest = is<AudioStopRequest>('audio_stop_request');
export const isRtmpStreamRequest = is<RtmpStreamRequest>('rtmp_stream_request');
export const isRtmpStreamStopRequest = is<RtmpStreamStopRequest>('rtmp_stream_stop');
export const isManagedStreamRequest = is<ManagedStreamRequest>('managed_stream_request');
export const isManagedStreamStopRequest = is<ManagedStreamStopRequest>('managed_stream_stop');
export const isDashboardContentUpdate = is<DashboardContentUpdate>('dashboard_content_update');
export const isDashboardModeChange = is<DashboardModeChange>('dashboard_mode_change');
export const isDashboardSystemUpdate = is<DashboardSystemUpdate>('dashboard_system_update');
export const isOwnershipRelease = is<OwnershipReleaseMessage>('ownership_release');

// ---------------------------------------------------------------- cloud -> app

export const isAppConnectionAck = is<AppConnectionAck>('tpa_connection_ack');
/** Also true for the bare `connection_error`. */
export function isAppConnectionError(m: Msg): m is AppConnectionError {
  const t = typeOf(m);
  return t === 'tpa_connection_error' || t === 'connection_error';
}
export const isAppStopped = is<AppStopped>('app_stopped');
export const isSettingsUpdate = is<AppSettingsUpdate>('settings_update');
export const isCapabilitiesUpdate = is<CapabilitiesUpdate>('capabilities_update');
export const isDataStream = is<DataStream>('data_stream');
export const isAudioChunk = is<AudioChunk>('audio_chunk');
export const isAudioPlayResponse = is<AudioPlayResponse>('audio_play_response');
export const isDashboardModeChanged = is<DashboardModeChanged>('dashboard_mode_changed');
export const isDashboardAlwaysOnChanged = is<DashboardAlwaysOnChanged>('dashboard_always_on_changed');
export const isManagedStreamStatus = is<ManagedStreamStatus>('managed_stream_status');
export const isStreamStatusCheckResponse = is<StreamStatusCheckResponse>('stream_status_check_response');
export const isPhotoResponse = is<PhotoResponse>('photo_response');
export const isPhotoResponseFromCloud = isPhotoResponse;
export const isPhotoResponseFromGlasses = isPhotoResponse;
export const isRgbLedControlResponse = is<RgbLedControlResponse>('rgb_led_control_response');
export const isRgbLedControlResponseFromCloud = isRgbLedControlResponse;
export const isRgbLedControlResponseFromGlasses = isRgbLedControlResponse;
export const isRtmpStreamStatus = is<RtmpStreamStatus>('rtmp_stream_status');
export const isRtmpStreamStatusFromCloud = isRtmpStreamStatus;
export const isRtmpStreamStatusFromGlasses = isRtmpStreamStatus;

// ---------------------------------------------------------------- glasses -> cloud

export const isConnectionInit = typed(GC.CONNECTION_INIT);
export const isRequestSettings = typed(GC.REQUEST_SETTINGS);
export const isStartApp = typed(GC.START_APP);
export const isStopApp = typed(GC.STOP_APP);
export const isButtonPress = is<ButtonPress>(GC.BUTTON_PRESS);
export const isHeadPosition = is<HeadPosition>(GC.HEAD_POSITION);
export const isGlassesBatteryUpdate = is<GlassesBatteryUpdate>(GC.GLASSES_BATTERY_UPDATE);
export const isPhoneBatteryUpdate = is<PhoneBatteryUpdate>(GC.PHONE_BATTERY_UPDATE);
export const isGlassesConnectionState = is<GlassesConnectionState>(GC.GLASSES_CONNECTION_STATE);
export const isLocationUpdate = is<LocationUpdate>(GC.LOCATION_UPDATE);
export const isCalendarEvent = is<CalendarEvent>(GC.CALENDAR_EVENT);
export const isVad = is<Vad>(GC.VAD);
export const isPhoneNotification = is<PhoneNotification>(GC.PHONE_NOTIFICATION);
export const isPhoneNotificationDismissed = is<PhoneNotificationDismissed>(GC.PHONE_NOTIFICATION_DISMISSED);
export const isKeepAliveAck = typed(GC.KEEP_ALIVE_ACK);
export const isPhotoTaken = is<PhotoTaken>(GC.PHOTO_TAKEN);
export const isLocalTranscription = typed(GC.LOCAL_TRANSCRIPTION);
export const isUdpRegister = typed(GC.UDP_REGISTER);
export const isUdpUnregister = typed(GC.UDP_UNREGISTER);
/** connection_init, start_app, stop_app, dashboard_state, open_dashboard. */
export const isControlAction = oneOf(ControlActionTypes);
/** Sensor and phone events (button presses, battery, location ...). */
export const isEvent = oneOf(EventTypes);

// ---------------------------------------------------------------- cloud -> glasses

export const isConnectionAck = typed(CG.CONNECTION_ACK);
export const isConnectionError = typed(CG.CONNECTION_ERROR);
export const isAuthError = typed(CG.AUTH_ERROR);
export const isDisplayEvent = typed(CG.DISPLAY_EVENT);
export const isAppStateChange = typed(CG.APP_STATE_CHANGE);
export const isMicrophoneStateChange = typed(CG.MICROPHONE_STATE_CHANGE);
/** The glasses-bound photo request (the app's is `isPhotoRequestFromApp`; the type string is the same). */
export const isPhotoRequest = typed(CG.PHOTO_REQUEST);
export const isRgbLedControl = typed(CG.RGB_LED_CONTROL);
export const isSettingsUpdateToGlasses = typed(CG.SETTINGS_UPDATE);
export const isStartRtmpStream = typed(CG.START_RTMP_STREAM);
export const isStopRtmpStream = typed(CG.STOP_RTMP_STREAM);
export const isKeepRtmpStreamAlive = typed(CG.KEEP_RTMP_STREAM_ALIVE);
export const isAudioPlayRequestToGlasses = typed(CG.AUDIO_PLAY_REQUEST);
export const isAudioStopRequestToGlasses = typed(CG.AUDIO_STOP_REQUEST);
/** connection_ack, connection_error, auth_error. */
export const isResponse = oneOf(ResponseTypes);
/** Display, state, media and stream updates sent to the glasses. */
export const isUpdate = oneOf(UpdateTypes);

// ---------------------------------------------------------------- webhooks

export const isSessionWebhookRequest = is<SessionWebhookRequest>('session_request');
export const isStopWebhookRequest = is<StopWebhookRequest>('stop_request');
export const isCustomMessage = is<CustomMessage>('custom_message');
export const isPermissionError = is<PermissionError>('permission_error');

// app-to-app (either naming: the cloud generation decides which one arrives)
const either =
  <T>(a: string, b: string) =>
  (m: Msg): m is T & Msg =>
    typeOf(m) === a || typeOf(m) === b;
export const isAppMessageReceived = either<AppMessageReceived>('app_message_received', 'tpa_message_received');
export const isAppUserJoined = either<AppUserJoined>('app_user_joined', 'tpa_user_joined');
export const isAppUserLeft = either<AppUserLeft>('app_user_left', 'tpa_user_left');
export const isAppRoomUpdated = either<AppRoomUpdated>('app_room_updated', 'tpa_room_updated');
export const isAppDirectMessageResponse = either<AppDirectMessageResponse>('app_direct_message_response', 'tpa_direct_message_response');
