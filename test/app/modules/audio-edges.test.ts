/**
 * `session.audio` and its output streams at their edges, against the test cloud: the arguments refused and
 * what each says, the TTS query, which answers are taken, cancelling only audio, and an output stream's life
 * (its defaults in the MP3 it sends, writes that send nothing, a second `end()`, a frame that cannot be sent,
 * the session ending under it).
 */
import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { Mp3Encoder } from '@breezystack/lamejs';
import { AudioManager, AudioOutputStream, isSdkError } from '../../../src';
import { createSdkLogger } from '../../../src/core/logger';
import { captureLogger, eventually } from '../../helpers/apps';
import { harness, sdkRejection, thrown, waitSent } from '../../helpers/modules';

describe('session.audio at its edges', () => {
  const h = harness();

  test('playAudio and speak refuse what they cannot send, saying why; new AudioManager needs a session', async () => {
    const { session } = await h.start();
    for (const options of [undefined, {}, { audioUrl: '' }, { audioUrl: 42 }]) {
      expect((await sdkRejection(session.audio.playAudio(options as never), 'invalid_argument')).message).toBe('playAudio needs an audioUrl');
    }
    for (const text of ['', 42]) expect((await sdkRejection(session.audio.speak(text as never), 'invalid_argument')).message).toBe('speak needs some text');
    expect(thrown(() => new AudioManager({} as never))).toMatchObject({
      code: 'invalid_argument',
      message: "new AudioManager(session, ...) needs the app's session (an AppSession or TpaSession)",
    });
  });

  test('speak puts the voice, the model and the voice settings in the TTS query only when given', async () => {
    const { user, session } = await h.start();
    void session.audio.speak('hi', { stopOtherAudio: false });
    void session.audio.speak('hey', { voice_id: 'v1', model_id: 'm1', voice_settings: { speed: 1.2 }, stopOtherAudio: false });
    await eventually(() => user.sent('audio_play_request').length === 2);
    const [plain, tuned] = user.sent('audio_play_request').map((m) => new URL(m.audioUrl).searchParams);
    expect([...plain!.keys()]).toEqual(['text']);
    expect(Object.fromEntries(tuned!)).toEqual({ text: 'hey', voice_id: 'v1', model_id: 'm1', voice_settings: '{"speed":1.2}' });
  });

  test('an answer is taken only for a pending audio request, with a duration only when it is a number', async () => {
    const { user, session } = await h.start();
    const played = session.audio.playAudio({ audioUrl: 'https://x/a.mp3' });
    const req = await waitSent(user, 'audio_play_request');
    expect(session.audio.hasPendingRequest()).toBe(true);
    expect(session.audio.hasPendingRequest(req.requestId)).toBe(true);
    expect(session.audio.hasPendingRequest('audio_req_other')).toBe(false);
    for (const bad of [null, undefined, { requestId: 7 }, { requestId: 'audio_req_other', success: true }]) session.audio.handleAudioPlayResponse(bad as never);
    expect(session.audio.getPendingRequestIds()).toEqual([req.requestId]);
    await user.sendMessage({ type: 'audio_play_response', requestId: req.requestId, success: true, duration: '5' });
    expect(await played).toEqual({ success: true });
    expect(session.audio.hasPendingRequest()).toBe(false);
  });

  test("cancelling every audio request leaves the session's other requests alone", async () => {
    const { user, session } = await h.start();
    const fix = session.location.getLatestLocation({ accuracy: 'high' });
    const played = sdkRejection(session.audio.playAudio({ audioUrl: 'https://x/a.mp3' }), 'request_cancelled');
    await waitSent(user, 'audio_play_request');
    const poll = await waitSent(user, 'location_poll_request');
    expect(session.audio.cancelAllAudioRequests()).toBe(1);
    await played;
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    await user.emit('location_update', { lat: 1, lng: 2, correlationId: poll.correlationId });
    expect(await fix).toMatchObject({ lat: 1, lng: 2 });
  });

  test('updateSessionId with another id warns that it changes nothing; with its own id it is silent', async () => {
    const { session, logger } = await h.startWatched();
    session.audio.updateSessionId(session.getSessionId());
    session.audio.updateSessionId('another');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual([
      "audio.updateSessionId() changes nothing: the module always uses its session's id",
    ]);
  });
});

