/**
 * What `session.led` and `session.location` do with the arguments an app written in JavaScript may pass:
 * the defaults that reach the wire, clear `invalid_argument` errors naming the bad value, and stopping a
 * location stream that was already replaced.
 */
import { SIMULATED_CAPABILITIES } from '../../../src/testing';
import { eventually } from '../../helpers/apps';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

describe('session.led arguments', () => {
  const h = harness();

  test('turnOn() with no options sends the defaults: red, 1000 ms on, 0 off, once', async () => {
    const { user, session } = await h.start();
    await session.led.turnOn();
    const sent = await waitSent(user, 'rgb_led_control');
    expect(sent).toMatchObject({ action: 'on', color: 'red', ontime: 1000, offtime: 0, count: 1 });
  });

  test('each timing must be a finite number of at least 0; the error names it and the value', async () => {
    const { session } = await h.start();
    const cases: [Record<string, unknown>, string][] = [
      [{ ontime: -1 }, 'LED ontime must be a number of at least 0 (got -1)'],
      [{ offtime: Number.POSITIVE_INFINITY }, 'LED offtime must be a number of at least 0 (got null)'],
      [{ count: '3' }, 'LED count must be a number of at least 0 (got "3")'],
      [{ count: Number.NaN }, 'LED count must be a number of at least 0 (got null)'],
    ];
    for (const [options, message] of cases) {
      const err = await sdkRejection(session.led.turnOn(options as never), 'invalid_argument');
      expect(err.message).toBe(message);
    }
    await expect(session.led.turnOn({ ontime: 0, offtime: 0, count: 0 })).resolves.toBeUndefined();
  });

  test('getCapabilities is empty when the glasses report capabilities without LEDs', async () => {
    const { light: _none, ...withoutLight } = SIMULATED_CAPABILITIES as typeof SIMULATED_CAPABILITIES & { light?: unknown };
    await h.useCloud({ capabilities: { ...withoutLight, hasLight: false } });
    const { session } = await h.start();
    expect(session.led.getCapabilities()).toEqual([]);
  });
});

describe('session.location arguments', () => {
  const h = harness();

  test('an accuracy is required, and a handler must be a function', async () => {
    const { session } = await h.start();
    const noAccuracy = /Location needs an accuracy such as "standard", "high" or "realtime"/;
    expect(() => session.location.subscribeToStream(undefined as never)).toThrow(noAccuracy);
    expect(() => session.location.subscribeToStream({ accuracy: '' })).toThrow(noAccuracy);
    expect(() => session.location.subscribeToStream({ accuracy: 'high' }, 'not a function' as never)).toThrow(
      expect.objectContaining({ code: 'invalid_argument', message: 'subscribeToStream needs a handler function' }),
    );
    const err = await sdkRejection(session.location.getLatestLocation(undefined as never), 'invalid_argument');
    expect(err.message).toMatch(noAccuracy);
  });

  test('unsubscribeFromStream with no stream does nothing; a stop function of a replaced stream leaves the new one', async () => {
    const { user, session } = await h.start();
    expect(() => session.location.unsubscribeFromStream()).not.toThrow();
    const first = session.location.subscribeToStream({ accuracy: 'high' }, () => {});
    session.location.subscribeToStream({ accuracy: 'realtime' }, () => {});
    await user.waitForSubscriptions((s) => s.some((x) => typeof x === 'object' && x.rate === 'realtime'));
    first();
    // a later change of subscriptions shows the realtime stream still there
    session.events.onButtonPress(() => {});
    const subs = await user.waitForSubscriptions((s) => s.includes('button_press'));
    expect(subs).toEqual(expect.arrayContaining([{ stream: 'location_stream', rate: 'realtime' }, 'location_update']));
  });
});

describe('session WiFi helpers, the edges', () => {
  const h = harness();

  test('a connection state without a WiFi verdict falls back to the recorded device state, ssid included', async () => {
    const { user, session } = await h.start();
    await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'CONNECTED', wifi: { ssid: 'office' } });
    // Frames are handled in order: once this one counts, the connection state before it has been recorded.
    await user.sendMessage({ type: 'device_state_update', state: { wifiConnected: true, wifiSsid: 'home' } });
    await eventually(() => session.getWifiStatus()?.ssid === 'home', 20_000, 'the recorded WiFi status');
    expect(session.getWifiStatus()).toEqual({ connected: true, ssid: 'home' });
  });

  test('glasses that report no capabilities have no WiFi status', async () => {
    await h.useCloud({ capabilities: null });
    const { user, session } = await h.start();
    await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'CONNECTED', wifi: { connected: true, ssid: 'office' } });
    await user.sendMessage({ type: 'device_state_update', state: { wifiConnected: true } });
    await eventually(() => session.device.state.wifiConnected.value === true, 20_000, 'the device state update');
    expect(session.getWifiStatus()).toBeNull();
    expect(session.isWifiConnected()).toBe(false);
  });

  test('requestWifiSetup on a session that has ended throws session_closed', async () => {
    const { session } = await h.start();
    await session.disconnect();
    expect(() => session.requestWifiSetup('Photos need WiFi')).toThrow(
      expect.objectContaining({ code: 'session_closed', message: 'Cannot request WiFi set-up: the session has ended' }),
    );
  });
});
