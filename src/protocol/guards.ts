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

type Msg =
  | {
      /** The message type, if any. */
      type?: unknown;
    }
  | null
  | undefined;
/** A message of the phone/glasses protocol, known only by its type. */
export type TypedMessage<T extends string> = {
  /** The message type. */
  type: T;
  [field: string]: any;
};

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

/** Whether a message is a `AppConnectionInit` (`tpa_connection_init`). */
export const isAppConnectionInit = is<AppConnectionInit>('tpa_connection_init');
/** Whether a message is a `AppSubscriptionUpdate` (`subscription_update`). */
export const isAppSubscriptionUpdate = is<AppSubscriptionUpdate>('subscription_update');
/** Whether a message is a `DisplayRequest` (`display_event`). */
export const isDisplayRequest = is<DisplayRequest>('display_event');
/** Whether a message is a `PhotoRequest` (`photo_request`). */
export const isPhotoRequestFromApp = is<PhotoRequest>('photo_request');
/** Whether a message is a `RgbLedControlRequest` (`rgb_led_control`). */
export const isRgbLedControlRequest = is<RgbLedControlRequest>('rgb_led_control');
/** Whether a message is a `AudioPlayRequest` (`audio_play_request`). */
export const isAudioPlayRequest = is<AudioPlayRequest>('audio_play_request');
/** Whether a message is a `AudioStopRequest` (`audio_stop_request`). */
export const isAudioStopRequest = is<AudioStopRequest>('audio_stop_request');
/** Whether a message is a `RtmpStreamRequest` (`rtmp_stream_request`). */
export const isRtmpStreamRequest = is<RtmpStreamRequest>('rtmp_stream_request');
/** Whether a message is a `RtmpStreamStopRequest` (`rtmp_stream_stop`). */
export const isRtmpStreamStopRequest = is<RtmpStreamStopRequest>('rtmp_stream_stop');
/** Whether a message is a `ManagedStreamRequest` (`managed_stream_request`). */
export const isManagedStreamRequest = is<ManagedStreamRequest>('managed_stream_request');
/** Whether a message is a `ManagedStreamStopRequest` (`managed_stream_stop`). */
export const isManagedStreamStopRequest = is<ManagedStreamStopRequest>('managed_stream_stop');
/** Whether a message is a `DashboardContentUpdate` (`dashboard_content_update`). */
export const isDashboardContentUpdate = is<DashboardContentUpdate>('dashboard_content_update');
/** Whether a message is a `DashboardModeChange` (`dashboard_mode_change`). */
export const isDashboardModeChange = is<DashboardModeChange>('dashboard_mode_change');
/** Whether a message is a `DashboardSystemUpdate` (`dashboard_system_update`). */
export const isDashboardSystemUpdate = is<DashboardSystemUpdate>('dashboard_system_update');
/** Whether a message is a `OwnershipReleaseMessage` (`ownership_release`). */
export const isOwnershipRelease = is<OwnershipReleaseMessage>('ownership_release');

// ---------------------------------------------------------------- cloud -> app

