/**
 * Wire shapes of the session modules: camera (photos, RTMP and managed streams), audio, LED, location,
 * dashboard, device state and capabilities, WiFi and permissions. Field names are the ones on the wire.
 */
import type { DashboardMode, PhotoErrorCode, PhotoStage } from './enums';
import type { BaseMessage } from './base-message';

// ---------------------------------------------------------------- camera: photos

export type PhotoSize = 'small' | 'medium' | 'large' | 'full';
export type PhotoCompression = 'none' | 'medium' | 'heavy';

export interface PhotoRequest extends BaseMessage {
  type: 'photo_request';
  packageName: string;
  requestId: string;
  saveToGallery?: boolean;
  customWebhookUrl?: string;
  authToken?: string;
  size?: PhotoSize;
  compress?: PhotoCompression;
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

/** The glasses' links and resources, as reported with a photo error. */
export interface ConnectionState {
  wifi: { connected: boolean; ssid?: string; hasInternet: boolean };
  ble: { connected: boolean; transferInProgress: boolean };
  camera: { available: boolean; initialized: boolean };
  storage: { availableSpace: number; totalSpace: number };
}

/** Where a photo failed on the glasses, and whether trying again may help. */
export interface PhotoErrorDetails {
  stage: PhotoStage;
  connectionState?: ConnectionState;
  retryable: boolean;
  suggestedAction?: string;
  diagnosticInfo?: { timestamp: number; duration: number; retryCount: number; lastSuccessfulStage?: PhotoStage };
}

/** The WebSocket answer to a photo request (clouds that deliver photos by URL). */
export interface PhotoResponse extends BaseMessage {
  type: 'photo_response';
  requestId: string;
  success: boolean;
  photoUrl?: string;
  savedToGallery?: boolean;
  error?: { code: PhotoErrorCode; message: string; details?: PhotoErrorDetails };
}

/** A photo as `requestPhoto()` resolves it. */
export interface PhotoData {
  /** The image bytes (empty when the photo arrived as a URL or went to a custom webhook). */
  buffer: Buffer;
  mimeType: string;
  filename: string;
  requestId: string;
  size: number;
  timestamp: Date;
  /** Where the photo can be downloaded, when the cloud answered with a URL instead of uploading it. */
  photoUrl?: string;
  savedToGallery?: boolean;
}

// ---------------------------------------------------------------- camera: RTMP and managed streams

export interface VideoConfig {
  width?: number;
  height?: number;
  bitrate?: number;
  frameRate?: number;
}
export interface AudioConfig {
  bitrate?: number;
  sampleRate?: number;
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
}
export interface StreamConfig {
  durationLimit?: number;
}

export interface RtmpStreamRequest extends BaseMessage {
  type: 'rtmp_stream_request';
  packageName: string;
  rtmpUrl: string;
  video?: VideoConfig;
  audio?: AudioConfig;
  stream?: StreamConfig;
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

export interface RtmpStreamStopRequest extends BaseMessage {
  type: 'rtmp_stream_stop';
  packageName: string;
  streamId?: string;
}

export type RtmpStreamState =
  | 'initializing'
  | 'connecting'
  | 'reconnecting'
  | 'streaming'
  | 'error'
  | 'stopped'
  | 'active'
  | 'stopping'
  | 'disconnected'
  | 'timeout'
  | 'reconnected'
  | 'reconnect_failed';

export interface RtmpStreamStatus extends BaseMessage {
  type: 'rtmp_stream_status';
  streamId?: string;
  status: RtmpStreamState | (string & {});
  errorDetails?: string;
  appId?: string;
  stats?: { bitrate: number; fps: number; droppedFrames: number; duration: number };
}

export type StreamStatusHandler = (status: RtmpStreamStatus) => void;

export interface RestreamDestination {
  url: string;
  name?: string;
}

export interface ManagedStreamRequest extends BaseMessage {
  type: 'managed_stream_request';
  packageName: string;
  quality?: '720p' | '1080p';
  enableWebRTC?: boolean;
  video?: VideoConfig;
  audio?: AudioConfig;
  stream?: StreamConfig;
  restreamDestinations?: RestreamDestination[];
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

export interface ManagedStreamStopRequest extends BaseMessage {
  type: 'managed_stream_stop';
  packageName: string;
}

export interface OutputStatus {
  url: string;
  name?: string;
  status: 'active' | 'error' | 'stopped';
  error?: string;
}

export interface ManagedStreamStatus extends BaseMessage {
  type: 'managed_stream_status';
  status: 'initializing' | 'preparing' | 'active' | 'stopping' | 'stopped' | 'error' | (string & {});
  hlsUrl?: string;
  dashUrl?: string;
  webrtcUrl?: string;
  previewUrl?: string;
  thumbnailUrl?: string;
  message?: string;
  streamId?: string;
  outputs?: OutputStatus[];
}

export interface StreamStatusCheckRequest extends BaseMessage {
  sessionId: string;
  type: 'stream_status_check';
  packageName: string;
}

export interface StreamInfo {
  type: 'managed' | 'unmanaged';
  streamId: string;
  status: string;
  createdAt: Date;
  hlsUrl?: string;
  dashUrl?: string;
  webrtcUrl?: string;
  previewUrl?: string;
  thumbnailUrl?: string;
  activeViewers?: number;
  rtmpUrl?: string;
  requestingAppId?: string;
}

export interface StreamStatusCheckResponse extends BaseMessage {
  type: 'stream_status_check_response';
  hasActiveStream: boolean;
  streamInfo?: StreamInfo;
}

// ---------------------------------------------------------------- audio

export interface AudioPlayRequest extends BaseMessage {
  type: 'audio_play_request';
  packageName: string;
  requestId: string;
  audioUrl: string;
  volume?: number;
  stopOtherAudio?: boolean;
  trackId?: number;
}

export interface AudioStopRequest extends BaseMessage {
  type: 'audio_stop_request';
  packageName: string;
  trackId?: number;
}

export interface AudioPlayResponse extends BaseMessage {
  type: 'audio_play_response';
  requestId: string;
  success: boolean;
  error?: string;
  duration?: number;
}

// ---------------------------------------------------------------- LED

export type LedColor = 'red' | 'green' | 'blue' | 'orange' | 'white';

export interface RgbLedControlRequest extends BaseMessage {
  type: 'rgb_led_control';
  packageName: string;
  requestId: string;
  action: 'on' | 'off';
  color?: LedColor;
  ontime?: number;
  offtime?: number;
  count?: number;
}

export interface RgbLedControlResponse extends BaseMessage {
  type: 'rgb_led_control_response';
  requestId: string;
  success: boolean;
  error?: string;
}

// ---------------------------------------------------------------- location

export type LocationAccuracy = 'standard' | 'high' | 'realtime' | 'tenMeters' | 'hundredMeters' | 'kilometer' | 'threeKilometers' | 'reduced';

export interface LocationStreamRequest {
  stream: 'location_stream';
  rate: LocationAccuracy | (string & {});
}

export interface AppLocationPollRequest extends BaseMessage {
  type: 'location_poll_request';
  packageName: string;
  sessionId: string;
  accuracy: string;
  correlationId: string;
}

// ---------------------------------------------------------------- dashboard

export interface DashboardContentUpdate extends BaseMessage {
  sessionId: string;
  timestamp: Date;
  type: 'dashboard_content_update';
  packageName: string;
  content: string;
  modes: Array<DashboardMode | 'main' | 'expanded'>;
}

export interface DashboardModeChange extends BaseMessage {
  sessionId: string;
  timestamp: Date;
  type: 'dashboard_mode_change';
  packageName: string;
  mode: DashboardMode | 'main' | 'expanded';
}

export type DashboardSection = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';

export interface DashboardSystemUpdate extends BaseMessage {
  sessionId: string;
  timestamp: Date;
  type: 'dashboard_system_update';
  packageName: string;
  section: DashboardSection;
  content: string;
}

export interface DashboardModeChanged extends BaseMessage {
  type: 'dashboard_mode_changed';
  mode: DashboardMode | 'none' | (string & {});
}
export interface DashboardAlwaysOnChanged extends BaseMessage {
  type: 'dashboard_always_on_changed';
  enabled: boolean;
}

// ---------------------------------------------------------------- device, capabilities, WiFi, permissions

export interface CameraCapabilities {
  resolution?: { width: number; height: number };
  hasHDR?: boolean;
  hasFocus?: boolean;
  video: { canRecord: boolean; canStream: boolean; supportedStreamTypes?: string[]; supportedResolutions?: { width: number; height: number }[] };
}
export interface DisplayCapabilities {
  count?: number;
  isColor?: boolean;
  color?: string;
  canDisplayBitmap?: boolean;
  resolution?: { width: number; height: number };
  fieldOfView?: { horizontal?: number; vertical?: number };
  maxTextLines?: number;
  adjustBrightness?: boolean;
}
export interface MicrophoneCapabilities {
  count?: number;
  hasVAD?: boolean;
}
export interface SpeakerCapabilities {
  count?: number;
  isPrivate?: boolean;
}
export interface IMUCapabilities {
  axisCount?: number;
  hasAccelerometer?: boolean;
  hasCompass?: boolean;
  hasGyroscope?: boolean;
}
export interface ButtonCapabilities {
  count?: number;
  buttons?: { type: 'press' | 'swipe1d' | 'swipe2d'; events: string[]; isCapacitive?: boolean }[];
}
export interface LightInfo {
  id: string;
  purpose: 'privacy' | 'user_feedback' | 'general';
  isFullColor: boolean;
  color?: string;
  position?: 'front_facing' | 'user_facing' | 'side' | 'unknown';
}
export interface LightCapabilities {
  count?: number;
  lights?: LightInfo[];
}
export interface PowerCapabilities {
  hasExternalBattery: boolean;
}

/** What the connected glasses can do (from the ack and `capabilities_update`). */
export interface Capabilities {
  modelName: string;
  hasCamera: boolean;
  camera: CameraCapabilities | null;
  hasDisplay: boolean;
  display: DisplayCapabilities | null;
  hasMicrophone: boolean;
  microphone: MicrophoneCapabilities | null;
  hasSpeaker: boolean;
  speaker: SpeakerCapabilities | null;
  hasIMU: boolean;
  imu: IMUCapabilities | null;
  hasButton: boolean;
  button: ButtonCapabilities | null;
  hasLight: boolean;
  light: LightCapabilities | null;
  power: PowerCapabilities;
  hasWifi: boolean;
}

export interface CapabilitiesUpdate extends BaseMessage {
  type: 'capabilities_update';
  capabilities: Capabilities | null;
  modelName: string | null;
}

/** The glasses' state as `device_state_update` reports it. */
export interface GlassesInfo {
  connected: boolean;
  modelName: string | null;
  androidVersion?: string;
  fwVersion?: string;
  buildNumber?: string;
  otaVersionUrl?: string;
  appVersion?: string;
  bluetoothName?: string;
  serialNumber?: string;
  style?: string;
  color?: string;
  wifiConnected?: boolean;
  wifiSsid?: string;
  wifiLocalIp?: string;
  batteryLevel?: number;
  charging?: boolean;
  caseBatteryLevel?: number;
  caseCharging?: boolean;
  caseOpen?: boolean;
  caseRemoved?: boolean;
  hotspotEnabled?: boolean;
  hotspotSsid?: string;
  hotspotPassword?: string;
  hotspotGatewayIp?: string;
  timestamp?: string;
}

export interface DeviceStateUpdate extends BaseMessage {
  type: 'device_state_update';
  state: Partial<GlassesInfo>;
  fullSnapshot?: boolean;
}

export interface RequestWifiSetup extends BaseMessage {
  type: 'request_wifi_setup';
  packageName: string;
  sessionId: string;
  reason?: string;
}

export type OwnershipReleaseReason = 'switching_clouds' | 'clean_shutdown' | 'user_logout';

export interface OwnershipReleaseMessage extends BaseMessage {
  type: 'ownership_release';
  packageName: string;
  sessionId: string;
  reason: OwnershipReleaseReason;
}

export interface PermissionErrorDetail {
  stream: string;
  requiredPermission: string;
  message: string;
}
export interface PermissionError extends BaseMessage {
  type: 'permission_error';
  message: string;
  details: PermissionErrorDetail[];
}
export interface CustomMessage extends BaseMessage {
  type: 'custom_message';
  action: string;
  payload: any;
}

// ---------------------------------------------------------------- more stream data

export interface VpsCoordinates {
  type: 'vps_coordinates';
  deviceModel: string;
  requestId: string;
  x: number;
  y: number;
  z: number;
  qx: number;
  qy: number;
  qz: number;
  qw: number;
  confidence: number;
  timestamp?: Date;
  sessionId?: string;
}

export interface PhotoTaken {
  type: 'photo_taken';
  photoData: ArrayBuffer | string;
  mimeType: string;
  timestamp: Date;
  sessionId?: string;
}
