/**
 * The fault test: the cloud drops 50 live sessions at once. Every session resumes without onStop, the
 * first reconnect attempts are spread out by full jitter (at least 200 ms between the first and the
 * last), every session is resubscribed, and no display update sent during the outage is lost.
 */
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { appConfig, eventually } from '../helpers/apps';

const SESSIONS = 50;

class Storm extends AppServer {
  readonly byUser = new Map<string, AppSession>();
  readonly stops: string[] = [];
  /** Users whose session reported the drop (an event, so a session that is already back still counts). */
  readonly noticed = new Set<string>();
  protected override async onSession(session: AppSession): Promise<void> {
    this.byUser.set(session.userId, session);
    session.events.onDisconnected(() => void this.noticed.add(session.userId));
    session.events.onTranscription((d) => void session.layouts.showTextWall(`heard: ${d.text}`));
  }
  protected override async onStop(_s: string, userId: string, reason: string): Promise<void> {
    this.stops.push(`${userId}: ${reason}`);
  }
}

let cloud: TestCloud;
let app: Storm;
afterEach(async () => {
  await app?.stop();
  await cloud?.close();
});

test(`${SESSIONS} sessions dropped at once all resume, spread out, resubscribed, with every outage update delivered`, async () => {
  cloud = await createTestCloud();
  // the default reconnect policy and handshake cap; pings off so only the drop is measured
  app = new Storm(appConfig({ pingIntervalMs: 0 }));
  await app.start();
  const users: SimulatedUser[] = [];
  for (let i = 0; i < SESSIONS; i += 10) {
    users.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => cloud.startSession({ app, userId: `storm${i + j}@example.com` })))));
  }
  await Promise.all(users.map((u) => u.waitForSubscriptions((s) => s.includes('transcription:en-US'))));
  await eventually(() => app.byUser.size === SESSIONS, 30_000, 'every onSession');

  const subscriptionUpdatesBefore = users.map((u) => u.sent('subscription_update').length);
  const dropAt = performance.now() - cloud.startedAt;
  for (const u of users) u.dropConnection();
  // Display updates issued at once, while some sessions may not have noticed the drop yet, and later.
  users.forEach((u, i) => {
    const s = app.byUser.get(u.userId)!;
    s.layouts.showTextWall(`outage ${i} first`);
    s.layouts.showTextWall(`outage ${i} latest`);
    s.layouts.showDashboardCard(`dash ${i}`, 'during the outage');
  });
  // Waits for each session's own disconnect event: polling for "no session is ready" raced the fastest
  // reconnects, which may be back before the slowest session has noticed the drop on a busy machine.
  await eventually(() => app.noticed.size === SESSIONS, 30_000, 'every session to notice the drop');
  users.forEach((u, i) => app.byUser.get(u.userId)!.layouts.showReferenceCard(`card ${i}`, 'sent while reconnecting', { view: 'dashboard' }));

  await Promise.all(users.map((u) => u.waitForConnections(2, 30_000)));
  const firstReconnects = users.map((u) => u.connectionTimes[1] - dropAt);
  const spread = Math.max(...firstReconnects) - Math.min(...firstReconnects);
  expect(spread).toBeGreaterThanOrEqual(200);

  // resubscribed: a full subscription list went out on each new connection
  await Promise.all(
    users.map((u, i) => u.waitFor(() => u.sent('subscription_update').length > subscriptionUpdatesBefore[i] || undefined, 10_000, 'resubscription')),
  );
  for (const u of users) expect(u.subscriptions).toContain('transcription:en-US');
  // nothing lost: each view shows the latest layout sent during the outage
  await Promise.all(users.map((u, i) => u.waitForDisplay(`outage ${i} latest`, { view: 'main', timeoutMs: 10_000 })));
  await Promise.all(users.map((u, i) => u.waitForDisplay(`card ${i}`, { view: 'dashboard', timeoutMs: 10_000 })));
  users.forEach((u, i) => {
    expect(u.current.main?.layout).toMatchObject({ text: `outage ${i} latest` });
    expect(u.current.dashboard?.layout).toMatchObject({ title: `card ${i}` });
  });
  // and the sessions work
  await Promise.all(users.map((u, i) => u.transcribe(`back ${i}`)));
  await Promise.all(users.map((u, i) => u.waitForDisplay(`heard: back ${i}`)));
  expect(app.stops).toEqual([]);
  expect([...app.byUser.values()].every((s) => s.state === 'ready')).toBe(true);

  const sorted = [...firstReconnects].sort((a, b) => a - b);
  process.stdout.write(
    `fault test: ${SESSIONS} sessions, first reconnects ${sorted[0].toFixed(0)}–${sorted[sorted.length - 1].toFixed(0)} ms after the drop (spread ${spread.toFixed(0)} ms), all back after ${(Math.max(...users.map((u) => u.connectionTimes[1])) - dropAt).toFixed(0)} ms\n`,
  );
}, 60_000);
