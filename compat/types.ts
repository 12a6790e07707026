/**
 * Type names of the AugmentOS SDK (1.1.x) that have no modern twin of the same name: aliases of the
 * modern types, the `tpa_*` app-to-app message shapes, and a few cloud-internal leftovers old apps still
 * import. Types only.
 */
import type { Request } from 'express';
import type { AppTokenPayload } from '../src/app/token';
import type { AppConfig } from '../src/protocol/models';
import type { AppMessageStem } from '../src/protocol/dialects';
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
  AppSubscriptionUpdate,
  AppToCloudMessage,
  AppUserDiscovery,
  AppUserJoined,
  AppUserLeft,
  AudioChunk,
  BaseMessage,
  CloudToAppMessage,
  DisplayRequest,
  MentraosSettingsUpdate,
} from '../src/protocol/messages';
import type { PhotoResponse, RtmpStreamStatus } from '../src/protocol/module-messages';

type Renamed<T extends { type: string }, N extends string> = Omit<T, 'type'> & { type: N };

/**
 * A modern message under its AugmentOS name: the app-to-app messages of the dialect table (`app_<stem>`)
 * become `tpa_<stem>`; every other message is unchanged. Distributes over unions.
 */
type AsTpaMessage<M extends { type: string }> = M extends { type: `app_${infer Stem extends AppMessageStem}` } ? Renamed<M, `tpa_${Stem}`> : M;

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
export type TpaBroadcastMessage = AsTpaMessage<AppBroadcastMessage>;
/** @deprecated Use `AppDirectMessage`. */
export type TpaDirectMessage = AsTpaMessage<AppDirectMessage>;
/** @deprecated Use `AppUserDiscovery`. */
export type TpaUserDiscovery = AsTpaMessage<AppUserDiscovery>;
/** @deprecated Use `AppRoomJoin`. */
export type TpaRoomJoin = AsTpaMessage<AppRoomJoin>;
/** @deprecated Use `AppRoomLeave`. */
export type TpaRoomLeave = AsTpaMessage<AppRoomLeave>;
/** @deprecated Use `AppMessageReceived`. */
export type TpaMessageReceived = AsTpaMessage<AppMessageReceived>;
/** @deprecated Use `AppUserJoined`. */
export type TpaUserJoined = AsTpaMessage<AppUserJoined>;
/** @deprecated Use `AppUserLeft`. */
export type TpaUserLeft = AsTpaMessage<AppUserLeft>;
/** @deprecated Use `AppRoomUpdated`. */
export type TpaRoomUpdated = AsTpaMessage<AppRoomUpdated>;
/** @deprecated Use `AppDirectMessageResponse`. */
export type TpaDirectMessageResponse = AsTpaMessage<AppDirectMessageResponse>;

/** @deprecated Use `AppToCloudMessage`. The modern union with the app-to-app messages under their `tpa_*` names. */
export type TpaToCloudMessage = AsTpaMessage<AppToCloudMessage>;

/**
 * @deprecated Use `CloudToAppMessage`. The modern union with the app-to-app messages under their `tpa_*` names,
 * plus the audio, photo and stream-status messages the 1.x union also listed.
 */
export type CloudToTpaMessage = AsTpaMessage<CloudToAppMessage> | AudioChunk | PhotoResponse | RtmpStreamStatus;

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
