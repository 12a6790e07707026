/**
 * The contract: every runtime export of the `@augmentos/sdk` 1.1.18 root (legacy-sdk reference §1.3) exists,
 * from the package root and from `@mentraos/sdk/compat` alone, with its legacy wire values. The type-only
 * exports (§1.4) are checked at compile time by test/compat/legacy-types.ts (`npm run typecheck`).
 */
import * as root from '../../src';
import * as compat from '../../compat';

const CLASSES = ['TpaServer', 'TpaSession', 'SettingsManager'];
const FUNCTIONS = [
  'createToken',
  'validateToken',
  'generateWebviewUrl',
  'extractTokenFromUrl',
  'validateTpaConfig',
  'isValidLanguageCode',
  'parseLanguageStream',
  'createTranscriptionStream',
  'createTranslationStream',
  'isValidStreamType',
  'isStreamCategory',
  'getStreamTypesByCategory',
  'getBaseStreamType',
  'isLanguageStream',
  'getLanguageInfo',
  // webview auth
  'extractTempToken',
  'exchangeToken',
  'createAuthMiddleware',
];
const CONSTANTS = [
  'logger',
  'STREAM_CATEGORIES',
  'LEGACY_PERMISSION_MAP',
  'ControlActionTypes',
  'EventTypes',
  'ResponseTypes',
  'UpdateTypes',
  'DashboardMessageTypes',
];
const ENUMS = [
  'StreamType',
  'StreamCategory',
  'GlassesToCloudMessageType',
  'CloudToGlassesMessageType',
  'TpaToCloudMessageType',
  'CloudToTpaMessageType',
  'TpaType',
  'AppState',
  'Language',
  'LayoutType',
  'ViewType',
  'AppSettingType',
  'DashboardMode',
  'PermissionType',
  'WebhookRequestType',
];
const GUARDS = [
  // glasses -> cloud
  'isControlAction',
  'isEvent',
  'isConnectionInit',
  'isRequestSettings',
  'isStartApp',
  'isStopApp',
  'isButtonPress',
  'isHeadPosition',
  'isGlassesBatteryUpdate',
  'isPhoneBatteryUpdate',
  'isGlassesConnectionState',
  'isLocationUpdate',
  'isCalendarEvent',
  'isVad',
  'isPhoneNotification',
  'isNotificationDismissed',
  'isRtmpStreamStatus',
  'isPhotoResponse',
  'isKeepAliveAck',
  'isPhotoTaken',
  'isPhotoResponseFromGlasses',
  'isRtmpStreamStatusFromGlasses',
  // cloud -> glasses
  'isResponse',
  'isUpdate',
  'isConnectionAck',
  'isConnectionError',
  'isAuthError',
  'isDisplayEvent',
  'isAppStateChange',
  'isMicrophoneStateChange',
  'isPhotoRequest',
  'isStartRtmpStream',
  'isStopRtmpStream',
  'isKeepRtmpStreamAlive',
  'isSettingsUpdateToGlasses',
  // tpa -> cloud
  'isTpaConnectionInit',
  'isTpaSubscriptionUpdate',
  'isDisplayRequest',
  'isDashboardContentUpdate',
  'isDashboardModeChange',
  'isDashboardSystemUpdate',
  'isRtmpStreamRequest',
  'isRtmpStreamStopRequest',
  'isPhotoRequestFromTpa',
  // cloud -> tpa
  'isTpaConnectionAck',
  'isTpaConnectionError',
  'isAppStopped',
  'isSettingsUpdate',
  'isDataStream',
  'isAudioChunk',
  'isDashboardModeChanged',
  'isDashboardAlwaysOnChanged',
  'isPhotoResponseFromCloud',
  'isRtmpStreamStatusFromCloud',
  // webhooks
  'isSessionWebhookRequest',
  'isStopWebhookRequest',
  'isServerRegistrationWebhookRequest',
  'isSessionRecoveryWebhookRequest',
  'isServerHeartbeatWebhookRequest',
];

describe.each([
  ['the package root', root as Record<string, unknown>],
  ['@mentraos/sdk/compat alone', compat as Record<string, unknown>],
])('the legacy root surface (§1.3) from %s', (_where, mod) => {
  test.each(CLASSES)('class %s', (name) => expect(typeof mod[name]).toBe('function'));
  test.each([...FUNCTIONS, ...GUARDS])('function %s', (name) => expect(typeof mod[name]).toBe('function'));
  test.each(CONSTANTS)('constant %s', (name) => expect(mod[name]).toBeDefined());
  test.each(ENUMS)('enum %s', (name) => expect(typeof mod[name]).toBe('object'));
});

test('legacy enums keep their tpa_* wire values, and the guards their legacy meaning (with the deprecation silenced)', () => {
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
  try {
    expect(compat.TpaToCloudMessageType.CONNECTION_INIT).toBe('tpa_connection_init');
    expect(compat.TpaToCloudMessageType.TPA_BROADCAST_MESSAGE).toBe('tpa_broadcast_message');
    expect(compat.CloudToTpaMessageType.TPA_DIRECT_MESSAGE_RESPONSE).toBe('tpa_direct_message_response');
    expect(compat.CloudToTpaMessageType.CONNECTION_ACK).toBe('tpa_connection_ack');
    expect(compat.TpaType.STANDARD).toBe('standard');
    expect(compat.isTpaConnectionError({ type: 'connection_error' })).toBe(true);
    expect(compat.isTpaConnectionError({ type: 'tpa_connection_error' })).toBe(true);
    expect(compat.isTpaConnectionAck({ type: 'tpa_connection_ack' })).toBe(true);
    expect(compat.isPhotoRequestFromTpa({ type: 'photo_request' })).toBe(true);
    expect(root.isSettingsUpdate({ type: 'settings_update' })).toBe(true);
    expect(root.isControlAction({ type: 'start_app' })).toBe(true);
    expect(root.isUpdate({ type: 'display_event' })).toBe(true);
    expect(root.LEGACY_PERMISSION_MAP.get(root.PermissionType.NOTIFICATIONS)).toEqual([root.PermissionType.READ_NOTIFICATIONS]);
    expect(compat.validateTpaConfig({ name: 'n', description: 'd', version: '1', settings: [{ key: 'k', label: 'K', type: 'toggle' }] })).toBe(true);
    expect(compat.validateTpaConfig({ name: 'n' })).toBe(false);
    expect(root.generateWebviewUrl('/webview', 'jwt')).toBe('/webview?token=jwt');
    expect(root.extractTokenFromUrl('https://a.example/x?token=abc')).toBe('abc');
    expect(compat.extractTempToken('https://a.example/webview?aos_temp_token=t-123')).toBe('t-123');
    expect(compat.createAuthMiddleware).toBe(root.createAuthMiddleware);
    expect(compat.TpaServer).toBe(root.TpaServer);
  } finally {
    spy.mockRestore();
  }
});
