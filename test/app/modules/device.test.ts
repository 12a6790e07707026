import { SIMULATED_CAPABILITIES } from '../../../src/testing';
import { Observable } from '../../../src';
import { eventually } from '../../helpers/apps';
import { harness, waitSent } from '../../helpers/modules';

describe('device state, capabilities and WiFi', () => {
  const h = harness();

  test('device_state_update feeds session.device.state observables and getSnapshot()', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    const state = session.device.state;
    const battery: Array<number | null> = [];
    state.batteryLevel.onChange((v) => void battery.push(v));
    expect(state.batteryLevel.value).toBeNull();
    await user.sendMessage({
      type: 'device_state_update',
      state: { connected: true, modelName: 'Mentra Live', batteryLevel: 80, wifiConnected: true, wifiSsid: 'home' },
      fullSnapshot: true,
    });
    await eventually(() => state.batteryLevel.value === 80);
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 80, charging: true } });
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 'full' } });
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 79 } });
    await eventually(() => state.batteryLevel.value === 79);
    expect(battery).toEqual([80, 79]);
    expect(state.getSnapshot()).toEqual({ connected: true, modelName: 'Mentra Live', wifiConnected: true, wifiSsid: 'home', batteryLevel: 79, charging: true });
    const late: unknown[] = [];
    state.modelName.onChange((v) => void late.push(v));
    expect(late).toEqual(['Mentra Live']);
  });

  test('pitfall 7.2.11: Observable truthiness: test .value (the object is always truthy); valueOf and template strings see the value', () => {
    const o = new Observable<boolean>(false);
    expect(Boolean(o)).toBe(true);
    expect(o.value).toBe(false);
    expect(o.valueOf()).toBe(false);
    const n = new Observable<number>(41);
    expect(+n + 1).toBe(42);
    expect(`${n}`).toBe('41');
    const calls: number[] = [];
    n.onChange((v) => void calls.push(v));
    n.setValue(41); // first set notifies
    n.setValue(41);
    n.setValue(7);
    expect(calls).toEqual([41, 7]);
  });

  test('capabilities come from the ack and capabilities_update (with events.onCapabilitiesUpdate)', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    expect(session.capabilities).toMatchObject({ modelName: 'Simulated Glasses', hasWifi: true });
    const updates: unknown[] = [];
    session.events.onCapabilitiesUpdate((u) => void updates.push(u.modelName));
    const next = { ...SIMULATED_CAPABILITIES, modelName: 'Even Realities G1', hasWifi: false };
    await user.sendMessage({ type: 'capabilities_update', capabilities: next, modelName: 'Even Realities G1' });
    await eventually(() => updates.length === 1);
    expect(session.capabilities?.modelName).toBe('Even Realities G1');
    expect(updates).toEqual(['Even Realities G1']);
  });

  test('WiFi helpers: status from glasses_connection_state (cached without a handler), requestWifiSetup, onGlassesConnectionState', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    expect(session.getWifiStatus()).toBeNull();
    expect(session.isWifiConnected()).toBe(false);
    await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'CONNECTED', wifi: { connected: true, ssid: 'office' } });
    await eventually(() => session.isWifiConnected());
    expect(session.getWifiStatus()).toEqual({ connected: true, ssid: 'office' });
    const states: string[] = [];
    session.onGlassesConnectionState((s) => void states.push(s.status));
    await user.waitForSubscriptions((s) => s.includes('glasses_connection_state'));
    await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'DISCONNECTED', wifi: { connected: false } });
    await eventually(() => states.length === 1);
    expect(session.getWifiStatus()).toEqual({ connected: false, ssid: null });
    session.requestWifiSetup('Photos need WiFi');
    expect(await waitSent(user, 'request_wifi_setup')).toEqual({
      type: 'request_wifi_setup',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      reason: 'Photos need WiFi',
      timestamp: expect.any(String),
    });
  });

  test('getWifiStatus is null for glasses without WiFi', async () => {
    await h.useCloud({ capabilities: { ...SIMULATED_CAPABILITIES, hasWifi: false } });
    const { user, session } = await h.start();
    await user.emit('glasses_connection_state', { modelName: 'G1', status: 'CONNECTED', wifi: { connected: true } });
    await user.sendMessage({ type: 'device_state_update', state: { wifiConnected: true } });
    await eventually(() => session.device.state.wifiConnected.value);
    expect(session.getWifiStatus()).toBeNull();
  });
});
