/** TpaServer has the published photo-request registry of AppServer (see test/app/published-internals.test.ts). */
import { type PendingPhotoRequest, TpaServer } from '../../src';
import { appConfig, eventually } from '../helpers/apps';

test('TpaServer: registerPhotoRequest, getPhotoRequest, completePhotoRequest, cleanupPhotoRequestsForSession on its engine', async () => {
  const server = new TpaServer(appConfig());
  const settled: { error?: Error } = {};
  const request: Omit<PendingPhotoRequest, 'timeoutId'> = {
    userId: 'u',
    sessionId: 's-legacy',
    session: null as never,
    resolve: () => {},
    reject: (e) => void (settled.error = e),
    timestamp: 1,
  };
  server.registerPhotoRequest('legacy_photo', request);
  expect(server.getPhotoRequest('legacy_photo')).toMatchObject({ sessionId: 's-legacy', userId: 'u', timestamp: 1 });
  expect(server.completePhotoRequest('other')).toBeUndefined();
  server.cleanupPhotoRequestsForSession('s-legacy');
  await eventually(() => settled.error !== undefined, 20_000, 'the rejection');
  expect(settled.error).toMatchObject({ code: 'session_closed' });
  expect(server.getPhotoRequest('legacy_photo')).toBeUndefined();
});
