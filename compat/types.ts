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
  /** The message type. */
  type: 'connection_error';
  /** What went wrong. */
  message: string;
}

/** An Express request after the webview auth middleware: `authUserId` is the signed-in user, when known. */
export interface AuthenticatedRequest extends Request {
  /** The signed-in user, when known. */
  authUserId?: string;
  /** The user's live session, when known. */
  activeSession?: unknown;
}

// ---------------------------------------------------------------- dashboard and streaming (legacy shapes)

/** The 1.x dashboard content API (`session.dashboard.content`). */
export interface DashboardContentAPI {
  /** Writes text to the given dashboard modes. */
  write(content: string, targets?: Array<'main' | 'expanded' | (string & {})>): void;
  /** Writes text to the main dashboard. */
  writeToMain(content: string): void;
  /** Writes text to the expanded dashboard. */
  writeToExpanded(content: string): void;
  /** The current dashboard mode. */
  getCurrentMode(): Promise<'main' | 'expanded' | 'none' | (string & {})>;
  /** Changes of the dashboard mode. */
  onModeChange(callback: (mode: string) => void): () => void;
}

/** The 1.x system dashboard API (`session.dashboard.system`). */
export interface DashboardSystemAPI {
  /** Sets the top-left corner. */
  setTopLeft(content: string): void;
  /** Sets the top-right corner. */
  setTopRight(content: string): void;
  /** Sets the bottom-left corner. */
  setBottomLeft(content: string): void;
  /** Sets the bottom-right corner. */
  setBottomRight(content: string): void;
  /** Switches the dashboard's view mode. */
  setViewMode(mode: string): void;
}

/** The 1.x `session.dashboard`. */
export interface DashboardAPI {
  /** Dashboard content of this app. */
  content: DashboardContentAPI;
  /** The system dashboard; only for the system dashboard app. */
  system?: DashboardSystemAPI;
}

export type { StreamStatusHandler } from '../src/protocol/module-messages';

/** `transcription:<lang>` style strings. */
export type LanguageStreamType<T extends string> = `${T}:${string}`;

/** The earliest SDK's group setting row. */
export interface GroupSetting {
  /** The row type. */
  type: 'group';
  /** The group's title. */
  title: string;
  /** The setting key. */
  key?: string;
  /** The label shown. */
  label?: string;
}

// ---------------------------------------------------------------- cloud-internal leftovers (loosely typed)

/** The cloud's audio processor settings (a type old apps imported; the SDK does not use it). */
export interface AudioProcessorConfig {
  /**
   * Compressor threshold.
   *
   * @defaultValue none (the SDK does not read it)
   */
  threshold?: number;
  /**
   * Compression ratio.
   *
   * @defaultValue none (the SDK does not read it)
   */
  ratio?: number;
  /**
   * Attack time.
   *
   * @defaultValue none (the SDK does not read it)
   */
  attack?: number;
  /**
   * Release time.
   *
   * @defaultValue none (the SDK does not read it)
   */
  release?: number;
  /**
   * Gain in decibels.
   *
   * @defaultValue none (the SDK does not read it)
   */
  gainDb?: number;
  /**
   * Sample rate in Hz.
   *
   * @defaultValue none (the SDK does not read it)
   */
  sampleRate?: number;
  /**
   * Channel count.
   *
   * @defaultValue none (the SDK does not read it)
   */
  channels?: number;
  [extra: string]: unknown;
}

/** The cloud's audio processor (a type old apps imported; the SDK does not use it). */
export interface AudioProcessorI {
  /** Processes one chunk of audio. */
  processAudioData(data: ArrayBuffer | ArrayBufferLike): ArrayBuffer | ArrayBufferLike;
  [extra: string]: unknown;
}

/** A display shown by the cloud (a type old apps imported; the SDK does not use it). */
export interface ActiveDisplay {
  /** What is shown. */
  displayRequest: DisplayRequest;
  /** When it was shown. */
  startedAt: Date;
  /** When it expires. */
  expiresAt?: Date;
}

/** The cloud's display manager (a type old apps imported; the SDK does not use it). */
export interface DisplayManagerI {
  /** Handles one display request. */
  handleDisplayEvent(displayRequest: DisplayRequest, userSession?: unknown): boolean;
  [extra: string]: unknown;
}

/** The cloud's per-user session record; old apps imported the name. */
export interface UserSession {
  /** The session id. */
  sessionId: string;
  /** The user. */
  userId: string;
  /** When the session started. */
  startTime?: Date;
  /** The user's installed apps. */
  installedApps?: unknown[];
  /** The running apps. */
  activeAppSessions?: string[];
  /** Each app's subscriptions. */
  appSubscriptions?: Map<string, string[]> | Record<string, string[]>;
  /** Apps being started. */
  loadingApps?: Set<string>;
  /** Each app's connection. */
  appConnections?: Map<string, unknown>;
  /** The glasses' connection. */
  websocket?: unknown;
  /** The transcript. */
  transcript?: unknown;
  /** Whether transcription runs. */
  isTranscribing?: boolean;
  [extra: string]: unknown;
}
