import { StreamType, type ManagedStreamStatus, type RtmpStreamStatus } from '../../../src';
import { eventually } from '../../helpers/apps';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

const ACTIVE = {
  type: 'managed_stream_status',
  status: 'active',
  streamId: 's1',
  hlsUrl: 'https://cdn.example.com/s1.m3u8',
  dashUrl: 'https://cdn.example.com/s1.mpd',
};

describe('session.camera: RTMP and managed streams', () => {
  const h = harness();

  test('startStream sends rtmp_stream_request; status updates drive the state; stopStream sends rtmp_stream_stop', async () => {
    const { user, session } = await h.start();
    const statuses: string[] = [];
    session.camera.onStreamStatus((s: RtmpStreamStatus) => void statuses.push(s.status));
    await session.camera.startStream({ rtmpUrl: 'rtmp://live.example.com/app/key', video: { width: 1280, height: 720 } });
    expect(await waitSent(user, 'rtmp_stream_request')).toEqual({
      type: 'rtmp_stream_request',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      rtmpUrl: 'rtmp://live.example.com/app/key',
      video: { width: 1280, height: 720 },
      timestamp: expect.any(String),
    });
    expect(session.camera.isCurrentlyStreaming()).toBe(true);
    expect(session.camera.getCurrentStreamUrl()).toBe('rtmp://live.example.com/app/key');
    await sdkRejection(session.camera.startStream({ rtmpUrl: 'rtmp://other' }), 'already_streaming');
    await user.waitForSubscriptions((s) => s.includes('rtmp_stream_status'));
    await user.sendMessage({ type: 'rtmp_stream_status', status: 'streaming', streamId: 'r1' });
    await eventually(() => session.camera.getStreamStatus()?.status === 'streaming');
    await session.camera.stopStream();
    expect(await waitSent(user, 'rtmp_stream_stop')).toMatchObject({ packageName: 'com.example.app', sessionId: user.sessionId, streamId: 'r1' });
    await user.sendMessage({ type: 'rtmp_stream_status', status: 'stopped', streamId: 'r1' });
    await eventually(() => !session.camera.isCurrentlyStreaming());
    expect(session.camera.getCurrentStreamUrl()).toBeUndefined();
    expect(statuses).toEqual(['streaming', 'stopped']);
  });

  test('pitfall 7.2.7: session.subscribe(StreamType.RTMP_STREAM_STATUS) really subscribes', async () => {
    const { user, session } = await h.start();
    session.subscribe(StreamType.RTMP_STREAM_STATUS);
    session.camera.subscribeToStreamStatusUpdates();
    const subs = await user.waitForSubscriptions((s) => s.includes('rtmp_stream_status'));
    expect(subs).toEqual(['rtmp_stream_status']);
  });

  test('startManagedStream sends managed_stream_request and resolves on the first active status with URLs', async () => {
    const { user, session } = await h.start();
    const started$ = session.camera.startManagedStream({ quality: '720p', enableWebRTC: true, restreamDestinations: [{ url: 'rtmp://yt/key', name: 'yt' }] });
    expect(await waitSent(user, 'managed_stream_request')).toEqual({
      type: 'managed_stream_request',
      packageName: 'com.example.app',
      quality: '720p',
      enableWebRTC: true,
      restreamDestinations: [{ url: 'rtmp://yt/key', name: 'yt' }],
      timestamp: expect.any(String),
    });
    expect(session.camera.isManagedStreamActive()).toBe(true);
    await user.sendMessage({ type: 'managed_stream_status', status: 'initializing', streamId: 's1' });
    await user.sendMessage({ type: 'managed_stream_status', status: 'active', streamId: 's1' }); // no URLs yet
    await user.sendMessage(ACTIVE);
    expect(await started$).toEqual({ hlsUrl: ACTIVE.hlsUrl, dashUrl: ACTIVE.dashUrl, streamId: 's1' });
    expect(session.camera.getManagedStreamUrls()).toMatchObject({ hlsUrl: ACTIVE.hlsUrl });
    await session.camera.stopManagedStream();
    expect(await waitSent(user, 'managed_stream_stop')).toEqual({ type: 'managed_stream_stop', packageName: 'com.example.app', timestamp: expect.any(String) });
    await user.sendMessage({ type: 'managed_stream_status', status: 'stopped', streamId: 's1' });
    await eventually(() => !session.camera.isManagedStreamActive());
    expect(session.camera.getManagedStreamUrls()).toBeUndefined();
  });

  test('anchors 1.19: onManagedStreamStatus fires only on real changes (a repeated "active" is not re-emitted)', async () => {
    const { user, session } = await h.start();
    const seen: ManagedStreamStatus[] = [];
    session.camera.onManagedStreamStatus((s) => void seen.push(s));
    await user.waitForSubscriptions((s) => s.includes('managed_stream_status'));
    const live = session.camera.startManagedStream();
    await user.sendMessage(ACTIVE);
    await user.sendMessage(ACTIVE);
    await user.sendMessage({ ...ACTIVE, timestamp: new Date().toISOString() });
    await user.sendMessage({ ...ACTIVE, outputs: [{ url: 'rtmp://yt/key', status: 'active' }] });
    await live;
    await user.sendMessage({ type: 'managed_stream_status', status: 'stopped', streamId: 's1' });
    await eventually(() => seen.length === 3);
    expect(seen.map((s) => [s.status, s.outputs?.length ?? 0])).toEqual([
      ['active', 0],
      ['active', 1],
      ['stopped', 0],
    ]);
  });

  test('a managed stream that fails rejects with SdkError("stream_error"); no answer rejects with "request_timeout"', async () => {
    const { user, session } = await h.start();
    const failed = sdkRejection(session.camera.startManagedStream(), 'stream_error');
    await waitSent(user, 'managed_stream_request');
    await user.sendMessage({ type: 'managed_stream_status', status: 'error', message: 'no camera' });
    expect((await failed).message).toContain('no camera');
    expect(session.camera.isManagedStreamActive()).toBe(false);
    await sdkRejection(session.camera.startManagedStream({ timeoutMs: 150 }), 'request_timeout');
    expect(session.camera.isManagedStreamActive()).toBe(false);
  });

  test('checkExistingStream sends stream_status_check, takes the next response, and answers false after its timeout', async () => {
    const { user, session } = await h.start();
    const check = session.camera.checkExistingStream();
    expect(await waitSent(user, 'stream_status_check')).toEqual({
      type: 'stream_status_check',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      timestamp: expect.any(String),
    });
    const info = { type: 'managed', streamId: 's9', status: 'active', createdAt: '2025-01-01T00:00:00.000Z', hlsUrl: 'https://cdn/s9.m3u8' };
    await user.sendMessage({ type: 'stream_status_check_response', hasActiveStream: true, streamInfo: info });
    expect(await check).toEqual({ hasActiveStream: true, streamInfo: info });
    expect(await session.camera.checkExistingStream({ timeoutMs: 100 })).toEqual({ hasActiveStream: false });
  });
});
