import { createTestCloud, type TestCloud } from '../../src/testing';
import { AppServer, ViewType, type AppSession } from '../../src';
import { appConfig, started, eventually } from '../helpers/apps';

describe('layouts on the wire', () => {
  let cloud: TestCloud;
  let app: AppServer;
  let session!: AppSession;
  beforeEach(async () => {
    cloud = await createTestCloud();
    class App extends AppServer {
      protected override async onSession(s: AppSession): Promise<void> {
        session = s;
      }
    }
    app = await started(new App(appConfig()));
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  test('every layout is a display_event exactly as the published SDKs send it', async () => {
    const user = await cloud.startSession({ app });
    await eventually(() => !!session);
    session.layouts.showTextWall('echo: hello');
    session.layouts.showDoubleTextWall('top', 'bottom', { durationMs: 5000 });
    session.layouts.showReferenceCard('Weather', 'Sunny, 72°F');
    session.layouts.showDashboardCard('left', 'right');
    session.layouts.showBitmapView('Qk0=');
    const anim = session.layouts.showBitmapAnimation(['Qk0=', 'Qk1='], 500, true);
    anim.stop();
    session.layouts.clearView({ view: ViewType.DASHBOARD });
    session.layouts.showTextWall('bad view', { view: 'nowhere' as never, durationMs: -5 });
    await eventually(() => user.sent('display_event').length === 9);
    const sent = user.sent('display_event').map(({ timestamp, ...rest }) => {
      expect(new Date(timestamp).toISOString()).toBe(timestamp);
      return rest;
    });
    const base = { sessionId: '', type: 'display_event', packageName: 'com.example.app' };
    expect(sent).toEqual([
      { ...base, view: 'main', layout: { layoutType: 'text_wall', text: 'echo: hello' } },
      { ...base, view: 'main', layout: { layoutType: 'double_text_wall', topText: 'top', bottomText: 'bottom' }, durationMs: 5000 },
      { ...base, view: 'main', layout: { layoutType: 'reference_card', title: 'Weather', text: 'Sunny, 72°F' } },
      { ...base, view: 'dashboard', layout: { layoutType: 'dashboard_card', leftText: 'left', rightText: 'right' } },
      { ...base, view: 'main', layout: { layoutType: 'bitmap_view', data: 'Qk0=' } },
      { ...base, view: 'main', layout: { layoutType: 'bitmap_animation', frames: ['Qk0=', 'Qk1='], interval: 500, repeat: true } },
      { ...base, view: 'main', layout: { layoutType: 'clear_view' } },
      { ...base, view: 'dashboard', layout: { layoutType: 'clear_view' } },
      { ...base, view: 'main', layout: { layoutType: 'text_wall', text: 'bad view' } },
    ]);
  });

  test('showBitmapView returns a Promise, as published: resolved when sent, rejected (not thrown) for a bad bitmap', async () => {
    const user = await cloud.startSession({ app });
    await eventually(() => !!session);
    const shown = session.layouts.showBitmapView('Qk0=');
    expect(shown).toBeInstanceOf(Promise);
    await expect(shown).resolves.toBeUndefined();
    let bad: Promise<void> | undefined;
    expect(() => {
      bad = session.layouts.showBitmapView('');
    }).not.toThrow();
    await expect(bad).rejects.toMatchObject({ name: 'SdkError', code: 'invalid_argument' });
    await eventually(() => user.sent('display_event').length === 1);
    expect(user.sent('display_event')[0].layout).toEqual({ layoutType: 'bitmap_view', data: 'Qk0=' });
  });

  test('the reference transcript echo layout matches byte-for-byte apart from the timestamp', async () => {
    const user = await cloud.startSession({ app });
    await eventually(() => !!session);
    session.layouts.showTextWall('echo: hello');
    const msg = await user.waitForMessage((m) => m.type === 'display_event');
    // from shared reference transcript mentra-sdk-2.1.29.echo.jsonl
    const reference = {
      timestamp: 'T',
      sessionId: '',
      type: 'display_event',
      packageName: 'com.example.app',
      view: 'main',
      layout: { layoutType: 'text_wall', text: 'echo: hello' },
    };
    expect(JSON.stringify({ ...msg, timestamp: 'T' })).toBe(JSON.stringify(reference));
  });
});
