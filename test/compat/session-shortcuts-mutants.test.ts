/**
 * The deprecated session-level members of `AppSession` (`session-shortcuts.ts`), pinned where earlier tests
 * left them open: how they sit on the prototype (names, replaceable, redefinable), the data URL of the 1.x
 * `requestPhoto()` and its default, and every member of the legacy `session.streaming` object. They warn,
 * so they run in the compat project.
 */
import { AppSession } from '../../src';
import { DEPRECATIONS } from '../../src/core/deprecations';
import { eventually } from '../helpers/apps';
import { harness, waitSent } from '../helpers/modules';

// The stream shortcuts, as the deprecation table names them: session.onX, replaced by session.events.onX.
const EVENT_SHORTCUTS = DEPRECATIONS.filter((d) => d.replacement.startsWith('session.events.')).map((d) => d.api.slice('session.'.length));

describe('src/app/session-shortcuts.ts: the shortcuts on AppSession.prototype', () => {
  // First test of the file: the shortcuts are installed once per module registry.
  test('each shortcut is a named, replaceable, non-enumerable method; streaming a configurable getter', () => {
    expect(EVENT_SHORTCUTS).toHaveLength(10);
    for (const name of [...EVENT_SHORTCUTS, 'getSettings', 'getSetting', 'requestPhoto']) {
      const descriptor = Object.getOwnPropertyDescriptor(AppSession.prototype, name);
      expect(descriptor).toEqual({ value: expect.any(Function), writable: true, enumerable: false, configurable: true });
      expect((descriptor?.value as { name?: string } | undefined)?.name).toBe(name);
    }
    expect(Object.getOwnPropertyDescriptor(AppSession.prototype, 'streaming')).toEqual({
      get: expect.any(Function),
      set: undefined,
      enumerable: false,
      configurable: true,
    });
  });
});

describe('src/app/session-shortcuts.ts: requestPhoto and session.streaming', () => {
  const h = harness();

  test('requestPhoto() asks without saving to the gallery and resolves with a data URL of the uploaded type', async () => {
    const { user, session } = await h.start();
    const pending = session.requestPhoto();
    const request = await waitSent(user, 'photo_request');
    expect(request.saveToGallery).toBe(false);
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await user.answerPhoto(request.requestId, { image, mimeType: 'image/png', filename: 'shot.png' });
    expect(await pending).toBe(`data:image/png;base64,${image.toString('base64')}`);
  });

  test('session.streaming is one object per session, the same at every read', async () => {
    const { session } = await h.start();
    const other = (await h.start()).session;
    const streaming = session.streaming;
    expect(session.streaming).toBe(streaming);
    expect(other.streaming).not.toBe(streaming);
  });

  test('subscribeToStatusUpdates / unsubscribeFromStatusUpdates change the subscriptions', async () => {
    const { user, session } = await h.start();
    expect(session.streaming.subscribeToStatusUpdates()).toBeUndefined();
    await user.waitForSubscriptions((s) => s.includes('rtmp_stream_status'));
    expect(session.streaming.unsubscribeFromStatusUpdates()).toBeUndefined();
    await user.waitForSubscriptions((s) => !s.includes('rtmp_stream_status'));
  });

  test('getCurrentStreamUrl, getStreamStatus and stopStream follow the stream', async () => {
    const { user, session } = await h.start();
    const streaming = session.streaming;
    expect(streaming.getCurrentStreamUrl()).toBeUndefined();
    await streaming.requestStream({ rtmpUrl: 'rtmp://example/live' });
    await waitSent(user, 'rtmp_stream_request');
    expect(streaming.getCurrentStreamUrl()).toBe('rtmp://example/live');
    await user.sendMessage({ type: 'rtmp_stream_status', status: 'streaming', streamId: 's1' });
    await eventually(() => streaming.getStreamStatus() !== undefined, 20_000, 'the stream status');
    expect(streaming.getStreamStatus()).toMatchObject({ status: 'streaming', streamId: 's1' });
    const stopping = streaming.stopStream();
    expect(stopping).toBeInstanceOf(Promise);
    await stopping;
    expect(await waitSent(user, 'rtmp_stream_stop')).toMatchObject({ type: 'rtmp_stream_stop', streamId: 's1' });
  });
});