describe('audio output streams at their edges', () => {
  const h = harness();

  test('a stream id must be 36 characters and the format mp3 or pcm16', async () => {
    const { session } = await h.start();
    const logger = createSdkLogger(captureLogger());
    for (const id of ['short', 42, 'é'.repeat(18), 'a'.repeat(37), `${'a'.repeat(35)} `]) {
      expect(thrown(() => new AudioOutputStream(id as never, session, logger))).toMatchObject({
        code: 'invalid_argument',
        message: 'An audio stream id must be 36 ASCII characters (a UUID)',
      });
    }
    expect(thrown(() => new AudioOutputStream('0'.repeat(36), session, logger, { format: 'wav' as never }))).toMatchObject({
      code: 'invalid_argument',
      message: 'format must be "mp3" or "pcm16"',
    });
  });

  test('pcm16 by default: 24 000 Hz, one channel, 128 kbps, as the first MP3 frame header says; end() sends the rest', async () => {
    const { user, session } = await h.start();
    const out = await session.audio.createOutputStream({ format: 'pcm16' });
    const samples = new Int16Array(24_000).map((_, i) => Math.round(8000 * Math.sin(i / 8)));
    out.write(samples.buffer);
    await out.end();
    await user.waitForMessage((m) => m?.type === 'audio_stream_end');
    const [stream] = user.audioStreams;
    const mp3 = Buffer.concat(stream!.chunks);
    // Exactly what the library makes of the same samples with those settings, its last bytes included.
    const lib = new Mp3Encoder(1, 24_000, 128);
    expect(mp3).toEqual(
      Buffer.concat([Buffer.from(lib.encodeBuffer(samples)), Buffer.from(lib.flush())].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))),
    );
    // MPEG-2 (bits 4-3 of byte 1: 10), layer III; bitrate index 12 = 128 kbps, sample-rate index 1 = 24 000 Hz; mono (11).
    expect([mp3[0], mp3[1]! & 0xfe, mp3[2]! >> 4, (mp3[2]! >> 2) & 3, mp3[3]! >> 6]).toEqual([0xff, 0xf2, 12, 1, 3]);
  });

  test('an empty write sends no frame; a second open(), end() or flush() does nothing or is refused', async () => {
    const { user, session, logger } = await h.startWatched({ logLevel: 'debug' });
    const out = await session.audio.createOutputStream();
    out.write(Buffer.alloc(0));
    out.write(Buffer.from([1]));
    await eventually(() => user.audioStreams[0]?.chunks.length === 1);
    expect(user.audioStreams[0]!.chunks).toEqual([Buffer.from([1])]);
    expect((await out.open().catch((e: unknown) => e)) as Error).toMatchObject({
      code: 'invalid_argument',
      message: 'Cannot open an audio stream in state "streaming"',
    });
    await out.end();
    await out.end();
    await out.flush();
    expect(out.state).toBe('ended');
    out.write(Buffer.from([2]));
    await user.waitForMessage((m) => m?.type === 'audio_stream_end');
    expect(user.sent('audio_stream_end')).toHaveLength(1);
    expect(user.sent('audio_stop_request')).toEqual([]);
    expect(logger.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining([`Audio output stream ${out.streamId} opened`, `Ignored a write to audio stream ${out.streamId} in state ended`]),
    );
  });

  test('a frame that cannot be sent (the connection is down) puts the stream in error, heard by its listener, else by onError', async () => {
    const { user, session, errors } = await h.startWatched({ reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const heard: unknown[] = [];
    const out = await session.audio.createOutputStream();
    out.on('error', (e) => void heard.push(e));
    let closes = 0;
    out.on('close', () => void closes++);
    user.dropConnection();
    await eventually(() => session.state !== 'ready');
    out.write(Buffer.from([1]));
    expect(out.state).toBe('error');
    expect(closes).toBe(1);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      code: 'stream_error',
      message: `Audio stream ${out.streamId} stopped: the connection to the cloud is down`,
      details: { streamId: out.streamId },
    });
    expect(errors).toEqual([]);
    // With no listener, the same failure of the next stream goes to the app's error handler.
    const { session: other, errors: otherErrors, user: otherUser } = await h.startWatched({ reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const quiet = await other.audio.createOutputStream();
    otherUser.dropConnection();
    await eventually(() => other.state !== 'ready');
    quiet.write(Buffer.from([1]));
    expect(otherErrors.map((e) => (isSdkError(e) ? e.code : e.message))).toEqual(['stream_error']);
  });

  test("the session's end ends its open stream once; a new stream can then not be opened on it", async () => {
    const { user, session } = await h.start();
    const out = await session.audio.createOutputStream();
    let closes = 0;
    out.on('close', () => void closes++);
    await user.stop();
    await eventually(() => out.state === 'ended');
    expect([closes, session.audio.getActiveOutputStream()]).toEqual([1, null]);
    out.write(Buffer.from([1]));
    expect(closes).toBe(1);
  });
});

