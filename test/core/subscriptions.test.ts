import { AppServer, type AppSession } from '../../src';
import { EchoApp, appConfig, cloudPerTest, eventually, sleep } from '../helpers/apps';

describe('subscriptions', () => {
  const t = cloudPerTest();

  test('handlers registered in onSession go out as one full subscription_update after the ack, never an empty list first', async () => {
    class Multi extends AppServer {
      protected override async onSession(session: AppSession): Promise<void> {
        session.events.onTranscription(() => {});
        session.events.onButtonPress(() => {});
        session.events.onHeadPosition(() => {});
      }
    }
    const app = await t.start(new Multi(appConfig()));
    const user = await t.cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length === 3);
    await sleep(50);
    const updates = user.sent('subscription_update');
    expect(updates).toHaveLength(1);
    expect(updates[0].subscriptions.sort()).toEqual(['button_press', 'head_position', 'transcription:en-US']);
    expect(updates[0]).toMatchObject({ packageName: 'com.example.app', sessionId: user.sessionId });
    const order = user.wire.map((r) => r.msg.type);
    expect(order.indexOf('tpa_connection_ack')).toBeLessThan(order.indexOf('subscription_update'));
  });

  test('changes are sent as full lists; removing the last handler unsubscribes', async () => {
    let off!: () => void;
    let session!: AppSession;
    class App extends AppServer {
      protected override async onSession(s: AppSession): Promise<void> {
        session = s;
        s.events.onTranscription(() => {});
        off = s.events.onButtonPress(() => {});
      }
    }
    const app = await t.start(new App(appConfig()));
    const user = await t.cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length === 2);
    off();
    await user.waitForSubscriptions((s) => s.length === 1);
    expect(user.subscriptions).toEqual(['transcription:en-US']);
    session.subscribe('calendar_event');
    await user.waitForSubscriptions((s) => s.length === 2);
    expect(user.subscriptions).toEqual(['transcription:en-US', 'calendar_event']);
    expect(session.subscriptions).toEqual(['transcription:en-US', 'calendar_event']);
  });

  test('after a reconnect the full list is sent again right after the ack', async () => {
    const app = await t.start(new EchoApp(appConfig()));
    const user = await t.cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length === 1);
    user.dropConnection();
    await user.waitForConnections(2);
    await eventually(() => user.sent('subscription_update').length === 2, 3000, 'resubscribe');
    const wire = user.wire.map((r) => r.msg.type);
    const secondAck = wire.lastIndexOf('tpa_connection_ack');
    expect(wire[secondAck + 1]).toBe('subscription_update');
    expect(user.sent('subscription_update')[1].subscriptions).toEqual(['transcription:en-US']);
    await user.transcribe('still here');
    await user.waitForDisplay('echo: still here');
    expect(app.seen.stops).toHaveLength(0);
  });
});