/** Whether a message is a `AppConnectionAck` (`tpa_connection_ack`). */
export const isAppConnectionAck = is<AppConnectionAck>('tpa_connection_ack');
/** Also true for the bare `connection_error`. */
export function isAppConnectionError(m: Msg): m is AppConnectionError {
  const t = typeOf(m);
  return t === 'tpa_connection_error' || t === 'connection_error';
}
/** Whether a message is a `AppStopped` (`app_stopped`). */
export const isAppStopped = is<AppStopped>('app_stopped');
/** Whether a message is a `AppSettingsUpdate` (`settings_update`). */
export const isSettingsUpdate = is<AppSettingsUpdate>('settings_update');
/** Whether a message is a `CapabilitiesUpdate` (`capabilities_update`). */
export const isCapabilitiesUpdate = is<CapabilitiesUpdate>('capabilities_update');
/** Whether a message is a `DataStream` (`data_stream`). */
export const isDataStream = is<DataStream>('data_stream');
/** Whether a message is a `AudioChunk` (`audio_chunk`). */
export const isAudioChunk = is<AudioChunk>('audio_chunk');
/** Whether a message is a `AudioPlayResponse` (`audio_play_response`). */
export const isAudioPlayResponse = is<AudioPlayResponse>('audio_play_response');
/** Whether a message is a `DashboardModeChanged` (`dashboard_mode_changed`). */
export const isDashboardModeChanged = is<DashboardModeChanged>('dashboard_mode_changed');
/** Whether a message is a `DashboardAlwaysOnChanged` (`dashboard_always_on_changed`). */
export const isDashboardAlwaysOnChanged = is<DashboardAlwaysOnChanged>('dashboard_always_on_changed');
/** Whether a message is a `ManagedStreamStatus` (`managed_stream_status`). */
export const isManagedStreamStatus = is<ManagedStreamStatus>('managed_stream_status');
/** Whether a message is a `StreamStatusCheckResponse` (`stream_status_check_response`). */
export const isStreamStatusCheckResponse = is<StreamStatusCheckResponse>('stream_status_check_response');
/** Whether a message is a `PhotoResponse` (`photo_response`). */
export const isPhotoResponse = is<PhotoResponse>('photo_response');
/** The same check as `isPhotoResponse`, under a published name. */
export const isPhotoResponseFromCloud = isPhotoResponse;
/** The same check as `isPhotoResponse`, under a published name. */
export const isPhotoResponseFromGlasses = isPhotoResponse;
/** Whether a message is a `RgbLedControlResponse` (`rgb_led_control_response`). */
export const isRgbLedControlResponse = is<RgbLedControlResponse>('rgb_led_control_response');
/** The same check as `isRgbLedControlResponse`, under a published name. */
export const isRgbLedControlResponseFromCloud = isRgbLedControlResponse;
/** The same check as `isRgbLedControlResponse`, under a published name. */
export const isRgbLedControlResponseFromGlasses = isRgbLedControlResponse;
/** Whether a message is a `RtmpStreamStatus` (`rtmp_stream_status`). */
export const isRtmpStreamStatus = is<RtmpStreamStatus>('rtmp_stream_status');
/** The same check as `isRtmpStreamStatus`, under a published name. */
export const isRtmpStreamStatusFromCloud = isRtmpStreamStatus;
/** The same check as `isRtmpStreamStatus`, under a published name. */
export const isRtmpStreamStatusFromGlasses = isRtmpStreamStatus;

// ---------------------------------------------------------------- glasses -> cloud

