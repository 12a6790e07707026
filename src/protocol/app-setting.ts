/**
 * An app setting as the cloud sends it (in the ack and `settings_update`) and as `app_config.json` declares
 * it: one shape per `AppSettingType`, so an app that checks `type` gets that type's fields (`options` of a
 * select, `min`/`max` of a slider). The same union as the published SDKs (the legacy one had the first
 * three kinds).
 */
import type { AppSettingType } from './enums';

// A type literal rather than an interface, so that every `AppSetting` also fits a `SettingRecord`.
export type BaseAppSetting = {
  key: string;
  label: string;
  /** The user's value. */
  value?: any;
  /** The value before the user chose one. */
  defaultValue?: any;
};

type SettingOption = {
  label: string;
  value: any;
};

export type AppSetting =
  | (BaseAppSetting & { type: AppSettingType.TOGGLE; defaultValue: boolean; value?: boolean })
  | (BaseAppSetting & { type: AppSettingType.TEXT; defaultValue?: string; value?: string })
  | (BaseAppSetting & { type: AppSettingType.TEXT_NO_SAVE_BUTTON; defaultValue?: string; value?: string; maxLines?: number })
  | (BaseAppSetting & { type: AppSettingType.SELECT; options: SettingOption[]; defaultValue?: any; value?: any })
  | (BaseAppSetting & { type: AppSettingType.SELECT_WITH_SEARCH; options: SettingOption[]; defaultValue?: any; value?: any })
  | (BaseAppSetting & { type: AppSettingType.MULTISELECT; options: SettingOption[]; defaultValue?: any[]; value?: any[] })
  | (BaseAppSetting & { type: AppSettingType.SLIDER; min: number; max: number; defaultValue: number; value?: number })
  | (BaseAppSetting & {
      type: AppSettingType.NUMERIC_INPUT;
      min?: number;
      max?: number;
      step?: number;
      placeholder?: string;
      defaultValue?: number;
      value?: number;
    })
  | (BaseAppSetting & { type: AppSettingType.TIME_PICKER; showSeconds?: boolean; defaultValue?: number; value?: number })
  | (BaseAppSetting & { type: AppSettingType.GROUP; title: string })
  | (BaseAppSetting & { type: AppSettingType.TITLE_VALUE; label: string; value: any; key?: never });

/**
 * A setting as the wire may carry it, and as an app's tests and `updateSettings` may pass it: a key and a
 * value at least. The SDK keeps settings in this form; what it hands to apps is typed `AppSetting`.
 */
export interface SettingRecord {
  key: string;
  label?: string;
  type?: string;
  value?: unknown;
  defaultValue?: unknown;
  [extra: string]: unknown;
}

/** What a method that takes settings accepts: the published shape or a plain record. */
export type SettingInput = AppSetting | SettingRecord;
