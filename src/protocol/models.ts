/**
 * Shared models: app configuration (`app_config.json`, formerly `tpa_config.json`), tools, permissions,
 * and the webhook types the published SDKs declared but the cloud never sends.
 */
import type { AppSetting, BaseWebhookRequest } from './messages';
import type { AppType } from './enums';
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

export enum PermissionType {
  MICROPHONE = 'MICROPHONE',
  LOCATION = 'LOCATION',
  CALENDAR = 'CALENDAR',
  /** @deprecated the cloud maps it to READ_NOTIFICATIONS. */
  NOTIFICATIONS = 'NOTIFICATIONS',
  READ_NOTIFICATIONS = 'READ_NOTIFICATIONS',
  POST_NOTIFICATIONS = 'POST_NOTIFICATIONS',
  ALL = 'ALL',
}

export const LEGACY_PERMISSION_MAP: ReadonlyMap<PermissionType, PermissionType[]> = new Map([
  [PermissionType.NOTIFICATIONS, [PermissionType.READ_NOTIFICATIONS]],
]);

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
  type: PermissionType | (string & {});
  description?: string;
}

export interface DeveloperProfile {
  company?: string;
  website?: string;
  contactEmail?: string;
  description?: string;
  logo?: string;
}

export interface BaseAppSetting {
  key: string;
  label: string;
  value?: unknown;
  defaultValue?: unknown;
}

export type AppSettings = AppSetting[];

/** `app_config.json` (formerly `tpa_config.json`). */
export interface AppConfig {
  name: string;
  description: string;
  version: string;
  settings: AppSetting[];
  tools?: ToolSchema[];
  permissions?: Permission[];
}

export interface AppI {
  packageName: string;
  name: string;
  publicUrl?: string;
  webviewURL?: string;
  logoURL?: string;
  description?: string;
  appType?: AppType | (string & {});
  version?: string;
  settings?: AppSettings;
  tools?: ToolSchema[];
  permissions?: Permission[];
  developerProfile?: DeveloperProfile;
  isPublic?: boolean;
  [extra: string]: unknown;
}

export interface TranscriptSegment {
  speakerId?: string;
  resultId: string;
  text: string;
  timestamp: Date | string;
  isFinal: boolean;
}

export interface TranscriptI {
  segments: TranscriptSegment[];
  languageSegments?: Map<string, TranscriptSegment[]>;
}

/** True when `config` has the shape of an app config: name, description, version and a settings array. */
export function validateAppConfig(config: unknown): config is AppConfig {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return false;
  const c = config as Record<string, unknown>;
  if (typeof c.name !== 'string' || typeof c.description !== 'string' || typeof c.version !== 'string') return false;
  if (!Array.isArray(c.settings)) return false;
  return c.settings.every((s) => {
    if (!s || typeof s !== 'object') return false;
    const setting = s as Record<string, unknown>;
    // Display-only entries (groups, title/value rows) carry no key.
    if (setting.type === 'group' || setting.type === 'titleValue') return true;
    return typeof setting.key === 'string' && typeof setting.label === 'string';
  });
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
