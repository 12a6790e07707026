/**
 * `session.layouts` at its edges, on the wire of a real session: the 1.0 positional duration, which durations
 * are sent, text that is not a string, unknown views, the bitmap bounds and the animation's defaults. And the
 * published `new LayoutManager(packageName, sendMessage)` form.
 */
import { LayoutManager, ViewType } from '../../src';
import { harness, sdkRejection, thrown } from '../helpers/modules';

/** The layouts sent, without their timestamps, once `count` have arrived. */
async function sentLayouts(user: { sent(type: string): any[]; waitForMessage(p: (m: any) => boolean): Promise<any> }, count: number) {
  await user.waitForMessage(() => user.sent('display_event').length >= count);
  return user.sent('display_event').map(({ view, layout, durationMs }) => ({ view, layout, durationMs }));
}

describe('session.layouts at its edges', () => {
  const h = harness();

  test('a number in place of the options is the duration (1.0), for every text layout; the dashboard card defaults to the dashboard', async () => {
    const { user, session } = await h.start();
    session.layouts.showTextWall('a', 3000);
    session.layouts.showDoubleTextWall('t', 'b', 0);
    session.layouts.showReferenceCard('T', 'x', 5000);
    session.layouts.showDashboardCard('l', 'r', 1500);
    expect(await sentLayouts(user, 4)).toEqual([
      { view: 'main', layout: { layoutType: 'text_wall', text: 'a' }, durationMs: 3000 },
      { view: 'main', layout: { layoutType: 'double_text_wall', topText: 't', bottomText: 'b' }, durationMs: 0 },
      { view: 'main', layout: { layoutType: 'reference_card', title: 'T', text: 'x' }, durationMs: 5000 },
      { view: 'dashboard', layout: { layoutType: 'dashboard_card', leftText: 'l', rightText: 'r' }, durationMs: 1500 },
    ]);
  });

  test('only a finite duration of 0 or more is sent', async () => {
    const { user, session } = await h.start();
    for (const durationMs of [0, Number.NaN, Number.POSITIVE_INFINITY, -1, '5', null]) session.layouts.showTextWall('x', { durationMs: durationMs as number });
    const sent = await sentLayouts(user, 6);
    expect(sent.map((m) => m.durationMs)).toEqual([0, undefined, undefined, undefined, undefined, undefined]);
  });

  test('text that is not a string is sent as text; null and undefined as empty text; null options are none', async () => {
    const { user, session } = await h.start();
    session.layouts.showTextWall(null as never);
    session.layouts.showTextWall(undefined as never, null as never);
    session.layouts.showReferenceCard(42 as never, { toString: () => 'object' } as never);
    expect(await sentLayouts(user, 3)).toEqual([
      { view: 'main', layout: { layoutType: 'text_wall', text: '' } },
      { view: 'main', layout: { layoutType: 'text_wall', text: '' } },
      { view: 'main', layout: { layoutType: 'reference_card', title: '42', text: 'object' } },
    ]);
  });

  test('an unknown view is shown on main with one warning naming it; main and dashboard are taken silently', async () => {
    const { user, session, logger } = await h.startWatched();
    session.layouts.showTextWall('m', { view: ViewType.MAIN });
    session.layouts.showTextWall('d', { view: 'dashboard' });
    session.layouts.showTextWall('n', { view: 'nowhere' as never });
    expect((await sentLayouts(user, 3)).map((m) => m.view)).toEqual(['main', 'dashboard', 'main']);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual(['Unknown view "nowhere"; showing on "main"']);
  });

  test('showBitmapView rejects a bitmap that is not text, is empty or is over 1,000,000 characters, saying which', async () => {
    const { user, session } = await h.start();
    for (const data of [undefined, 42, '']) {
      const err = await sdkRejection(session.layouts.showBitmapView(data as never), 'invalid_argument');
      expect(err.message).toBe('showBitmapView needs the bitmap as a base64 string');
    }
    const over = await sdkRejection(session.layouts.showBitmapView('A'.repeat(1_000_001)), 'invalid_argument');
    expect(over.message).toBe('The bitmap is 1000001 characters; at most 1000000 are accepted');
    await expect(session.layouts.showBitmapView('A'.repeat(1_000_000), { view: ViewType.DASHBOARD })).resolves.toBeUndefined();
    const [shown] = await sentLayouts(user, 1);
    expect(shown).toEqual({ view: 'dashboard', layout: { layoutType: 'bitmap_view', data: 'A'.repeat(1_000_000) } });
  });

  test('showBitmapAnimation: every 1650 ms, once, by default; stop() clears the view it showed on; frames are checked', async () => {
    const { user, session } = await h.start();
    const animation = session.layouts.showBitmapAnimation(['Qk0=']);
    session.layouts.showBitmapAnimation(['Qk0=', 'Qk1='], 200, true, { view: ViewType.DASHBOARD }).stop();
    animation.stop();
    expect(await sentLayouts(user, 4)).toEqual([
      { view: 'main', layout: { layoutType: 'bitmap_animation', frames: ['Qk0='], interval: 1650, repeat: false } },
      { view: 'dashboard', layout: { layoutType: 'bitmap_animation', frames: ['Qk0=', 'Qk1='], interval: 200, repeat: true } },
      { view: 'dashboard', layout: { layoutType: 'clear_view' } },
      { view: 'main', layout: { layoutType: 'clear_view' } },
    ]);
    for (const frames of [undefined, 'Qk0=', [], ['Qk0=', 7]]) {
      expect(thrown(() => session.layouts.showBitmapAnimation(frames as never))).toMatchObject({
        code: 'invalid_argument',
        message: 'showBitmapAnimation needs a non-empty array of base64 frames',
      });
    }
  });
});

describe('new LayoutManager(packageName, sendMessage)', () => {
  test('each layout goes to the function as a display_event of that package', () => {
    const sent: any[] = [];
    const layouts = new LayoutManager('com.example.own', (m) => void sent.push(m));
    layouts.showDashboardCard('l', 'r');
    layouts.clearView();
    expect(sent.map(({ timestamp, ...m }) => m)).toEqual([
      {
        sessionId: '',
        type: 'display_event',
        packageName: 'com.example.own',
        view: 'dashboard',
        layout: { layoutType: 'dashboard_card', leftText: 'l', rightText: 'r' },
      },
      { sessionId: '', type: 'display_event', packageName: 'com.example.own', view: 'main', layout: { layoutType: 'clear_view' } },
    ]);
  });

  test('without a function: invalid_argument saying what it needs', () => {
    expect(thrown(() => new LayoutManager('com.example.own', 'send' as never))).toMatchObject({
      code: 'invalid_argument',
      message: 'new LayoutManager(packageName, sendMessage) needs a sendMessage function',
    });
  });

  test('a sendMessage that throws makes showBitmapView reject with its error (nothing thrown)', async () => {
    const failure = new Error('socket gone');
    const layouts = new LayoutManager('com.example.own', () => {
      throw failure;
    });
    let shown: Promise<void> | undefined;
    expect(() => {
      shown = layouts.showBitmapView('Qk0=');
    }).not.toThrow();
    await expect(shown).rejects.toBe(failure);
  });
});
