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
      await sdkRejection(session.camera.requestPhoto({ customWebhookUrl: 'https://example.com/hook' }), 'queue_full');
      await sdkRejection(session.camera.startStream({ rtmpUrl: 'rtmp://example.com/live' }), 'queue_full');
      await sdkRejection(session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3', stopOtherAudio: false }), 'queue_full');
      await sdkRejection(session.camera.requestPhoto({ timeoutMs: 5000 }), 'queue_full');
      await sdkRejection(session.led.turnOff(), 'queue_full');
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
    await sdkRejection(session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3', stopOtherAudio: false }), 'session_closed');
    await sdkRejection(session.led.turnOff(), 'session_closed');
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
