/**
 * The session's WiFi members hand over to the session's parts: the app's own device state (once the app
 * has created `session.device`) feeds `getWifiStatus`/`isWifiConnected`, and the members are ordinary
 * prototype methods an app or a test double can replace.
 */
import { AppSession } from '../../src';
import { harness } from '../helpers/modules';

const DELEGATED = [
  'getWifiStatus',
  'isWifiConnected',
  'requestWifiSetup',
  'onGlassesConnectionState',
  'loadConfigFromJson',
  'getConfig',
  'getDefaultSettings',
  'getSettingSchema',
];

describe('session-delegations: the session-level WiFi and config members', () => {
  const h = harness();

  test("the WiFi members read the app's device state once the app has created it", async () => {
    const { session } = await h.start();
    expect(session.getWifiStatus()).toBeNull();
    expect(session.isWifiConnected()).toBe(false);

    const state = session.device.state;
    state.wifiConnected.setValue(true);
    state.wifiSsid.setValue('lab');
    expect(session.getWifiStatus()).toEqual({ connected: true, ssid: 'lab' });
    expect(session.isWifiConnected()).toBe(true);

    state.wifiConnected.setValue(false);
    expect(session.getWifiStatus()).toEqual({ connected: false, ssid: 'lab' });
    expect(session.isWifiConnected()).toBe(false);
  });

  test('every member is a replaceable, non-enumerable method of AppSession.prototype', async () => {
    for (const name of DELEGATED) {
      expect(Object.getOwnPropertyDescriptor(AppSession.prototype, name)).toEqual({
        value: expect.any(Function),
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
    const { session } = await h.start();
    const other = (await h.start()).session;
    // An app (or a test double) can replace a member on one session; the others keep the shared one.
    session.getWifiStatus = () => ({ connected: true, ssid: 'stub' });
    expect(session.getWifiStatus()).toEqual({ connected: true, ssid: 'stub' });
    expect(other.getWifiStatus()).toBeNull();
  });
});
