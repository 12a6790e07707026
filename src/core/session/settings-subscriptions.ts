/**
 * Settings-driven subscriptions: when one of the listed app settings changes, the app's handler computes
 * the streams to subscribe to from the settings. Those streams form their own group, so handler-driven
 * subscriptions (onTranscription and friends) are never dropped by it.
 */
import type { SettingRecord } from '../../protocol/messages';
import { SdkError, toError } from '../errors';
import type { CoreSession } from './session';

/** Subscriptions computed from the app settings (`session.setSubscriptionSettings`). */
export interface SubscriptionSettings {
  /** Setting keys whose changes recompute the subscriptions. */
  updateOnChange: string[];
  /** The streams to subscribe to for the given settings. */
  handler: (settings: SettingRecord[]) => readonly string[];
}

const GROUP = 'settings-driven';

/** Binds the settings-driven subscriptions; computes them now if settings are known. Returns an unbind function. */
export function bindSubscriptionSettings(core: CoreSession, options: SubscriptionSettings): () => void {
  if (!options || !Array.isArray(options.updateOnChange) || typeof options.handler !== 'function') {
    throw new SdkError('invalid_argument', 'setSubscriptionSettings needs { updateOnChange: string[], handler: (settings) => streams[] }');
  }
  const keys = new Set(options.updateOnChange);
  const apply = () => {
    let streams: readonly string[];
    try {
      streams = options.handler(core.settings.getAppSettings());
    } catch (e) {
      core.reportError(toError(e));
      return;
    }
    core.setSubscriptionGroup(GROUP, Array.isArray(streams) ? streams.filter((s) => typeof s === 'string') : []);
  };
  const off = core.settings.onAppChange((changes) => {
    if (Object.keys(changes).some((k) => keys.has(k))) apply();
  });
  if (core.settings.getAppSettings().length > 0) apply();
  return () => {
    off();
    core.setSubscriptionGroup(GROUP, []);
  };
}
