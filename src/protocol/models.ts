/**
 * App models shared with the developer console: the app's config file (`app_config.json`), tools,
 * permissions and hardware requirements, and `validateAppConfig`.
 */
import { AppSettingType, type AppType, type HardwareRequirementLevel, type HardwareType, type PermissionType } from './enums';
import type { AppSetting } from './messages';

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
        return typeof s.defaultValue === 'boolean';
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
