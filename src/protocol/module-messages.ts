/**
 * Wire shapes of the session modules: camera (photos, RTMP and managed streams), audio, LED, location,
 * dashboard, device state and capabilities, WiFi and permissions. Field names are the ones on the wire.
 */
import type { DashboardMode, PhotoErrorCode, PhotoStage } from './enums';
import type { BaseMessage } from './base-message';

// ---------------------------------------------------------------- camera: photos

/** The photo sizes. */
export type PhotoSize = 'small' | 'medium' | 'large' | 'full';
/** The photo compressions. */
export type PhotoCompression = 'none' | 'medium' | 'heavy';

export interface PhotoRequest extends BaseMessage {
  /** The message type. */
  type: 'photo_request';
  /** The app's package name. */
  packageName: string;
  /** The id that pairs a request with its response. */
  requestId: string;
  /** Whether to also save the photo in the phone's gallery. */
  saveToGallery?: boolean;
  /** Where to upload the photo instead of to the app. */
  customWebhookUrl?: string;
  /** A token sent along with the upload. */
  authToken?: string;
  /** The photo size. */
  size?: PhotoSize;
  /** The photo compression. */
  compress?: PhotoCompression;
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

/** The glasses' links and resources, as reported with a photo error. */
export interface ConnectionState {
  /** The glasses' WiFi. */
  wifi: {
    /** Whether the glasses are on WiFi. */ connected: boolean;
    /** The network's name. */
    ssid?: string;
    /** Whether the network reaches the internet. */
    hasInternet: boolean;
  };
  /** The Bluetooth link. */
  ble: {
    /** Whether Bluetooth is connected. */
    connected: boolean;
    /** Whether a transfer is running. */
    transferInProgress: boolean;
  };
  /** The camera. */
  camera: {
    /** Whether the camera is there. */
    available: boolean;
    /** Whether the camera is ready. */
    initialized: boolean;
  };
  /** The storage. */
  storage: {
    /** Free space. */
    availableSpace: number;
    /** Total space. */
    totalSpace: number;
  };
}

/** Where a photo failed on the glasses, and whether trying again may help. */
export interface PhotoErrorDetails {
  /** Where in the photo pipeline it failed. */
  stage: PhotoStage;
  /** The connections when it failed. */
  connectionState?: ConnectionState;
  /** Whether trying again may work. */
  retryable: boolean;
  /** What the user could do. */
  suggestedAction?: string;
  /** Diagnostics. */
  diagnosticInfo?: {
    /** When it failed. */ timestamp: number;
    /** How long the attempt took. */
    duration: number;
    /** How many retries were made. */
    retryCount: number;
    /** The last stage that succeeded. */
    lastSuccessfulStage?: PhotoStage;
  };
}

/** The WebSocket answer to a photo request (clouds that deliver photos by URL). */
export interface PhotoResponse extends BaseMessage {
  /** The message type. */
  type: 'photo_response';
  /** The id that pairs a request with its response. */
  requestId: string;
  /** Whether it succeeded. */
  success: boolean;
  /** Where the photo can be downloaded. */
  photoUrl?: string;
  /** Whether the photo was saved in the phone's gallery. */
  savedToGallery?: boolean;
  /** Why the photo failed. */
  error?: {
    /** The error code. */
    code: PhotoErrorCode;
    /** What went wrong. */
    message: string;
    /** More detail. */
    details?: PhotoErrorDetails;
  };
}

/** A photo as `requestPhoto()` resolves it. */
export interface PhotoData {
  /** The image bytes (empty when the photo arrived as a URL or went to a custom webhook). */
  buffer: Buffer;
  /** The MIME type. */
  mimeType: string;
  /** The file name. */
  filename: string;
  /** The id that pairs a request with its response. */
  requestId: string;
  /** Size in bytes. */
  size: number;
  /** When it happened or was sent. */
  timestamp: Date;
  /** Where the photo can be downloaded, when the cloud answered with a URL instead of uploading it. */
  photoUrl?: string;
  /** Whether the photo was saved in the phone's gallery. */
  savedToGallery?: boolean;
}

// ---------------------------------------------------------------- camera: RTMP and managed streams

/** Video settings of a stream. */
export interface VideoConfig {
  /**
   * Width in pixels.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  width?: number;
  /**
   * Height in pixels.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  height?: number;
  /**
   * Bitrate.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  bitrate?: number;
  /**
   * Frames per second.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  frameRate?: number;
}
/** Audio settings of a stream. */
export interface AudioConfig {
  /**
   * Bitrate.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  bitrate?: number;
  /**
   * Sample rate in Hz.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  sampleRate?: number;
  /**
   * Whether to cancel echo.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  echoCancellation?: boolean;
  /**
   * Whether to suppress noise.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  noiseSuppression?: boolean;
}
/** Settings of a stream. */
export interface StreamConfig {
  /**
   * The longest the stream may run.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  durationLimit?: number;
}

export interface RtmpStreamRequest extends BaseMessage {
  /** The message type. */
  type: 'rtmp_stream_request';
  /** The app's package name. */
  packageName: string;
  /** The RTMP URL. */
  rtmpUrl: string;
  /** Video settings. */
  video?: VideoConfig;
  /** Audio settings. */
  audio?: AudioConfig;
  /** Stream settings. */
  stream?: StreamConfig;
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

export interface RtmpStreamStopRequest extends BaseMessage {
  /** The message type. */
  type: 'rtmp_stream_stop';
  /** The app's package name. */
  packageName: string;
  /** The stream's id. */
  streamId?: string;
}

/** The states of an RTMP stream. */
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
  /** The message type. */
  type: 'rtmp_stream_status';
  /** The stream's id. */
  streamId?: string;
  /** The stream's state. */
  status: RtmpStreamState | (string & {});
  /** More detail on an error. */
  errorDetails?: string;
  /** The app the stream is for. */
  appId?: string;
  /** Stream statistics. */
  stats?: {
    /** Bitrate. */ bitrate: number;
    /** Frames per second. */
    fps: number;
    /** Frames dropped. */
    droppedFrames: number;
    /** How long the stream has run. */
    duration: number;
  };
}

/** A listener for RTMP stream status updates. */
export type StreamStatusHandler = (status: RtmpStreamStatus) => void;

/** Another destination the cloud pushes a managed stream to. */
export interface RestreamDestination {
  /** The RTMP URL. */
  url: string;
  /** A name for the destination. */
  name?: string;
}

export interface ManagedStreamRequest extends BaseMessage {
  /** The message type. */
  type: 'managed_stream_request';
  /** The app's package name. */
  packageName: string;
  /**
   * The stream quality.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  quality?: '720p' | '1080p';
  /**
   * Whether to offer WebRTC playback.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  enableWebRTC?: boolean;
  /**
   * Video settings.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  video?: VideoConfig;
  /**
   * Audio settings.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  audio?: AudioConfig;
  /**
   * Stream settings.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  stream?: StreamConfig;
  /**
   * Where the cloud also pushes the stream.
   *
   * @defaultValue unset: the cloud's or the glasses' defaults
   */
  restreamDestinations?: RestreamDestination[];
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

export interface ManagedStreamStopRequest extends BaseMessage {
  /** The message type. */
  type: 'managed_stream_stop';
  /** The app's package name. */
  packageName: string;
}

/** The status of one restream destination. */
export interface OutputStatus {
  /** The destination's URL. */
  url: string;
  /** The destination's name. */
  name?: string;
  /** The destination's state. */
  status: 'active' | 'error' | 'stopped';
  /** Why it failed. */
  error?: string;
}

export interface ManagedStreamStatus extends BaseMessage {
  /** The message type. */
  type: 'managed_stream_status';
  /** The stream's state. */
  status: 'initializing' | 'preparing' | 'active' | 'stopping' | 'stopped' | 'error' | (string & {});
  /** The HLS URL. */
  hlsUrl?: string;
  /** The DASH URL. */
  dashUrl?: string;
  /** The WebRTC URL. */
  webrtcUrl?: string;
  /** A preview page URL. */
  previewUrl?: string;
  /** A thumbnail image URL. */
  thumbnailUrl?: string;
  /** More detail. */
  message?: string;
  /** The stream's id. */
  streamId?: string;
  /** The status of each restream destination. */
  outputs?: OutputStatus[];
}

export interface StreamStatusCheckRequest extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** The message type. */
  type: 'stream_status_check';
  /** The app's package name. */
  packageName: string;
}

/** A running stream, as the cloud reports it. */
export interface StreamInfo {
  /** The message type. */
  type: 'managed' | 'unmanaged';
  /** The stream's id. */
  streamId: string;
  /** The stream's state. */
  status: string;
  /** When the stream started. */
  createdAt: Date;
  /** The HLS URL. */
  hlsUrl?: string;
  /** The DASH URL. */
  dashUrl?: string;
  /** The WebRTC URL. */
  webrtcUrl?: string;
  /** A preview page URL. */
  previewUrl?: string;
  /** A thumbnail image URL. */
  thumbnailUrl?: string;
  /** How many viewers watch. */
  activeViewers?: number;
  /** The RTMP URL. */
  rtmpUrl?: string;
  /** The app that started the stream. */
  requestingAppId?: string;
}

export interface StreamStatusCheckResponse extends BaseMessage {
  /** The message type. */
  type: 'stream_status_check_response';
  /** Whether a stream is running. */
  hasActiveStream: boolean;
  /** The running stream. */
  streamInfo?: StreamInfo;
}

// ---------------------------------------------------------------- audio

export interface AudioPlayRequest extends BaseMessage {
  /** The message type. */
  type: 'audio_play_request';
  /** The app's package name. */
  packageName: string;
  /** The id that pairs a request with its response. */
  requestId: string;
  /** The URL of the audio to play. */
  audioUrl: string;
  /** Volume, 0.0 to 1.0. */
  volume?: number;
  /** Whether to stop other playback first. */
  stopOtherAudio?: boolean;
  /** The audio track. */
  trackId?: number;
}

export interface AudioStopRequest extends BaseMessage {
  /** The message type. */
  type: 'audio_stop_request';
  /** The app's package name. */
  packageName: string;
  /** The audio track. */
  trackId?: number;
}

export interface AudioPlayResponse extends BaseMessage {
  /** The message type. */
  type: 'audio_play_response';
  /** The id that pairs a request with its response. */
  requestId: string;
  /** Whether it succeeded. */
  success: boolean;
  /** Why it failed. */
  error?: string;
  /** The audio's duration. */
  duration?: number;
}

// ---------------------------------------------------------------- LED

/** The LED colours. */
export type LedColor = 'red' | 'green' | 'blue' | 'orange' | 'white';

export interface RgbLedControlRequest extends BaseMessage {
  /** The message type. */
  type: 'rgb_led_control';
  /** The app's package name. */
  packageName: string;
  /** The id that pairs a request with its response. */
  requestId: string;
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

export interface RgbLedControlResponse extends BaseMessage {
  /** The message type. */
  type: 'rgb_led_control_response';
  /** The id that pairs a request with its response. */
  requestId: string;
  /** Whether it succeeded. */
  success: boolean;
  /** Why it failed. */
  error?: string;
}

// ---------------------------------------------------------------- location

/** The location accuracies an app can ask for. */
export type LocationAccuracy = 'standard' | 'high' | 'realtime' | 'tenMeters' | 'hundredMeters' | 'kilometer' | 'threeKilometers' | 'reduced';

/** A location stream subscription with its accuracy. */
export interface LocationStreamRequest {
  /** The location stream. */
  stream: 'location_stream';
  /** The accuracy asked for. */
  rate: LocationAccuracy | (string & {});
}

export interface AppLocationPollRequest extends BaseMessage {
  /** The message type. */
  type: 'location_poll_request';
  /** The app's package name. */
  packageName: string;
  /** The session id. */
  sessionId: string;
  /** The accuracy asked for. */
  accuracy: string;
  /** Pairs a location poll with its answer. */
  correlationId: string;
}

// ---------------------------------------------------------------- dashboard

export interface DashboardContentUpdate extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** The message type. */
  type: 'dashboard_content_update';
  /** The app's package name. */
  packageName: string;
  /** The text. */
  content: string;
  /** The dashboard modes to write to. */
  modes: Array<DashboardMode | 'main' | 'expanded'>;
}

export interface DashboardModeChange extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** The message type. */
  type: 'dashboard_mode_change';
  /** The app's package name. */
  packageName: string;
  /** The mode to switch to. */
  mode: DashboardMode | 'main' | 'expanded';
}

/** The four corners of the system dashboard. */
export type DashboardSection = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';

export interface DashboardSystemUpdate extends BaseMessage {
  /** The session id. */
  sessionId: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** The message type. */
  type: 'dashboard_system_update';
  /** The app's package name. */
  packageName: string;
  /** The corner. */
  section: DashboardSection;
  /** The text. */
  content: string;
}

export interface DashboardModeChanged extends BaseMessage {
  /** The message type. */
  type: 'dashboard_mode_changed';
  /** The new mode. */
  mode: DashboardMode | 'none' | (string & {});
}
export interface DashboardAlwaysOnChanged extends BaseMessage {
  /** The message type. */
  type: 'dashboard_always_on_changed';
  /** Whether the always-on dashboard is on. */
  enabled: boolean;
}

// ---------------------------------------------------------------- device, capabilities, WiFi, permissions

/** What the camera can do. */
export interface CameraCapabilities {
  /** Resolution. */
  resolution?: {
    /** Width in pixels. */
    width: number;
    /** Height in pixels. */
    height: number;
  };
  /** Whether the camera has HDR. */
  hasHDR?: boolean;
  /** Whether the camera can focus. */
  hasFocus?: boolean;
  /** What the camera can do with video. */
  video: {
    /** Whether it can record video. */ canRecord: boolean;
    /** Whether it can stream video. */
    canStream: boolean;
    /** The stream types it supports. */
    supportedStreamTypes?: string[];
    /** The resolutions it supports. */
    supportedResolutions?: {
      /** Width in pixels. */
      width: number;
      /** Height in pixels. */
      height: number;
    }[];
  };
}
/** What the display can do. */
export interface DisplayCapabilities {
  /** How many displays. */
  count?: number;
  /** Whether the display shows colour. */
  isColor?: boolean;
  /** The display's colour. */
  color?: string;
  /** Whether the display shows bitmaps. */
  canDisplayBitmap?: boolean;
  /** Resolution. */
  resolution?: {
    /** Width in pixels. */
    width: number;
    /** Height in pixels. */
    height: number;
  };
  /** The field of view, in degrees. */
  fieldOfView?: {
    /** Horizontal, in degrees. */
    horizontal?: number;
    /** Vertical, in degrees. */
    vertical?: number;
  };
  /** The most lines of text. */
  maxTextLines?: number;
  /** Whether the brightness can be set. */
  adjustBrightness?: boolean;
}
/** The microphones. */
export interface MicrophoneCapabilities {
  /** How many microphones. */
  count?: number;
  /** Whether there is voice activity detection. */
  hasVAD?: boolean;
}
/** The speaker. */
export interface SpeakerCapabilities {
  /** How many speakers. */
  count?: number;
  /** Whether the room is private. */
  isPrivate?: boolean;
}
/** The motion sensor. */
export interface IMUCapabilities {
  /** How many axes. */
  axisCount?: number;
  /** Whether there is an accelerometer. */
  hasAccelerometer?: boolean;
  /** Whether there is a compass. */
  hasCompass?: boolean;
  /** Whether there is a gyroscope. */
  hasGyroscope?: boolean;
}
/** The buttons. */
export interface ButtonCapabilities {
  /** How many buttons. */
  count?: number;
  /** Each button. */
  buttons?: {
    /** The kind of button. */ type: 'press' | 'swipe1d' | 'swipe2d';
    /** The events it sends. */
    events: string[];
    /** Whether it is capacitive. */
    isCapacitive?: boolean;
  }[];
}
/** One light on the glasses. */
export interface LightInfo {
  /** The light's id. */
  id: string;
  /** What the light is for. */
  purpose: 'privacy' | 'user_feedback' | 'general';
  /** Whether it shows any colour. */
  isFullColor: boolean;
  /** Its colour. */
  color?: string;
  /** Where it is. */
  position?: 'front_facing' | 'user_facing' | 'side' | 'unknown';
}
/** The lights. */
export interface LightCapabilities {
  /** How many lights. */
  count?: number;
  /** Each light. */
  lights?: LightInfo[];
}
/** The battery. */
export interface PowerCapabilities {
  /** Whether there is an external battery. */
  hasExternalBattery: boolean;
}

/** What the connected glasses can do (from the ack and `capabilities_update`). */
export interface Capabilities {
  /** The glasses' model name. */
  modelName: string;
  /** Whether there is a camera. */
  hasCamera: boolean;
  /** The camera, or null. */
  camera: CameraCapabilities | null;
  /** Whether there is a display. */
  hasDisplay: boolean;
  /** The display, or null. */
  display: DisplayCapabilities | null;
  /** Whether there is a microphone. */
  hasMicrophone: boolean;
  /** The microphones, or null. */
  microphone: MicrophoneCapabilities | null;
  /** Whether there is a speaker. */
  hasSpeaker: boolean;
  /** The speaker, or null. */
  speaker: SpeakerCapabilities | null;
  /** Whether there is a motion sensor. */
  hasIMU: boolean;
  /** The motion sensor, or null. */
  imu: IMUCapabilities | null;
  /** Whether there are buttons. */
  hasButton: boolean;
  /** The buttons, or null. */
  button: ButtonCapabilities | null;
  /** Whether there are lights. */
  hasLight: boolean;
  /** The lights, or null. */
  light: LightCapabilities | null;
  /** The battery. */
  power: PowerCapabilities;
  /** Whether there is WiFi. */
  hasWifi: boolean;
}

export interface CapabilitiesUpdate extends BaseMessage {
  /** The message type. */
  type: 'capabilities_update';
  /** The new glasses' capabilities, or null. */
  capabilities: Capabilities | null;
  /** The glasses' model name. */
  modelName: string | null;
}

/** The glasses' state as `device_state_update` reports it. */
export interface GlassesInfo {
  /** Whether the glasses are connected. */
  connected: boolean;
  /** The glasses' model name. */
  modelName: string | null;
  /** The Android version. */
  androidVersion?: string;
  /** The firmware version. */
  fwVersion?: string;
  /** The build number. */
  buildNumber?: string;
  /** The URL of the OTA version file. */
  otaVersionUrl?: string;
  /** The app version. */
  appVersion?: string;
  /** The Bluetooth name. */
  bluetoothName?: string;
  /** The serial number. */
  serialNumber?: string;
  /** The frame style. */
  style?: string;
  /** The frame colour. */
  color?: string;
  /** Whether the glasses are on WiFi. */
  wifiConnected?: boolean;
  /** The WiFi network's name. */
  wifiSsid?: string;
  /** The local IP address on WiFi. */
  wifiLocalIp?: string;
  /** Battery level, in percent. */
  batteryLevel?: number;
  /** Whether it is charging. */
  charging?: boolean;
  /** The case's battery level, in percent. */
  caseBatteryLevel?: number;
  /** Whether the case is charging. */
  caseCharging?: boolean;
  /** Whether the case is open. */
  caseOpen?: boolean;
  /** Whether the glasses are out of the case. */
  caseRemoved?: boolean;
  /** Whether the hotspot is on. */
  hotspotEnabled?: boolean;
  /** The hotspot's network name. */
  hotspotSsid?: string;
  /** The hotspot's password. */
  hotspotPassword?: string;
  /** The hotspot's gateway address. */
  hotspotGatewayIp?: string;
  /** When it happened or was sent. */
  timestamp?: string;
}

export interface DeviceStateUpdate extends BaseMessage {
  /** The message type. */
  type: 'device_state_update';
  /** The fields that changed (all of them in a full snapshot). */
  state: Partial<GlassesInfo>;
  /** Whether `state` is a full snapshot. */
  fullSnapshot?: boolean;
}

export interface RequestWifiSetup extends BaseMessage {
  /** The message type. */
  type: 'request_wifi_setup';
  /** The app's package name. */
  packageName: string;
  /** The session id. */
  sessionId: string;
  /** Why the setup is asked for. */
  reason?: string;
}

/** Why the cloud released a session. */
export type OwnershipReleaseReason = 'switching_clouds' | 'clean_shutdown' | 'user_logout';

export interface OwnershipReleaseMessage extends BaseMessage {
  /** The message type. */
  type: 'ownership_release';
  /** The app's package name. */
  packageName: string;
  /** The session id. */
  sessionId: string;
  /** Why the cloud released the session. */
  reason: OwnershipReleaseReason;
}

/** One stream the cloud refused for lack of permission. */
export interface PermissionErrorDetail {
  /** The stream refused. */
  stream: string;
  /** The permission it needs. */
  requiredPermission: string;
  /** The cloud's message. */
  message: string;
}
export interface PermissionError extends BaseMessage {
  /** The message type. */
  type: 'permission_error';
  /** The cloud's message. */
  message: string;
  /** One entry per refused stream. */
  details: PermissionErrorDetail[];
}
export interface CustomMessage extends BaseMessage {
  /** The message type. */
  type: 'custom_message';
  /** The message's action. */
  action: string;
  /** The message's payload. */
  payload: any;
}

// ---------------------------------------------------------------- more stream data

/** Coordinates from the visual positioning service. */
export interface VpsCoordinates {
  /** The message type. */
  type: 'vps_coordinates';
  /** The device's model. */
  deviceModel: string;
  /** The id that pairs a request with its response. */
  requestId: string;
  /** X. */
  x: number;
  /** Y. */
  y: number;
  /** Z. */
  z: number;
  /** Orientation quaternion, x. */
  qx: number;
  /** Orientation quaternion, y. */
  qy: number;
  /** Orientation quaternion, z. */
  qz: number;
  /** Orientation quaternion, w. */
  qw: number;
  /** The service's confidence. */
  confidence: number;
  /** When it happened or was sent. */
  timestamp?: Date;
  /** The session id. */
  sessionId?: string;
}

/** A photo taken on the glasses. */
export interface PhotoTaken {
  /** The message type. */
  type: 'photo_taken';
  /** The photo, as bytes or base64. */
  photoData: ArrayBuffer | string;
  /** The MIME type. */
  mimeType: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** The session id. */
  sessionId?: string;
}
