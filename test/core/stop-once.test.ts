/**
 * `onStop` runs exactly once and `closed` fires once per session, whichever way it ends and however often
 * it is ended again afterwards (over real sockets against the test cloud). Without the once-guard at the
 * top of `CoreSession.dispose()` a second `disconnect()` ran `onStop` twice.
 */
import { AppServer, type AppSession } from '../../src';
import { coreOf } from '../../src/app/session';
import { appConfig, cloudPerTest, eventually } from '../helpers/apps';

class Counting extends AppServer {
  readonly sessions: AppSession[] = [];
  readonly stops: string[] = [];
  closedEvents = 0;
  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
    coreOf(session).on('closed', () => void this.closedEvents++);
  }
  protected override async onStop(_s: string, _u: string, reason: string): Promise<void> {
    this.stops.push(reason);
  }
}

describe('a session ends once', () => {
  const ctx = cloudPerTest();

  async function oneSession() {
    const app = await ctx.start(new Counting(appConfig()));
    const user = await ctx.cloud.startSession({ app });
    await eventually(() => app.sessions.length === 1, 20_000, 'onSession');
    return { app, user, session: app.sessions[0] };
  }

  /** Every way of ending it again, after it ended: none may run onStop or fire closed a second time. */
  async function endAgain(app: Counting, session: AppSession): Promise<void> {
    await Promise.all([session.disconnect(), session.disconnect()]);
    await app.stop();
  }

  test('disconnect() called twice: onStop once with app_disconnect, closed once', async () => {
    const { app, user, session } = await oneSession();
    await Promise.all([session.disconnect(), session.disconnect()]);
    await session.disconnect();
    await eventually(() => app.stops.length === 1 && !user.connected, 20_000, 'the end of the session');
    await endAgain(app, session);
    expect(app.stops).toEqual(['app_disconnect']);
    expect(app.closedEvents).toBe(1);
  });

  test('after a stop webhook, disconnect() and a server stop change nothing', async () => {
    const { app, user, session } = await oneSession();
    await user.stop('user_disabled');
    await eventually(() => app.stops.length === 1, 20_000, 'onStop');
    await endAgain(app, session);
    expect(app.stops).toEqual(['user_disabled']);
    expect(app.closedEvents).toBe(1);
  });

  test('after a terminal close from the cloud (1000), disconnect() and a server stop change nothing', async () => {
    const { app, user, session } = await oneSession();
    user.closeConnection(1000, 'bye');
    await eventually(() => app.stops.length === 1, 20_000, 'onStop');
    await endAgain(app, session);
    expect(app.stops).toEqual(['cloud_closed']);
    expect(app.closedEvents).toBe(1);
  });
});
