/**
 * `DeviceState` field by field (the published `new DeviceState()` / `new DeviceState(session)` form, and what
 * `device_state_update` feeds it): each field takes a value of its own type or `null`, ignores any other, keeps
 * its value when absent, and `getSnapshot()` lists only the known values.
 */
import { DeviceState } from '../../../src';
import { eventually } from '../../helpers/apps';
import { FULL_DEVICE_STATE, harness } from '../../helpers/modules';

const FULL = FULL_DEVICE_STATE;

/** Each field's observable, by the field's name. */
const fieldsOf = (s: DeviceState) =>
  Object.fromEntries(Object.keys(FULL).map((k) => [k, (s as unknown as Record<string, { value: unknown; isKnown: boolean }>)[k]!]));

describe('DeviceState fields', () => {
  test('a new DeviceState knows nothing: two booleans read false, the rest null, and the snapshot says only the booleans', () => {
    const s = new DeviceState();
    const values = Object.fromEntries(Object.entries(fieldsOf(s)).map(([k, o]) => [k, o.value]));
    expect(values).toEqual({
      connected: false,
      modelName: null,
      wifiConnected: false,
      wifiSsid: null,
      wifiLocalIp: null,
      batteryLevel: null,
      charging: null,
      caseBatteryLevel: null,
      caseCharging: null,
      caseOpen: null,
      caseRemoved: null,
      hotspotEnabled: null,
      hotspotSsid: null,
    });
    expect(Object.values(fieldsOf(s)).some((o) => o.isKnown)).toBe(false);
    expect(s.getSnapshot()).toStrictEqual({ connected: false, wifiConnected: false });
  });

  test('every field takes a value of its type, and the snapshot lists them all', () => {
    const s = new DeviceState();
    s.updateFromMessage(FULL);
    const values = Object.fromEntries(Object.entries(fieldsOf(s)).map(([k, o]) => [k, o.value]));
    expect(values).toEqual(FULL);
    expect(s.getSnapshot()).toEqual(FULL);
  });

  test('a value of the wrong type is ignored, an absent field keeps its value', () => {
    const s = new DeviceState();
    s.updateFromMessage(FULL);
    const wrong = {
      connected: 'yes',
      modelName: 7,
      wifiConnected: 1,
      wifiSsid: true,
      wifiLocalIp: 12,
      batteryLevel: '80',
      charging: 'no',
      caseBatteryLevel: '55',
      caseCharging: 0,
      caseOpen: 'open',
      caseRemoved: 1,
      hotspotEnabled: 'on',
      hotspotSsid: false,
    };
    s.updateFromMessage(wrong as never);
    s.updateFromMessage({});
    expect(s.getSnapshot()).toEqual(FULL);
  });

  test('null clears a field (except the two booleans, which take booleans only); the snapshot leaves it out', () => {
    const s = new DeviceState();
    s.updateFromMessage(FULL);
    const cleared = Object.fromEntries(Object.keys(FULL).map((k) => [k, null]));
    s.updateFromMessage(cleared as never);
    expect(s.getSnapshot()).toStrictEqual({ connected: true, wifiConnected: true });
    expect(s.batteryLevel.value).toBeNull();
    expect(s.batteryLevel.isKnown).toBe(true);
  });

  test('listeners hear each change once, and not a repeat of the same value', () => {
    const s = new DeviceState();
    const heard: unknown[] = [];
    s.caseOpen.onChange((v) => heard.push(v));
    s.updateFromMessage({ caseOpen: true });
    s.updateFromMessage({ caseOpen: true });
    s.updateFromMessage({ caseOpen: false });
    expect(heard).toEqual([true, false]);
  });
});

describe('session.device.state and the wire', () => {
  const h = harness();

  test('a device_state_update whose state is not an object is dropped; a throwing listener reaches the session error listeners', async () => {
    const { user, session } = await h.start();
    const state = session.device.state;
    const errors: Error[] = [];
    session.events.onError((e) => void errors.push(e as Error));
    state.batteryLevel.onChange(() => {
      throw new Error('listener failed');
    });
    for (const bad of [null, [{ batteryLevel: 5 }], 'full', 42]) await user.sendMessage({ type: 'device_state_update', state: bad });
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 64 } });
    await eventually(() => state.batteryLevel.value === 64);
    expect(errors.map((e) => e.message)).toEqual(['listener failed']);
    expect(state.getSnapshot()).toStrictEqual({ connected: false, wifiConnected: false, batteryLevel: 64 });
  });
});