/** Whether a message's type is `GlassesToCloudMessageType.CONNECTION_INIT`. */
export const isConnectionInit = typed(GC.CONNECTION_INIT);
/** Whether a message's type is `GlassesToCloudMessageType.REQUEST_SETTINGS`. */
export const isRequestSettings = typed(GC.REQUEST_SETTINGS);
/** Whether a message's type is `GlassesToCloudMessageType.START_APP`. */
export const isStartApp = typed(GC.START_APP);
/** Whether a message's type is `GlassesToCloudMessageType.STOP_APP`. */
export const isStopApp = typed(GC.STOP_APP);
/** Whether a message is a `ButtonPress` (`GlassesToCloudMessageType.BUTTON_PRESS`). */
export const isButtonPress = is<ButtonPress>(GC.BUTTON_PRESS);
/** Whether a message is a `HeadPosition` (`GlassesToCloudMessageType.HEAD_POSITION`). */
export const isHeadPosition = is<HeadPosition>(GC.HEAD_POSITION);
/** Whether a message is a `GlassesBatteryUpdate` (`GlassesToCloudMessageType.GLASSES_BATTERY_UPDATE`). */
export const isGlassesBatteryUpdate = is<GlassesBatteryUpdate>(GC.GLASSES_BATTERY_UPDATE);
/** Whether a message is a `PhoneBatteryUpdate` (`GlassesToCloudMessageType.PHONE_BATTERY_UPDATE`). */
export const isPhoneBatteryUpdate = is<PhoneBatteryUpdate>(GC.PHONE_BATTERY_UPDATE);
/** Whether a message is a `GlassesConnectionState` (`GlassesToCloudMessageType.GLASSES_CONNECTION_STATE`). */
export const isGlassesConnectionState = is<GlassesConnectionState>(GC.GLASSES_CONNECTION_STATE);
/** Whether a message is a `LocationUpdate` (`GlassesToCloudMessageType.LOCATION_UPDATE`). */
export const isLocationUpdate = is<LocationUpdate>(GC.LOCATION_UPDATE);
/** Whether a message is a `CalendarEvent` (`GlassesToCloudMessageType.CALENDAR_EVENT`). */
export const isCalendarEvent = is<CalendarEvent>(GC.CALENDAR_EVENT);
/** Whether a message is a `Vad` (`GlassesToCloudMessageType.VAD`). */
export const isVad = is<Vad>(GC.VAD);
/** Whether a message is a `PhoneNotification` (`GlassesToCloudMessageType.PHONE_NOTIFICATION`). */
export const isPhoneNotification = is<PhoneNotification>(GC.PHONE_NOTIFICATION);
/** Whether a message is a `PhoneNotificationDismissed` (`GlassesToCloudMessageType.PHONE_NOTIFICATION_DISMISSED`). */
export const isPhoneNotificationDismissed = is<PhoneNotificationDismissed>(GC.PHONE_NOTIFICATION_DISMISSED);
/** Whether a message's type is `GlassesToCloudMessageType.KEEP_ALIVE_ACK`. */
export const isKeepAliveAck = typed(GC.KEEP_ALIVE_ACK);
/** Whether a message is a `PhotoTaken` (`GlassesToCloudMessageType.PHOTO_TAKEN`). */
export const isPhotoTaken = is<PhotoTaken>(GC.PHOTO_TAKEN);
/** Whether a message's type is `GlassesToCloudMessageType.LOCAL_TRANSCRIPTION`. */
export const isLocalTranscription = typed(GC.LOCAL_TRANSCRIPTION);
/** Whether a message's type is `GlassesToCloudMessageType.UDP_REGISTER`. */
export const isUdpRegister = typed(GC.UDP_REGISTER);
/** Whether a message's type is `GlassesToCloudMessageType.UDP_UNREGISTER`. */
export const isUdpUnregister = typed(GC.UDP_UNREGISTER);
/** connection_init, start_app, stop_app, dashboard_state, open_dashboard. */
export const isControlAction = oneOf(ControlActionTypes);
/** Sensor and phone events (button presses, battery, location ...). */
export const isEvent = oneOf(EventTypes);

// ---------------------------------------------------------------- cloud -> glasses

