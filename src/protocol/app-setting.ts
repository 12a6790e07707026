/**
 * An app setting as the cloud sends it (in the ack and `settings_update`) and as `app_config.json` declares
 * it: one shape per `AppSettingType`, so an app that checks `type` gets that type's fields (`options` of a
 * select, `min`/`max` of a slider). The same union as the published SDKs (the legacy one had the first
 * three kinds).
 */
import type { AppSettingType } from './enums';

// A type literal rather than an interface, so that every `AppSetting` also fits a `SettingRecord`.
/** The fields every app setting has. */
export type BaseAppSetting = {
  /** The setting's key. */
  key: string;
  /** The label shown. */
  label: string;
  /** The user's value. */
  value?: any;
  /** The value before the user chose one. */
  defaultValue?: any;
};

type SettingOption = {
  /** The text shown. */
  label: string;
  /** The value stored when chosen. */
  value: any;
};

/** One app setting with its schema, narrowed by `type` (a toggle's value is a boolean, a select has `options`, ...). */
export type AppSetting =
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.TOGGLE;
      /** The value before the user chose one. */
      defaultValue: boolean;
      /** The user's value. */
      value?: boolean;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.TEXT;
      /** The value before the user chose one. */
      defaultValue?: string;
      /** The user's value. */
      value?: string;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.TEXT_NO_SAVE_BUTTON;
      /** The value before the user chose one. */
      defaultValue?: string;
      /** The user's value. */
      value?: string;
      /** Lines the text field shows. */
      maxLines?: number;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.SELECT;
      /** The choices. */
      options: SettingOption[];
      /** The value before the user chose one. */
      defaultValue?: any;
      /** The user's value. */
      value?: any;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.SELECT_WITH_SEARCH;
      /** The choices. */
      options: SettingOption[];
      /** The value before the user chose one. */
      defaultValue?: any;
      /** The user's value. */
      value?: any;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.MULTISELECT;
      /** The choices. */
      options: SettingOption[];
      /** The value before the user chose one. */
      defaultValue?: any[];
      /** The user's value. */
      value?: any[];
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.SLIDER;
      /** The smallest value. */
      min: number;
      /** The largest value. */
      max: number;
      /** The value before the user chose one. */
      defaultValue: number;
      /** The user's value. */
      value?: number;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.NUMERIC_INPUT;
      /** The smallest value. */
      min?: number;
      /** The largest value. */
      max?: number;
      /** The step between values. */
      step?: number;
      /** The text shown while the field is empty. */
      placeholder?: string;
      /** The value before the user chose one. */
      defaultValue?: number;
      /** The user's value. */
      value?: number;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.TIME_PICKER;
      /** Whether seconds are picked too. */
      showSeconds?: boolean;
      /** The value before the user chose one. */
      defaultValue?: number;
      /** The user's value. */
      value?: number;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.GROUP;
      /** The group's title. */
      title: string;
    })
  | (BaseAppSetting & {
      /** The kind of setting. */
      type: AppSettingType.TITLE_VALUE;
      /** The title shown. */
      label: string;
      /** The user's value. */
      value: any;
      /** Title rows have no key. */
      key?: never;
    });

/**
 * A setting as the wire may carry it, and as an app's tests and `updateSettings` may pass it: a key and a
 * value at least. The SDK keeps settings in this form; what it hands to apps is typed `AppSetting`.
 */
export interface SettingRecord {
  /** The setting's key. */
  key: string;
  /** The label shown. */
  label?: string;
  /** The kind of setting. */
  type?: string;
  /** The user's value. */
  value?: unknown;
  /** The value before the user chose one. */
  defaultValue?: unknown;
  [extra: string]: unknown;
}

/** What a method that takes settings accepts: the published shape or a plain record. */
export type SettingInput = AppSetting | SettingRecord;
