import { harness, sdkRejection, waitSent } from '../../helpers/modules';

describe('session.audio', () => {
  const h = harness();

  test('playAudio sends audio_play_request and resolves with the matching audio_play_response', async () => {
    const { user, session } = await h.start();
    const play = session.audio.playAudio({ audioUrl: 'https://sounds.example.com/ding.mp3', volume: 0.5 });
    const req = await waitSent(user, 'audio_play_request');
    expect(req).toEqual({
      type: 'audio_play_request',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      requestId: expect.stringMatching(/^audio_req_[0-9a-f-]{36}$/),
      audioUrl: 'https://sounds.example.com/ding.mp3',
      volume: 0.5,
      stopOtherAudio: true,
      trackId: 0,
      timestamp: expect.any(String),
    });
    expect(session.audio.hasPendingRequest(req.requestId)).toBe(true);
    expect(session.audio.getPendingRequestIds()).toEqual([req.requestId]);
    await user.sendMessage({ type: 'audio_play_response', requestId: 'audio_req_other', success: false });
    await user.sendMessage({ type: 'audio_play_response', requestId: req.requestId, success: true, duration: 1.5 });
    expect(await play).toEqual({ success: true, duration: 1.5 });
    expect(session.audio.getPendingRequestCount()).toBe(0);
  });

  test('a failed playback resolves {success: false, error}; no answer rejects with SdkError("request_timeout")', async () => {
    const { user, session } = await h.start();
    const play = session.audio.playAudio({ audioUrl: 'https://x/a.mp3' });
    const req = await waitSent(user, 'audio_play_request');
    await user.sendMessage({ type: 'audio_play_response', requestId: req.requestId, success: false, error: 'download failed' });
    expect(await play).toEqual({ success: false, error: 'download failed' });
    await sdkRejection(session.audio.playAudio({ audioUrl: 'https://x/b.mp3', timeoutMs: 150 }), 'request_timeout');
    await sdkRejection(session.audio.playAudio({ audioUrl: '' }), 'invalid_argument');
  });

  test('stopOtherAudio: false is fire-and-forget', async () => {
    const { user, session } = await h.start();
    expect(await session.audio.playAudio({ audioUrl: 'https://x/c.mp3', stopOtherAudio: false, trackId: 1 })).toEqual({ success: true });
    expect(await waitSent(user, 'audio_play_request')).toMatchObject({ stopOtherAudio: false, trackId: 1 });
    expect(session.audio.hasPendingRequest()).toBe(false);
  });

  test('pitfall 7.2.11: speak() builds the TTS URL on the cloud it connected to, keeping http:// for a local ws:// cloud', async () => {
    const { user, session } = await h.start();
    expect(session.getHttpsServerUrl()).toBe(`http://127.0.0.1:${h.cloud.port}`);
    const spoken = session.audio.speak('hello world', { voice_id: 'v1', voice_settings: { speed: 1.2 } });
    const req = await waitSent(user, 'audio_play_request');
    const url = new URL(req.audioUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:${h.cloud.port}/api/tts`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ text: 'hello world', voice_id: 'v1', voice_settings: '{"speed":1.2}' });
    expect(req.trackId).toBe(2);
    await user.sendMessage({ type: 'audio_play_response', requestId: req.requestId, success: true });
    expect(await spoken).toEqual({ success: true });
  });

  test('stopAudio sends audio_stop_request (one track or all)', async () => {
    const { user, session } = await h.start();
    session.audio.stopAudio(2);
    session.audio.stopAudio();
    await user.waitFor(() => (user.sent('audio_stop_request').length === 2 ? true : undefined), 3000, 'two stops');
    const [one, all] = user.sent('audio_stop_request');
    expect(one).toEqual({ type: 'audio_stop_request', packageName: 'com.example.app', sessionId: user.sessionId, trackId: 2, timestamp: expect.any(String) });
    expect(all).not.toHaveProperty('trackId');
  });

  test('cancelAudioRequest / cancelAllAudioRequests reject with SdkError("request_cancelled"); session end with "session_closed"', async () => {
    const { user, session } = await h.start();
    const [a, b] = [1, 2].map(() => sdkRejection(session.audio.playAudio({ audioUrl: 'https://x/d.mp3' }), 'request_cancelled'));
    await user.waitFor(() => (user.sent('audio_play_request').length === 2 ? true : undefined), 3000, 'two requests');
    const [first, second] = session.audio.getPendingRequestIds();
    expect(session.audio.cancelAudioRequest(first!)).toBe(true);
    expect(await a).toMatchObject({ message: `The audio request ${first} was cancelled`, details: { requestId: first } });
    expect(session.audio.cancelAllAudioRequests()).toBe(1);
    expect(await b).toMatchObject({ message: `The audio request ${second} was cancelled`, details: { requestId: second } });
    const closed = sdkRejection(session.audio.playAudio({ audioUrl: 'https://x/e.mp3' }), 'session_closed');
    await user.stop();
    await closed;
  });
});
