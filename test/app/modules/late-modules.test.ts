/**
 * Modules are created on first access. A module first touched after its messages arrived must report what
 * a module created at session start reports: each test drives an "eager" session (modules touched at
 * once) and a "late" one (touched only at the end) with the same messages over real sockets.
 */
import { coreOf } from '../../../src/app/session';
import type { AppSession } from '../../../src';
import type { SimulatedUser } from '../../../src/testing';
import { eventually } from '../../helpers/apps';
import { harness } from '../../helpers/modules';

describe('modules created on first use see the state from earlier messages', () => {
  const h = harness();

  async function pair(): Promise<{ eager: { user: SimulatedUser; session: AppSession }; late: { user: SimulatedUser; session: AppSession } }> {
    await h.useCloud();
    const eager = await h.start({}, { userId: 'eager@example.com' });
    const late = await h.start({}, { userId: 'late@example.com' });
    return { eager, late };
  }

  test('device state after device_state_update and glasses_connection_state (and WiFi from it)', async () => {
    const { eager, late } = await pair();
    const eagerState = eager.session.device.state;
    const seen: unknown[] = [];
    eagerState.batteryLevel.onChange((v) => void seen.push(v));
    const lateSession = late.session as unknown as { _device?: unknown; _wifi?: unknown };
    expect(lateSession._device).toBeUndefined();
    for (const { user } of [eager, late]) {
      await user.sendMessage({
        type: 'device_state_update',
        state: { connected: true, modelName: 'Mentra Live', batteryLevel: 80, wifiConnected: true, wifiSsid: 'home' },
        fullSnapshot: true,
      });
      await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 'full', charging: true, caseOpen: null, connected: null } });
      await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 61, wifiSsid: null } });
    }
    await eventually(() => eagerState.batteryLevel.value === 61);
    await eventually(() => coreOf(late.session).moduleState.device.batteryLevel === 61);
    // WiFi before any glasses_connection_state falls back to the device fields, without creating the device state.
    expect(late.session.getWifiStatus()).toEqual(eager.session.getWifiStatus());
    expect(late.session.getWifiStatus()).toEqual({ connected: true, ssid: null });
    expect(lateSession._device).toBeUndefined();
    const lateState = late.session.device.state;
    expect(lateState.getSnapshot()).toEqual(eagerState.getSnapshot());
    for (const key of ['connected', 'modelName', 'wifiConnected', 'wifiSsid', 'batteryLevel', 'charging', 'caseOpen', 'caseRemoved'] as const) {
      expect([key, lateState[key].value, lateState[key].isKnown]).toEqual([key, eagerState[key].value, eagerState[key].isKnown]);
    }
    const lateSeen: unknown[] = [];
    lateState.batteryLevel.onChange((v) => void lateSeen.push(v));
    expect(lateSeen).toEqual([61]);
    expect(seen).toEqual([80, 61]);

    for (const { user } of [eager, late]) {
      await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'CONNECTED', wifi: { connected: false, ssid: 'cafe' } });
    }
    await eventually(() => eager.session.getWifiStatus()?.ssid === 'cafe');
    await eventually(() => late.session.getWifiStatus()?.ssid === 'cafe');
    expect(late.session.getWifiStatus()).toEqual({ connected: false, ssid: 'cafe' });
    expect(late.session.isWifiConnected()).toBe(false);
  });

  test('WiFi status from glasses_connection_state with no module touched before', async () => {
    const { eager, late } = await pair();
    expect(eager.session.getWifiStatus()).toBeNull();
    for (const { user } of [eager, late]) {
      await user.emit('glasses_connection_state', { modelName: 'Mentra Live', status: 'CONNECTED', wifi: { connected: true, ssid: 'office' } });
    }
    await eventually(() => eager.session.isWifiConnected());
    await eventually(() => coreOf(late.session).moduleState.glassesConnection !== undefined);
    expect(late.session.getWifiStatus()).toEqual({ connected: true, ssid: 'office' });
    expect(late.session.isWifiConnected()).toBe(true);
  });

  test('dashboard mode and always-on after their change messages', async () => {
    const { eager, late } = await pair();
    const eagerContent = eager.session.dashboard.content;
    expect((late.session as unknown as { _dashboard?: unknown })._dashboard).toBeUndefined();
    for (const { user } of [eager, late]) {
      await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'expanded' });
      await user.sendMessage({ type: 'dashboard_mode_changed', mode: 42 });
      await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: true });
      await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: 'yes' });
    }
    await eventually(() => eagerContent.isAlwaysOnEnabled() === true);
    await eventually(() => coreOf(late.session).moduleState.dashboardAlwaysOn === true);
    const lateContent = late.session.dashboard.content;
    expect(await lateContent.getCurrentMode()).toBe(await eagerContent.getCurrentMode());
    expect(await lateContent.getCurrentMode()).toBe('expanded');
    expect(lateContent.isAlwaysOnEnabled()).toBe(true);
    expect(late.session.dashboard.system).toBeUndefined();
    // A late module follows later changes as an early one does (a repeated mode is not a change).
    const modes: unknown[] = [];
    lateContent.onModeChange((m) => void modes.push(m));
    await late.user.sendMessage({ type: 'dashboard_mode_changed', mode: 'expanded' });
    await late.user.sendMessage({ type: 'dashboard_mode_changed', mode: 'main' });
    await eventually(() => modes.length === 1);
    expect(modes).toEqual(['main']);
  });

  test('camera: stream status before the first access, and status handlers that need no camera', async () => {
    const { eager, late } = await pair();
    const eagerCamera = eager.session.camera;
    const lateSession = late.session as unknown as { _camera?: unknown };
    const viaEvents: unknown[] = [];
    late.session.events.on('managed_stream_status', (m: { status: string }) => void viaEvents.push(m.status));
    await late.user.waitForSubscriptions((s) => s.includes('managed_stream_status'));
    const active = { type: 'managed_stream_status', status: 'active', streamId: 's1', hlsUrl: 'https://h/s1.m3u8', dashUrl: 'https://h/s1.mpd' };
    for (const { user } of [eager, late]) {
      await user.sendMessage({ type: 'rtmp_stream_status', status: 'streaming', streamId: 'r1' });
      await user.sendMessage({ type: 'managed_stream_status', status: 'initializing', streamId: 's1' });
      await user.sendMessage(active);
      await user.sendMessage(active);
    }
    await eventually(() => eagerCamera.getManagedStreamUrls() !== undefined);
    await eventually(() => viaEvents.length === 2);
    expect(viaEvents).toEqual(['initializing', 'active']);
    expect(lateSession._camera).toBeUndefined();
    const lateCamera = late.session.camera;
    expect(lateCamera.getStreamStatus()).toEqual(eagerCamera.getStreamStatus());
    expect(lateCamera.getStreamStatus()).toMatchObject({ status: 'streaming', streamId: 'r1' });
    expect(lateCamera.isCurrentlyStreaming()).toBe(eagerCamera.isCurrentlyStreaming());
    expect(lateCamera.isManagedStreamActive()).toBe(true);
    expect(lateCamera.getManagedStreamUrls()).toEqual(eagerCamera.getManagedStreamUrls());
    expect(lateCamera.getManagedStreamUrls()).toMatchObject({ hlsUrl: 'https://h/s1.m3u8', streamId: 's1' });
    // A repeated status is still not a change for handlers added later.
    const later: unknown[] = [];
    lateCamera.onManagedStreamStatus((m) => void later.push(m.status));
    await late.user.sendMessage(active);
    await late.user.sendMessage({ type: 'managed_stream_status', status: 'stopped', streamId: 's1' });
    await eventually(() => later.length === 1);
    expect(later).toEqual(['stopped']);
    expect(lateCamera.isManagedStreamActive()).toBe(false);
  });

  test('camera: a photo is answered over the WebSocket whichever access created the camera', async () => {
    const { late } = await pair();
    const photo = late.session.camera.requestPhoto();
    const request = await late.user.waitForMessage((m) => m?.type === 'photo_request', 3000);
    expect(late.session.camera.hasPhotoPendingRequest(request.requestId)).toBe(true);
    await late.user.sendMessage({ type: 'photo_response', requestId: request.requestId, photoUrl: 'https://cdn.example/p/shot.jpg', savedToGallery: false });
    await expect(photo).resolves.toMatchObject({ requestId: request.requestId, photoUrl: 'https://cdn.example/p/shot.jpg', filename: 'shot.jpg', size: 0 });
    expect(late.session.camera.getPhotoPendingRequestCount()).toBe(0);
  });
});
