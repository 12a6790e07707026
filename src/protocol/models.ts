/**
 * App models shared with the developer console: the app's config file (`app_config.json`, formerly
 * `tpa_config.json`), tools, permissions and hardware requirements, `validateAppConfig`, and the webhook
 * types the published SDKs declared but the cloud never sends.
 */
import { AppSettingType, type AppType, type HardwareRequirementLevel, type HardwareType, type PermissionType } from './enums';
import type { AppSetting } from './app-setting';
import type { BaseWebhookRequest } from './webhooks';

export type { AppSetting, BaseAppSetting } from './app-setting';
import { typeGuard as is } from './guard-kit';

/** The states of an app for a user. */
export enum AppState {
  /** Not installed. */
  NOT_INSTALLED = 'not_installed',
  /** Installed. */
  INSTALLED = 'installed',
  /** Booting. */
  BOOTING = 'booting',
  /** Running. */
  RUNNING = 'running',
  /** Stopped. */
  STOPPED = 'stopped',
  /** Error. */
  ERROR = 'error',
}

/** Languages. */
export enum Language {
  /** English. */
  EN = 'en',
  /** Spanish. */
  ES = 'es',
  /** French. */
  FR = 'fr',
}

/** One parameter of a tool. */
export interface ToolParameterSchema {
  /** The parameter's type. */
  type: 'string' | 'number' | 'boolean';
  /** What the parameter is. */
  description: string;
  /** The values allowed. */
  enum?: string[];
  /** Whether the parameter is required. */
  required?: boolean;
}

/** A tool the app offers the assistant. */
export interface ToolSchema {
  /** The tool's id. */
  id: string;
  /** What the tool does (read by the assistant). */
  description: string;
  /** Phrases that start the tool. */
  activationPhrases?: string[];
  /** The tool's parameters, by name. */
  parameters?: Record<string, ToolParameterSchema>;
}

/** A permission the app declares. */
export interface Permission {
  /** The permission. */
  type: PermissionType;
  /** Why the app needs it. */
  description?: string;
}

/** Hardware the app needs. */
export interface HardwareRequirement {
  /** The hardware. */
  type: HardwareType;
  /** Whether the app requires the hardware or can do without it. */
  level: HardwareRequirementLevel;
  /** Why the app needs it. */
  description?: string;
}

/** An app as the cloud knows it. */
export interface AppI {
  /** The app's package name. */
  packageName: string;
  /** The app's name. */
  name: string;
  /** The app server's public URL. */
  publicUrl: string;
  /** Whether it is a system app. */
  isSystemApp?: boolean;
  /** Whether the user can uninstall it. */
  uninstallable?: boolean;
  /** The app's webview URL. */
  webviewURL?: string;
  /** The app's logo URL. */
  logoURL: string;
  /** The kind of app. */
  appType: AppType;
  /** The app's store id. */
  appStoreId?: string;
  /** The developer's id. */
  developerId?: string;
  /** The organization's id. */
  organizationId?: unknown;
  /** The permissions the app declares. */
  permissions?: Permission[];
  /** What the app does. */
  description?: string;
  /** The app's version. */
  version?: string;
  /** The app's settings. */
  settings?: AppSettings;
  /** The app's tools. */
  tools?: ToolSchema[];
  /** The hardware the app needs. */
  hardwareRequirements?: HardwareRequirement[];
  /** Whether the app is public. */
  isPublic?: boolean;
  /** The app's store status. */
  appStoreStatus?: 'DEVELOPMENT' | 'SUBMITTED' | 'REJECTED' | 'PUBLISHED';
  /** A hash of the app's endpoint secret. */
  hashedEndpointSecret?: string;
  /** A hash of the app's API key. */
  hashedApiKey?: string;
}

/** The developer of an app. */
export interface DeveloperProfile {
  /** The developer's company. */
  company?: string;
  /** The developer's website. */
  website?: string;
  /** The developer's contact email. */
  contactEmail?: string;
  /** About the developer. */
  description?: string;
  /** The developer's logo URL. */
  logo?: string;
}

/** The app settings. */
export type AppSettings = AppSetting[];

