import type { LocationUpdate } from '../../../src';
import { eventually } from '../../helpers/apps';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

describe('session.location', () => {
  const h = harness();

  test('pitfall 7.2.7: location accuracy is sent ({stream: "location_stream", rate}) and updates reach the handler', async () => {
    const { user, session } = await h.start();
    const got: LocationUpdate[] = [];
    session.location.subscribeToStream({ accuracy: 'high' }, (d) => void got.push(d));
    const subs = await user.waitForSubscriptions((s) => s.length === 2);
    expect(subs).toEqual(expect.arrayContaining(['location_update', { stream: 'location_stream', rate: 'high' }]));
    await user.location(48.85, 2.35, 5);
    await eventually(() => got.length === 1);
    expect(got[0]).toMatchObject({ lat: 48.85, lng: 2.35 });
    session.location.subscribeToStream({ accuracy: 'kilometer' }, (d) => void got.push(d));
    await user.waitForSubscriptions((s) => s.some((x) => typeof x === 'object' && x.rate === 'kilometer'));
    session.location.unsubscribeFromStream();
    expect(await user.waitForSubscriptions((s) => s.length === 0)).toEqual([]);
  });

  test('the 2.0 form without a handler sets the accuracy; updates reach events.onLocation', async () => {
    const { user, session } = await h.start();
    const got: LocationUpdate[] = [];
    session.events.onLocation((d) => void got.push(d));
    expect(() => session.location.subscribeToStream({ accuracy: 'high' })).not.toThrow();
    await user.waitForSubscriptions((s) => s.some((x) => typeof x === 'object' && x.stream === 'location_stream' && x.rate === 'high'));
    await user.location(40.7, -74, 8);
    await eventually(() => got.length === 1);
    expect(got[0]).toMatchObject({ lat: 40.7, lng: -74 });
    session.location.unsubscribeFromStream();
    await user.waitForSubscriptions((s) => !s.some((x) => typeof x === 'object' && x.stream === 'location_stream'));
  });

  test('getLatestLocation sends location_poll_request and resolves with the location_update of the same correlationId', async () => {
    const { user, session } = await h.start();
    const fix = session.location.getLatestLocation({ accuracy: 'realtime' });
    const req = await waitSent(user, 'location_poll_request');
    expect(req).toEqual({
      type: 'location_poll_request',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      accuracy: 'realtime',
      correlationId: expect.stringMatching(/^poll_[0-9a-f-]{36}$/),
      timestamp: expect.any(String),
    });
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    await user.emit('location_update', { lat: 1, lng: 1, correlationId: 'poll_someone_else' });
    await user.emit('location_update', { lat: 51.5, lng: -0.12, accuracy: 3, correlationId: req.correlationId });
    expect(await fix).toMatchObject({ lat: 51.5, lng: -0.12, correlationId: req.correlationId });
    expect(await user.waitForSubscriptions((s) => s.length === 0)).toEqual([]);
  });

  test('a poll without an answer rejects with SdkError("request_timeout"); bad options with "invalid_argument"', async () => {
    const { session } = await h.start();
    await sdkRejection(session.location.getLatestLocation({ accuracy: 'high', timeoutMs: 150 }), 'request_timeout');
    await sdkRejection(session.location.getLatestLocation({} as never), 'invalid_argument');
  });
});
