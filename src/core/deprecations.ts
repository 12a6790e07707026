/**
 * Every deprecated API with its code and its replacement: the one table behind the runtime warnings,
 * `docs/deprecations.md` and the `mentraos-migrate` codemod.
 *
 * `api` and `replacement` use a small grammar the codemod reads:
 * - a root export: `TpaServer` -> `AppServer`;
 * - a member: `session.onTranscription` -> `session.events.onTranscription`, `settings.getAugmentOS` ->
 *   `settings.getMentraOS`, `streaming.requestStream` -> `camera.startStream` (on the session);
 * - a config field: `config.tpaInstructions` -> `config.appInstructions`; an empty replacement means "remove".
 *
 * Warnings go through `process.emitWarning(message, { type: 'DeprecationWarning', code })`, once per code per
 * process, so `--no-deprecation` silences them and `--throw-deprecation` turns them into errors.
 */

export interface Deprecation {
  code: string;
  api: string;
  replacement: string;
  /** Why, or what to do instead, when the replacement alone does not say it. */
  note?: string;
}

const D = (n: number, api: string, replacement: string, note?: string): Deprecation => ({
  code: `MENTRAOS_DEP${String(n).padStart(3, '0')}`,
  api,
  replacement,
  ...(note ? { note } : {}),
});

export const DEPRECATIONS: readonly Deprecation[] = [
  D(1, 'TpaServer', 'AppServer', 'TpaSession becomes AppSession and every Tpa-named export its App-named twin; `npx mentraos-migrate` rewrites them'),
  D(2, 'config.webhookPath', '', 'the cloud always calls <publicUrl>/webhook; the option is still honoured'),
  D(3, 'config.augmentOSWebsocketUrl', '', 'the WebSocket URL comes from each webhook; the option is ignored'),
  D(4, 'config.tpaInstructions', 'config.appInstructions'),
  D(10, 'session.onTranscription', 'session.events.onTranscription'),
  D(11, 'session.onTranscriptionForLanguage', 'session.events.onTranscriptionForLanguage'),
  D(12, 'session.onTranslationForLanguage', 'session.events.onTranslationForLanguage'),
  D(13, 'session.onHeadPosition', 'session.events.onHeadPosition'),
  D(14, 'session.onButtonPress', 'session.events.onButtonPress'),
  D(15, 'session.onPhoneNotifications', 'session.events.onPhoneNotifications'),
  D(16, 'session.onVpsCoordinates', 'session.events.onVpsCoordinates'),
  D(17, 'session.onPhotoTaken', 'session.events.onPhotoTaken'),
  D(18, 'session.onTouchEvent', 'session.events.onTouchEvent'),
  D(19, 'session.onPhoneNotificationDismissed', 'session.events.onPhoneNotificationDismissed'),
  D(20, 'session.getSettings', 'session.settings.getAll'),
  D(21, 'session.getSetting', 'session.settings.get'),
  D(22, 'events.ontranslationForLanguage', 'events.onTranslationForLanguage', 'the lower-case spelling of earlier SDKs'),
  D(30, 'settings.getAugmentOS', 'settings.getMentraOS'),
  D(31, 'settings.getAugmentosSetting', 'settings.getMentraosSetting'),
  D(32, 'settings.onAugmentOSChange', 'settings.onMentraosChange'),
  D(33, 'settings.onAugmentosSettingChange', 'settings.onMentraosSettingChange'),
  D(34, 'settings.onAugmentosSettingsChange', 'settings.onMentraosSettingChange'),
  D(35, 'settings.onMentraosSettingsChange', 'settings.onMentraosSettingChange'),
  D(36, 'settings.updateAugmentosSettings', 'settings.updateMentraosSettings'),
  D(40, 'session.requestPhoto', 'session.camera.requestPhoto', 'the modern call resolves with the photo data instead of a URL'),
  D(
    41,
    'session.streaming',
    'session.camera',
    'requestStream -> startStream, onStatus -> onStreamStatus, subscribeToStatusUpdates -> subscribeToStreamStatusUpdates; the other members keep their names',
  ),
  D(50, 'session.discoverTpaUsers', 'session.discoverAppUsers'),
  D(51, 'session.broadcastToTpaUsers', 'session.broadcastToAppUsers'),
  D(52, 'session.joinTpaRoom', 'session.joinAppRoom'),
  D(53, 'session.leaveTpaRoom', 'session.leaveAppRoom'),
  D(54, 'session.onTpaMessage', 'session.onAppMessage'),
  D(55, 'session.onTpaUserJoined', 'session.onAppUserJoined'),
  D(56, 'session.onTpaUserLeft', 'session.onAppUserLeft'),
  D(57, 'session.onTpaRoomUpdated', 'session.onAppRoomUpdated'),
  D(60, 'validateTpaConfig', 'validateAppConfig'),
  D(61, 'isTpaConnectionAck', 'isAppConnectionAck'),
  D(62, 'isTpaConnectionError', 'isAppConnectionError'),
  D(63, 'isTpaConnectionInit', 'isAppConnectionInit'),
  D(64, 'isTpaSubscriptionUpdate', 'isAppSubscriptionUpdate'),
  D(65, 'isPhotoRequestFromTpa', 'isPhotoRequestFromApp'),
];

