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

export enum AppState {
  NOT_INSTALLED = 'not_installed',
  INSTALLED = 'installed',
  BOOTING = 'booting',
  RUNNING = 'running',
  STOPPED = 'stopped',
  ERROR = 'error',
}

export enum Language {
  EN = 'en',
  ES = 'es',
  FR = 'fr',
}

export interface ToolParameterSchema {
  type: 'string' | 'number' | 'boolean';
  description: string;
  enum?: string[];
  required?: boolean;
}

export interface ToolSchema {
  id: string;
  description: string;
  activationPhrases?: string[];
  parameters?: Record<string, ToolParameterSchema>;
}

export interface Permission {
  type: PermissionType;
  description?: string;
}

export interface HardwareRequirement {
  type: HardwareType;
  level: HardwareRequirementLevel;
  description?: string;
}

/** An app as the cloud knows it. */
export interface AppI {
  packageName: string;
  name: string;
  publicUrl: string;
  isSystemApp?: boolean;
  uninstallable?: boolean;
  webviewURL?: string;
  logoURL: string;
  appType: AppType;
  appStoreId?: string;
  developerId?: string;
  organizationId?: unknown;
  permissions?: Permission[];
  description?: string;
  version?: string;
  settings?: AppSettings;
  tools?: ToolSchema[];
  hardwareRequirements?: HardwareRequirement[];
  isPublic?: boolean;
  appStoreStatus?: 'DEVELOPMENT' | 'SUBMITTED' | 'REJECTED' | 'PUBLISHED';
  hashedEndpointSecret?: string;
  hashedApiKey?: string;
}

export interface DeveloperProfile {
  company?: string;
  website?: string;
  contactEmail?: string;
  description?: string;
  logo?: string;
}

export type AppSettings = AppSetting[];

/** The structure of `app_config.json`. */
export interface AppConfig {
  name: string;
  description: string;
  version: string;
  settings: AppSetting[];
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

export interface TranscriptSegment {
  speakerId?: string;
  resultId: string;
  text: string;
  timestamp: Date;
  isFinal: boolean;
}

export interface TranscriptI {
  segments: TranscriptSegment[];
  languageSegments?: Map<string, TranscriptSegment[]>;
}

// ---------------------------------------------------------------- declared-only webhooks

export interface ServerRegistrationWebhookRequest extends BaseWebhookRequest {
  type: 'server_registration';
  registrationId: string;
  packageName: string;
  serverUrls: string[];
}

export interface ServerHeartbeatWebhookRequest extends BaseWebhookRequest {
  type: 'server_heartbeat';
  registrationId: string;
}

export interface SessionRecoveryWebhookRequest extends BaseWebhookRequest {
  type: 'session_recovery';
  augmentOSWebsocketUrl?: string;
}

export const isServerRegistrationWebhookRequest = is<ServerRegistrationWebhookRequest>('server_registration');
export const isServerHeartbeatWebhookRequest = is<ServerHeartbeatWebhookRequest>('server_heartbeat');
export const isSessionRecoveryWebhookRequest = is<SessionRecoveryWebhookRequest>('session_recovery');
