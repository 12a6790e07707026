/**
 * `@mentraos/sdk/compat`: the legacy AugmentOS facade (TpaServer, TpaSession and the Tpa names), and with
 * `./shared` the whole `@augmentos/sdk` 1.1.x root surface. Everything here is thin: behaviour lives in the
 * core; deprecated names warn once (see docs/deprecations.md).
 *
 * @module @mentraos/sdk/compat
 */
export { TpaServer, type TpaServerConfig } from './server';
export { TpaSession, type TpaSessionConfig, type LegacyStreaming, type RtmpStreamOptions } from './session';
export { TpaSettingsManager } from './settings';
export { TpaToCloudMessageType, CloudToTpaMessageType, TpaType } from './enums';
export {
  validateTpaConfig,
  isTpaConnectionAck,
  isTpaConnectionError,
  isTpaConnectionInit,
  isTpaSubscriptionUpdate,
  isPhotoRequestFromTpa,
} from './guards';
export type * from './types';
export * from './shared';
