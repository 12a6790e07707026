import { eventually } from '../../helpers/apps';
import { harness, waitSent } from '../../helpers/modules';

describe('session.dashboard', () => {
  const h = harness();

  test('content.write, writeToMain and writeToExpanded send dashboard_content_update with the "<sid>-<pkg>" session id', async () => {
    const { user, session } = await h.start();
    expect(session.dashboard.system).toBeUndefined();
    session.dashboard.content.write('both', ['main', 'expanded'] as never);
    session.dashboard.content.writeToMain('main only');
    session.dashboard.content.writeToExpanded('expanded only');
    const both = await waitSent(user, 'dashboard_content_update', (m) => m.content === 'both');
    expect(both).toEqual({
      type: 'dashboard_content_update',
      packageName: 'com.example.app',
      sessionId: `${user.sessionId}-com.example.app`,
      content: 'both',
      modes: ['main', 'expanded'],
      timestamp: expect.any(String),
    });
    expect((await waitSent(user, 'dashboard_content_update', (m) => m.content === 'main only')).modes).toEqual(['main']);
    expect((await waitSent(user, 'dashboard_content_update', (m) => m.content === 'expanded only')).modes).toEqual(['expanded']);
    session.dashboard.content.write('default');
    expect((await waitSent(user, 'dashboard_content_update', (m) => m.content === 'default')).modes).toEqual(['main']);
  });

  test('1.x forms: writeToExpanded with a layout sends the layout, writeToAlwaysOn the always_on mode', async () => {
    const { user, session } = await h.start();
    session.dashboard.content.writeToExpanded({ layoutType: 'text_wall', text: 'Hi' } as never);
    session.dashboard.content.writeToAlwaysOn('3 new messages');
    const layout = await waitSent(user, 'dashboard_content_update', (m) => typeof m.content === 'object');
    expect(layout).toMatchObject({ content: { layoutType: 'text_wall', text: 'Hi' }, modes: ['expanded'] });
    expect((await waitSent(user, 'dashboard_content_update', (m) => m.content === '3 new messages')).modes).toEqual(['always_on']);
  });

  test('the system dashboard app gets dashboard.system: corners and view mode', async () => {
    const { user, session } = await h.start({ packageName: 'system.augmentos.dashboard' });
    const system = session.dashboard.system!;
    system.setTopLeft('10:42');
    system.setTopRight('80%');
    system.setBottomLeft('left');
    system.setBottomRight('right');
    system.setViewMode('expanded' as never);
    const sid = `${user.sessionId}-system.augmentos.dashboard`;
    for (const [section, content] of [
      ['topLeft', '10:42'],
      ['topRight', '80%'],
      ['bottomLeft', 'left'],
      ['bottomRight', 'right'],
    ]) {
      const msg = await waitSent(user, 'dashboard_system_update', (m) => m.section === section);
      expect(msg).toMatchObject({ packageName: 'system.augmentos.dashboard', sessionId: sid, section, content });
    }
    expect(await waitSent(user, 'dashboard_mode_change')).toMatchObject({ packageName: 'system.augmentos.dashboard', sessionId: sid, mode: 'expanded' });
  });

  test('dashboard_mode_changed drives getCurrentMode and onModeChange; repeated or invalid modes are ignored', async () => {
    const { user, session } = await h.start();
    const seen: string[] = [];
    const fromEvents: string[] = [];
    session.dashboard.content.onModeChange((m) => void seen.push(m));
    session.events.onDashboardModeChange((d) => void fromEvents.push(d.mode));
    expect(await session.dashboard.content.getCurrentMode()).toBe('none');
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'expanded' });
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'expanded' });
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 42 });
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'main' });
    await eventually(() => seen.length === 2);
    expect(seen).toEqual(['expanded', 'main']);
    expect(fromEvents).toEqual(['expanded', 'expanded', 'main']);
    expect(await session.dashboard.content.getCurrentMode()).toBe('main');
  });

  test('pitfall 7.2.11: dashboard_always_on_changed is handled (state, listeners, no error)', async () => {
    const { user, session, errors } = await h.startWatched();
    const changes: boolean[] = [];
    const events: boolean[] = [];
    session.dashboard.content.onAlwaysOnChange((on) => void changes.push(on));
    session.events.onDashboardAlwaysOnChange((d) => void events.push(d.enabled));
    expect(session.dashboard.content.isAlwaysOnEnabled()).toBeUndefined();
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: true });
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: false });
    await eventually(() => changes.length === 2);
    expect(changes).toEqual([true, false]);
    expect(events).toEqual([true, false]);
    expect(session.dashboard.content.isAlwaysOnEnabled()).toBe(false);
    expect(errors).toEqual([]);
  });

  test('content that is not text (nor a layout) is sent as text; targets that name no mode mean the main dashboard', async () => {
    const { user, session } = await h.start();
    const content = session.dashboard.content;
    content.write(42 as never);
    content.write(null as never, ['expanded'] as never);
    content.writeToExpanded({ text: 'no layout type' } as never);
    content.writeToExpanded(undefined as never);
    content.write('no modes', [] as never);
    content.write('not a list', 'expanded' as never);
    content.write('done');
    await waitSent(user, 'dashboard_content_update', (m) => m.content === 'done');
    expect(user.sent('dashboard_content_update').map((m) => [m.content, m.modes])).toEqual([
      ['42', ['main']],
      ['', ['expanded']],
      ['[object Object]', ['expanded']],
      ['', ['expanded']],
      ['no modes', ['main']],
      ['not a list', ['main']],
      ['done', ['main']],
    ]);
  });

  test('a corner of the system dashboard that is not text is sent as text', async () => {
    const { user, session } = await h.start({ packageName: 'system.augmentos.dashboard' });
    session.dashboard.system!.setTopLeft(7 as never);
    session.dashboard.system!.setTopRight(undefined as never);
    session.dashboard.system!.setBottomLeft('end');
    await waitSent(user, 'dashboard_system_update', (m) => m.content === 'end');
    expect(user.sent('dashboard_system_update').map((m) => [m.section, m.content])).toEqual([
      ['topLeft', '7'],
      ['topRight', ''],
      ['bottomLeft', 'end'],
    ]);
  });

  test("the mode 'none' is a change too; a repeated always-on state is not; a throwing listener reaches onError", async () => {
    const { user, session, errors } = await h.startWatched();
    const modes: string[] = [];
    const alwaysOn: boolean[] = [];
    session.dashboard.content.onModeChange((m) => void modes.push(m));
    session.dashboard.content.onModeChange(() => {
      throw new Error('listener failed');
    });
    session.dashboard.content.onAlwaysOnChange((on) => void alwaysOn.push(on));
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'main' });
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'none' });
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: true });
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: true });
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: false });
    await eventually(() => alwaysOn.length === 2 && modes.length === 2);
    expect(modes).toEqual(['main', 'none']);
    expect(alwaysOn).toEqual([true, false]);
    expect(errors.map((e) => e.message)).toEqual(['listener failed', 'listener failed']);
  });
});
