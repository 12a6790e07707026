/** The test kit takes the package name of the app it is handed. */
import { AppServer, type AppSession } from '../../src';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { appConfig } from '../helpers/apps';

class Bar extends AppServer {
  protected override async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall('bar');
  }
}

let cloud: TestCloud;
const apps: Array<{ stop(): unknown }> = [];
beforeEach(async () => {
  cloud = await createTestCloud();
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await cloud.close();
});

test('startSession({ app, userId }) uses the package name of the AppServer it is given', async () => {
  const app = new Bar(appConfig({ packageName: 'com.example.bar' }));
  apps.push(app);
  await app.start();
  const user = await cloud.startSession({ app, userId: 'wearer@example.com' });
  expect(user.packageName).toBe('com.example.bar');
  expect(user.sessionId).toBe('wearer@example.com-com.example.bar');
  await user.waitForDisplay('bar');
});

test('an explicit packageName still wins, and a plain { port } target keeps the default', async () => {
  const app = new Bar(appConfig({ packageName: 'com.example.bar' }));
  apps.push(app);
  await app.start();
  // A bare port says nothing of the app: the default package name, which this app refuses.
  const refused = await cloud.startSession({ app: { port: app.getPort() }, userId: 'u1', allowFailure: true });
  expect(refused.packageName).toBe('com.example.app');
  expect(refused.webhookResponse!.status).toBe(502);
  const user = await cloud.startSession({ app, userId: 'u2', packageName: 'com.example.bar' });
  await user.waitForDisplay('bar');
});

test('a server from another copy of the SDK (the other module build) is asked its /health', async () => {
  const app = new Bar(appConfig({ packageName: 'com.example.bar' }));
  apps.push(app);
  await app.start();
  // An object that only looks like a server, as one from another copy of the SDK does to this one.
  const foreign = { getPort: () => app.getPort() };
  const user = await cloud.startSession({ app: foreign, userId: 'u3' });
  expect(user.packageName).toBe('com.example.bar');
  await user.waitForDisplay('bar');
});
