/**
 * Managed streams at their edges, against the test cloud: one start at a time, a failed start leaving room for
 * the next, the last status kept, `cleanup()` forgetting the managed stream (and only it) and cancelling only
 * stream requests, and the published entry points given what is not a message.
 */
import { CameraManagedExtension } from '../../../src';
import { harness, sdkRejection, thrown, waitSent } from '../../helpers/modules';

const ACTIVE = { type: 'managed_stream_status', status: 'active', streamId: 's1', hlsUrl: 'https://cdn/s1.m3u8', dashUrl: 'https://cdn/s1.mpd' };

describe('managed streams at their edges', () => {
  const h = harness();

  test('a second start while one is starting is refused, saying why; after a failed start a new one may begin', async () => {
    const { user, session } = await h.start();
    const first = sdkRejection(session.camera.startManagedStream(), 'stream_error');
    await waitSent(user, 'managed_stream_request');
    const second = await sdkRejection(session.camera.startManagedStream(), 'already_streaming');
    expect(second.message).toBe('Already streaming: stop the current managed stream before starting a new one');
    await user.sendMessage({ type: 'managed_stream_status', status: 'error', streamId: 's0', message: 'no capacity' });
    await first;
    expect(session.camera.isManagedStreamActive()).toBe(false);
    const again = session.camera.startManagedStream();
    await waitSent(user, 'managed_stream_request', () => user.sent('managed_stream_request').length === 2);
    await user.sendMessage(ACTIVE);
    expect(await again).toMatchObject({ hlsUrl: ACTIVE.hlsUrl });
    expect(new CameraManagedExtension(session).getManagedStreamStatus()).toMatchObject({ status: 'active', streamId: 's1' });
  });

  test("the published extension's cleanup() forgets the managed stream and cancels only the stream requests; the session's other requests go on", async () => {
    const { user, session } = await h.start();
    const live = session.camera.startManagedStream();
    await waitSent(user, 'managed_stream_request');
    await user.sendMessage(ACTIVE);
    await live;
    const check = sdkRejection(session.camera.checkExistingStream({ timeoutMs: 20_000 }), 'request_cancelled');
    const fix = session.location.getLatestLocation({ accuracy: 'high' });
    const poll = await waitSent(user, 'location_poll_request');
    await waitSent(user, 'stream_status_check');
    const managed = new CameraManagedExtension(session);
    managed.cleanup();
    await check;
    expect([managed.isManagedStreamActive(), managed.getManagedStreamUrls(), managed.getManagedStreamStatus()]).toEqual([false, undefined, undefined]);
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    await user.emit('location_update', { lat: 3, lng: 4, correlationId: poll.correlationId });
    expect(await fix).toMatchObject({ lat: 3, lng: 4 });
  });

  test('the published entry points take only messages; the published constructor needs a session', async () => {
    const { session } = await h.start();
    for (const bad of [null, undefined, 'active', 7]) {
      expect(() => session.camera.handleManagedStreamStatus(bad as never)).not.toThrow();
      expect(() => session.camera.handleStreamCheckResponse(bad as never)).not.toThrow();
    }
    expect(new CameraManagedExtension(session).getManagedStreamStatus()).toBeUndefined();
    expect(thrown(() => new CameraManagedExtension({} as never))).toMatchObject({
      code: 'invalid_argument',
      message: "new CameraManagedExtension(session, ...) needs the app's session (an AppSession or TpaSession)",
    });
  });
});
