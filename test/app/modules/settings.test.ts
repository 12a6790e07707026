import { eventually } from '../../helpers/apps';
import { harness, sdkRejection } from '../../helpers/modules';

describe('session.settings: MentraOS system settings', () => {
  const h = harness();

  test.each(['mentraos', 'augmentos'] as const)('the initial snapshot is read from the %s ack key', async (dialect) => {
    await h.useCloud({ dialect, systemSettings: { metricSystemEnabled: true, brightness: 80 } });
    const { session } = await h.start();
    expect(session.settings.getMentraOS('metricSystemEnabled')).toBe(true);
    expect(session.settings.getMentraosSetting('brightness')).toBe(80);
    expect(session.settings.getMentraOS('missing', 'fallback')).toBe('fallback');
  });

  test('augmentos_settings_update reaches onMentraosChange and onMentraosSettingChange', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    const seen: unknown[] = [];
    session.settings.onMentraosChange('brightness', (v, old) => void seen.push(['change', v, old]));
    session.settings.onMentraosSettingChange('brightness', (v) => void seen.push(['setting', v]));
    await user.updateSystemSettings({ brightness: 20 });
    await eventually(() => seen.length === 2);
    expect(seen).toEqual([
      ['change', 20, 50],
      ['setting', 20],
    ]);
    session.settings.updateMentraosSettings({ brightness: 30, headUpAngle: 20 });
    expect(session.settings.getMentraOS('brightness')).toBe(30);
    expect(seen).toHaveLength(4);
  });

  test('pitfall 7.2.11: the unsubscribe of onMentraosSettingChange really unsubscribes', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    const seen: unknown[] = [];
    const off = session.settings.onMentraosSettingChange('brightness', (v) => void seen.push(v));
    session.settings.onMentraosChange('brightness', (v) => void seen.push(`other:${v}`));
    off();
    await user.updateSystemSettings({ brightness: 5 });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual(['other:5']);
  });

  test('pitfall 7.2.6: settings_update arrays never leak into the MentraOS settings', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    const systemChanges: unknown[] = [];
    session.settings.onMentraosChange('0', (v) => void systemChanges.push(v));
    await user.updateSettings([
      { key: 'units', value: 'metric' },
      { key: 'mode', value: 'fast' },
    ]);
    await eventually(() => session.settings.get('units') === 'metric');
    expect(session.settings.getMentraOS('0')).toBeUndefined();
    expect(session.settings.getMentraOS('1')).toBeUndefined();
    expect(session.settings.getMentraOS('units')).toBeUndefined();
    expect(systemChanges).toEqual([]);
    expect(session.settings.getMentraOS('brightness')).toBe(50);
  });

  test('pitfall 7.2.10: fetch() authenticates with the user id, never the session id, and rejects once ended', async () => {
    await h.useCloud({ settings: [{ key: 'units', type: 'select', value: 'imperial' }] });
    const { user, session } = await h.start();
    expect(await session.settings.fetch()).toEqual([{ key: 'units', type: 'select', value: 'imperial' }]);
    const call = h.cloud.httpRequests.find((r) => r.path.endsWith(`/user/${session.getPackageName()}`))!;
    expect(call.authorization).toBe(`Bearer ${user.userId}`);
    expect(call.authorization).not.toContain(user.sessionId);
    await user.stop();
    await sdkRejection(session.settings.fetch(), 'session_closed');
  });
});
