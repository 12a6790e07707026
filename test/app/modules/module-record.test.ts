/**
 * What a session records from incoming messages before any module is created, read back through modules
 * created late: device fields value by value (each type taken or ignored, `null` clearing what it may), the
 * glasses' connection state, the dashboard's mode, and which messages count as known (no "Ignored" line).
 */
import type { AppSession } from '../../../src';
import type { SimulatedUser } from '../../../src/testing';
import { eventually } from '../../helpers/apps';
import { FULL_DEVICE_STATE, harness } from '../../helpers/modules';

const VALID = FULL_DEVICE_STATE;

/** Each field with a value of another type: a number for text, text for booleans and numbers. */
const WRONG_TYPES = Object.fromEntries(Object.entries(VALID).map(([k, v]) => [k, typeof v === 'string' ? 7 : String(v)]));

/**
 * Resolves once every message sent before has been handled (frames are handled in order, and this one last),
 * reading it through the dashboard (by default) or the device state: the other module is not created.
 */
async function handled(user: SimulatedUser, session: AppSession, via: 'dashboard' | 'device' = 'dashboard'): Promise<void> {
  if (via === 'dashboard') {
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: true });
    await eventually(() => session.dashboard.content.isAlwaysOnEnabled() === true, 20_000, 'the messages sent before');
  } else {
    await user.sendMessage({ type: 'device_state_update', state: { caseBatteryLevel: 42 } });
    await eventually(() => session.device.state.caseBatteryLevel.value === 42, 20_000, 'the messages sent before');
  }
}

describe('the session record read by modules created late', () => {
  const h = harness();

  test('device fields: each of the right type is kept, every other ignored, and null clears all but connected and wifiConnected', async () => {
    const { user, session } = await h.start();
    await user.sendMessage({ type: 'device_state_update', state: VALID, fullSnapshot: true });
    await user.sendMessage({ type: 'device_state_update', state: WRONG_TYPES });
    const nulls = Object.fromEntries(Object.keys(VALID).map((k) => [k, null]));
    await user.sendMessage({ type: 'device_state_update', state: { ...nulls, batteryLevel: 12 } });
    await handled(user, session);
    // a field cleared to null is left out of the snapshot
    expect(session.device.state.getSnapshot()).toEqual({ connected: true, wifiConnected: true, batteryLevel: 12 });
    expect(session.device.state.modelName.value).toBeNull();
  });

  test('the last update of each type wins, field by field', async () => {
    const { user, session } = await h.start();
    await user.sendMessage({ type: 'device_state_update', state: VALID, fullSnapshot: true });
    await user.sendMessage({ type: 'device_state_update', state: WRONG_TYPES });
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 79 } });
    await handled(user, session);
    expect(session.device.state.getSnapshot()).toEqual({ ...VALID, batteryLevel: 79 });
  });

  test('a device state that is missing, null, text, a number or a list changes nothing and reports no error', async () => {
    const { user, session, errors, logger } = await h.startWatched();
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 50 } });
    for (const state of [null, 'batteryLevel', 12, [1, 2]]) await user.sendMessage({ type: 'device_state_update', state });
    await user.sendMessage({ type: 'device_state_update' });
    await handled(user, session);
    expect(session.device.state.batteryLevel.value).toBe(50);
    expect(errors).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  test("the glasses' connection state is taken only from its own stream, and only as an object", async () => {
    const { user, session } = await h.start();
    await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'CONNECTED', wifi: { connected: true, ssid: 'office' } });
    await user.emit('transcription', { text: 'hi', isFinal: true, wifi: { connected: false, ssid: 'other' } });
    await user.emit('glasses_connection_state', 'CONNECTED');
    await user.emit('glasses_connection_state', null);
    await handled(user, session);
    expect(session.getWifiStatus()).toEqual({ connected: true, ssid: 'office' });
  });

  test.each(['main', 'none'])("the dashboard mode '%s' is recorded", async (mode) => {
    const { user, session } = await h.start();
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: mode === 'main' ? 'expanded' : 'main' });
    await user.sendMessage({ type: 'dashboard_mode_changed', mode });
    await handled(user, session, 'device');
    expect(await session.dashboard.content.getCurrentMode()).toBe(mode);
  });

  test('messages the record keeps are known even with no listener; another type is logged as ignored', async () => {
    const { user, logger } = await h.startWatched({ logLevel: 'debug' });
    for (const message of [
      { type: 'pong' },
      { type: 'dashboard_mode_changed', mode: 'main' },
      { type: 'dashboard_always_on_changed', enabled: true },
      { type: 'device_state_update', state: { batteryLevel: 3 } },
      { type: 'stream_status_check_response', hasActiveStream: false },
      { type: 'something_new' },
    ]) {
      await user.sendMessage(message);
    }
    const ignored = () => logger.lines.filter((l) => l.level === 'debug' && l.text.startsWith('Ignored a message of unknown type'));
    await eventually(() => ignored().length > 0, 20_000, 'the ignored message');
    expect(ignored().map((l) => l.text)).toEqual(['Ignored a message of unknown type "something_new"']);
  });
});
