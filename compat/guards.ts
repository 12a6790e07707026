/**
 * Tpa-named guards and config validator: the modern function under the legacy name, with a one-time
 * deprecation warning naming the replacement.
 */
import { isAppConnectionAck, isAppConnectionError, isAppConnectionInit, isAppSubscriptionUpdate, isPhotoRequestFromApp } from '../src/protocol/guards';
import { validateAppConfig } from '../src/protocol/models';
import { deprecate } from '../src/core/deprecations';

/** The modern function `fn`, warning once under the legacy `api` name. */
function renamed<F extends (...args: any[]) => any>(api: string, fn: F): F {
  return ((...args: Parameters<F>) => {
    deprecate(api);
    return fn(...args);
  }) as F;
}

/** @deprecated Use `validateAppConfig`. */
export const validateTpaConfig = renamed('validateTpaConfig', validateAppConfig);
/** @deprecated Use `isAppConnectionAck`. */
export const isTpaConnectionAck = renamed('isTpaConnectionAck', isAppConnectionAck);
/** @deprecated Use `isAppConnectionError` (true for `tpa_connection_error` and `connection_error`). */
export const isTpaConnectionError = renamed('isTpaConnectionError', isAppConnectionError);
/** @deprecated Use `isAppConnectionInit`. */
export const isTpaConnectionInit = renamed('isTpaConnectionInit', isAppConnectionInit);
/** @deprecated Use `isAppSubscriptionUpdate`. */
export const isTpaSubscriptionUpdate = renamed('isTpaSubscriptionUpdate', isAppSubscriptionUpdate);
/** @deprecated Use `isPhotoRequestFromApp`. */
export const isPhotoRequestFromTpa = renamed('isPhotoRequestFromTpa', isPhotoRequestFromApp);
