/**
 * Modules across a reconnect: pending requests keep their correlation (anchors 1.18), and every module
 * sends on the new connection (anchors 1.1: modules hold the session, never a socket).
 */
import { harness, waitSent } from '../../helpers/modules';

const RECONNECT = { reconnect: { baseDelayMs: 20, maxDelayMs: 100 } };

describe('session modules across a reconnect', () => {
  const h = harness();

  test('pending photo, audio, location poll, managed stream and stream check resolve after the connection dropped', async () => {
    const { user, session } = await h.start(RECONNECT);
    const photo = session.camera.requestPhoto();
    const audio = session.audio.playAudio({ audioUrl: 'https://x/a.mp3' });
    const fix = session.location.getLatestLocation({ accuracy: 'high' });
    const live = session.camera.startManagedStream();
    const check = session.camera.checkExistingStream({ timeoutMs: 20_000 });
    const [photoReq, audioReq, pollReq] = await Promise.all(['photo_request', 'audio_play_request', 'location_poll_request'].map((t) => waitSent(user, t)));
    await Promise.all(['managed_stream_request', 'stream_status_check'].map((t) => waitSent(user, t)));

    user.dropConnection();
    await user.waitForConnections(2);
    await user.waitFor(() => (session.state === 'ready' ? true : undefined), 3000, 'the app to be ready again');

    expect((await user.answerPhoto(photoReq.requestId))!.status).toBe(200);
    await user.sendMessage({ type: 'audio_play_response', requestId: audioReq.requestId, success: true });
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    await user.emit('location_update', { lat: 1.5, lng: 2.5, correlationId: pollReq.correlationId });
    await user.sendMessage({ type: 'managed_stream_status', status: 'active', streamId: 's', hlsUrl: 'https://h', dashUrl: 'https://d' });
    await user.sendMessage({ type: 'stream_status_check_response', hasActiveStream: false });

    expect((await photo).requestId).toBe(photoReq.requestId);
    expect(await audio).toEqual({ success: true });
    expect(await fix).toMatchObject({ lat: 1.5, correlationId: pollReq.correlationId });
    expect(await live).toMatchObject({ hlsUrl: 'https://h', dashUrl: 'https://d' });
    expect(await check).toEqual({ hasActiveStream: false });
  });

  test('a request made while reconnecting is queued, sent after the ack and answered', async () => {
    const { user, session } = await h.start(RECONNECT);
    // The request goes out from the disconnect event itself, so it is made during the outage however fast the
    // reconnect is (polling for the reconnecting state raced reconnects that came back within a poll).
    let audio!: Promise<unknown>;
    const noticed = new Promise<boolean>((resolve) =>
      session.events.onDisconnected((info) => {
        audio = session.audio.playAudio({ audioUrl: 'https://x/queued.mp3' });
        resolve(info.willReconnect);
      }),
    );
    user.dropConnection();
    expect(await noticed).toBe(true);
    await user.waitForConnections(2);
    const req = await waitSent(user, 'audio_play_request');
    await user.sendMessage({ type: 'audio_play_response', requestId: req.requestId, success: true, duration: 2 });
    expect(await audio).toEqual({ success: true, duration: 2 });
  });

  test('a photo request outlives the replacement of its session (same sessionId) and resolves from the new upload', async () => {
    const { user, session } = await h.start(RECONNECT);
    const photo = session.camera.requestPhoto();
    const req = await waitSent(user, 'photo_request');
    const again = await h.cloud.startSession({ app: user.appUrl!, sessionId: user.sessionId, packageName: user.packageName });
    await user.waitFor(() => (session.state === 'closed' ? true : undefined), 3000, 'the old session to close');
    expect((await again.answerPhoto(req.requestId))!.status).toBe(200);
    expect((await photo).requestId).toBe(req.requestId);
  });

  test('anchors 1.1: after dropConnection and reconnect, every module sends on the new connection', async () => {
    const { user, session } = await h.start({ ...RECONNECT, packageName: 'system.augmentos.dashboard' });
    user.dropConnection();
    await user.waitForConnections(2);
    const inits = user.wire.map((r, i) => (r.dir === 'app->cloud' && r.msg.type === 'tpa_connection_init' ? i : -1)).filter((i) => i >= 0);
    const from = inits[inits.length - 1];
    const pending: Array<Promise<unknown>> = [];
    const keep = (p: Promise<unknown>) => void pending.push(p.catch(() => {}));

    session.layouts.showTextWall('after reconnect');
    session.dashboard.content.write('dash');
    session.dashboard.system!.setTopLeft('corner');
    keep(session.camera.requestPhoto());
    keep(session.camera.startStream({ rtmpUrl: 'rtmp://x/y' }));
    keep(session.camera.startManagedStream());
    keep(session.camera.checkExistingStream());
    keep(session.audio.playAudio({ audioUrl: 'https://x/a.mp3' }));
    session.audio.stopAudio();
    keep(session.led.turnOn({ color: 'green' }));
    keep(session.location.getLatestLocation({ accuracy: 'standard' }));
    session.location.subscribeToStream({ accuracy: 'tenMeters' }, () => {});
    session.requestWifiSetup();
    keep(session.releaseOwnership('user_logout'));
    session.sendMessage({ type: 'custom_probe' });
    await session.simpleStorage.set('k', 'v');
    await session.simpleStorage.flush();

    const expected = [
      'display_event',
      'dashboard_content_update',
      'dashboard_system_update',
      'photo_request',
      'rtmp_stream_request',
      'managed_stream_request',
      'stream_status_check',
      'audio_play_request',
      'audio_stop_request',
      'rgb_led_control',
      'location_poll_request',
      'request_wifi_setup',
      'ownership_release',
      'custom_probe',
    ];
    await Promise.all(expected.map((t) => waitSent(user, t)));
    const afterReconnect = user.wire
      .slice(from + 1)
      .filter((r) => r.dir === 'app->cloud')
      .map((r) => r.msg.type);
    for (const t of expected) expect(afterReconnect).toContain(t);
    await user.waitForSubscriptions((s) => s.some((x) => typeof x === 'object' && x.rate === 'tenMeters'));
    expect(h.cloud.rest.storage('system.augmentos.dashboard', user.userId)).toEqual({ k: 'v' });
    expect(session.state).toBe('ready');
    await user.stop();
    await Promise.all(pending);
  });
});
