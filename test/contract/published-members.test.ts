/**
 * Members of the published surfaces (2.1.29, and 2.1.28 where it differs) that need behaviour, over real
 * sockets: `AppSession.getInstructions()` and the 2.1.28 camera counters against the test cloud, and the
 * published option name `getAppSessionForUser` of `createAuthMiddleware` on a real Express server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAuthMiddleware, type AuthenticatedRequest } from '../../src';
import { API_KEY } from '../helpers/apps';
import { harness, waitSent } from '../helpers/modules';
import { frontendToken } from '../helpers/webview';

describe('AppSession.getInstructions', () => {
  const h = harness();

  test("asks the session's cloud and resolves null when it has no instructions (404)", async () => {
    const { session } = await h.start();
    await expect(session.getInstructions()).resolves.toBeNull();
    const asked = h.cloud.httpRequests.filter((r) => r.path.startsWith('/api/instructions'));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ method: 'GET', status: 404 });
  });
});

describe('CameraModule pending photo counters (2.1.28)', () => {
  const h = harness();

  test('getPhotoPendingRequestCount and getPhotoPendingRequestIds follow the requests until their photos arrive', async () => {
    const { user, session } = await h.start();
    expect([session.camera.getPhotoPendingRequestCount(), session.camera.getPhotoPendingRequestIds()]).toEqual([0, []]);
    const first = session.camera.requestPhoto();
    const a = await waitSent(user, 'photo_request');
    const second = session.camera.requestPhoto();
    const b = await waitSent(user, 'photo_request', (m) => m.requestId !== a.requestId);
    expect(session.camera.getPhotoPendingRequestCount()).toBe(2);
    expect([...session.camera.getPhotoPendingRequestIds()].sort()).toEqual([a.requestId, b.requestId].sort());
    await user.answerPhoto(a.requestId, { image: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), mimeType: 'image/jpeg', filename: 'a.jpg' });
    await first;
    expect(session.camera.getPhotoPendingRequestIds()).toEqual([b.requestId]);
    expect(session.camera.cancelAllPhotoRequests()).toBe(1);
    await expect(second).rejects.toMatchObject({ code: 'request_cancelled' });
    expect(session.camera.getPhotoPendingRequestCount()).toBe(0);
  });
});

describe('createAuthMiddleware({ getAppSessionForUser })', () => {
  test('the published option name sets req.activeSession like getSessionForUser', async () => {
    const web = express();
    web.use(
      createAuthMiddleware({
        apiKey: API_KEY,
        packageName: 'com.example.app',
        cookieSecret: 'cookie-secret-for-tests',
        getAppSessionForUser: (userId: string) => (userId === 'live@example.com' ? ({ live: true } as never) : null),
      }),
    );
    web.get('/whoami', (req, res) => {
      const r = req as AuthenticatedRequest;
      res.json({ user: r.authUserId ?? null, session: r.activeSession ?? null });
    });
    const server = createServer(web);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/whoami`;
    try {
      const token = (user: string) => `?aos_frontend_token=${encodeURIComponent(frontendToken(user, API_KEY))}`;
      expect(await (await fetch(base + token('live@example.com'))).json()).toEqual({ user: 'live@example.com', session: { live: true } });
      expect(await (await fetch(base + token('idle@example.com'))).json()).toEqual({ user: 'idle@example.com', session: null });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