/** The structure of `app_config.json`. */
export interface AppConfig {
  /** The app's name. */
  name: string;
  /** What the app does. */
  description: string;
  /** The app's version. */
  version: string;
  /** The app's settings. */
  settings: AppSetting[];
  /** The app's tools. */
  tools: ToolSchema[];
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const validOptions = (s: Record<string, unknown>) =>
  Array.isArray(s.options) && s.options.every((o) => !!o && typeof o === 'object' && isStr((o as { label?: unknown }).label) && 'value' in (o as object));

/** True when `config` has the shape of an app config: name, description, version and valid settings. */
export function validateAppConfig(config: unknown): config is AppConfig {
  if (!config || typeof config !== 'object') return false;
  const c = config as Record<string, unknown>;
  if (!isStr(c.name) || !isStr(c.description) || !isStr(c.version) || !Array.isArray(c.settings)) return false;
  return c.settings.every((raw) => {
    if (!raw || typeof raw !== 'object') return false;
    const s = raw as Record<string, unknown>;
    if (s.type === AppSettingType.GROUP) return isStr(s.title);
    if (s.type === AppSettingType.TITLE_VALUE) return isStr(s.label) && 'value' in s;
    if (!isStr(s.key) || !isStr(s.label)) return false;
    switch (s.type) {
      case AppSettingType.TOGGLE:
        return optional(s.defaultValue, (v) => typeof v === 'boolean');
      case AppSettingType.TEXT:
      case AppSettingType.TEXT_NO_SAVE_BUTTON:
        return optional(s.defaultValue, isStr);
      case AppSettingType.SELECT:
      case AppSettingType.SELECT_WITH_SEARCH:
        return validOptions(s);
      case AppSettingType.MULTISELECT:
        return validOptions(s) && optional(s.defaultValue, Array.isArray);
      case AppSettingType.SLIDER:
        return isNum(s.defaultValue) && isNum(s.min) && isNum(s.max) && s.min <= s.max;
      case AppSettingType.NUMERIC_INPUT:
        return [s.defaultValue, s.min, s.max, s.step].every((v) => optional(v, isNum)) && optional(s.placeholder, isStr);
      case AppSettingType.TIME_PICKER:
        return optional(s.defaultValue, isNum) && optional(s.showSeconds, (v) => typeof v === 'boolean');
      default:
        return false;
    }
  });
}

/** One segment of a transcript. */
export interface TranscriptSegment {
  /** The speaker's id, when the provider tells speakers apart. */
  speakerId?: string;
  /** The provider's id of the result. */
  resultId: string;
  /** The text. */
  text: string;
  /** When it happened or was sent. */
  timestamp: Date;
  /** Whether the result is final (not interim). */
  isFinal: boolean;
}

/** A transcript. */
export interface TranscriptI {
  /** The segments. */
  segments: TranscriptSegment[];
  /** The segments by language. */
  languageSegments?: Map<string, TranscriptSegment[]>;
}

// ---------------------------------------------------------------- declared-only webhooks

export interface ServerRegistrationWebhookRequest extends BaseWebhookRequest {
  /** The message type. */
  type: 'server_registration';
  /** The registration id. */
  registrationId: string;
  /** The app's package name. */
  packageName: string;
  /** The URLs the app server is reachable at. */
  serverUrls: string[];
}

export interface ServerHeartbeatWebhookRequest extends BaseWebhookRequest {
  /** The message type. */
  type: 'server_heartbeat';
  /** The registration id. */
  registrationId: string;
}

export interface SessionRecoveryWebhookRequest extends BaseWebhookRequest {
  /** The message type. */
  type: 'session_recovery';
  /** The cloud's WebSocket URL (AugmentOS name). */
  augmentOSWebsocketUrl?: string;
}

/** Whether a message is a `ServerRegistrationWebhookRequest` (`server_registration`). */
export const isServerRegistrationWebhookRequest = is<ServerRegistrationWebhookRequest>('server_registration');
/** Whether a message is a `ServerHeartbeatWebhookRequest` (`server_heartbeat`). */
export const isServerHeartbeatWebhookRequest = is<ServerHeartbeatWebhookRequest>('server_heartbeat');
/** Whether a message is a `SessionRecoveryWebhookRequest` (`session_recovery`). */
export const isSessionRecoveryWebhookRequest = is<SessionRecoveryWebhookRequest>('session_recovery');
