/**
 * Members of the published surface that need behaviour, over real sockets against the test cloud:
 * `AppSession.getInstructions()` resolves null (and logs) when the cloud has none or fails, as published.
 */
import { harness } from '../helpers/modules';

describe('AppSession.getInstructions', () => {
  const h = harness();

  test('asks the session\'s cloud and resolves null when it has no instructions (404)', async () => {
    const { session } = await h.start();
    await expect(session.getInstructions()).resolves.toBeNull();
    const asked = h.cloud.httpRequests.filter((r) => r.path.startsWith('/api/instructions'));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ method: 'GET', status: 404 });
  });
});
