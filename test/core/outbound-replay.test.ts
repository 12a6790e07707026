/**
 * What the cloud receives after a reconnect, frame by frame: the connection init, the full subscription
 * list, the latest layout of each view (with what remains of its `durationMs`), then what was queued during
 * the outage, and nothing else. Over real sockets against the test cloud.
 */
import { AppServer, type AppSession } from '../../src';
import { coreOf } from '../../src/app/session';
import { OutboundQueue } from '../../src/core/session/outbound-queue';
import { appConfig, cloudPerTest, eventually, sleep } from '../helpers/apps';
import type { SimulatedUser } from '../../src/testing';

class Subscriber extends AppServer {
  readonly sessions: AppSession[] = [];
  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
    session.events.onTranscription(() => {});
  }
}

/** Types of the app's frames since its `n`-th connection init (1-based), that init included. */
function framesSinceConnection(user: SimulatedUser, n: number): any[] {
  const out = user.wire.filter((r) => r.dir === 'app->cloud').map((r) => r.msg);
  let seen = 0;
  const at = out.findIndex((m) => m?.type === 'tpa_connection_init' && ++seen === n);
  if (at < 0) throw new Error(`no connection init #${n}`);
  return out.slice(at);
}

// No pings (nothing unasked on the wire) and quick reconnects.
const config = () => appConfig({ pingIntervalMs: 0, reconnect: { baseDelayMs: 10, maxDelayMs: 50 } });

describe('outbound frames after a reconnect', () => {
  const ctx = cloudPerTest();

  test('after the ack: the subscriptions, the latest layout of each view, then what was queued, and nothing else', async () => {
    const app = await ctx.start(new Subscriber(config()));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    const session = app.sessions[0];
    await user.waitForSubscriptions((subs) => subs.length > 0);
    session.layouts.showTextWall('first');
    session.layouts.showTextWall('latest main');
    session.layouts.showReferenceCard('Card', 'on the dashboard', { view: 'dashboard' });
    await user.waitForDisplay('latest main');
    await user.waitForDisplay((d) => d.view === 'dashboard');

    // The moment the session sees the drop (before any attempt can run), a new main layout is queued.
    const off = coreOf(session).on('state', (state: string) => {
      if (state !== 'reconnecting') return;
      off();
      session.layouts.showTextWall('queued during the outage');
    });
    user.dropConnection();
    await user.waitForConnections(2, 20_000);
    await user.waitForDisplay('queued during the outage');
    await sleep(300); // anything else the app would send has had its chance
    const frames = framesSinceConnection(user, 2);
    expect(frames.map((m) => m.type)).toEqual(['tpa_connection_init', 'subscription_update', 'display_event', 'display_event']);
    // the dashboard layout again (the old socket may have swallowed it); not main's: a newer one was queued
    expect(frames[2]).toMatchObject({ view: 'dashboard', layout: { title: 'Card', text: 'on the dashboard' } });
    expect(frames[3]).toMatchObject({ view: 'main', layout: { text: 'queued during the outage' } });
  });

  test('a reconnect with nothing shown and nothing queued sends the init and the subscriptions only', async () => {
    const app = await ctx.start(new Subscriber(config()));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    await user.waitForSubscriptions((subs) => subs.length > 0);
    user.dropConnection();
    await user.waitForConnections(2, 20_000);
    await eventually(() => framesSinceConnection(user, 2).length >= 2);
    await sleep(300);
    expect(framesSinceConnection(user, 2).map((m) => m.type)).toEqual(['tpa_connection_init', 'subscription_update']);
  });

  /** Shows one text wall, drops the socket, and returns what the cloud was shown again after the reconnect. */
  async function shownAgain(text: string, durationMs: number) {
    const app = await ctx.start(new Subscriber(config()));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1);
    app.sessions[0].layouts.showTextWall(text, { durationMs });
    await user.waitForDisplay(text);
    user.dropConnection();
    await user.waitForConnections(2, 20_000);
    await eventually(() => user.displays.length === 2, 20_000, 'the layout shown again');
    return user.displays[1];
  }

  test('a layout shown with durationMs 0 (until replaced) is shown again after a reconnect, still with durationMs 0', async () => {
    expect(await shownAgain('stays up', 0)).toMatchObject({ view: 'main', layout: { text: 'stays up' }, durationMs: 0 });
  });

  test('a layout with time left is shown again for what remains of its durationMs', async () => {
    const again = await shownAgain('for ten minutes', 600_000);
    expect(again.layout).toMatchObject({ text: 'for ten minutes' });
    expect(again.durationMs).toBeGreaterThan(0);
    expect(again.durationMs).toBeLessThan(600_000);
  });
});

describe('outbound queue replays, on an explicit clock', () => {
  const shown = (view: string, durationMs?: number) => ({
    type: 'display_event',
    view,
    layout: { text: view },
    ...(durationMs === undefined ? {} : { durationMs }),
  });

  test('a layout is replayed until its durationMs runs out, with the time it has left', () => {
    const q = new OutboundQueue(10);
    q.noteSent(shown('main', 500), 1000);
    q.noteSent({ type: 'subscription_update' }, 1000); // not a layout: never replayed
    expect(q.replays(1200)).toEqual([{ ...shown('main', 300), timestamp: new Date(1200).toISOString() }]);
    expect(q.replays(1499)).toEqual([{ ...shown('main', 1), timestamp: new Date(1499).toISOString() }]);
    expect(q.replays(1500)).toEqual([]);
  });

  test('a layout without a duration (or 0) is replayed as it was; a queued update for the view wins', () => {
    const q = new OutboundQueue(10);
    expect(q.replays(0)).toEqual([]);
    q.noteSent(shown('main', 0), 0);
    q.noteSent(shown('dashboard'), 0);
    expect(q.replays(99_999)).toEqual([
      { ...shown('main', 0), timestamp: new Date(99_999).toISOString() },
      { ...shown('dashboard'), timestamp: new Date(99_999).toISOString() },
    ]);
    q.push(shown('main'));
    expect(q.replays(99_999).map((m) => m.view)).toEqual(['dashboard']);
    expect(q.clear()).toBe(1);
    expect(q.replays(0)).toEqual([]);
    expect(q.drain()).toEqual([]);
  });
});
