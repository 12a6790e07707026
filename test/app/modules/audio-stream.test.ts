/**
 * Audio output streams (3.0.0-hono) against the test cloud: the start/ready/play/frames/end flow, MP3 passed
 * through byte for byte, PCM encoded to MP3, one stream at a time, `flush()` stopping playback, and the
 * relay URL serving what the app wrote.
 */
import { AppServer, type AppSession, AudioOutputStream, MentraError, SdkError } from '../../../src';
import { appConfig, cloudPerTest } from '../../helpers/apps';

class App extends AppServer {
  session: AppSession | undefined;
  protected override async onSession(session: AppSession): Promise<void> {
    this.session = session;
  }
}

const env = cloudPerTest();

async function begin() {
  const app = await env.start(new App(appConfig()));
  const user = await env.cloud.startSession({ app });
  return { app, user, session: app.session! };
}

test('mp3: start, ready, play request, frames with the stream id, end; the relay serves the same bytes', async () => {
  const { user, session } = await begin();
  const out = await session.audio.createOutputStream({ format: 'mp3', volume: 0.5, trackId: 2 });
  expect(out).toBeInstanceOf(AudioOutputStream);
  expect(out.state).toBe('streaming');
  expect(session.audio.getActiveOutputStream()).toBe(out);
  const [opened] = user.sent('audio_stream_start');
  expect(opened).toMatchObject({ streamId: out.streamId, contentType: 'audio/mpeg', packageName: 'com.example.app', sessionId: user.sessionId });
  expect(out.streamId).toHaveLength(36);
  const play = await user.waitForMessage((m) => m?.type === 'audio_play_request');
  expect(play).toMatchObject({ requestId: `stream_${out.streamId}`, audioUrl: out.streamUrl, volume: 0.5, stopOtherAudio: true, trackId: 2 });

  const a = Buffer.from([0xff, 0xfb, 0x90, 0x64, 1, 2, 3]);
  const b = new Uint8Array([4, 5, 6]);
  out.write(a);
  out.write(b.buffer);
  await out.end();
  expect(out.state).toBe('ended');
  expect(session.audio.getActiveOutputStream()).toBeNull();
  await user.waitForMessage((m) => m?.type === 'audio_stream_end' && m.streamId === out.streamId);
  // Frames and messages share one socket, in order: the end arrived after both frames.
  const [stream] = user.audioStreams;
  expect(stream).toMatchObject({ streamId: out.streamId, ended: true, byteCount: 10 });
  expect(Buffer.concat(stream!.chunks)).toEqual(Buffer.concat([a, Buffer.from(b)]));
  expect(user.sent('audio_stop_request')).toEqual([]);
  const served = await fetch(out.streamUrl!);
  expect(served.headers.get('content-type')).toBe('audio/mpeg');
  expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.concat([a, Buffer.from(b)]));
  out.write(a);
  expect(out.state).toBe('ended');
});

test('pcm16: samples are encoded to MP3 frames', async () => {
  const { user, session } = await begin();
  const out = await session.audio.createOutputStream({ format: 'pcm16', sampleRate: 24000, channels: 1, bitrate: 64 });
  const pcm = new Int16Array(24000);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin(i / 8));
  out.write(Buffer.from(pcm.buffer));
  await out.end();
  await user.waitForMessage((m) => m?.type === 'audio_stream_end');
  const bytes = Buffer.concat(user.audioStreams[0]!.chunks);
  expect(bytes.length).toBeGreaterThan(1000);
  // An MPEG audio frame starts with 11 set sync bits.
  expect(bytes[0]).toBe(0xff);
  expect(bytes[1]! & 0xe0).toBe(0xe0);
});

test('a second stream is refused while one is active; flush() ends it and stops playback', async () => {
  const { user, session } = await begin();
  const first = await session.audio.createOutputStream();
  const refused = await session.audio.createOutputStream().catch((e) => e);
  expect(refused).toBeInstanceOf(MentraError);
  expect(refused).toBeInstanceOf(SdkError);
  expect(refused.code).toBe('AUDIO_STREAM_ALREADY_ACTIVE');
  expect(user.sent('audio_stream_start')).toHaveLength(1);
  let closed = false;
  first.on('close', () => (closed = true));
  await first.flush();
  expect(closed).toBe(true);
  const stop = await user.waitForMessage((m) => m?.type === 'audio_stop_request');
  expect(stop.trackId).toBe(1);
  const second = await session.audio.createOutputStream();
  expect(second.streamId).not.toBe(first.streamId);
  await second.end();
});

test('frames after a reconnect go to the new socket; a write after the session ended is ignored', async () => {
  const { user, session } = await begin();
  const out = await session.audio.createOutputStream();
  const updates = user.sent('subscription_update').length;
  user.dropConnection();
  await user.waitForConnections(2);
  // The app is ready again once it re-sent its subscriptions after the new ack.
  await user.waitFor(() => (user.sent('subscription_update').length > updates ? true : undefined), 10_000, 'the resubscription');
  out.write(Buffer.from([9, 9]));
  await user.waitFor(() => (user.audioStreams[0]!.byteCount === 2 ? true : undefined), 10_000, 'the frame on the new socket');
  await user.stop();
  await session.disconnect?.();
  out.write(Buffer.from([1]));
  expect(out.state === 'ended' || out.state === 'error').toBe(true);
});

test('session.sendBinary writes a binary frame on the current socket and throws once the session has ended', async () => {
  const { user, session } = await begin();
  // Not an audio stream's frame: the cloud records it as a binary frame without filing it under a stream.
  session.sendBinary(Buffer.from([1, 2, 3]));
  await user.waitForMessage((m) => m?.binary === 3);
  await user.stop();
  await user.waitFor(() => (session.state === 'closed' ? true : undefined), 10_000, 'the session to end');
  expect(() => session.sendBinary(new Uint8Array([1]))).toThrow(expect.objectContaining({ code: 'session_closed' }));
});
