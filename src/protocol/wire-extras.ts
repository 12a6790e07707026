/**
 * Message shapes the published SDK exports that an app rarely touches: frames between the glasses and the
 * cloud (LiveKit, UDP audio, location tiers, Wi-Fi setup, glasses-side audio and LED commands) and the
 * provider detail of a transcription. Declared so that code importing them compiles; the SDK itself never
 * sends or reads them.
 */
import type { CloudToGlassesMessageType, GlassesToCloudMessageType } from './enums';
import type { BaseMessage } from './messages';
import type { LedColor } from './module-messages';

export type { SonioxToken, TranscriptionMetadata } from './transcription-metadata';

// ---------------------------------------------------------------- glasses -> cloud

export interface LiveKitInit extends BaseMessage {
  /** The message type. */
  type: GlassesToCloudMessageType.LIVEKIT_INIT;
  /** Whether the client publishes or subscribes. */
  mode?: 'publish' | 'subscribe';
}

export interface LocalTranscription extends BaseMessage {
  /** The message type. */
  type: GlassesToCloudMessageType.LOCAL_TRANSCRIPTION;
  /** The text heard. */
  text: string;
  /** Whether the result is final (not interim). */
  isFinal: boolean;
  /** When the speech started. */
  startTime: number;
  /** When the speech ended. */
  endTime: number;
  /** The speaker's id, when the provider tells speakers apart. */
  speakerId: number;
  /** The language transcribed. */
  transcribeLanguage: string;
  /** The speech provider. */
  provider: string;
}

export interface MentraosSettingsUpdateRequest extends BaseMessage {
  /** The message type. */
  type: GlassesToCloudMessageType.MENTRAOS_SETTINGS_UPDATE_REQUEST;
}

export interface UdpRegister extends BaseMessage {
  /** The message type. */
  type: GlassesToCloudMessageType.UDP_REGISTER;
  /** A hash of the user id. */
  userIdHash: number;
}

export interface UdpUnregister extends BaseMessage {
  /** The message type. */
  type: GlassesToCloudMessageType.UDP_UNREGISTER;
  /** A hash of the user id. */
  userIdHash: number;
}

// ---------------------------------------------------------------- cloud -> glasses

export interface RgbLedControlToGlasses extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.RGB_LED_CONTROL;
  /** The id that pairs a request with its response. */
  requestId: string;
  /** The app the request is for. */
  appId: string;
  /** Turn the LED on or off. */
  action: 'on' | 'off';
  /** The LED colour. */
  color?: LedColor;
  /** Milliseconds on per cycle. */
  ontime?: number;
  /** Milliseconds off per cycle. */
  offtime?: number;
  /** Cycles. */
  count?: number;
}

export interface LiveKitInfo extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.LIVEKIT_INFO;
  /** The LiveKit server URL. */
  url: string;
  /** The room. */
  roomName: string;
  /** The access token. */
  token: string;
}

export interface SetLocationTier extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.SET_LOCATION_TIER;
  /** The location accuracy tier. */
  tier: 'realtime' | 'high' | 'tenMeters' | 'hundredMeters' | 'kilometer' | 'threeKilometers' | 'reduced' | 'standard';
}

export interface RequestSingleLocation extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.REQUEST_SINGLE_LOCATION;
  /** The accuracy asked for. */
  accuracy: string;
  /** Pairs a location poll with its answer. */
  correlationId: string;
}

export interface AudioPlayRequestToGlasses extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.AUDIO_PLAY_REQUEST;
  /** The id that pairs a request with its response. */
  requestId: string;
  /** The app the request is for. */
  appId: string;
  /** The URL of the audio to play. */
  audioUrl: string;
  /** Volume, 0.0 to 1.0. */
  volume?: number;
  /** Whether to stop other playback first. */
  stopOtherAudio?: boolean;
}

export interface AudioStopRequestToGlasses extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.AUDIO_STOP_REQUEST;
  /** The app the request is for. */
  appId: string;
}

export interface ShowWifiSetup extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.SHOW_WIFI_SETUP;
  /** Why the setup is shown. */
  reason?: string;
  /** The app that asked. */
  appPackageName?: string;
}

export interface UdpPingAck extends BaseMessage {
  /** The message type. */
  type: CloudToGlassesMessageType.UDP_PING_ACK;
}
