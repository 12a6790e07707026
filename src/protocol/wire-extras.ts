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
  type: GlassesToCloudMessageType.LIVEKIT_INIT;
  mode?: 'publish' | 'subscribe';
}

export interface LocalTranscription extends BaseMessage {
  type: GlassesToCloudMessageType.LOCAL_TRANSCRIPTION;
  text: string;
  isFinal: boolean;
  startTime: number;
  endTime: number;
  speakerId: number;
  transcribeLanguage: string;
  provider: string;
}

export interface MentraosSettingsUpdateRequest extends BaseMessage {
  type: GlassesToCloudMessageType.MENTRAOS_SETTINGS_UPDATE_REQUEST;
}

export interface UdpRegister extends BaseMessage {
  type: GlassesToCloudMessageType.UDP_REGISTER;
  userIdHash: number;
}

export interface UdpUnregister extends BaseMessage {
  type: GlassesToCloudMessageType.UDP_UNREGISTER;
  userIdHash: number;
}

// ---------------------------------------------------------------- cloud -> glasses

export interface RgbLedControlToGlasses extends BaseMessage {
  type: CloudToGlassesMessageType.RGB_LED_CONTROL;
  requestId: string;
  appId: string;
  action: 'on' | 'off';
  color?: LedColor;
  ontime?: number;
  offtime?: number;
  count?: number;
}

export interface LiveKitInfo extends BaseMessage {
  type: CloudToGlassesMessageType.LIVEKIT_INFO;
  url: string;
  roomName: string;
  token: string;
}

export interface SetLocationTier extends BaseMessage {
  type: CloudToGlassesMessageType.SET_LOCATION_TIER;
  tier: 'realtime' | 'high' | 'tenMeters' | 'hundredMeters' | 'kilometer' | 'threeKilometers' | 'reduced' | 'standard';
}

export interface RequestSingleLocation extends BaseMessage {
  type: CloudToGlassesMessageType.REQUEST_SINGLE_LOCATION;
  accuracy: string;
  correlationId: string;
}

export interface AudioPlayRequestToGlasses extends BaseMessage {
  type: CloudToGlassesMessageType.AUDIO_PLAY_REQUEST;
  requestId: string;
  appId: string;
  audioUrl: string;
  volume?: number;
  stopOtherAudio?: boolean;
}

export interface AudioStopRequestToGlasses extends BaseMessage {
  type: CloudToGlassesMessageType.AUDIO_STOP_REQUEST;
  appId: string;
}

export interface ShowWifiSetup extends BaseMessage {
  type: CloudToGlassesMessageType.SHOW_WIFI_SETUP;
  reason?: string;
  appPackageName?: string;
}

export interface UdpPingAck extends BaseMessage {
  type: CloudToGlassesMessageType.UDP_PING_ACK;
}