describe('audio output streams: failures and their bookkeeping', () => {
  const h = harness();
  const SLOW_RECONNECT = { reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000 } };

  test('flush() ends the stream; a stream that failed stays failed, and is not closed again when the session ends', async () => {
    const { user, session, app } = await h.startWatched(SLOW_RECONNECT);
    const flushed = await session.audio.createOutputStream();
    await flushed.flush();
    expect(flushed.state).toBe('ended');
    const out = await session.audio.createOutputStream();
    out.on('error', () => {});
    let closes = 0;
    out.on('close', () => void closes++);
    user.dropConnection();
    await eventually(() => session.state !== 'ready');
    out.write(Buffer.from([1]));
    expect([out.state, closes]).toEqual(['error', 1]);
    await app.stop();
    expect([out.state, closes]).toEqual(['error', 1]);
  });

  test('end() whose last bytes cannot be sent leaves the stream in error', async () => {
    const { user, session } = await h.startWatched(SLOW_RECONNECT);
    const out = await session.audio.createOutputStream({ format: 'pcm16' });
    out.on('error', () => {});
    // Too few samples for a frame: the encoder keeps them until end().
    out.write(new Int16Array(100).fill(1000).buffer);
    user.dropConnection();
    await eventually(() => session.state !== 'ready');
    await out.end();
    expect(out.state).toBe('error');
  });

  test('a stream built by the app itself: a failed open() is in error; a write after the session ended says session_closed', async () => {
    const { user, session, app } = await h.startWatched();
    const logger = createSdkLogger(captureLogger());
    // open() is the SDK's own step; the session's audio module answers the cloud's audio_stream_ready.
    expect(session.audio.getActiveOutputStream()).toBeNull();
    const failing = new AudioOutputStream(randomUUID(), session, logger, { format: 'pcm16', channels: 3 });
    await expect(failing.open()).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(failing.state).toBe('error');
    const own = new AudioOutputStream(randomUUID(), session, logger);
    await own.open();
    const heard: unknown[] = [];
    own.on('error', (e) => void heard.push(e));
    await user.stop();
    await eventually(() => session.state === 'closed');
    own.write(Buffer.from([1]));
    expect(heard).toEqual([
      expect.objectContaining({ code: 'session_closed', message: `Audio stream ${own.streamId} stopped: the connection to the cloud is closed` }),
    ]);
    void app;
  });

  test('a second stream is refused while the first is still opening, saying which; one that failed to open is released', async () => {
    const { session } = await h.start();
    const first = session.audio.createOutputStream();
    const second = await session.audio.createOutputStream().catch((e: unknown) => e);
    const out = await first;
    expect(second).toMatchObject({
      code: 'AUDIO_STREAM_ALREADY_ACTIVE',
      message: `AUDIO_STREAM_ALREADY_ACTIVE: Stream ${out.streamId} is still active. Call end() or flush() before creating a new output stream.`,
    });
    await out.end();
    await expect(session.audio.createOutputStream({ format: 'pcm16', channels: 3 })).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(session.audio.getActiveOutputStream()).toBeNull();
    await (await session.audio.createOutputStream()).end();
  });

  test("streams opened and ended one after another leave no listener behind on the session's signal", async () => {
    const { session } = await h.start();
    const before = getEventListeners(session.signal, 'abort').length;
    for (let i = 0; i < 3; i++) await (await session.audio.createOutputStream()).end();
    const failed = session.audio.createOutputStream({ format: 'pcm16', channels: 3 });
    await expect(failed).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(before);
  });
});
