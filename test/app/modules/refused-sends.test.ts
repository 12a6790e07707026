/**
 * A send the session refuses is reported with the reason it was refused: `queue_full` while the cloud is
 * unreachable and the outbound queue is full, `session_closed` once the session has ended (camera, audio,
 * LED). Before, camera and audio said `session_closed` in both cases.
 */
import type { AppSession } from '../../../src';
import type { CoreSession } from '../../../src/core/session/session';
import { coreOf } from '../../../src/app/session';
import { harness, sdkRejection } from '../../helpers/modules';

/** Runs `fn` as soon as the session starts reconnecting, after filling its one-message queue. */
function whileQueueFull(core: CoreSession, fn: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const off = core.on('state', (s: string) => {
      if (s !== 'reconnecting') return;
      off();
      if (!core.send({ type: 'audio_stop_request', packageName: core.packageName, sessionId: core.sessionId })) reject(new Error('the queue took nothing'));
      fn().then(resolve, reject);
    });
  });
}

describe('refused sends', () => {
  const h = harness();
  const start = () => h.start({ queueLimit: 1, reconnect: { baseDelayMs: 200 } });

  test('while the cloud is unreachable and the queue is full: camera, audio and LED reject with queue_full', async () => {
    const { user, session } = await start();
    const checked = whileQueueFull(coreOf(session), async () => {
      const unreachable = 'the cloud is unreachable and the outbound queue is full; try again once the session has reconnected';
      const hook = await sdkRejection(session.camera.requestPhoto({ customWebhookUrl: 'https://example.com/hook' }), 'queue_full');
      expect(hook).toMatchObject({ message: `Cannot request a photo: ${unreachable}`, details: { requestId: expect.stringMatching(/^photo_req_/) } });
      const stream = await sdkRejection(session.camera.startStream({ rtmpUrl: 'rtmp://example.com/live' }), 'queue_full');
      expect(stream.message).toBe(`Cannot start a stream: ${unreachable}`);
      const audio = await sdkRejection(session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3', stopOtherAudio: false }), 'queue_full');
      expect(audio).toMatchObject({ message: `Cannot play audio: ${unreachable}`, details: { requestId: expect.stringMatching(/^audio_req_/) } });
      // A request that waits for an answer is registered first, then refused with its id.
      const photo = await sdkRejection(session.camera.requestPhoto({ timeoutMs: 5000 }), 'queue_full');
      const photoId = (photo.details as { requestId: string }).requestId;
      expect(photoId).toMatch(/^photo_req_/);
      expect(photo.message).toBe(`The photo request ${photoId} could not be sent (queue_full)`);
      expect(session.camera.hasPhotoPendingRequest(photoId)).toBe(false);
      expect((await sdkRejection(session.led.turnOff(), 'queue_full')).message).toBe(`Cannot control the LED: ${unreachable}`);
      expect(session.camera.isCurrentlyStreaming()).toBe(false);
    });
    user.dropConnection();
    await checked;
  });

  test('after the session ended: the same calls reject with session_closed', async () => {
    const { user, session } = await start();
    await user.stop();
    await waitClosed(session);
    await sdkRejection(session.camera.requestPhoto({ customWebhookUrl: 'https://example.com/hook' }), 'session_closed');
    await sdkRejection(session.camera.startStream({ rtmpUrl: 'rtmp://example.com/live' }), 'session_closed');
    const audio = await sdkRejection(session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3', stopOtherAudio: false }), 'session_closed');
    expect(audio).toMatchObject({ message: 'Cannot play audio: the session has ended', details: { requestId: expect.stringMatching(/^audio_req_/) } });
    expect((await sdkRejection(session.led.turnOff(), 'session_closed')).message).toBe('Cannot control the LED: the session has ended');
    // A request that waits for an answer is refused before anything is registered.
    const photo = await sdkRejection(session.camera.requestPhoto({ timeoutMs: 5000 }), 'session_closed');
    expect(photo).toMatchObject({
      message: 'Cannot send the photo request: the session has ended',
      details: { requestId: expect.stringMatching(/^photo_req_/) },
    });
    expect(session.camera.hasPhotoPendingRequest((photo.details as { requestId: string }).requestId)).toBe(false);
    const poll = await sdkRejection(session.location.getLatestLocation({ accuracy: 'high' }), 'session_closed');
    expect(poll).toMatchObject({
      message: 'Cannot send the location poll request: the session has ended',
      details: { requestId: expect.stringMatching(/^poll_/) },
    });
  });
});

async function waitClosed(session: AppSession): Promise<void> {
  const core = coreOf(session);
  if (core.state === 'closed') return;
  await new Promise<void>((r) => {
    const off = core.on('state', (s: string) => {
      if (s === 'closed') {
        off();
        r();
      }
    });
  });
}
