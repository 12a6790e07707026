/** The published 2.x session shortcuts are deprecated: they run in the compat project, where warnings are allowed. */
import { eventually } from '../helpers/apps';
import { harness, waitSent } from '../helpers/modules';

const CONFIG = JSON.stringify({
  name: 'Demo',
  description: 'A demo',
  version: '1.0.0',
  tools: [],
  settings: [
    { type: 'group', title: 'General' },
    { key: 'captions', label: 'Captions', type: 'toggle', defaultValue: true },
    { key: 'lang', label: 'Language', type: 'select', options: [{ label: 'English', value: 'en-US' }], defaultValue: 'en-US' },
  ],
});

describe('AppSession: the published session-level shortcuts', () => {
  const h = harness({
    settings: [
      { key: 'captions', value: true },
      { key: 'lang', value: 'en-US' },
    ],
  });

  test('stream shortcuts subscribe and deliver: onTouchEvent, subscribeToGestures, onPhoneNotificationDismissed, onVpsCoordinates, onPhotoTaken', async () => {
    const { user, session } = await h.start();
    const got: string[] = [];
    session.onTouchEvent('double_tap', (e) => void got.push(`tap:${e.gesture_name}`));
    session.onPhoneNotificationDismissed((n) => void got.push(`dismissed:${n.notificationKey}`));
    session.onVpsCoordinates((v) => void got.push(`vps:${v.x}`));
    session.onPhotoTaken((p) => void got.push(`photo:${p.mimeType}`));
    const off = session.subscribeToGestures(['forward_swipe', 'backward_swipe']);
    const subs = await user.waitForSubscriptions((s) => s.length === 6);
    expect(subs).toEqual(
      expect.arrayContaining([
        'touch_event:double_tap',
        'phone_notification_dismissed',
        'vps_coordinates',
        'photo_taken',
        'touch_event:forward_swipe',
        'touch_event:backward_swipe',
      ]),
    );
    await user.touch('double_tap');
    await user.emit('phone_notification_dismissed', { notificationKey: 'k1' });
    await user.emit('vps_coordinates', { deviceModel: 'x', requestId: 'r', x: 1, y: 2, z: 3, qx: 0, qy: 0, qz: 0, qw: 1, confidence: 1 });
    await user.emit('photo_taken', { photoData: 'abc', mimeType: 'image/png' });
    await eventually(() => got.length === 4);
    expect(got).toEqual(['tap:double_tap', 'dismissed:k1', 'vps:1', 'photo:image/png']);
    off();
    await user.waitForSubscriptions((s) => s.length === 4);
  });

  test('settings shortcuts: getSettings, getSetting, updateSettingsForTesting, setSubscriptionSettings', async () => {
    const { user, session } = await h.start();
    expect(session.getSettings()).toHaveLength(2);
    expect(session.getSetting('lang')).toBe('en-US');
    let firstCalls = 0;
    session.setSubscriptionSettings({
      updateOnChange: ['captions', 'lang'],
      handler: (settings) => {
        firstCalls++;
        return settings.find((s) => s.key === 'captions')?.value ? [`transcription:${settings.find((s) => s.key === 'lang')?.value}`] : [];
      },
    });
    await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
    await user.updateSettings([
      { key: 'captions', value: true },
      { key: 'lang', value: 'fr-FR' },
    ]);
    expect(await user.waitForSubscriptions((s) => s.includes('transcription:fr-FR'))).toEqual(['transcription:fr-FR']);
    session.updateSettingsForTesting([
      { key: 'captions', value: false },
      { key: 'lang', value: 'fr-FR' },
    ]);
    expect(session.getSetting('captions')).toBe(false);
    expect(await user.waitForSubscriptions((s) => s.length === 0)).toEqual([]);
    // A second call replaces the first binding instead of stacking on it.
    const callsBefore = firstCalls;
    session.setSubscriptionSettings({ updateOnChange: ['lang'], handler: () => ['button_press'] });
    session.updateSettingsForTesting([
      { key: 'captions', value: true },
      { key: 'lang', value: 'de-DE' },
    ]);
    expect(await user.waitForSubscriptions((s) => s.includes('button_press'))).toEqual(['button_press']);
    expect(firstCalls).toBe(callsBefore);
  });

  test('config shortcuts: loadConfigFromJson, getConfig, getDefaultSettings, getSettingSchema', async () => {
    const { session } = await h.start();
    expect(session.getConfig()).toBeNull();
    expect(() => session.getDefaultSettings()).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    const config = session.loadConfigFromJson(CONFIG);
    expect(config.name).toBe('Demo');
    expect(session.getConfig()).toBe(config);
    expect(session.getDefaultSettings().map((s) => [s.key, s.value])).toEqual([
      ['captions', true],
      ['lang', 'en-US'],
    ]);
    expect(session.getSettingSchema('lang')).toMatchObject({ type: 'select' });
    expect(session.getSettingSchema('General')).toBeUndefined();
    expect(() => session.loadConfigFromJson('{"name": 1}')).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => session.loadConfigFromJson('not json')).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });

  test('sendMessage, releaseOwnership and disconnect({releaseOwnership}) send their messages', async () => {
    const { user, session } = await h.start();
    session.sendMessage({ type: 'custom_ping', packageName: 'com.example.app' });
    expect(await waitSent(user, 'custom_ping')).toMatchObject({ packageName: 'com.example.app', timestamp: expect.any(String) });
    await session.releaseOwnership('switching_clouds');
    expect(await waitSent(user, 'ownership_release')).toEqual({
      type: 'ownership_release',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      reason: 'switching_clouds',
      timestamp: expect.any(String),
    });
    await session.disconnect({ releaseOwnership: true, reason: 'clean_shutdown' });
    expect(user.sent('ownership_release').map((m) => m.reason)).toEqual(['switching_clouds', 'clean_shutdown']);
    expect(session.state).toBe('closed');
  });
});
