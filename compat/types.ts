/**
 * Type names of the AugmentOS SDK (1.1.x) that have no modern twin of the same name: aliases of the
 * modern types, the `tpa_*` app-to-app message shapes, and a few cloud-internal leftovers old apps still
 * import. Types only.
 */
import type { Request } from 'express';
import type { AppTokenPayload } from '../src/app/token';
import type { AppConfig } from '../src/protocol/models';
import type {
  AppBroadcastMessage,
  AppConnectionAck,
  AppConnectionError,
  AppConnectionInit,
  AppDirectMessage,
  AppDirectMessageResponse,
  AppMessageReceived,
  AppRoomJoin,
  AppRoomLeave,
  AppRoomUpdated,
  AppSettingsUpdate,
  AppStopped,
  AppSubscriptionUpdate,
  AppUserDiscovery,
  AppUserJoined,
  AppUserLeft,
  AudioChunk,
  CustomMessage,
  DataStream,
  DashboardAlwaysOnChanged,
  DashboardContentUpdate,
  DashboardModeChange,
  DashboardModeChanged,
  DashboardSystemUpdate,
  DisplayRequest,
  MentraosSettingsUpdate,
  PermissionError,
  PhotoRequest,
  RtmpStreamRequest,
  RtmpStreamStopRequest,
  BaseMessage,
} from '../src/protocol/messages';
import type { PhotoResponse, RtmpStreamStatus } from '../src/protocol/module-messages';

type Renamed<T extends { type: string }, N extends string> = Omit<T, 'type'> & { type: N };

/** @deprecated Use `AppConnectionInit`. */
export type TpaConnectionInit = AppConnectionInit;
/** @deprecated Use `AppConnectionAck`. */
export type TpaConnectionAck = AppConnectionAck;
/** @deprecated Use `AppConnectionError`. */
export type TpaConnectionError = AppConnectionError;
/** @deprecated Use `AppSubscriptionUpdate`. */
export type TpaSubscriptionUpdate = AppSubscriptionUpdate;
/** @deprecated Use `AppSettingsUpdate`. */
export type TpaSettingsUpdate = AppSettingsUpdate;
/** @deprecated Use `AppConfig`. */
export type TpaConfig = AppConfig;
/** @deprecated Use `AppTokenPayload`. */
export type TpaTokenPayload = AppTokenPayload;
/** @deprecated Use `MentraosSettingsUpdate`. */
export type AugmentosSettingsUpdate = MentraosSettingsUpdate;

/** @deprecated Use `AppBroadcastMessage`. */
export type TpaBroadcastMessage = Renamed<AppBroadcastMessage, 'tpa_broadcast_message'>;
/** @deprecated Use `AppDirectMessage`. */
export type TpaDirectMessage = Renamed<AppDirectMessage, 'tpa_direct_message'>;
/** @deprecated Use `AppUserDiscovery`. */
export type TpaUserDiscovery = Renamed<AppUserDiscovery, 'tpa_user_discovery'>;
/** @deprecated Use `AppRoomJoin`. */
export type TpaRoomJoin = Renamed<AppRoomJoin, 'tpa_room_join'>;
/** @deprecated Use `AppRoomLeave`. */
export type TpaRoomLeave = Renamed<AppRoomLeave, 'tpa_room_leave'>;
export type TpaMessageReceived = Renamed<AppMessageReceived, 'tpa_message_received'>;
export type TpaUserJoined = Renamed<AppUserJoined, 'tpa_user_joined'>;
export type TpaUserLeft = Renamed<AppUserLeft, 'tpa_user_left'>;
export type TpaRoomUpdated = Renamed<AppRoomUpdated, 'tpa_room_updated'>;
export type TpaDirectMessageResponse = Renamed<AppDirectMessageResponse, 'tpa_direct_message_response'>;

/** @deprecated Use `AppToCloudMessage`. */
export type TpaToCloudMessage =
  | AppConnectionInit
  | AppSubscriptionUpdate
  | DisplayRequest
  | PhotoRequest
  | RtmpStreamRequest
  | RtmpStreamStopRequest
  | DashboardContentUpdate
  | DashboardModeChange
  | DashboardSystemUpdate
  | TpaBroadcastMessage
  | TpaDirectMessage
  | TpaUserDiscovery
  | TpaRoomJoin
  | TpaRoomLeave;

/** @deprecated Use `CloudToAppMessage`. */
export type CloudToTpaMessage =
  | AppConnectionAck
  | AppConnectionError
  | AppStopped
  | AppSettingsUpdate
  | DataStream
  | AudioChunk
  | PhotoResponse
  | RtmpStreamStatus
  | DashboardModeChanged
  | DashboardAlwaysOnChanged
  | CustomMessage
  | PermissionError
  | MentraosSettingsUpdate
  | TpaMessageReceived
  | TpaUserJoined
  | TpaUserLeft
  | TpaRoomUpdated
  | TpaDirectMessageResponse;

/** The earliest clouds' error frame. */
export interface StandardConnectionError extends BaseMessage {
  type: 'connection_error';
  message: string;
}

/** An Express request after the webview auth middleware: `authUserId` is the signed-in user, when known. */
export interface AuthenticatedRequest extends Request {
  authUserId?: string;
  activeSession?: unknown;
}

// ---------------------------------------------------------------- dashboard and streaming (legacy shapes)

export interface DashboardContentAPI {
  write(content: string, targets?: Array<'main' | 'expanded' | (string & {})>): void;
  writeToMain(content: string): void;
  writeToExpanded(content: string): void;
  getCurrentMode(): Promise<'main' | 'expanded' | 'none' | (string & {})>;
  onModeChange(callback: (mode: string) => void): () => void;
}

export interface DashboardSystemAPI {
  setTopLeft(content: string): void;
  setTopRight(content: string): void;
  setBottomLeft(content: string): void;
  setBottomRight(content: string): void;
  setViewMode(mode: string): void;
}

export interface DashboardAPI {
  content: DashboardContentAPI;
  system?: DashboardSystemAPI;
}

export type { StreamStatusHandler } from '../src/protocol/module-messages';

/** `transcription:<lang>` style strings. */
export type LanguageStreamType<T extends string> = `${T}:${string}`;

/** The earliest SDK's group setting row. */
export interface GroupSetting {
  type: 'group';
  title: string;
  key?: string;
  label?: string;
}

// ---------------------------------------------------------------- cloud-internal leftovers (loosely typed)

export interface AudioProcessorConfig {
  threshold?: number;
  ratio?: number;
  attack?: number;
  release?: number;
  gainDb?: number;
  sampleRate?: number;
  channels?: number;
  [extra: string]: unknown;
}

export interface AudioProcessorI {
  processAudioData(data: ArrayBuffer | ArrayBufferLike): ArrayBuffer | ArrayBufferLike;
  [extra: string]: unknown;
}

export interface ActiveDisplay {
  displayRequest: DisplayRequest;
  startedAt: Date;
  expiresAt?: Date;
}

export interface DisplayManagerI {
  handleDisplayEvent(displayRequest: DisplayRequest, userSession?: unknown): boolean;
  [extra: string]: unknown;
}

/** The cloud's per-user session record; old apps imported the name. */
export interface UserSession {
  sessionId: string;
  userId: string;
  startTime?: Date;
  installedApps?: unknown[];
  activeAppSessions?: string[];
  appSubscriptions?: Map<string, string[]> | Record<string, string[]>;
  loadingApps?: Set<string>;
  appConnections?: Map<string, unknown>;
  websocket?: unknown;
  transcript?: unknown;
  isTranscribing?: boolean;
  [extra: string]: unknown;
}
