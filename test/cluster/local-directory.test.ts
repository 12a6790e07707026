/** The default directory of a single instance: it records nothing, and answers every question with "nobody". */
import { LocalSessionDirectory } from '../../src/core/cluster/directory';

test('one process is the whole cluster: nothing shared, nobody owns anything, every call settles at once', async () => {
  const local = new LocalSessionDirectory();
  expect(local.shared).toBe(false);
  expect(local.self).toEqual({ instanceId: 'local', url: '' });
  await local.start();
  const claimed = await local.claim();
  expect(claimed.released).toBeInstanceOf(Promise);
  await claimed.released;
  await local.release();
  expect(await local.owner()).toBeUndefined();
  await local.claimRequest();
  await local.releaseRequest();
  await local.forget();
  await local.stop();
});