/** Whether a message's type is `CloudToGlassesMessageType.CONNECTION_ACK`. */
export const isConnectionAck = typed(CG.CONNECTION_ACK);
/** Whether a message's type is `CloudToGlassesMessageType.CONNECTION_ERROR`. */
export const isConnectionError = typed(CG.CONNECTION_ERROR);
/** Whether a message's type is `CloudToGlassesMessageType.AUTH_ERROR`. */
export const isAuthError = typed(CG.AUTH_ERROR);
/** Whether a message's type is `CloudToGlassesMessageType.DISPLAY_EVENT`. */
export const isDisplayEvent = typed(CG.DISPLAY_EVENT);
/** Whether a message's type is `CloudToGlassesMessageType.APP_STATE_CHANGE`. */
export const isAppStateChange = typed(CG.APP_STATE_CHANGE);
/** Whether a message's type is `CloudToGlassesMessageType.MICROPHONE_STATE_CHANGE`. */
export const isMicrophoneStateChange = typed(CG.MICROPHONE_STATE_CHANGE);
/** The glasses-bound photo request (the app's is `isPhotoRequestFromApp`; the type string is the same). */
export const isPhotoRequest = typed(CG.PHOTO_REQUEST);
/** Whether a message's type is `CloudToGlassesMessageType.RGB_LED_CONTROL`. */
export const isRgbLedControl = typed(CG.RGB_LED_CONTROL);
/** Whether a message's type is `CloudToGlassesMessageType.SETTINGS_UPDATE`. */
export const isSettingsUpdateToGlasses = typed(CG.SETTINGS_UPDATE);
/** Whether a message's type is `CloudToGlassesMessageType.START_RTMP_STREAM`. */
export const isStartRtmpStream = typed(CG.START_RTMP_STREAM);
/** Whether a message's type is `CloudToGlassesMessageType.STOP_RTMP_STREAM`. */
export const isStopRtmpStream = typed(CG.STOP_RTMP_STREAM);
/** Whether a message's type is `CloudToGlassesMessageType.KEEP_RTMP_STREAM_ALIVE`. */
export const isKeepRtmpStreamAlive = typed(CG.KEEP_RTMP_STREAM_ALIVE);
/** Whether a message's type is `CloudToGlassesMessageType.AUDIO_PLAY_REQUEST`. */
export const isAudioPlayRequestToGlasses = typed(CG.AUDIO_PLAY_REQUEST);
/** Whether a message's type is `CloudToGlassesMessageType.AUDIO_STOP_REQUEST`. */
export const isAudioStopRequestToGlasses = typed(CG.AUDIO_STOP_REQUEST);
/** connection_ack, connection_error, auth_error. */
export const isResponse = oneOf(ResponseTypes);
/** Display, state, media and stream updates sent to the glasses. */
export const isUpdate = oneOf(UpdateTypes);

// ---------------------------------------------------------------- webhooks

/** Whether a message is a `SessionWebhookRequest` (`session_request`). */
export const isSessionWebhookRequest = is<SessionWebhookRequest>('session_request');
/** Whether a message is a `StopWebhookRequest` (`stop_request`). */
export const isStopWebhookRequest = is<StopWebhookRequest>('stop_request');
/** Whether a message is a `CustomMessage` (`custom_message`). */
export const isCustomMessage = is<CustomMessage>('custom_message');
/** Whether a message is a `PermissionError` (`permission_error`). */
export const isPermissionError = is<PermissionError>('permission_error');

// app-to-app (either naming: the cloud generation decides which one arrives)
const either =
  <T>(a: string, b: string) =>
  (m: Msg): m is T & Msg =>
    typeOf(m) === a || typeOf(m) === b;
/** Whether a message is a `AppMessageReceived` (`app_message_received`, or `tpa_message_received` from AugmentOS clouds). */
export const isAppMessageReceived = either<AppMessageReceived>('app_message_received', 'tpa_message_received');
/** Whether a message is a `AppUserJoined` (`app_user_joined`, or `tpa_user_joined` from AugmentOS clouds). */
export const isAppUserJoined = either<AppUserJoined>('app_user_joined', 'tpa_user_joined');
/** Whether a message is a `AppUserLeft` (`app_user_left`, or `tpa_user_left` from AugmentOS clouds). */
export const isAppUserLeft = either<AppUserLeft>('app_user_left', 'tpa_user_left');
/** Whether a message is a `AppRoomUpdated` (`app_room_updated`, or `tpa_room_updated` from AugmentOS clouds). */
export const isAppRoomUpdated = either<AppRoomUpdated>('app_room_updated', 'tpa_room_updated');
/** Whether a message is an `AppDirectMessageResponse` (`app_direct_message_response`, or `tpa_direct_message_response` from AugmentOS clouds). */
export const isAppDirectMessageResponse = either<AppDirectMessageResponse>('app_direct_message_response', 'tpa_direct_message_response');
