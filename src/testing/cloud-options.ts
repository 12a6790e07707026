/**
 * What a test cloud can be told: its options, the options of one session, and the system settings and
 * glasses capabilities it sends in every handshake ack unless told otherwise. Apart from the cloud so
 * the cloud file holds only the cloud.
 */
import type { DialectName } from '../protocol/dialects';
import type { SettingRecord } from '../protocol/messages';
import type { AudioStreamEvent } from './audio-relay';
import type { AppTarget } from './targets';
import type { SimulatedUser } from './user';

export interface TestCloudOptions {
  /** Which cloud generation to speak (default `mentraos`). */
  dialect?: DialectName;
  /**
   * Add 127.0.0.1 to `MENTRAOS_TRUSTED_HOSTS` for apps in this process while the cloud runs (default true).
   * Apps never trust loopback on their own; set false to test that refusal.
   */
  trustInProcess?: boolean;
  /** Accept only these API keys per package name (default: accept any key, as a development cloud). */
  apiKeys?: Record<string, string>;
  /**
   * Accept whatever package name the app sends in its handshake (default false: it must be the session's).
   * The user's `packageName` becomes the one the app sent. For development clouds that do not know the app.
   */
  acceptAnyPackage?: boolean;
  /**
   * Refuse (403) any HTTP request or WebSocket upgrade that carries an `Origin` header not in this list.
   * Apps send no `Origin`; browsers always do. Default: no check.
   */
  allowedOrigins?: string[];
  /** Called when an app's socket for a user completes its handshake (`open`) or closes (`close`, with the code). */
  onConnection?: (user: SimulatedUser, event: 'open' | 'close', closeCode?: number) => void;
  /** Sent in the `X-MentraOS-Webhook-Secret` header of every webhook (for apps configured with `webhookSecret`). */
  webhookSecret?: string;
  /** App settings sent in every ack. */
  settings?: SettingRecord[];
  /** The app settings one user's ack carries (instead of `settings`), e.g. with the values that user chose. */
  settingsFor?: (user: SimulatedUser) => SettingRecord[];
  /** System settings sent in every ack (under the dialect's key). */
  systemSettings?: Record<string, unknown>;
  /** Capabilities sent in the ack (the `mentraos` dialects only). */
  capabilities?: Record<string, unknown> | null;
  /** Delay before each handshake is acknowledged, in ms (default 0), to play a slow or overloaded cloud. */
  ackDelayMs?: number;
  /** How long an input waits for the app's subscription to its stream (default 1000 ms; 0 = send only if subscribed now). */
  routeWaitMs?: number;
  /** Route app-to-app messages between users (default true); false plays a cloud that ignores them. */
  appMessaging?: boolean;
  /** Answer the app-level `ping` with `pong` (default true). */
  answerPings?: boolean;
  /** Told of every audio output stream's start, frames and end. */
  onAudioStream?: (e: AudioStreamEvent) => void;
  /** Called for every recorded message, e.g. to print a live log. */
  onWire?: (user: SimulatedUser, dir: 'webhook' | 'app->cloud' | 'cloud->app', msg: unknown) => void;
}

export interface StartSessionOptions {
  app: AppTarget;
  userId?: string;
  /** Default: the package name of `app` when it is a server object, else `com.example.app`. */
  packageName?: string;
  sessionId?: string;
  /** Webhook path of the app (default `/webhook`). */
  webhookPath?: string;
  /** Refuse this session's handshake with a `tpa_connection_error` of this code. */
  refuseWith?: { code: string; message?: string };
  /** Resolve even when the webhook is not answered 2xx (default false: reject). */
  allowFailure?: boolean;
  /** Override the WebSocket URL sent in the webhook. */
  websocketUrl?: string;
  /** Extra headers on this session's webhooks (replacing the cloud's `webhookSecret` header when named alike). */
  headers?: Record<string, string>;
}

export const DEFAULT_SYSTEM_SETTINGS: Readonly<Record<string, unknown>> = {
  useOnboardMic: false,
  contextualDashboard: true,
  headUpAngle: 20,
  brightness: 50,
  autoBrightness: false,
  sensingEnabled: true,
  alwaysOnStatusBar: false,
  bypassVad: false,
  bypassAudioEncoding: false,
  metricSystemEnabled: false,
};

export const SIMULATED_CAPABILITIES: Readonly<Record<string, unknown>> = {
  modelName: 'Simulated Glasses',
  hasCamera: true,
  hasDisplay: true,
  display: { count: 1, isColor: false, color: 'green', canDisplayBitmap: true, resolution: { width: 576, height: 135 }, maxTextLines: 5 },
  hasMicrophone: true,
  hasSpeaker: true,
  hasIMU: true,
  hasButton: true,
  hasLight: false,
  hasWifi: true,
};
