/**
 * `session.events`, `session.layouts` and `session.settings` are created on first access: a session that
 * never touches them holds none of them, and once created each is the same object on every access.
 */
import { EventManager } from '../../src/app/events';
import { LayoutManager } from '../../src/app/layouts';
import { SettingsManager } from '../../src/app/settings';
import type { AppSession } from '../../src';
import { eventually } from '../helpers/apps';
import { harness, waitSent } from '../helpers/modules';

const MANAGERS = [EventManager, LayoutManager, SettingsManager];

/** The managers an object holds in its own properties. */
function heldManagers(session: AppSession): string[] {
  return Object.values(session)
    .filter((v) => MANAGERS.some((M) => v instanceof M))
    .map((v) => (v as object).constructor.name)
    .sort();
}

describe('the session managers are created on first access', () => {
  const h = harness();

  test('a session that did not touch them holds none', async () => {
    const { session } = await h.start();
    expect(heldManagers(session)).toEqual([]);
  });

  test('each is created once, on first access, and works as before', async () => {
    const { user, session } = await h.start();
    const settings = session.settings;
    expect(settings).toBeInstanceOf(SettingsManager);
    expect(heldManagers(session)).toEqual(['SettingsManager']);
    expect(session.settings).toBe(settings);

    const events = session.events;
    expect(events).toBeInstanceOf(EventManager);
    expect(session.events).toBe(events);
    const layouts = session.layouts;
    expect(layouts).toBeInstanceOf(LayoutManager);
    expect(session.layouts).toBe(layouts);
    expect(heldManagers(session)).toEqual(['EventManager', 'LayoutManager', 'SettingsManager']);

    const texts: string[] = [];
    session.events.onTranscription((d) => void texts.push(d.text));
    await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
    await user.transcribe('hello');
    session.layouts.showTextWall('shown');
    await waitSent(user, 'display_event', (m) => m.layout?.text === 'shown');
    await eventually(() => texts.includes('hello'), 10_000, 'the transcription');
  });

  test('an app may assign one, as the published plain properties allowed: no TypeError, and the session reads it', async () => {
    const { session } = await h.start();
    void session.events;
    const replacement = {};
    expect(() => {
      (session as unknown as { events: unknown }).events = replacement;
    }).not.toThrow();
    expect(session.events).toBe(replacement);
  });
});