/**
 * Members of `session.streaming` and where they went on `session.camera` (warned as one API, DEP041).
 */
export const STREAMING_RENAMES: Readonly<Record<string, string>> = {
  requestStream: 'startStream',
  stopStream: 'stopStream',
  onStatus: 'onStreamStatus',
  isCurrentlyStreaming: 'isCurrentlyStreaming',
  getCurrentStreamUrl: 'getCurrentStreamUrl',
  getStreamStatus: 'getStreamStatus',
  subscribeToStatusUpdates: 'subscribeToStreamStatusUpdates',
  unsubscribeFromStatusUpdates: 'unsubscribeFromStreamStatusUpdates',
};

/**
 * Names that exist only at compile time or as plain enum objects, so no warning can fire at run time:
 * deprecated through JSDoc and renamed by the codemod. Members of renamed enums named `TPA_*` become `APP_*`.
 */
export const NAME_ONLY_RENAMES: Readonly<Record<string, string>> = {
  TpaSession: 'AppSession',
  TpaServerConfig: 'AppServerConfig',
  TpaSessionConfig: 'AppSessionConfig',
  TpaToCloudMessageType: 'AppToCloudMessageType',
  CloudToTpaMessageType: 'CloudToAppMessageType',
  TpaType: 'AppType',
  TpaConfig: 'AppConfig',
  TpaSettingsUpdate: 'AppSettingsUpdate',
  TpaConnectionInit: 'AppConnectionInit',
  TpaConnectionAck: 'AppConnectionAck',
  TpaConnectionError: 'AppConnectionError',
  TpaSubscriptionUpdate: 'AppSubscriptionUpdate',
  TpaTokenPayload: 'AppTokenPayload',
  TpaBroadcastMessage: 'AppBroadcastMessage',
  TpaDirectMessage: 'AppDirectMessage',
  TpaUserDiscovery: 'AppUserDiscovery',
  TpaRoomJoin: 'AppRoomJoin',
  TpaRoomLeave: 'AppRoomLeave',
  TpaToCloudMessage: 'AppToCloudMessage',
  CloudToTpaMessage: 'CloudToAppMessage',
  AugmentosSettingsUpdate: 'MentraosSettingsUpdate',
  TpaSettingsManager: 'SettingsManager',
};

/**
 * Deprecations of the 3.0.0-hono facade (`@mentraos/sdk/hono`), in the same code space. Kept apart from
 * `DEPRECATIONS`, which the codemod applies to 1.x and 2.x apps: there `getExpressApp()` is not deprecated.
 */
export const HONO_DEPRECATIONS: readonly Deprecation[] = [
  D(70, 'hono.getExpressApp', 'hono.getHonoApp', 'the 3.x AppServer is itself the Hono app; getExpressApp() returns it, not an Express app'),
  D(71, 'hono.TpaServer', 'AppServer', 'TpaSession becomes AppSession'),
];

const BY_API = new Map([...DEPRECATIONS, ...HONO_DEPRECATIONS].map((d) => [d.api, d]));
const emitted = new Set<string>();

/** The human message of a deprecation. */
export function deprecationMessage(d: Deprecation): string {
  const what = d.replacement ? `${d.api} is deprecated; use ${d.replacement} instead` : `${d.api} is deprecated`;
  return d.note ? `${what} (${d.note}).` : `${what}.`;
}

/** Emits the warning for `api` (a table `api` string) once per process. */
export function deprecate(api: string): void {
  const d = BY_API.get(api);
  if (!d) throw new TypeError(`Unknown deprecated API "${api}"`);
  if (emitted.has(d.code)) return;
  emitted.add(d.code);
  process.emitWarning(deprecationMessage(d), { type: 'DeprecationWarning', code: d.code });
}
