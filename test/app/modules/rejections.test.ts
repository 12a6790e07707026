import { SdkError } from '../../../src';
import { harness, waitSent } from '../../helpers/modules';

describe('typed rejections', () => {
  const h = harness();

  test('pitfall 7.2.12: rejections are SdkErrors (photo, audio, location poll, managed stream), never strings', async () => {
    const { user, session } = await h.start();
    const outcomes = await Promise.allSettled([
      session.camera.requestPhoto({ timeoutMs: 100 }),
      session.audio.playAudio({ audioUrl: 'https://x/a.mp3', timeoutMs: 100 }),
      session.location.getLatestLocation({ accuracy: 'high', timeoutMs: 100 }),
      session.camera.startManagedStream({ timeoutMs: 100 }),
    ]);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      const reason = (o as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(SdkError);
      expect(reason).toBeInstanceOf(Error);
      expect(reason).toMatchObject({ code: 'request_timeout', details: { requestId: expect.any(String) } });
    }
    const ended = Promise.allSettled([
      session.camera.requestPhoto(),
      session.audio.playAudio({ audioUrl: 'https://x/b.mp3' }),
      session.location.getLatestLocation({ accuracy: 'high' }),
    ]);
    await waitSent(user, 'location_poll_request');
    await user.stop();
    for (const o of await ended) {
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(SdkError);
      expect((o as PromiseRejectedResult).reason.code).toBe('session_closed');
    }
    const late = await Promise.allSettled([session.camera.requestPhoto(), session.audio.playAudio({ audioUrl: 'https://x/c.mp3' }), session.led.turnOn({})]);
    expect(late.map((o) => (o as PromiseRejectedResult).reason?.code)).toEqual(['session_closed', 'session_closed', 'session_closed']);
  });
});
