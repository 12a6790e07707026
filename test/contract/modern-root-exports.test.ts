/**
 * Contract: every runtime root export of `@mentra/sdk` 2.1.29 exists in ours with the same kind, every enum
 * member has the published value, and every guard checks the published type string. The fixture next to
 * this file holds the published names and values (read from that package's own sources).
 * Type-level compatibility of the main signatures is checked by `modern-api-types.ts` under `npm run typecheck`.
 */
import * as sdk from '../../src';
import fixture from './mentra-sdk-2.1.29.json';

const CLASSES = [
  'AppServer',
  'AppSession',
  'CameraModule',
  'CameraManagedExtension',
  'AudioManager',
  'LedModule',
  'SimpleStorage',
  'SettingsManager',
  'DeviceState',
  'Observable',
  'BitmapUtils',
  'AnimationUtils',
  // 'TpaServer', 'TpaSession': the legacy facade (compat/), listed in LEGACY_FACADE and checked with it.
];
const FUNCTIONS = [
  'createTranscriptionStream',
  'createTranslationStream',
  'createUniversalTranslationStream',
  'createTouchEventStream',
  'parseLanguageStream',
  'parseTouchEventStream',
  'getLanguageInfo',
  'getBaseStreamType',
  'getStreamTypesByCategory',
  'isValidStreamType',
  'isValidLanguageCode',
  'isLanguageStream',
  'isStreamCategory',
  'createToken',
  'validateToken',
  'validateAppConfig',
];
/** Webview helpers: they belong to the webview authentication module; move them to FUNCTIONS once it is exported. */
const WEBVIEW_FUNCTIONS = ['createAuthMiddleware', 'generateWebviewUrl', 'extractTokenFromUrl', 'extractTempToken', 'exchangeToken'];
const ENUMS = [
  'StreamType',
  'StreamCategory',
  'GlassesToCloudMessageType',
  'CloudToGlassesMessageType',
  'AppToCloudMessageType',
  'CloudToAppMessageType',
  'WebhookRequestType',
  'AppType',
  'LayoutType',
  'ViewType',
  'AppSettingType',
  'HardwareType',
  'HardwareRequirementLevel',
  'DashboardMode',
  'PermissionType',
  'PhotoErrorCode',
  'PhotoStage',
];
const CONSTANTS = [
  'STREAM_CATEGORIES',
  'ControlActionTypes',
  'EventTypes',
  'ResponseTypes',
  'UpdateTypes',
  'DashboardMessageTypes',
  'LEGACY_PERMISSION_MAP',
  'GIVE_APP_CONTROL_OF_TOOL_RESPONSE',
  'logger',
];
const GUARDS = [
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
  'isPhoneNotificationDismissed',
  'isKeepAliveAck',
  'isPhotoTaken',
  'isLocalTranscription',
  'isUdpRegister',
  'isUdpUnregister',
  'isControlAction',
  'isEvent',
  'isRtmpStreamStatus',
  'isPhotoResponse',
  'isRgbLedControlResponse',
  'isPhotoResponseFromGlasses',
  'isRgbLedControlResponseFromGlasses',
  'isRtmpStreamStatusFromGlasses',
  'isConnectionAck',
  'isConnectionError',
  'isAuthError',
  'isDisplayEvent',
  'isAppStateChange',
  'isMicrophoneStateChange',
  'isPhotoRequest',
  'isRgbLedControl',
  'isSettingsUpdateToGlasses',
  'isStartRtmpStream',
  'isStopRtmpStream',
  'isKeepRtmpStreamAlive',
  'isAudioPlayRequestToGlasses',
  'isAudioStopRequestToGlasses',
  'isResponse',
  'isUpdate',
  'isAppConnectionInit',
  'isAppSubscriptionUpdate',
  'isDisplayRequest',
  'isPhotoRequestFromApp',
  'isRgbLedControlRequest',
  'isAudioPlayRequest',
  'isAudioStopRequest',
  'isRtmpStreamRequest',
  'isRtmpStreamStopRequest',
  'isManagedStreamRequest',
  'isManagedStreamStopRequest',
  'isDashboardContentUpdate',
  'isDashboardModeChange',
  'isDashboardSystemUpdate',
  'isOwnershipRelease',
  'isAppConnectionAck',
  'isAppConnectionError',
  'isAppStopped',
  'isSettingsUpdate',
  'isCapabilitiesUpdate',
  'isDataStream',
  'isAudioChunk',
  'isAudioPlayResponse',
  'isDashboardModeChanged',
  'isDashboardAlwaysOnChanged',
  'isManagedStreamStatus',
  'isStreamStatusCheckResponse',
  'isPhotoResponseFromCloud',
  'isRgbLedControlResponseFromCloud',
  'isRtmpStreamStatusFromCloud',
  'isSessionWebhookRequest',
  'isStopWebhookRequest',
];
const LEGACY_FACADE = ['TpaServer', 'TpaSession'];

const root = sdk as unknown as Record<string, unknown>;

