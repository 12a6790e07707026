/**
 * Type-level contract: code written against the `@mentra/sdk` 2.1.29 signatures compiles against ours
 * (checked by `npm run typecheck`; never run). Each assignment pins a published signature.
 */
import {
  AnimationUtils,
  AppServer,
  BitmapUtils,
  DashboardMode,
  Observable,
  StreamType,
  type AnimationController,
  type AppSession,
  type AudioPlayResult,
  type BitmapValidation,
  type Capabilities,
  type DeviceState,
  type LocationUpdate,
  type ManagedStreamResult,
  type ManagedStreamStatus,
  type PhotoData,
  type RtmpStreamStatus,
} from '@mentraos/sdk';

type Unsub = () => void;

export async function modernApp(session: AppSession): Promise<void> {
  // dashboard
  session.dashboard.content.write('text', [DashboardMode.MAIN, DashboardMode.EXPANDED]);
  session.dashboard.content.writeToMain('main');
  session.dashboard.content.writeToExpanded('expanded');
  const mode: DashboardMode | 'none' = await session.dashboard.content.getCurrentMode();
  const offMode: Unsub = session.dashboard.content.onModeChange((m: DashboardMode | 'none') => void m);
  session.dashboard.system?.setTopLeft('x');
  session.dashboard.system?.setViewMode(DashboardMode.EXPANDED);

  // settings
  const metric: boolean = session.settings.getMentraOS<boolean>('metricSystemEnabled', false);
  const bright: number = session.settings.getMentraosSetting<number>('brightness', 50);
  const offSetting: Unsub = session.settings.onMentraosSettingChange<number>('brightness', (n: number, o: number) => void [n, o]);
  const offLegacy: Unsub = session.settings.onMentraosSettingsChange('brightness', () => {});
  session.settings.onMentraosChange<boolean>('metricSystemEnabled', (v) => void v);
  session.settings.updateMentraosSettings({ brightness: 10 });
  const fetched = await session.settings.fetch();

  // camera
  const photo: PhotoData = await session.camera.requestPhoto({
    saveToGallery: true,
    size: 'small',
    compress: 'heavy',
    customWebhookUrl: 'https://x',
    authToken: 't',
  });
  const bytes: Buffer = photo.buffer;
  const pending: boolean = session.camera.hasPhotoPendingRequest(photo.requestId);
  const cancelled: boolean = session.camera.cancelPhotoRequest(photo.requestId);
  const cancelledAll: number = session.camera.cancelAllPhotoRequests();
  await session.camera.startStream({
    rtmpUrl: 'rtmp://x',
    video: { width: 1, height: 1, bitrate: 1, frameRate: 1 },
    audio: { bitrate: 1, sampleRate: 1 },
    stream: { durationLimit: 1 },
  });
  await session.camera.stopStream();
  const streaming: boolean = session.camera.isCurrentlyStreaming();
  const url: string | undefined = session.camera.getCurrentStreamUrl();
  const status: RtmpStreamStatus | undefined = session.camera.getStreamStatus();
  const offStatus: Unsub = session.camera.onStreamStatus((s: RtmpStreamStatus) => void s.status);
  const urls: ManagedStreamResult = await session.camera.startManagedStream({
    quality: '1080p',
    enableWebRTC: true,
    restreamDestinations: [{ url: 'rtmp://y' }],
  });
  const hls: string = urls.hlsUrl;
  await session.camera.stopManagedStream();
  const offManaged: Unsub = session.camera.onManagedStreamStatus((s: ManagedStreamStatus) => void s.hlsUrl);
  const managedActive: boolean = session.camera.isManagedStreamActive();
  const existing: { hasActiveStream: boolean } = await session.camera.checkExistingStream();

  // audio
  const played: AudioPlayResult = await session.audio.playAudio({ audioUrl: 'https://a', volume: 0.5, stopOtherAudio: false, trackId: 1 });
  const spoken: AudioPlayResult = await session.audio.speak('hi', { voice_id: 'v', model_id: 'm', voice_settings: { stability: 0.5, speed: 1 } });
  session.audio.stopAudio();
  session.audio.stopAudio(2);
  const audioPending: boolean = session.audio.hasPendingRequest();
  const ids: string[] = session.audio.getPendingRequestIds();
  const count: number = session.audio.getPendingRequestCount() + session.audio.cancelAllAudioRequests();
  const one: boolean = session.audio.cancelAudioRequest('id');

  // led
  await session.led.turnOn({ color: 'red', ontime: 1, offtime: 1, count: 1 });
  await session.led.turnOff();
  await session.led.blink('green', 1, 1, 1);
  await session.led.solid('blue', 1);
  const lights: Array<{ id: string; purpose: string; isFullColor: boolean }> = session.led.getCapabilities();

  // location
  const offLocation: Unsub = session.location.subscribeToStream({ accuracy: 'tenMeters' }, (l: LocationUpdate) => void [l.lat, l.lng]);
  session.location.unsubscribeFromStream();
  const fix: LocationUpdate = await session.location.getLatestLocation({ accuracy: 'high' });

  // simple storage
  const value: string | undefined = await session.simpleStorage.get('k');
  await session.simpleStorage.set('k', 'v');
  await session.simpleStorage.setMultiple({ a: 'b' });
  const deleted: boolean = (await session.simpleStorage.delete('k')) && (await session.simpleStorage.clear());
  const keys: string[] = await session.simpleStorage.keys();
  const size: number = await session.simpleStorage.size();
  const has: boolean = await session.simpleStorage.hasKey('k');
  const all: Record<string, string> = await session.simpleStorage.getAllData();
  await session.simpleStorage.flush();

  // device state, capabilities, WiFi
  const state: DeviceState = session.device.state;
  const wifi: boolean = state.wifiConnected.value;
  const level: number | null = state.batteryLevel.value;
  const offBattery: Unsub = state.batteryLevel.onChange((n: number | null) => void n);
  const snapshot: { batteryLevel?: number } = state.getSnapshot();
  const caps: Capabilities | null = session.capabilities;
  const wifiStatus: { connected: boolean; ssid?: string | null } | null = session.getWifiStatus();
  const wifiOn: boolean = session.isWifiConnected();
  session.requestWifiSetup('why');
  const offConn: Unsub = session.onGlassesConnectionState((s: any) => void s);

  // deprecated session shortcuts
  const offTouch: Unsub = session.onTouchEvent('double_tap', () => {});
  const offGestures: Unsub = session.subscribeToGestures(['forward_swipe']);
  session.onPhoneNotificationDismissed(() => {});
  session.onVpsCoordinates(() => {});
  session.onPhotoTaken(() => {});
  const setting: string | undefined = session.getSetting<string>('k');
  session.getSettings();
  session.sendMessage({ type: 'display_event' });
  session.setSubscriptionSettings({ updateOnChange: ['k'], handler: () => [StreamType.TRANSCRIPTION] });
  session.updateSettingsForTesting([]);
  session.loadConfigFromJson('{}');
  session.getConfig();
  session.getDefaultSettings();
  session.getSettingSchema('k');
  await session.releaseOwnership('clean_shutdown');
  await session.disconnect({ releaseOwnership: true, reason: 'switching_clouds' });

  // utilities
  const validation: BitmapValidation = BitmapUtils.validateBase64Bitmap('');
  const padded: string = await BitmapUtils.padBase64Bitmap('', { left: 1, top: 1 });
  const frames: string[] = await BitmapUtils.loadBmpFrames('dir', 3, { filePattern: 'f_{i}.bmp', skipMissingFrames: true });
  const controller: AnimationController = AnimationUtils.createBitmapAnimationFromFrames(session, frames, { intervalMs: 100, repeat: true });
  const observed = new Observable<number>(1);

  void [
    mode,
    offMode,
    metric,
    bright,
    offSetting,
    offLegacy,
    fetched,
    bytes,
    pending,
    cancelled,
    cancelledAll,
    streaming,
    url,
    status,
    offStatus,
    hls,
    offManaged,
    managedActive,
    existing,
    played,
    spoken,
    audioPending,
    ids,
    count,
    one,
    lights,
    offLocation,
    fix,
    value,
    deleted,
    keys,
    size,
    has,
    all,
    wifi,
    level,
    offBattery,
    snapshot,
    caps,
    wifiStatus,
    wifiOn,
    offConn,
    offTouch,
    offGestures,
    setting,
    validation,
    padded,
    controller,
    observed,
    AppServer,
  ];
}