describe('contract: the runtime root exports of @mentra/sdk 2.1.29', () => {
  test('the lists above are exactly the published 136 names', () => {
    const listed = [...CLASSES, ...FUNCTIONS, ...WEBVIEW_FUNCTIONS, ...ENUMS, ...CONSTANTS, ...GUARDS, ...LEGACY_FACADE];
    expect(listed).toHaveLength(136);
    expect([...listed].sort()).toEqual([...fixture.exports].sort());
    expect(GUARDS).toHaveLength(75);
  });

  test.each(CLASSES)('class %s', (name) => {
    expect(typeof root[name]).toBe('function');
    expect(Function.prototype.toString.call(root[name])).toMatch(/^class\b/);
  });

  test.each(FUNCTIONS)('function %s', (name) => {
    expect(typeof root[name]).toBe('function');
  });

  test.each(WEBVIEW_FUNCTIONS)('webview function %s', (name) => {
    expect(typeof root[name]).toBe('function');
  });

  test.each(ENUMS)('enum %s has every published member with its value', (name) => {
    const ours = root[name] as Record<string, string>;
    expect(ours).toBeDefined();
    expect(ours).toMatchObject((fixture.enums as Record<string, Record<string, string>>)[name]);
  });

  test('constants', () => {
    expect(sdk.GIVE_APP_CONTROL_OF_TOOL_RESPONSE).toBe('GIVE_APP_CONTROL_OF_TOOL_RESPONSE');
    expect(sdk.ControlActionTypes).toEqual(['connection_init', 'start_app', 'stop_app', 'dashboard_state', 'open_dashboard']);
    expect(sdk.ResponseTypes).toEqual(['connection_ack', 'connection_error', 'auth_error']);
    expect(sdk.EventTypes).toContain('local_transcription');
    expect(sdk.EventTypes).toHaveLength(14);
    expect(sdk.UpdateTypes).toHaveLength(14);
    expect(sdk.UpdateTypes).toContain('livekit_info');
    expect(sdk.DashboardMessageTypes).toEqual([
      'dashboard_content_update',
      'dashboard_mode_change',
      'dashboard_system_update',
      'dashboard_mode_changed',
      'dashboard_always_on_changed',
    ]);
    expect(sdk.LEGACY_PERMISSION_MAP).toBeInstanceOf(Map);
    expect(sdk.LEGACY_PERMISSION_MAP.get(sdk.PermissionType.NOTIFICATIONS)).toEqual([sdk.PermissionType.READ_NOTIFICATIONS]);
    for (const stream of Object.values(fixture.enums.StreamType)) {
      expect([stream, sdk.STREAM_CATEGORIES[stream]]).toEqual([stream, expect.stringMatching(/^(hardware|audio|phone|system)$/)]);
    }
    for (const level of ['debug', 'info', 'warn', 'error'] as const) expect(typeof sdk.logger[level]).toBe('function');
  });

  test.each(GUARDS)('guard %s checks the published type string', (name) => {
    const guard = root[name] as (m: unknown) => boolean;
    const type = (fixture.guards as Record<string, string>)[name];
    expect(typeof guard).toBe('function');
    expect(guard({ type })).toBe(true);
    expect(guard({ type: `${type}_not` })).toBe(false);
    expect(guard(null)).toBe(false);
  });

  test('isAppConnectionError is also true for the bare "connection_error"', () => {
    expect(sdk.isAppConnectionError({ type: 'connection_error' } as never)).toBe(true);
  });

  test('validateAppConfig accepts a valid config and refuses broken ones', () => {
    const valid = {
      name: 'n',
      description: 'd',
      version: '1',
      tools: [],
      settings: [
        { type: 'group', title: 'G' },
        { type: 'titleValue', label: 'About', value: 'v1' },
        { key: 't', label: 'T', type: 'toggle', defaultValue: true },
        { key: 's', label: 'S', type: 'slider', min: 0, max: 10, defaultValue: 5 },
        { key: 'm', label: 'M', type: 'multiselect', options: [{ label: 'a', value: 'a' }], defaultValue: ['a'] },
        { key: 'n', label: 'N', type: 'numeric_input', step: 1 },
        { key: 'p', label: 'P', type: 'time_picker', showSeconds: false },
      ],
    };
    expect(sdk.validateAppConfig(valid)).toBe(true);
    expect(sdk.validateAppConfig(null)).toBe(false);
    expect(sdk.validateAppConfig({ ...valid, version: 1 })).toBe(false);
    expect(sdk.validateAppConfig({ ...valid, settings: [{ key: 't', label: 'T', type: 'toggle', defaultValue: 'yes' }] })).toBe(false);
    expect(sdk.validateAppConfig({ ...valid, settings: [{ key: 's', label: 'S', type: 'slider', min: 10, max: 0, defaultValue: 5 }] })).toBe(false);
    expect(sdk.validateAppConfig({ ...valid, settings: [{ key: 'x', label: 'X', type: 'unknown' }] })).toBe(false);
  });
});
